import CCairo

/// `Renderer` on a Cairo context: PNG and PDF (and Cairo's own SVG, kept for comparison; figures
/// go to SVG through `SVGRenderer`). The differences between Cairo's formats live in
/// `CairoCanvas`.
final class CairoRenderer: Renderer {
  let cr: OpaquePointer
  /// Vector formats snap path coordinates to this grid (display units), so Cairo writes
  /// "118.375" rather than "118.410156"; 0 keeps full precision (raster output).
  private let grid: Double

  /// Half a device pixel for raster output (whole-pixel columns shift antialiased edges by a
  /// visible fraction); print resolution (a quarter unit) for PDF.
  let lineColumnWidth: Double

  init(context: OpaquePointer, coordinateGrid: Double = 0, lineColumnWidth: Double = 0.5) {
    cr = context
    grid = coordinateGrid
    self.lineColumnWidth = lineColumnWidth
    CairoText.configure(cr)
  }

  func draw(_ path: Path, style: PathStyle) {
    guard !path.isEmpty, style.fill != nil || style.stroke != nil else { return }
    cairo_save(cr)
    defer { cairo_restore(cr) }
    cairo_set_antialias(cr, style.antialias ? CAIRO_ANTIALIAS_DEFAULT : CAIRO_ANTIALIAS_NONE)
    cairo_new_path(cr)
    let snap: (Double) -> Double = grid > 0 ? { [grid] in ($0 / grid).rounded() * grid } : { $0 }
    for element in path.elements {
      switch element {
      case .move(let p): cairo_move_to(cr, snap(p.x), snap(p.y))
      case .line(let p): cairo_line_to(cr, snap(p.x), snap(p.y))
      case .curve(let c1, let c2, let p):
        cairo_curve_to(cr, snap(c1.x), snap(c1.y), snap(c2.x), snap(c2.y), snap(p.x), snap(p.y))
      case .close: cairo_close_path(cr)
      }
    }
    if let fill = style.fill {
      setColor(fill)
      if style.stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
    }
    if let stroke = style.stroke {
      setColor(stroke.color)
      cairo_set_line_width(cr, stroke.width)
      cairo_set_line_cap(cr, Self.cap(stroke.cap))
      cairo_set_line_join(cr, Self.join(stroke.join))
      if !stroke.dash.isEmpty {
        stroke.dash.withUnsafeBufferPointer {
          cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0)
        }
      }
      cairo_stroke(cr)
    }
  }

  func draw(_ image: RasterImage, in rect: Rect, smooth: Bool) {
    guard rect.width > 0, rect.height > 0 else { return }
    let surface = cairo_image_surface_create(
      CAIRO_FORMAT_ARGB32, Int32(image.width), Int32(image.height))
    defer { cairo_surface_destroy(surface) }
    cairo_surface_flush(surface)
    let stride = Int(cairo_image_surface_get_stride(surface))
    guard let data = cairo_image_surface_get_data(surface) else { return }
    // Cairo's ARGB32 is premultiplied, native-endian 32-bit words.
    for y in 0..<image.height {
      let row = data.advanced(by: y * stride).withMemoryRebound(
        to: UInt32.self, capacity: image.width
      ) { $0 }
      for x in 0..<image.width {
        let i = (y * image.width + x) * 4
        let a = UInt32(image.pixels[i + 3])
        let r = (UInt32(image.pixels[i]) * a + 127) / 255
        let g = (UInt32(image.pixels[i + 1]) * a + 127) / 255
        let b = (UInt32(image.pixels[i + 2]) * a + 127) / 255
        row[x] = (a << 24) | (r << 16) | (g << 8) | b
      }
    }
    cairo_surface_mark_dirty(surface)
    cairo_save(cr)
    defer { cairo_restore(cr) }
    cairo_translate(cr, rect.x, rect.y)
    cairo_scale(cr, rect.width / Double(image.width), rect.height / Double(image.height))
    cairo_set_source_surface(cr, surface, 0, 0)
    cairo_pattern_set_filter(
      cairo_get_source(cr), smooth ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_NEAREST)
    cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD)
    cairo_rectangle(cr, 0, 0, Double(image.width), Double(image.height))
    cairo_fill(cr)
  }

  func draw(
    text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double
  ) {
    guard !text.isEmpty else { return }
    let m = measure(text: text, font: font)
    cairo_save(cr)
    defer { cairo_restore(cr) }
    CairoText.select(font, on: cr)
    setColor(color)
    cairo_translate(cr, point.x, point.y)
    if rotation != 0 { cairo_rotate(cr, -rotation) }
    let origin = CairoText.originOffset(m, anchor: anchor)
    cairo_move_to(cr, origin.x, origin.y)
    cairo_show_text(cr, text)
  }

  func measure(text: String, font: Font) -> TextMetrics {
    CairoText.measure(text, font: font, on: cr)
  }

  /// One save/restore for the whole mesh instead of one per face: a 200×200 surface is 40,000
  /// faces.
  func drawPolygons(_ batch: PolygonBatch) {
    guard batch.count > 0 else { return }
    if batch.seamless && batch.antialias && drawSupersampled(batch) { return }
    cairo_save(cr)
    defer { cairo_restore(cr) }
    cairo_set_antialias(cr, batch.antialias ? CAIRO_ANTIALIAS_DEFAULT : CAIRO_ANTIALIAS_NONE)
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
    if batch.edgeWidth > 0 { cairo_set_line_width(cr, batch.edgeWidth) }
    let snap: (Double) -> Double = grid > 0 ? { [grid] in ($0 / grid).rounded() * grid } : { $0 }
    for i in 0..<batch.count {
      let polygon = batch.polygon(i)
      guard let first = polygon.first else { continue }
      cairo_new_path(cr)
      cairo_move_to(cr, snap(first.x), snap(first.y))
      for p in polygon.dropFirst() { cairo_line_to(cr, snap(p.x), snap(p.y)) }
      cairo_close_path(cr)
      setColor(batch.fills[i])
      if batch.edgeWidth > 0 {
        cairo_fill_preserve(cr)
        setColor(batch.edgeColor ?? batch.fills[i])
        cairo_stroke(cr)
      } else {
        cairo_fill(cr)
      }
    }
  }

  func pushClip(_ rect: Rect) {
    cairo_save(cr)
    cairo_new_path(cr)
    cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
    cairo_clip(cr)
  }

  func popClip() { cairo_restore(cr) }

  private func setColor(_ c: Color) {
    cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha)
  }

  private static func cap(_ c: LineCap) -> cairo_line_cap_t {
    switch c {
    case .butt: CAIRO_LINE_CAP_BUTT
    case .round: CAIRO_LINE_CAP_ROUND
    case .square: CAIRO_LINE_CAP_SQUARE
    }
  }

  private static func join(_ j: LineJoin) -> cairo_line_join_t {
    switch j {
    case .miter: CAIRO_LINE_JOIN_MITER
    case .round: CAIRO_LINE_JOIN_ROUND
    case .bevel: CAIRO_LINE_JOIN_BEVEL
    }
  }
}
