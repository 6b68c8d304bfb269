import CCairo

/// The one way text is set up, measured and anchored, shared by `CairoRenderer` and the glyph
/// outlines of `SVGRenderer`, so a figure lays out identically in PNG, SVG and PDF.
enum CairoText {
  /// Unhinted metrics and outlines make text measure the same on raster and vector surfaces.
  static func configure(_ cr: OpaquePointer) {
    let options = cairo_font_options_create()
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
    cairo_set_font_options(cr, options)
    cairo_font_options_destroy(options)
  }

  static func select(_ font: Font, on cr: OpaquePointer) {
    cairo_select_font_face(
      cr, font.family, CAIRO_FONT_SLANT_NORMAL,
      font.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
    cairo_set_font_size(cr, font.size)
  }

  static func measure(_ text: String, font: Font, on cr: OpaquePointer) -> TextMetrics {
    cairo_save(cr)
    defer { cairo_restore(cr) }
    select(font, on: cr)
    var fe = cairo_font_extents_t()
    cairo_font_extents(cr, &fe)
    var te = cairo_text_extents_t()
    cairo_text_extents(cr, text, &te)
    return TextMetrics(width: te.x_advance, ascent: fe.ascent, descent: fe.descent)
  }

  /// Where the text's origin (left end of the baseline) sits relative to the anchor point.
  static func originOffset(_ m: TextMetrics, anchor: TextAnchor) -> Point {
    let dx: Double
    switch anchor.horizontal {
    case .left: dx = 0
    case .center: dx = -m.width / 2
    case .right: dx = -m.width
    }
    let dy: Double
    switch anchor.vertical {
    case .top: dy = m.ascent
    case .center: dy = (m.ascent - m.descent) / 2
    case .baseline: dy = 0
    case .bottom: dy = -m.descent
    }
    return Point(dx, dy)
  }
}
