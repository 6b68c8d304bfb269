import CCairo

/// Encodes drawings through Cairo's surfaces: pixels at a scale for PNG, points for PDF. Also
/// draws into pixels without encoding (`rasterize`). SVG figures are written by `SVGRenderer`;
/// Cairo's SVG surface is kept only to measure it against.
package enum CairoCanvas {
  /// Cairo's image surfaces stop at 32767 pixels a side.
  static let maximumPixels: Double = 32767
  /// The most pixels a figure may have in all (8192 × 8192; 256 MB as ARGB), so that a figure
  /// of the largest sides (4 GB, minutes to encode) is refused rather than drawn.
  package static let maximumArea: Double = 67_108_864

  /// A figure's display unit is a CSS pixel, 1/96 inch: PNGs say so (at their scale).
  static let pixelsPerInch = 96.0
  /// PDF pages are measured in points (1/72 in).
  static let pointsPerPixel = 72.0 / pixelsPerInch

  /// The Cairo surfaces a drawing can be encoded on.
  package enum Format: Sendable {
    case png, svg, pdf
  }

  /// Draws with `draw` on a Cairo surface and returns the file's bytes; `scale` multiplies PNG
  /// pixels only.
  package static func renderWithCairo(
    format: Format, width: Double, height: Double, scale: Double = 1,
    draw: (Renderer) -> Void
  ) throws -> [UInt8] {
    try validate(width: width, height: height, scale: scale, pixelScale: format == .png ? scale : 1)

    let sink = ByteSink()
    let closure = Unmanaged.passUnretained(sink).toOpaque()
    let surface: OpaquePointer
    var contextScale = 1.0
    switch format {
    case .png:
      surface = cairo_image_surface_create(
        CAIRO_FORMAT_ARGB32, Int32((width * scale).rounded()), Int32((height * scale).rounded()))
      contextScale = scale
    case .svg:
      surface = cairo_svg_surface_create_for_stream(writeToSink, closure, width, height)
      cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX)
    case .pdf:
      surface = cairo_pdf_surface_create_for_stream(
        writeToSink, closure, width * pointsPerPixel, height * pointsPerPixel)
      // An empty creation date keeps two renderings of one figure byte-identical.
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "")
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Downhill")
      contextScale = pointsPerPixel
    }
    defer { cairo_surface_destroy(surface) }
    try check(cairo_surface_status(surface))

    let cr = cairo_create(surface)!
    cairo_scale(cr, contextScale, contextScale)
    // An eighth of a unit is below what any screen or printer shows at 100 %, and keeps
    // vector path data short.
    draw(
      CairoRenderer(
        context: cr, coordinateGrid: format == .png ? 0 : 0.125,
        lineColumnWidth: format == .png ? 0.5 / scale : format == .pdf ? 0.25 : 1))
    let drawStatus = cairo_status(cr)
    cairo_destroy(cr)
    try check(drawStatus)

    if format == .png {
      sink.bytes = try PNGEncoder.encode(surface: surface, pixelsPerInch: pixelsPerInch * scale)
    }
    cairo_surface_finish(surface)
    try check(cairo_surface_status(surface))
    return sink.bytes
  }

  /// Throws unless a figure of this size, drawn `pixelScale` device pixels per display unit,
  /// fits a Cairo surface (`scale` is the one asked for, checked even where it is not used).
  static func validate(
    width: Double, height: Double, scale: Double, pixelScale: Double
  ) throws {
    guard width.isFinite, height.isFinite, scale.isFinite, scale > 0,
      width * pixelScale >= 1, height * pixelScale >= 1,
      width * pixelScale <= maximumPixels, height * pixelScale <= maximumPixels,
      width * pixelScale * height * pixelScale <= maximumArea
    else { throw PlotError.invalidSize(width: width, height: height, scale: scale) }
  }

  /// Draws into pixels rather than a file: for animation frames, and for marks rasterised
  /// inside a vector figure (matplotlib's `rasterized=True`).
  static func rasterize(
    width: Double, height: Double, scale: Double = 1, draw: (Renderer) -> Void
  ) throws -> RasterImage {
    guard width.isFinite, height.isFinite, scale.isFinite, scale > 0, width * scale >= 1,
      height * scale >= 1,
      width * scale <= maximumPixels, height * scale <= maximumPixels,
      width * scale * height * scale <= maximumArea
    else { throw PlotError.invalidSize(width: width, height: height, scale: scale) }
    let surface = cairo_image_surface_create(
      CAIRO_FORMAT_ARGB32, Int32((width * scale).rounded()), Int32((height * scale).rounded()))!
    defer { cairo_surface_destroy(surface) }
    try check(cairo_surface_status(surface))
    let cr = cairo_create(surface)!
    cairo_scale(cr, scale, scale)
    draw(CairoRenderer(context: cr, lineColumnWidth: 0.5 / scale))
    let status = cairo_status(cr)
    cairo_destroy(cr)
    try check(status)
    guard let image = RasterImage(imageSurface: surface) else {
      throw PlotError.cairo("empty raster")
    }
    return image
  }

  private static func check(_ status: cairo_status_t) throws {
    guard status == CAIRO_STATUS_SUCCESS else {
      throw PlotError.cairo(String(cString: cairo_status_to_string(status)))
    }
  }
}

/// Collects what a Cairo stream surface writes. Lives only for one `render` call.
private final class ByteSink {
  var bytes: [UInt8] = []
}

private func writeToSink(
  _ closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?, _ length: UInt32
) -> cairo_status_t {
  guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
  let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
  sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
  return CAIRO_STATUS_SUCCESS
}
