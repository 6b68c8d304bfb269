/// `Renderer` that writes compact SVG 1.1 directly, instead of through Cairo's SVG surface,
/// whose output (a `style` with six-decimal percentages on every path, `L` before every point)
/// is several times larger.
///
/// Paths are on a 1/8-unit grid like Cairo's vector output; text is glyph outlines from Cairo,
/// each defined once and placed with `<use>`, so the file needs no fonts and lays out exactly as
/// PNG and PDF (or, with `SVGOptions.textAsText`, `<text>` elements). Ids (`g1` glyphs, `c1`
/// clips) are numbered in order of first use behind a prefix derived from the drawing (see
/// `SVGOptions.idPrefix`), so the bytes depend only on what was drawn.
final class SVGRenderer: Renderer {
  private let width: Double
  private let height: Double
  private let options: SVGOptions
  private var body: [UInt8] = []
  private var defs: [UInt8] = []
  private let glyphs: GlyphOutlines
  /// Whether any text was drawn as `<text>`, which then needs the root's font list.
  private var wroteText = false
  /// Glyph id in `defs`, or nil for a glyph with no outline (space).
  private var glyphIDs: [GlyphOutlines.Key: Int?] = [:]
  private var nextGlyphID = 1
  private var nextClipID = 1
  private var openClips = 0

  /// Consecutive paths with the same style share one `<g>`. A run's first path is held back so
  /// a lone path is written as one element rather than a group of one.
  private var runStyle: [UInt8] = []
  private var runFirstPath: [UInt8]?
  private var runGroupOpen = false

  init(width: Double, height: Double, options: SVGOptions = SVGOptions()) throws {
    self.width = width
    self.height = height
    self.options = options
    glyphs = try GlyphOutlines()
  }

  /// Draws with `draw` and returns the SVG document. The size is checked as for Cairo's vector
  /// surfaces (the text's outlines come from Cairo); `scale` is checked but does not apply.
  static func render(
    width: Double, height: Double, scale: Double = 1, options: SVGOptions = SVGOptions(),
    metadata: DocumentMetadata = DocumentMetadata(), draw: (Renderer) -> Void
  ) throws -> [UInt8] {
    try CairoCanvas.validate(width: width, height: height, scale: scale, pixelScale: 1)
    if let prefix = options.idPrefix, !SVGOptions.isValidIDPrefix(prefix) {
      throw PlotError.invalidSVGIDPrefix(prefix)
    }
    let renderer = try SVGRenderer(width: width, height: height, options: options)
    draw(renderer)
    return renderer.finish(metadata: metadata)
  }

  /// Stands where the id prefix goes until the document is complete and the prefix can be
  /// derived from it. A control character: nothing else written (escaped text, numbers,
  /// base64) can contain it.
  static let prefixMark = "\u{1}"

  /// The finished document. Closes anything still open; call once, after drawing.
  func finish(metadata: DocumentMetadata = DocumentMetadata()) -> [UInt8] {
    endRun()
    for _ in 0..<openClips { append("</g>\n") }
    openClips = 0
    var out: [UInt8] = []
    out.reserveCapacity(body.count + defs.count + 600)
    out.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
    out.append(
      contentsOf:
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\""
        .utf8)
    let w = SVGNumber.string(width)
    let h = SVGNumber.string(height)
    out.append(contentsOf: " width=\"\(w)px\" height=\"\(h)px\" viewBox=\"0 0 \(w) \(h)\"".utf8)
    if wroteText {
      SVGAttributes.append(
        "font-family", "DejaVu Sans, \(SVGOptions.fallbackFonts)", to: &out)
    }
    // One image to assistive technology, named by its title and described by its description.
    SVGAttributes.append("role", "img", to: &out)
    let title = metadata.title.map(SVGAttributes.escaped).flatMap { $0.isEmpty ? nil : $0 }
    let description = metadata.description.map(SVGAttributes.escaped).flatMap {
      $0.isEmpty ? nil : $0
    }
    if title != nil { SVGAttributes.append("aria-labelledby", "\(Self.prefixMark)title", to: &out) }
    if description != nil {
      SVGAttributes.append("aria-describedby", "\(Self.prefixMark)desc", to: &out)
    }
    out.append(contentsOf: ">\n".utf8)
    if let title {
      out.append(contentsOf: "<title id=\"\(Self.prefixMark)title\">\(title)</title>\n".utf8)
    }
    if let description {
      out.append(contentsOf: "<desc id=\"\(Self.prefixMark)desc\">\(description)</desc>\n".utf8)
    }
    if !defs.isEmpty {
      out.append(contentsOf: "<defs>\n".utf8)
      out.append(contentsOf: defs)
      out.append(contentsOf: "</defs>\n".utf8)
    }
    out.append(contentsOf: body)
    out.append(contentsOf: "</svg>\n".utf8)
    let prefix = Array((options.idPrefix ?? SVGIDPrefix.derived(from: out)).utf8)
    let mark = Self.prefixMark.utf8.first!
    var document: [UInt8] = []
    document.reserveCapacity(out.count + 2000)
    for byte in out {
      if byte == mark { document.append(contentsOf: prefix) } else { document.append(byte) }
    }
    return document
  }

