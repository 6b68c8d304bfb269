/// Where a step plot's vertical jumps fall, as matplotlib's `step(where:)`.
public enum StepPosition: Sendable { case pre, mid, post }

/// A polyline through (x, y) pairs, optionally with markers and steps. NaN breaks the line;
/// values off the axes are clipped; long lines are simplified in display space.
public struct LineMark: Mark {
  public var x: [Double]
  public var y: [Double]
  public var label: String?
  public var color: Color
  public var width: Double
  public var dash: [Double]
  public var marker: Marker?
  public var markerSize: Double
  public var steps: StepPosition?
  /// A wider stroke drawn under the line, so it reads on any
  /// background; nil for none.
  public var halo: Color?
  /// How far the halo reaches beyond the line on each side, in display units.
  public var haloWidth: Double = 1.5
  /// Simplification threshold in display units; 0 turns simplification off.
  public var simplifyThreshold: Double = 1.0 / 9.0

  public init(
    x: [Double], y: [Double], label: String? = nil, color: Color, width: Double,
    dash: [Double] = [], marker: Marker? = nil, markerSize: Double = 6, steps: StepPosition? = nil
  ) {
    let n = Swift.min(x.count, y.count)
    self.x = Array(x.prefix(n))
    self.y = Array(y.prefix(n))
    self.label = label
    self.color = color
    self.width = width
    self.dash = dash
    self.marker = marker
    self.markerSize = markerSize
    self.steps = steps
  }

  public func extent(xLog: Bool, yLog: Bool) -> Extent {
    Extent(x: Extent.range(x, log: xLog), y: Extent.range(y, log: yLog))
  }

  public func draw(in context: DrawContext) {
    warnNonPositive(
      x, axis: "x", log: context.transform.x.kind == .log, label: label, context: context)
    warnNonPositive(
      y, axis: "y", log: context.transform.y.kind == .log, label: label, context: context)
    let (sx, sy) = steppedValues()
    let display = (0..<sx.count).map { context.transform.point(sx[$0], sy[$0]) }
    // Clip to a little outside the plot area so the line's own width still reaches the edge.
    let margin = width * 2 + 2
    let a = context.transform.area
    let bounds = Rect(
      x: a.x - margin, y: a.y - margin, width: a.width + 2 * margin, height: a.height + 2 * margin)
    var path = Path()
    for piece in PolylineClipper.pieces(display, clippedTo: bounds) {
      // Column reduction first (cheap, and it keeps every vertex), then run merging.
      let simple =
        simplifyThreshold > 0 && dash.isEmpty
        ? PathSimplifier.simplify(
          ColumnReducer.reduce(piece, width: context.renderer.lineColumnWidth),
          threshold: simplifyThreshold)
        : piece
      path.append(Path(polyline: simple))
    }
    if width > 0, let halo {
      context.renderer.draw(
        path,
        style: PathStyle(
          stroke: StrokeStyle(color: halo, width: width + 2 * haloWidth, cap: .round, join: .round))
      )
    }
    if width > 0 {
      // Where vertices are closer than the line is wide, a round join is invisible but costs
      // Cairo an arc per vertex; bevel joins draw the same pixels several times faster.
      let dense = Double(path.elements.count) > 2 * a.width
      context.renderer.draw(
        path,
        style: PathStyle(
          stroke: StrokeStyle(
            color: color, width: width, dash: dash, cap: .round, join: dense ? .bevel : .round)))
    }
    if let marker {
      drawMarkers(
        marker, at: Marker.thinned(x.indices).map { context.transform.point(x[$0], y[$0]) },
        context: context)
    }
  }

  private func drawMarkers(_ marker: Marker, at points: [Point], context: DrawContext) {
    let a = context.transform.area
    var path = Path()
    for p in points
    where p.x.isFinite && p.y.isFinite && p.x >= a.minX - markerSize && p.x <= a.maxX + markerSize
      && p.y >= a.minY - markerSize && p.y <= a.maxY + markerSize
    {
      path.append(marker.path(at: p, size: markerSize))
    }
    let style =
      marker.isFilled
      ? PathStyle(fill: color, stroke: StrokeStyle(color: color, width: 0.5))
      : PathStyle(stroke: StrokeStyle(color: color, width: Swift.max(1, width * 0.8)))
    context.renderer.draw(path, style: style)
  }

  public func drawLegendSwatch(in rect: Rect, context: DrawContext) {
    let midY = rect.minY + rect.height / 2
    if width > 0, let halo {
      context.renderer.draw(
        Path(polyline: [Point(rect.minX, midY), Point(rect.maxX, midY)]),
        style: PathStyle(stroke: StrokeStyle(color: halo, width: width + 2 * haloWidth)))
    }
    if width > 0 {
      context.renderer.draw(
        Path(polyline: [Point(rect.minX, midY), Point(rect.maxX, midY)]),
        style: PathStyle(stroke: StrokeStyle(color: color, width: width, dash: dash)))
    }
    if let marker {
      drawMarkers(marker, at: [Point(rect.minX + rect.width / 2, midY)], context: context)
    }
  }

  /// Points along the drawn line, not just its vertices, so a legend never covers a long
  /// straight segment between two far-apart data points.
  public func displayPoints(in context: DrawContext) -> [Point] {
    let (sx, sy) = steppedValues()
    let stride = Swift.max(1, sx.count / 2000)
    let vertices = Swift.stride(from: 0, to: sx.count, by: stride).map {
      context.transform.point(sx[$0], sy[$0])
    }
    var points: [Point] = []
    for (a, b) in zip(vertices, vertices.dropFirst())
    where a.x.isFinite && a.y.isFinite && b.x.isFinite && b.y.isFinite {
      let n = clampedInt((abs(b.x - a.x) + abs(b.y - a.y)) / 6, 0...200)
      for k in 0...n {
        let t = Double(k) / Double(n + 1)
        points.append(Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
      }
    }
    if let last = vertices.last { points.append(last) }
    return points
  }

  /// The vertices of the drawn line: the data itself, or its staircase.
  func steppedValues() -> ([Double], [Double]) {
    guard let steps, x.count > 1 else { return (x, y) }
    var sx: [Double] = []
    var sy: [Double] = []
    sx.reserveCapacity(x.count * 2)
    sy.reserveCapacity(x.count * 2)
    for i in 0..<x.count {
      if i > 0 {
        switch steps {
        case .post:
          sx.append(x[i]); sy.append(y[i - 1])
        case .pre:
          sx.append(x[i - 1]); sy.append(y[i])
        case .mid:
          let m = (x[i - 1] + x[i]) / 2
          sx.append(m); sy.append(y[i - 1])
          sx.append(m); sy.append(y[i])
        }
      }
      sx.append(x[i]); sy.append(y[i])
    }
    return (sx, sy)
  }
}
