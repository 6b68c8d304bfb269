import Downhill
import DownhillPlot

/// `sgd-local-min`: two balls on the wavy valley with the same step; where each starts decides
/// where it stops.
public enum LocalMinimum {
  /// Right of the maximum at x ≈ 1.15: rolls into the local minimum at x ≈ 2.88.
  public static let stuckStart = 4.9
  /// Left of that maximum: reaches the global minimum at x ≈ −0.96.
  public static let globalStart = -3.1

  /// Both descents, with the wavy valley's shared step and precision.
  public static func run() throws -> (stuck: Descent.Result, global: Descent.Result) {
    (try WavyValley.descend(from: stuckStart), try WavyValley.descend(from: globalStart))
  }

  /// The curve with each ball's start, steps and end, and where each stopped, in words.
  public static func figure(stuck: Descent.Result, global: Descent.Result) throws -> Figure {
    let f = try WavyValley.curve()
    let figure = Figure(width: 820, height: 500)
    let axes = figure.axes
    axes.title = "A local minimum traps gradient descent: f(x) = x²/5 + 2·sin(1.5x), γ = 0.1"
    axes.xLabel = "x"
    axes.yLabel = "f(x)"
    axes.showsGrid = true
    axes.yLimits = -3.2...9.5
    axes.xLimits = WavyValley.domain
    let curve = f.samples(over: WavyValley.domain)
    axes.plot(curve.x, curve.y, color: Color(hex: 0x1f77b4), width: 2)

    let balls = [(stuck, WavyValley.colors[2]), (global, WavyValley.colors[1])]
    for (run, color) in balls {
      let xs = run.path.map { $0[0] }
      let ys = xs.map { f($0) }
      // Start pale, steps as small dots, end solid: the ball's story in three marks.
      axes.add(ScatterMark(x: xs, y: ys, color: color, sizes: [5]))
      axes.add(
        ScatterMark(
          x: [xs[0]], y: [ys[0]], color: color.withAlpha(0.4), sizes: [14], edgeColor: color))
      axes.add(
        ScatterMark(
          x: [run.minimum[0]], y: [run.value], color: color, sizes: [15],
          edgeColor: Color(hex: 0x333333)))
    }
    let aStart = (stuckStart, f(stuckStart))
    axes.add(
      Annotation(
        "A starts at x₀ = \(NumberText.fixed(stuckStart, 1))", at: (aStart.0 - 0.3, aStart.1),
        anchor: TextAnchor(.right, .center), color: WavyValley.colors[2]))
    axes.add(
      Annotation(
        "B starts at x₀ = \(NumberText.fixed(globalStart, 1))",
        at: (globalStart + 0.25, f(globalStart) + 0.2), anchor: TextAnchor(.left, .bottom),
        color: WavyValley.colors[1]))
    let below = TextAnchor(.center, .top)
    axes.add(
      Annotation(
        "A is stuck: f′(x) = 0 here,", at: (stuck.minimum[0], stuck.value - 0.45),
        anchor: below, color: WavyValley.colors[2]))
    axes.add(
      Annotation(
        "yet f is \(NumberText.fixed(stuck.value - global.value, 2)) above the global minimum",
        at: (stuck.minimum[0], stuck.value - 1.05), anchor: below, color: WavyValley.colors[2]))
    axes.add(
      Annotation(
        "B reaches the global minimum, x = \(NumberText.fixed(global.minimum[0], 2))",
        at: (global.minimum[0], global.value - 0.45), anchor: below, color: WavyValley.colors[1]))
    axes.legend = nil
    return figure
  }
}