  // MARK: Renderer

  func draw(_ path: Path, style: PathStyle) {
    guard !path.isEmpty, style.fill != nil || style.stroke != nil else { return }
    var encoder = SVGPathEncoder(grid: .eighth)
    encoder.append(path)
    guard !encoder.bytes.isEmpty else { return }
    let attributes = SVGAttributes.style(style)
    if encoder.bytes.count > 200 {
      // A long path of noisy data is mostly fractions: as integer eighths under a scale it is
      // about a third shorter ("947" for "118.375"). Same grid, so the same geometry.
      var eighths = SVGPathEncoder(grid: .unit, scale: 8)
      eighths.append(path)
      var scaled = SVGAttributes.style(style, scale: 8)
      SVGAttributes.append("transform", "scale(.125)", to: &scaled)
      if eighths.bytes.count + scaled.count < encoder.bytes.count + attributes.count {
        endRun()
        appendPath(eighths.bytes, attributes: scaled)
        return
      }
    }
    if (runFirstPath != nil || runGroupOpen) && attributes == runStyle {
      if let first = runFirstPath {
        append("<g")
        body.append(contentsOf: runStyle)
        append(">\n")
        appendPath(first, attributes: [])
        runFirstPath = nil
        runGroupOpen = true
      }
      appendPath(encoder.bytes, attributes: [])
    } else {
      endRun()
      runStyle = attributes
      runFirstPath = encoder.bytes
    }
  }

  /// A dense line keeps four points per CSS pixel column, SVG's unit.
  var lineColumnWidth: Double { 1 }

