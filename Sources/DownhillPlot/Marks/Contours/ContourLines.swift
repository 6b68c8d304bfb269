import Foundation

/// Contour lines of a field on a regular grid, as matplotlib's `contour`, optionally labelled
/// inline as `clabel` does.
///
/// Lines come from marching squares (saddles resolved by the cell-centre mean) joined into long
/// polylines, so a closed contour is one closed path. Cells touching NaN or ±∞ are holes: no
/// line enters them. Each level gets its colour from a colormap over the levels, or one colour.
public struct ContourLines: Mark {
  let field: ContourField?
  /// The levels drawn: those strictly inside the data range (others would draw nothing or only
  /// degenerate points), increasing.
  public let levels: [Double]
  /// Colours by level; nil draws every line in `color`.
  public var mapping: ColorMapping?
  /// The colour of every line when there is no colormap.
  public var color: Color
  /// Line width; nil takes 85 % of the theme's line width.
  public var width: Double?
  /// Single-colour lines below zero are dashed, as matplotlib's `contour.negative_linestyle`.
  public var dashesNegative = true
  /// Writes each level's value on its lines (matplotlib's `clabel(inline=True)`).
  public var labels: Bool
  /// Label size in points; nil uses 90 % of the theme's tick label size.
  public var labelSize: Double?
  /// The labels' colour; nil takes the line's, darkened when too light to read on white.
  public var labelColor: Color?
  /// A box of this colour behind each label, so it reads over filled contours of any colour.
  public var labelBackground: Color?
  /// The legend entry, if any.
  public var label: String?
  let logLevels: Bool
  let problem: String?

  /// - Parameters:
  ///   - x: the grid's column coordinates (nx values, monotonic).
  ///   - y: the grid's row coordinates (ny values, monotonic).
  ///   - z: ny × nx values, row-major: `z[j * nx + i]` is the value at `(x[i], y[j])`.
  ///   - levels: where to draw lines; `.logarithmic(n)` suits positive fields spanning decades.
  ///   - colormap: colours lines by level; nil draws them all in `color`.
  ///   - color: the lines' colour when `colormap` is nil.
  ///   - width: the lines' width; nil takes 85 % of the theme's line width.
  ///   - labels: writes each line's level on it, as matplotlib's `clabel`.
  ///   - label: the legend entry, if any.
  public init(
    x: [Double], y: [Double], z: [Double], levels: ContourLevels = .automatic(7),
    colormap: Colormap? = .viridis, color: Color = Color(hex: 0x1a1a1a), width: Double? = nil,
    labels: Bool = false, label: String? = nil
  ) {
    self.color = color
    self.width = width
    self.labels = labels
    self.label = label
    if case .logarithmic = levels { logLevels = true } else { logLevels = false }
    if let problem = ContourField.problem(x: x, y: y, z: z) {
      self.problem = problem
      field = nil
      self.levels = []
      mapping = nil
      return
    }
    let f = ContourField(x: x, y: y, z: z)
    field = f
    problem = nil
    guard let range = f.range else {
      self.levels = []
      mapping = nil
      return
    }
    let values = levels.values(
      lower: range.lower, upper: range.upper, lowerPositive: range.lowerPositive)
    self.levels = values.filter { $0 > range.lower && $0 < range.upper }
    // Colours span all the levels, drawn or not, as in matplotlib.
    mapping = colormap.flatMap { map in
      values.first.map {
        ColorMapping(colormap: map, lower: $0, upper: values.last!, isLog: logLevels && $0 > 0)
      }
    }
  }

  public var colorMapping: ColorMapping? { mapping }
  /// A contour plot fills its axes, as matplotlib's `contour` does.
  public var limitFit: LimitFit { .tight }

  /// The colour of level k's lines.
  public func lineColor(_ k: Int) -> Color {
    guard let mapping, levels.indices.contains(k) else { return color }
    return mapping.color(for: levels[k])
  }

  /// Level k's lines in data coordinates.
  func polylines(_ k: Int) -> [ContourPolyline] {
    guard let field, levels.indices.contains(k) else { return [] }
    return MarchingSquares.lines(field, level: levels[k])
  }

  /// The text written on level k's lines.
  public var levelTexts: [String] { ContourLevels.labels(for: levels, logarithmic: logLevels) }

  public func extent(xLog: Bool, yLog: Bool) -> Extent {
    guard let field else { return Extent() }
    return Extent(x: Extent.range(field.x, log: xLog), y: Extent.range(field.y, log: yLog))
  }

