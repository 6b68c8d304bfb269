import CCairo

/// The straight-alpha bytes of a Cairo image surface: `channels` 4 gives RGBA, 3 drops alpha
/// (for opaque images). Cairo keeps premultiplied native-endian ARGB words; PNG encoding and
/// `RasterImage` both need this conversion, and it sits on the PNG hot path, so it divides only
/// for the partly transparent pixels.
func straightAlphaPixels(of surface: OpaquePointer, channels: Int) -> (
  pixels: [UInt8], width: Int, height: Int
)? {
  cairo_surface_flush(surface)
  let width = Int(cairo_image_surface_get_width(surface))
  let height = Int(cairo_image_surface_get_height(surface))
  let stride = Int(cairo_image_surface_get_stride(surface))
  let noAlpha = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24
  guard width > 0, height > 0, channels == 3 || channels == 4,
    let data = cairo_image_surface_get_data(surface)
  else { return nil }
  var pixels = [UInt8](repeating: 0, count: width * height * channels)
  var i = 0
  for y in 0..<height {
    let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
    for x in 0..<width {
      let v = row[x]
      let a = noAlpha ? 0xff : v >> 24
      var (r, g, b) = ((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff)
      if a != 0xff && a != 0 {
        r = min(255, (r * 255 + a / 2) / a)
        g = min(255, (g * 255 + a / 2) / a)
        b = min(255, (b * 255 + a / 2) / a)
      }
      pixels[i] = UInt8(r)
      pixels[i + 1] = UInt8(g)
      pixels[i + 2] = UInt8(b)
      if channels == 4 { pixels[i + 3] = UInt8(a) }
      i += channels
    }
  }
  return (pixels, width, height)
}