  func drawPolygons(_ batch: PolygonBatch) {
    // A batch not built through `append` could index past its points; draw nothing then.
    guard batch.count > 0, batch.starts.count == batch.count + 1,
      zip(batch.starts, batch.starts.dropFirst()).allSatisfy({ 0 <= $0 && $0 <= $1 }),
      (batch.starts.last ?? 0) <= batch.points.count
    else { return }
    endRun()
    // A mesh's projected vertices land anywhere on the grid, so integer eighths under a scale
    // are much shorter than decimals ("3299" for "412.375"); a grid-aligned batch is not. A
    // sample of the first polygons decides for the whole batch.
    var decimals = 0
    var eighths = 0
    for i in 0..<min(batch.count, 64) {
      var a = SVGPathEncoder(grid: .eighth)
      a.appendPolygon(batch.polygon(i))
      decimals += a.bytes.count
      var b = SVGPathEncoder(grid: .unit, scale: 8)
      b.appendPolygon(batch.polygon(i))
      eighths += b.bytes.count
    }
    let scale: Double = eighths + 24 < decimals ? 8 : 1
    var group: [UInt8] = []
    if scale != 1 { SVGAttributes.append("transform", "scale(.125)", to: &group) }
    let strokes = batch.edgeWidth > 0
    if strokes {
      if let edge = batch.edgeColor { SVGAttributes.appendPaint("stroke", edge, to: &group) }
      if batch.edgeWidth * scale != 1 {
        SVGAttributes.append("stroke-width", number: batch.edgeWidth * scale, to: &group)
      }
      SVGAttributes.append("stroke-linejoin", "round", to: &group)
    }
    if !batch.antialias { SVGAttributes.append("shape-rendering", "crispEdges", to: &group) }
    if !group.isEmpty {
      append("<g")
      body.append(contentsOf: group)
      append(">\n")
    }
    var i = 0
    while i < batch.count {
      let fill = batch.fills[i]
      var encoder = SVGPathEncoder(grid: scale == 1 ? .eighth : .unit, scale: scale)
      encoder.appendPolygon(batch.polygon(i))
      var next = i + 1
      // Opaque neighbours of one colour (outlined in that colour, if at all) paint the same
      // pixels as one path, minus the antialiasing seams between them.
      if fill.alpha >= 1 && batch.edgeColor == nil {
        while next < batch.count && batch.fills[next] == fill {
          encoder.appendPolygon(batch.polygon(next))
          next += 1
        }
      }
      i = next
      guard !encoder.bytes.isEmpty else { continue }
      var attributes: [UInt8] = []
      SVGAttributes.appendPaint("fill", fill, to: &attributes)
      if strokes && batch.edgeColor == nil {
        SVGAttributes.appendPaint("stroke", fill, to: &attributes)
      }
      appendPath(encoder.bytes, attributes: attributes)
    }
    if !group.isEmpty { append("</g>\n") }
  }

  func draw(_ image: RasterImage, in rect: Rect, smooth: Bool) {
    guard rect.width > 0, rect.height > 0 else { return }
    let embedded = smooth ? image : Self.blockUpscaled(image, toCover: rect)
    guard let png = try? embedded.pngData() else { return }
    endRun()
    append("<image")
    SVGAttributes.append("x", number: rect.x, to: &body)
    SVGAttributes.append("y", number: rect.y, to: &body)
    SVGAttributes.append("width", number: rect.width, to: &body)
    SVGAttributes.append("height", number: rect.height, to: &body)
    append(" preserveAspectRatio=\"none\"")
    if !smooth {
      // `pixelated` where understood; renderers that reject it fall back to the attribute.
      append(" image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\"")
    }
    append(" xlink:href=\"data:image/png;base64,")
    SVGAttributes.appendBase64(png, to: &body)
    append("\"/>\n")
  }

  func draw(
    text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double
  ) {
    guard !text.isEmpty else { return }
    endRun()
    if options.textAsText {
      return drawAsText(
        text, at: point, font: font, color: color, anchor: anchor, rotation: rotation)
    }
    let origin = CairoText.originOffset(measure(text: text, font: font), anchor: anchor)
    let turned = rotation != 0 && rotation.isFinite
    append("<g")
    // The words stay in the file for search and screen readers; the glyphs draw them.
    SVGAttributes.append("aria-label", SVGAttributes.escaped(text), to: &body)
    SVGAttributes.appendPaint("fill", color, skipBlack: true, to: &body)
    // The text's origin goes into the group's transform, so each glyph needs only its x.
    append(" transform=\"translate(")
    appendPair(turned ? point.x : point.x + origin.x, turned ? point.y : point.y + origin.y)
    append(")")
    if turned {
      // Counter-clockwise radians with y down is a negative SVG angle in degrees.
      append("rotate(")
      SVGNumber.append(-rotation * 180 / .pi, to: &body)
      append(")translate(")
      appendPair(origin.x, origin.y)
      append(")")
    }
    append("\">")
    for glyph in glyphs.layout(text, font: font) {
      guard let id = glyphID(glyph.key) else { continue }
      append("<use xlink:href=\"#\(Self.prefixMark)g\(id)\"")
      if SVGNumber.string(glyph.x) != "0" { SVGAttributes.append("x", number: glyph.x, to: &body) }
      if SVGNumber.string(glyph.y) != "0" { SVGAttributes.append("y", number: glyph.y, to: &body) }
      append("/>")
    }
    append("</g>\n")
  }

  func measure(text: String, font: Font) -> TextMetrics {
    glyphs.measure(text, font: font)
  }

