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
  /// Band colours, with the levels as its discrete `bands` (nil when there are no bands).
  public var mapping: ColorMapping?
  /// The legend entry, if any.
  public var label: String?
  let problem: String?

  /// - Parameters:
  ///   - x: the grid's column coordinates (nx values, monotonic).
  ///   - y: the grid's row coordinates (ny values, monotonic).
  ///   - z: ny × nx values, row-major: `z[j * nx + i]` is the value at `(x[i], y[j])`.
  ///   - levels: band edges; `.automatic(n)` covers the data with about n round-valued bands.
  ///   - colormap: colours the bands from the lowest to the highest.
  ///   - label: the legend entry, if any.
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
  /// Filled contours fill their axes, as matplotlib's `contourf` does.
  public var limitFit: LimitFit { .tight }

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
    guard let field, levels.count >= 2, let top = levels.last else {
      context.warn("filled contours \(label.map { "'\($0)' " } ?? "")not drawn: \(emptyReason)")
      return
    }
    let split = ContourBands.saddleCells(field, levels: levels)
    for k in 0..<(levels.count - 1) {
      let color = bandColor(k)
      // Translucent colours would mix where stacked bands overlap: draw exact bands then.
      let upper = color.alpha < 1 ? levels[k + 1] : top
      let loops = ContourBands.loops(field, lower: levels[k], upper: upper, split: split)
      let path = displayPath(loops, context.transform)
      if !path.isEmpty { context.renderer.draw(path, style: .filled(color)) }
    }
  }

  /// Why there are no bands to draw.
  private var emptyReason: String {
    guard let range = field?.range else { return "z has no finite values" }
    return range.lower == range.upper
      ? "z is constant (\(range.lower))"
      : "fewer than two levels for z in \(range.lower)…\(range.upper)"
  }

  public func drawLegendSwatch(in rect: Rect, context: DrawContext) {
    let k = Swift.max(0, (levels.count - 1) / 2)
    context.renderer.draw(.rectangle(rect), style: .filled(bandColor(k)))
  }
}

/// Closed loops in data coordinates as one display path, clipped to a little outside the plot
/// area (far-off coordinates overflow Cairo's fixed-point numbers); loops with unplottable
/// points (log axes and values ≤ 0) are dropped.
func displayPath(_ loops: [[Point]], _ t: DataTransform) -> Path {
  let a = t.area
  let bounds = Rect(x: a.x - 2, y: a.y - 2, width: a.width + 4, height: a.height + 4)
  var path = Path()
  for loop in loops {
    let display = loop.map { t.point($0.x, $0.y) }
    guard display.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { continue }
    let clipped = clipPolygon(display, to: bounds)
    guard clipped.count >= 3, clipped.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else {
      continue
    }
    path.append(.polygon(Array(PathSimplifier.simplify(clipped + [clipped[0]]).dropLast())))
  }
  return path
}

/// Sutherland–Hodgman against a rectangle: exact for any polygon when filled (parts outside
/// collapse onto the rectangle's edges, which are outside what is drawn).
func clipPolygon(_ polygon: [Point], to r: Rect) -> [Point] {
  if polygon.allSatisfy({ $0.x >= r.minX && $0.x <= r.maxX && $0.y >= r.minY && $0.y <= r.maxY }) {
    return polygon
  }
  var points = polygon
  // Each side: inside test and the crossing of a segment with the side's line.
  let sides: [((Point) -> Bool, (Point, Point) -> Point)] = [
    (
      { $0.x >= r.minX },
      { a, b in Point(r.minX, a.y + (b.y - a.y) * (r.minX - a.x) / (b.x - a.x)) }
    ),
    (
      { $0.x <= r.maxX },
      { a, b in Point(r.maxX, a.y + (b.y - a.y) * (r.maxX - a.x) / (b.x - a.x)) }
    ),
    (
      { $0.y >= r.minY },
      { a, b in Point(a.x + (b.x - a.x) * (r.minY - a.y) / (b.y - a.y), r.minY) }
    ),
    (
      { $0.y <= r.maxY },
      { a, b in Point(a.x + (b.x - a.x) * (r.maxY - a.y) / (b.y - a.y), r.maxY) }
    ),
  ]
  for (inside, cross) in sides {
    guard !points.isEmpty else { break }
    var out: [Point] = []
    for s in points.indices {
      let a = points[s]
      let b = points[(s + 1) % points.count]
      let (ia, ib) = (inside(a), inside(b))
      if ia { out.append(a) }
      if ia != ib { out.append(cross(a, b)) }
    }
    points = out
  }
  return points
}
