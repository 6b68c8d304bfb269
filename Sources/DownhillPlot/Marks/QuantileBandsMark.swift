import Foundation

/// Percentiles of a sample, as numpy's `np.percentile(values, q)` with its default linear
/// interpolation, bit for bit.
public enum Percentiles {
  /// The percentiles TensorBoard's distribution view draws: the minimum, 7, 16, 31, 50, 69, 84
  /// and 93 %, and the maximum (nine curves, the median in the middle).
  public static let tensorBoard: [Double] = [0, 7, 16, 31, 50, 69, 84, 93, 100]

  /// The `q`-th percentiles (0 … 100) of the finite values. NaN and ±infinity are dropped
  /// first, so the result is `np.percentile` of what is left (`np.nanpercentile` when only NaNs
  /// were dropped); NaN for every `q` when no finite value is left.
  ///
  /// - Precondition: every `q` is within 0 … 100.
  public static func of(_ values: [Double], _ q: [Double] = tensorBoard) -> [Double] {
    precondition(q.allSatisfy { $0 >= 0 && $0 <= 100 }, "percentiles must be in 0…100")
    let sorted = values.filter(\.isFinite).sorted()
    guard !sorted.isEmpty else { return q.map { _ in .nan } }
    let n = sorted.count
    return q.map { p in
      let index = Double(n - 1) * (p / 100)
      guard index < Double(n - 1) else { return sorted[n - 1] }
      let below = index.rounded(.down)
      let t = index - below
      let a = sorted[Int(below)]
      let b = sorted[Int(below) + 1]
      // numpy's _lerp: from the nearer end, which keeps the result within [a, b].
      return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t
    }
  }

  /// The percentiles of each sample, as curves ready for `Axes.quantileBands`: element `j` of
  /// the result holds percentile `q[j]` of every sample in turn.
  public static func curves(_ samples: [[Double]], _ q: [Double] = tensorBoard) -> [[Double]] {
    let rows = samples.map { of($0, q) }
    return q.indices.map { j in rows.map { $0[j] } }
  }
}

/// Bands between quantile curves over time, as TensorBoard's distribution view: the space
/// between each pair of neighbouring curves is filled, more opaque towards the middle, the two
/// bands of a symmetric pair (7–16 % and 84–93 %) equally so; with an odd number of curves the
/// middle one, the median, is drawn as a line.
public struct QuantileBandsMark: Mark {
  public var x: [Double]
  /// The curves, lowest quantile first, each cut to `x.count` values.
  public var quantiles: [[Double]]
  public var label: String?
  public var color: Color
  public var lineWidth: Double

  public init(
    x: [Double], quantiles: [[Double]], label: String? = nil, color: Color, lineWidth: Double = 1.5
  ) {
    let n = quantiles.reduce(x.count) { Swift.min($0, $1.count) }
    self.x = Array(x.prefix(n))
    self.quantiles = quantiles.map { Array($0.prefix(n)) }
    self.label = label
    self.color = color
    self.lineWidth = lineWidth
  }

  /// The opacity of the band between curves `i` and `i + 1`: bands the same number of steps
  /// from the outside share one, from 0.15 at the outermost to 0.6 at the middle.
  public func bandOpacity(_ i: Int) -> Double {
    let bands = quantiles.count - 1
    let depth = Swift.min(i, bands - 1 - i)
    let deepest = (bands - 1) / 2
    return deepest == 0 ? 0.4 : 0.15 + 0.45 * Double(depth) / Double(deepest)
  }

  /// The median line's colour: the bands' hue, darker, so the line stays distinct over the
  /// middle band (which has the same hue) and over another series' bands.
  public var medianColor: Color {
    Color(
      red: color.red * 0.7, green: color.green * 0.7, blue: color.blue * 0.7, alpha: color.alpha)
  }

  /// The median curve's index, when there is one middle curve.
  var medianIndex: Int? { quantiles.count % 2 == 1 ? quantiles.count / 2 : nil }

  public func extent(xLog: Bool, yLog: Bool) -> Extent {
    Extent(x: Extent.range(x, log: xLog), y: Extent.range(quantiles.flatMap { $0 }, log: yLog))
  }

  public func draw(in context: DrawContext) {
    guard quantiles.count >= 1, x.count >= 1 else { return }
    for i in 0..<Swift.max(0, quantiles.count - 1) {
      AreaMark(
        x: x, lower: quantiles[i], upper: quantiles[i + 1],
        color: color.withAlpha(color.alpha * bandOpacity(i))
      ).draw(in: context)
    }
    if let m = medianIndex {
      LineMark(x: x, y: quantiles[m], color: medianColor, width: lineWidth).draw(in: context)
    }
  }

  public func drawLegendSwatch(in rect: Rect, context: DrawContext) {
    let r = Rect(
      x: rect.minX, y: rect.minY + rect.height * 0.1, width: rect.width, height: rect.height * 0.8)
    context.renderer.draw(.rectangle(r), style: .filled(color.withAlpha(0.3)))
    let midY = rect.minY + rect.height / 2
    context.renderer.draw(
      Path(polyline: [Point(rect.minX, midY), Point(rect.maxX, midY)]),
      style: .stroked(medianColor, width: lineWidth))
  }

  /// Points filling the whole band, not just its edges, so a legend never sits on it.
  public func displayPoints(in context: DrawContext) -> [Point] {
    guard let lowest = quantiles.first, let highest = quantiles.last else { return [] }
    let stride = Swift.max(1, x.count / 500)
    var points: [Point] = []
    for i in Swift.stride(from: 0, to: x.count, by: stride) {
      for f in Swift.stride(from: 0.0, through: 1.0, by: 0.1) {
        points.append(context.transform.point(x[i], lowest[i] + (highest[i] - lowest[i]) * f))
      }
    }
    return points.filter { $0.x.isFinite && $0.y.isFinite }
  }
}