  public func draw(in context: DrawContext) {
    if let problem {
      context.warn("contour lines \(label.map { "'\($0)' " } ?? "")not drawn: \(problem)")
      return
    }
    guard field != nil, !levels.isEmpty else {
      let reason =
        field?.range.map { "no level lies strictly inside z's range \($0.lower)…\($0.upper)" }
        ?? "z has no finite values"
      context.warn("contour lines \(label.map { "'\($0)' " } ?? "")not drawn: \(reason)")
      return
    }
    let t = context.transform
    // Lines are cut a little outside the plot area: far-off coordinates overflow Cairo's
    // fixed-point numbers, and the labeller only needs what is visible.
    let margin = lineWidth(context.theme) * 2 + 2
    let bounds = Rect(
      x: t.area.x - margin, y: t.area.y - margin, width: t.area.width + 2 * margin,
      height: t.area.height + 2 * margin)
    func within(_ p: Point) -> Bool {
      p.x >= bounds.minX && p.x <= bounds.maxX && p.y >= bounds.minY && p.y <= bounds.maxY
    }
    var lines: [ContourLabeler.Line] = []
    for k in levels.indices {
      for line in polylines(k) {
        let display = line.points.map { t.point($0.x, $0.y) }
        // Fine grids give vertices a fraction of a unit apart: merge those no eye can tell.
        if line.closed, display.allSatisfy(within) {
          let simple = Array(PathSimplifier.simplify(display + [display[0]]).dropLast())
          lines.append(ContourLabeler.Line(points: simple, closed: true, level: k))
          continue
        }
        let open = line.closed ? display + [display[0]] : display
        // Unplottable points (log axes, values ≤ 0) break the line, as leaving the area does.
        for piece in PolylineClipper.pieces(open, clippedTo: bounds) {
          let simple = PathSimplifier.simplify(piece)
          lines.append(ContourLabeler.Line(points: simple, closed: false, level: k))
        }
      }
    }
    var paths = [Path](repeating: Path(), count: levels.count)
    if labels {
      let font = context.theme.font(labelSize ?? context.theme.tickLabelSize * 0.9)
      let texts = levelTexts
      let sizes = texts.map { text -> (width: Double, height: Double) in
        let m = context.renderer.measure(text: text, font: font)
        return (m.width, m.ascent + m.descent * 0.5)
      }
      let (placed, pieces) = ContourLabeler.place(
        lines, texts: texts, sizes: sizes, area: t.area, avoiding: context.allDisplayPoints)
      for piece in pieces { paths[piece.level].append(Path(polyline: piece.points)) }
      strokeLevels(paths, context)
      if let labelBackground {
        var boxes = Path()
        for l in placed { boxes.append(.polygon(l.corners)) }
        context.renderer.draw(boxes, style: .filled(labelBackground))
      }
      for l in placed {
        context.renderer.draw(
          text: l.text, at: l.center, font: font, color: labelColor(l.level),
          anchor: TextAnchor(.center, .center),
          rotation: l.angle, role: .contourLabel)
      }
    } else {
      for line in lines {
        var p = Path(polyline: line.points)
        if line.closed {
          p = .polygon(Array(line.points.dropLast()))
        }
        paths[line.level].append(p)
      }
      strokeLevels(paths, context)
    }
  }

  private func strokeLevels(_ paths: [Path], _ context: DrawContext) {
    let w = lineWidth(context.theme)
    for (k, path) in paths.enumerated() where !path.isEmpty {
      let dashed = mapping == nil && dashesNegative && levels[k] < 0
      // matplotlib's dash pattern, scaled with the line as its `lines.scale_dashes` does.
      let dash = dashed ? [3.7 * Swift.max(w, 1), 1.6 * Swift.max(w, 1)] : []
      context.renderer.draw(
        path,
        style: PathStyle(
          stroke: StrokeStyle(
            color: lineColor(k), width: w, dash: dash, cap: dashed ? .butt : .round)))
    }
  }

  /// Labels take their line's colour, darkened when it is too light to read on white.
  private func labelColor(_ k: Int) -> Color {
    if let labelColor { return labelColor }
    let c = lineColor(k)
    let luminance = 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue
    guard luminance > 0.6 else { return c }
    let f = 0.6 / luminance
    return Color(red: c.red * f, green: c.green * f, blue: c.blue * f, alpha: c.alpha)
  }

  public func drawLegendSwatch(in rect: Rect, context: DrawContext) {
    let midY = rect.minY + rect.height / 2
    context.renderer.draw(
      Path(polyline: [Point(rect.minX, midY), Point(rect.maxX, midY)]),
      style: .stroked(lineColor(levels.count / 2), width: lineWidth(context.theme)))
  }

  private func lineWidth(_ theme: Theme) -> Double {
    guard let width, width.isFinite, width >= 0 else { return theme.lineWidth * 0.85 }
    return width
  }
}
