/// Histograms of one quantity at successive times, each raised above the next, as TensorBoard's
/// histogram "offset" view: the first histogram (the oldest) sits at the top, furthest back,
/// and each later one a step lower and nearer, the newest at the front on y = 0.
///
/// Histogram `i` of `n` stands on the baseline y = n − 1 − i. Its outline is a polyline from
/// the first edge through the count at each bin centre to the last edge, closed along the
/// baseline and filled opaquely, back to front, so a nearer histogram hides what it overlaps
/// of the ones behind it. Heights are scaled by the largest count of all the histograms, which
/// rises `peakHeight` baselines, so they can be compared with each other.
public struct RidgelineMark: Mark {
  public var edges: [Double]
  /// One row of `edges.count − 1` counts per histogram, oldest first; non-finite counts are 0.
  public var counts: [[Double]]
  public var color: Color
  /// How many baselines the tallest bin rises: above 1, ridges overlap the ones behind them.
  public var peakHeight: Double
  public var label: String? { nil }

  /// - Precondition: at least two edges, and each row of `counts` has one count per bin.
  public init(edges: [Double], counts: [[Double]], color: Color, peakHeight: Double = 1.5) {
    precondition(edges.count >= 2, "a ridgeline needs at least two bin edges")
    precondition(
      counts.allSatisfy { $0.count == edges.count - 1 },
      "every histogram of a ridgeline needs one count per bin")
    self.edges = edges
    self.counts = counts
    self.color = color
    self.peakHeight = peakHeight
  }

  /// The y of histogram `i`'s baseline.
  public func baseline(_ i: Int) -> Double { Double(counts.count - 1 - i) }

  /// The data-space heights of histogram `i`'s bins above its baseline.
  public func heights(_ i: Int) -> [Double] {
    let largest = counts.joined().filter(\.isFinite).max() ?? 0
    let scale = largest > 0 ? peakHeight / largest : 0
    return counts[i].map { $0.isFinite ? $0 * scale : 0 }
  }

  /// Histogram `i`'s closed outline in data space: along the top, then back along the baseline.
  public func outline(_ i: Int) -> [(x: Double, y: Double)] {
    let base = baseline(i)
    let h = heights(i)
    var points: [(x: Double, y: Double)] = [(edges[0], base)]
    for j in h.indices { points.append(((edges[j] + edges[j + 1]) / 2, base + h[j])) }
    points.append((edges[edges.count - 1], base))
    return points
  }

  /// The fill of histogram `i`: the colour faded towards white with distance, so the oldest is
  /// palest and ridges stay apart where their outlines cross.
  public func fill(_ i: Int) -> Color {
    let n = counts.count
    let age = n > 1 ? Double(n - 1 - i) / Double(n - 1) : 0
    let white = 0.45 + 0.4 * age
    return Color(
      red: color.red + (1 - color.red) * white, green: color.green + (1 - color.green) * white,
      blue: color.blue + (1 - color.blue) * white)
  }

  public func extent(xLog: Bool, yLog: Bool) -> Extent {
    guard !counts.isEmpty else { return Extent() }
    let top = counts.indices.map { i in baseline(i) + (heights(i).max() ?? 0) }.max() ?? 0
    return Extent(
      x: Extent.range([edges[0], edges[edges.count - 1]], log: xLog),
      y: Extent.range([0, top], log: yLog))
  }

  /// The front histogram stands on the bottom of the axes.
  public var yStickyEdges: [Double] { [0] }

  public func draw(in context: DrawContext) {
    for i in counts.indices {
      let points = outline(i).map { context.transform.point($0.x, $0.y) }
      guard points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { continue }
      context.renderer.draw(
        .polygon(points),
        style: PathStyle(
          fill: fill(i), stroke: StrokeStyle(color: color, width: 1, join: .round)))
    }
  }

  public func displayPoints(in context: DrawContext) -> [Point] {
    counts.indices.flatMap { i in outline(i).map { context.transform.point($0.x, $0.y) } }
  }
}
