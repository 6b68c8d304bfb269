import CCairo

/// Text as glyph outlines, read from Cairo with the same font setup as `CairoRenderer`, so an
/// SVG looks the same everywhere without the font installed and lays out exactly as PNG and PDF.
///
/// Owns a scratch Cairo context that lives as long as one SVG rendering; Cairo handles are not
/// thread-safe, so this class is used from one call only.
final class GlyphOutlines {
  /// One glyph of a laid-out text: its outline's key and its origin relative to the text's.
  struct Placement {
    var key: Key
    var x: Double
    var y: Double
  }

  /// A glyph of a font; sizes are distinct outlines because Cairo scales them before reading.
  struct Key: Hashable {
    var font: Font
    var index: UInt
  }

  private let surface: OpaquePointer
  private let cr: OpaquePointer

  init() throws {
    let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
    guard let surface, let cr = cairo_create(surface) else {
      cairo_surface_destroy(surface)
      throw PlotError.cairo("cannot create a context for glyph outlines")
    }
    let status = cairo_status(cr)
    guard status == CAIRO_STATUS_SUCCESS else {
      cairo_destroy(cr)
      cairo_surface_destroy(surface)
      throw PlotError.cairo(String(cString: cairo_status_to_string(status)))
    }
    CairoText.configure(cr)
    self.surface = surface
    self.cr = cr
  }

  deinit {
    cairo_destroy(cr)
    cairo_surface_destroy(surface)
  }

  func measure(_ text: String, font: Font) -> TextMetrics {
    CairoText.measure(text, font: font, on: cr)
  }

  /// The glyphs `cairo_show_text` would draw for `text`, placed from the origin (0, 0).
  func layout(_ text: String, font: Font) -> [Placement] {
    cairo_save(cr)
    defer { cairo_restore(cr) }
    CairoText.select(font, on: cr)
    guard let scaledFont = cairo_get_scaled_font(cr) else { return [] }
    var glyphs: UnsafeMutablePointer<cairo_glyph_t>? = nil
    var count: Int32 = 0
    let status = cairo_scaled_font_text_to_glyphs(
      scaledFont, 0, 0, text, -1, &glyphs, &count, nil, nil, nil)
    defer { cairo_glyph_free(glyphs) }
    guard status == CAIRO_STATUS_SUCCESS, let glyphs else { return [] }
    return (0..<Int(count)).map {
      Placement(
        key: Key(font: font, index: UInt(glyphs[$0].index)), x: glyphs[$0].x, y: glyphs[$0].y)
    }
  }

  /// The outline of one glyph with its origin at (0, 0), as path data in integer steps of
  /// `1 / stepsPerUnit`; empty for glyphs that draw nothing (spaces).
  func outline(_ key: Key, stepsPerUnit: Double) -> [UInt8] {
    cairo_save(cr)
    defer { cairo_restore(cr) }
    CairoText.select(key.font, on: cr)
    cairo_new_path(cr)
    var glyph = cairo_glyph_t(index: key.index, x: 0, y: 0)
    cairo_glyph_path(cr, &glyph, 1)
    guard let path = cairo_copy_path(cr) else { return [] }
    defer { cairo_path_destroy(path) }
    cairo_new_path(cr)
    guard path.pointee.status == CAIRO_STATUS_SUCCESS, let data = path.pointee.data else {
      return []
    }
    var encoder = SVGPathEncoder(grid: .unit, scale: stepsPerUnit)
    var i = 0
    let n = Int(path.pointee.num_data)
    var current = (x: 0.0, y: 0.0)
    while i < n {
      let header = data[i].header
      let length = max(1, Int(header.length))
      guard i + length <= n else { break }
      func point(_ k: Int) -> (x: Double, y: Double) { (data[i + k].point.x, data[i + k].point.y) }
      switch header.type {
      case CAIRO_PATH_MOVE_TO where length >= 2:
        current = point(1)
        encoder.move(encoder.q(current.x), encoder.q(current.y))
      case CAIRO_PATH_LINE_TO where length >= 2:
        current = point(1)
        encoder.line(encoder.q(current.x), encoder.q(current.y))
      case CAIRO_PATH_CURVE_TO where length >= 4:
        let (c1, c2, p) = (point(1), point(2), point(3))
        // A cubic raised from a quadratic has both controls 2/3 of the way to the quadratic's
        // one control, which then costs two numbers fewer (and `T` often none). Cairo keeps
        // paths in 24.8 fixed point, so the two estimates agree only to about 1/100 unit.
        let q1 = (x: (3 * c1.x - current.x) / 2, y: (3 * c1.y - current.y) / 2)
        let q2 = (x: (3 * c2.x - p.x) / 2, y: (3 * c2.y - p.y) / 2)
        if abs(q1.x - q2.x) < 0.02 && abs(q1.y - q2.y) < 0.02 {
          encoder.quadratic(
            encoder.q((q1.x + q2.x) / 2), encoder.q((q1.y + q2.y) / 2), encoder.q(p.x),
            encoder.q(p.y))
        } else {
          encoder.curve(
            encoder.q(c1.x), encoder.q(c1.y), encoder.q(c2.x), encoder.q(c2.y), encoder.q(p.x),
            encoder.q(p.y))
        }
        current = p
      case CAIRO_PATH_CLOSE_PATH:
        encoder.close()
      default:
        break
      }
      i += length
    }
    return encoder.bytes
  }
}
