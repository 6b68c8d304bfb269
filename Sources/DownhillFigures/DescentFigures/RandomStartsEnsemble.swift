import Downhill
import DownhillPlot

/// `sgd-randomness-ensemble`: many balls dropped at random on the wavy valley; each rolls to the
/// minimum of the basin it lands in, so the basins, not luck along the way, decide the outcome.
public enum RandomStartsEnsemble {
  /// One ball of the ensemble.
  public struct Ball: Sendable {
    /// Where the ball was dropped.
    public var start: Double
    /// Its descent, start first.
    public var run: Descent.Result
    /// The basin the start lies in (0, 1, 2 left to right).
    public var basin: Int
    /// The minimum the ball ended nearest to (same numbering).
    public var endMinimum: Int
  }

  /// Enough balls for every basin to get several, few enough to tell the paths apart.
  public static let count = 40
  /// Seeds the starts (numpy: `np.random.seed(3); np.random.uniform(-5.5, 5.5, 40)`).
  public static let seed: UInt32 = 3

  /// `count` starts uniform on the domain from `SeededGenerator(seed:)`, each descended.
  public static func run(count: Int = count, seed: UInt32 = seed) throws -> [Ball] {
    var generator = SeededGenerator(seed: seed)
    let minima = try WavyValley.minima()
    let borders = try WavyValley.maxima()
    return try (0..<count).map { _ in
      let start = generator.uniform(WavyValley.domain.lowerBound, WavyValley.domain.upperBound)
      let run = try WavyValley.descend(from: start)
      let end = run.minimum[0]
      let nearest = minima.indices.min { abs(minima[$0] - end) < abs(minima[$1] - end) }!
      return Ball(
        start: start, run: run, basin: WavyValley.basin(of: start, borders: borders),
        endMinimum: nearest)
    }
  }

  /// Left: the curve with its basins shaded, the starts and the end points. Right: every ball's
  /// x against step, in its basin's colour, over the same bands.
  public static func figure(for balls: [Ball]) throws -> Figure {
    let f = try WavyValley.curve()
    let minima = try WavyValley.minima()
    let borders = try WavyValley.maxima()
    let edges = [WavyValley.domain.lowerBound] + borders + [WavyValley.domain.upperBound]
    let figure = Figure(
      width: 960, height: 450,
      title: "\(balls.count) balls dropped at random on f(x) = x²/5 + 2·sin(1.5x): "
        + "the basin decides the minimum")
    let grid = figure.subplots(rows: 1, columns: 2)
    let (curveAxes, timeAxes) = (grid[0][0], grid[0][1])
    let floor = -3.0

    curveAxes.xLabel = "x"
    curveAxes.yLabel = "f(x)"
    curveAxes.yLimits = floor...9.5
    curveAxes.xLimits = WavyValley.domain
    curveAxes.legend = nil
    let longest = balls.map(\.run.steps).max() ?? 1
    timeAxes.xLabel = "step n"
    timeAxes.yLabel = "xₙ"
    timeAxes.xLimits = 0...Double(longest)
    timeAxes.yLimits = WavyValley.domain
    timeAxes.legend = nil

    for b in minima.indices {
      let band = f.samples(over: edges[b]...edges[b + 1], count: 200)
      // The basin as the area under the curve, so the reader sees which slopes drain where.
      curveAxes.fillBetween(
        band.x, band.x.map { _ in floor }, band.y, color: WavyValley.colors[b], alpha: 0.18)
    }
    let curve = f.samples(over: WavyValley.domain)
    curveAxes.plot(curve.x, curve.y, color: Color(hex: 0x1f77b4), width: 2)
    for b in minima.indices {
      let color = WavyValley.colors[b]
      let members = balls.filter { $0.basin == b }
      timeAxes.fillBetween(
        [0, Double(longest)], [edges[b], edges[b]], [edges[b + 1], edges[b + 1]], color: color,
        alpha: 0.18)
      for ball in members {
        let xs = ball.run.path.map { $0[0] }
        timeAxes.plot(xs.indices.map(Double.init), xs, color: color.withAlpha(0.75), width: 1.1)
      }
      let starts = members.map(\.start)
      curveAxes.add(
        ScatterMark(
          x: starts, y: starts.map { f($0) }, color: color, sizes: [7], edgeColor: .white))
      curveAxes.add(
        ScatterMark(
          x: [minima[b]], y: [f(minima[b])], color: color, sizes: [15],
          edgeColor: Color(hex: 0x333333)))
      curveAxes.add(
        Annotation(
          "\(members.count)", at: (minima[b], f(minima[b]) - 0.55),
          anchor: TextAnchor(.center, .top), color: color, fontSize: 12))
      // Labelled where the paths settle instead of in a legend that would cover them.
      timeAxes.add(
        Annotation(
          "x* = \(NumberText.fixed(minima[b], 2)): \(members.count) balls",
          at: (Double(longest) - 0.5, minima[b] + 0.15), anchor: TextAnchor(.right, .bottom),
          color: color, fontSize: 11))
    }
    for border in borders {
      curveAxes.verticalLine(at: border, color: Color(hex: 0x888888), dash: [2, 3])
    }
    curveAxes.title = "where the balls start (dots) and stop (counts)"
    timeAxes.title = "each ball's path, coloured by basin"
    return figure
  }
}
