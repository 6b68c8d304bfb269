/// Filled bands between consecutive contour levels, as matplotlib's `contourf`.
///
/// Each band is one vector path (its outline, holes included) filled with the colour of the
/// band's middle value. Bands are painted from the lowest up, each covering its own band and
/// every higher one, so a band's antialiased edge always lies over the band below it: no
/// background shows through as a hairline seam between neighbours. Cells touching NaN or ±∞
/// are left empty, as are values outside the first and last level.
public struct FilledContours: Mark {
  let field: ContourField?
  /// The band edges, increasing; band k spans `levels[k]…levels[k + 1]`.
  public let levels: [Double]
  public var mapping: ColorMapping?
  public var label: String?
  let problem: String?

  /// - Parameters:
  ///   - x: the grid's column coordinates (nx values, monotonic).
  ///   - y: the grid's row coordinates (ny values, monotonic).
  ///   - z: ny × nx values, row-major: `z[j * nx + i]` is the value at `(x[i], y[j])`.
  ///   - levels: band edges; `.automatic(n)` covers the data with about n round-valued bands.
  public init(
    x: [Double], y: [Double], z: [Double], levels: ContourLevels = .automatic(7),
    colormap: Colormap = .viridis, label: String? = nil
  ) {
    self.label = label
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
    let range = f.range
    var values =
      range.map { levels.values(lower: $0.lower, upper: $0.upper, lowerPositive: $0.lowerPositive) }
      ?? []
    if values.count == 1, let r = range, r.lower == r.upper, values[0] == r.lower {
      values = []  // a constant field has no bands to tell apart
    }
    self.levels = values
    let isLog: Bool
    if case .logarithmic = levels { isLog = true } else { isLog = false }
    mapping =
      values.count >= 2
      ? ColorMapping(
        colormap: colormap, lower: values.first!, upper: values.last!, isLog: isLog, bands: values)
      : nil
  }

  public var colorMapping: ColorMapping? { mapping }

  /// The colour of band k: the colormap at the band's middle (in log space for log levels).
  public func bandColor(_ k: Int) -> Color {
    guard let mapping, k >= 0, k + 1 < levels.count else { return Colormap.bad }
    return mapping.bandColor(levels[k], levels[k + 1])
  }

  public func extent(xLog: Bool, yLog: Bool) -> Extent {
    guard let field else { return Extent() }
    return Extent(x: Extent.range(field.x, log: xLog), y: Extent.range(field.y, log: yLog))
  }

  public func draw(in context: DrawContext) {
    if let problem {
      context.warn("filled contours \(label.map { "'\($0)' " } ?? "")not drawn: \(problem)")
      return
    }
    guard let field, levels.count >= 2, let top = levels.last else { return }
    for k in 0..<(levels.count - 1) {
      let color = bandColor(k)
      // Translucent colours would mix where stacked bands overlap: draw exact bands then.
      let upper = color.alpha < 1 ? levels[k + 1] : top
      let loops = ContourBands.loops(field, lower: levels[k], upper: upper)
      let path = displayPath(loops, context.transform)
      if !path.isEmpty { context.renderer.draw(path, style: .filled(color)) }
    }
  }

  public func drawLegendSwatch(in rect: Rect, context: DrawContext) {
    let k = Swift.max(0, (levels.count - 1) / 2)
    context.renderer.draw(.rectangle(rect), style: .filled(bandColor(k)))
  }
}

/// Closed loops in data coordinates as one display path; loops with unplottable points (log
/// axes and values ≤ 0) are dropped.
func displayPath(_ loops: [[Point]], _ t: DataTransform) -> Path {
  var path = Path()
  for loop in loops {
    let display = loop.map { t.point($0.x, $0.y) }
    guard display.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { continue }
    path.append(.polygon(Array(PathSimplifier.simplify(display + [display[0]]).dropLast())))
  }
  return path
}
