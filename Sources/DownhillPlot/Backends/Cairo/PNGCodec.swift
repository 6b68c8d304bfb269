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
    guard let (pixels, w, h) = straightAlphaPixels(of: surface, channels: 4) else { return nil }
    self.init(width: w, height: h, pixels: pixels)
  }

  /// Encodes the image as PNG.
  public func pngData() throws -> [UInt8] {
    try CairoCanvas.renderWithCairo(format: .png, width: Double(width), height: Double(height)) {
      r in
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
