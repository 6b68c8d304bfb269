/// A histogram's bars, as matplotlib's `hist(histtype='bar')` for one data set: each bin a
/// rectangle from 0 to its height, as wide as the bin. Empty bins draw nothing.
public struct HistogramMark: Mark {
  public var histogram: Histogram
  /// Bar heights: the counts, or the densities (area 1) when `density` is set.
  public var heights: [Double]
  public var label: String?
  public var color: Color
  /// A thin line between neighbouring bars, so bins of similar height stay countable; nil
  /// draws none (matplotlib's default, where touching bars merge into one shape). Left out
  /// when some bar is narrower than 4 display units, where it would hide the bars themselves.
  public var edgeColor: Color?

  public init(
    _ histogram: Histogram, density: Bool = false, label: String? = nil, color: Color,
    edgeColor: Color? = nil
  ) {
    self.histogram = histogram
    self.heights = density ? histogram.densities : histogram.counts
    self.label = label
    self.color = color
    self.edgeColor = edgeColor
  }

  /// The bins that draw a bar: a finite height other than 0.
  var drawnBins: [Int] { heights.indices.filter { heights[$0].isFinite && heights[$0] != 0 } }

  public func extent(xLog: Bool, yLog: Bool) -> Extent {
    guard histogram.total > 0 else { return Extent() }
    let e = histogram.edges
    return Extent(
      x: Extent.range([e[0], e[e.count - 1]], log: xLog),
      y: Extent.range(heights + [0], log: yLog))
  }

  /// Bars stand on 0, as matplotlib's do.
  public var yStickyEdges: [Double] { [0] }

  public func draw(in context: DrawContext) {
    let t = context.transform
    // On a log axis 0 is nowhere: bars start from the bottom of the plot area.
    var base = t.displayY(0)
    if !base.isFinite { base = t.yInverted ? t.area.minY : t.area.maxY }
    var path = Path()
    var narrowest = Double.infinity
    for i in drawnBins {
      let x0 = t.displayX(histogram.edges[i])
      let x1 = t.displayX(histogram.edges[i + 1])
      let top = t.displayY(heights[i])
      guard x0.isFinite, x1.isFinite, top.isFinite else { continue }
      narrowest = Swift.min(narrowest, abs(x1 - x0))
      path.append(
        .rectangle(
          Rect(
            x: Swift.min(x0, x1), y: Swift.min(base, top), width: abs(x1 - x0),
            height: abs(top - base))))
    }
    guard !path.elements.isEmpty else { return }
    context.renderer.draw(
      path,
      style: PathStyle(
        fill: color,
        stroke: narrowest < 4
          ? nil : edgeColor.map { StrokeStyle(color: $0, width: 0.8, join: .miter) }))
  }

  public func drawLegendSwatch(in rect: Rect, context: DrawContext) {
    let r = Rect(
      x: rect.minX, y: rect.minY + rect.height * 0.15, width: rect.width, height: rect.height * 0.7)
    context.renderer.draw(.rectangle(r), style: .filled(color))
  }

  /// Points over each bar's area, so a legend goes where the bars are low.
  public func displayPoints(in context: DrawContext) -> [Point] {
    var points: [Point] = []
    for i in drawnBins {
      let x0 = histogram.edges[i]
      let x1 = histogram.edges[i + 1]
      for fx in [0.0, 0.5, 1.0] {
        for fy in stride(from: 0.0, through: 1.0, by: 0.125) {
          points.append(context.transform.point(x0 + (x1 - x0) * fx, heights[i] * fy))
        }
      }
    }
    return points.filter { $0.x.isFinite && $0.y.isFinite }
  }
}