  /// `text` as a `<text>` element, anchored as the outlines would be: the horizontal anchor by
  /// `text-anchor` (so a reader's fallback font stays centred or right-aligned where it should),
  /// the baseline where Cairo's metrics of the figure's font put it.
  private func drawAsText(
    _ text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor,
    rotation: Double
  ) {
    wroteText = true
    let baseline = CairoText.originOffset(measure(text: text, font: font), anchor: anchor).y
    append("<text")
    SVGAttributes.append("x", number: point.x, to: &body)
    SVGAttributes.append("y", number: point.y + baseline, to: &body)
    switch anchor.horizontal {
    case .left: break
    case .center: append(" text-anchor=\"middle\"")
    case .right: append(" text-anchor=\"end\"")
    }
    if rotation != 0 && rotation.isFinite {
      // Counter-clockwise radians with y down is a negative SVG angle, about the anchor point.
      append(" transform=\"rotate(")
      SVGNumber.append(-rotation * 180 / .pi, to: &body)
      append(" ")
      appendPair(point.x, point.y)
      append(")\"")
    }
    SVGAttributes.append("font-size", number: font.size, to: &body)
    if font.bold { append(" font-weight=\"bold\"") }
    if font.family != "DejaVu Sans" {
      SVGAttributes.append(
        "font-family", SVGAttributes.escaped("\(font.family), \(SVGOptions.fallbackFonts)"),
        to: &body)
    }
    SVGAttributes.appendPaint("fill", color, skipBlack: true, to: &body)
    append(">")
    append(SVGAttributes.escaped(text))
    append("</text>\n")
  }

  func pushClip(_ rect: Rect) {
    endRun()
    let id = nextClipID
    nextClipID += 1
    defs.append(contentsOf: "<clipPath id=\"\(Self.prefixMark)c\(id)\"><rect".utf8)
    SVGAttributes.append("x", number: rect.x, to: &defs)
    SVGAttributes.append("y", number: rect.y, to: &defs)
    SVGAttributes.append("width", number: max(0, rect.width), to: &defs)
    SVGAttributes.append("height", number: max(0, rect.height), to: &defs)
    defs.append(contentsOf: "/></clipPath>\n".utf8)
    append("<g clip-path=\"url(#\(Self.prefixMark)c\(id))\">\n")
    openClips += 1
  }

  func popClip() {
    guard openClips > 0 else { return }
    endRun()
    append("</g>\n")
    openClips -= 1
  }

  // MARK: Writing

  private func append(_ s: String) { body.append(contentsOf: s.utf8) }

  /// `x y`, as in a transform's arguments.
  private func appendPair(_ x: Double, _ y: Double) {
    SVGNumber.append(x, to: &body)
    append(" ")
    SVGNumber.append(y, to: &body)
  }

  private func appendPath(_ data: [UInt8], attributes: [UInt8]) {
    append("<path")
    body.append(contentsOf: attributes)
    append(" d=\"")
    body.append(contentsOf: data)
    append("\"/>\n")
  }

  /// Writes out the run of same-style paths, if any.
  private func endRun() {
    if let first = runFirstPath {
      appendPath(first, attributes: runStyle)
    } else if runGroupOpen {
      append("</g>\n")
    }
    runFirstPath = nil
    runGroupOpen = false
  }

  private func glyphID(_ key: GlyphOutlines.Key) -> Int? {
    if let known = glyphIDs[key] { return known }
    // FreeType outlines are in 1/64 units, so integer 64ths under a scale are exact and about
    // half as long as their decimals.
    let outline = glyphs.outline(key, stepsPerUnit: 64)
    guard !outline.isEmpty else {
      glyphIDs[key] = .some(nil)
      return nil
    }
    let id = nextGlyphID
    nextGlyphID += 1
    defs.append(
      contentsOf: "<path id=\"\(Self.prefixMark)g\(id)\" transform=\"scale(.015625)\" d=\"".utf8)
    defs.append(contentsOf: outline)
    defs.append(contentsOf: "\"/>\n".utf8)
    glyphIDs[key] = id
    return id
  }
}
