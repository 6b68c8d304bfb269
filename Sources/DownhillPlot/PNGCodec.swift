import CCairo

/// PNG reading and writing for `RasterImage` through Cairo, so figure tests can compare pixels
/// and write diff images without another library.
extension RasterImage {
  /// Decodes PNG bytes; nil when they are not a PNG Cairo can read.
  public init?(png bytes: [UInt8]) {
    let source = ByteSource(bytes)
    guard
      let surface = cairo_image_surface_create_from_png_stream(
        readFromSource, Unmanaged.passUnretained(source).toOpaque())
    else { return nil }
    defer { cairo_surface_destroy(surface) }
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
      let image = RasterImage(imageSurface: surface)
    else {
      return nil
    }
    self = image
  }

  /// The pixels of a Cairo image surface, un-premultiplied.
  init?(imageSurface surface: OpaquePointer) {
    cairo_surface_flush(surface)
    let w = Int(cairo_image_surface_get_width(surface))
    let h = Int(cairo_image_surface_get_height(surface))
    let stride = Int(cairo_image_surface_get_stride(surface))
    let format = cairo_image_surface_get_format(surface)
    guard w > 0, h > 0, let data = cairo_image_surface_get_data(surface) else { return nil }
    var pixels = [UInt8](repeating: 0, count: w * h * 4)
    for y in 0..<h {
      let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
      for x in 0..<w {
        let v = row[x]
        let a = format == CAIRO_FORMAT_RGB24 ? 255 : (v >> 24) & 0xff
        // Undo Cairo's premultiplied alpha.
        func channel(_ c: UInt32) -> UInt8 { a == 0 ? 0 : UInt8(min(255, (c * 255 + a / 2) / a)) }
        let i = (y * w + x) * 4
        pixels[i] = channel((v >> 16) & 0xff)
        pixels[i + 1] = channel((v >> 8) & 0xff)
        pixels[i + 2] = channel(v & 0xff)
        pixels[i + 3] = UInt8(a)
      }
    }
    self.init(width: w, height: h, pixels: pixels)
  }

  /// Encodes the image as PNG.
  public func pngData() throws -> [UInt8] {
    try CairoCanvas.render(format: .png, width: Double(width), height: Double(height)) { r in
      r.draw(
        self, in: Rect(x: 0, y: 0, width: Double(width), height: Double(height)), smooth: false)
    }
  }
}

private final class ByteSource {
  let bytes: [UInt8]
  var offset = 0
  init(_ bytes: [UInt8]) { self.bytes = bytes }
}

private func readFromSource(
  _ closure: UnsafeMutableRawPointer?, _ data: UnsafeMutablePointer<UInt8>?, _ length: UInt32
) -> cairo_status_t {
  guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
  let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
  let n = Int(length)
  guard source.offset + n <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
  source.bytes.withUnsafeBufferPointer { buffer in
    data.update(from: buffer.baseAddress! + source.offset, count: n)
  }
  source.offset += n
  return CAIRO_STATUS_SUCCESS
}
