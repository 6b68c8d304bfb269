import Downhill
import DownhillPlot

/// T2's descent on f(x) = x⁴ − 3x³ + 2, drawn over the tutorial's own plot of f.
public enum QuarticDescent {
  /// T2's function, as the descent core parses it.
  public static let function = "x^4 - 3*x^3 + 2"
  /// Where f′(x) = x²(4x − 9) vanishes with f″ > 0.
  public static let analyticMinimum = 9.0 / 4.0

  /// T2 exactly: from x = 4 with γ = 0.01 until a step moves at most 0.00001.
  public static func run() throws -> Descent.Result {
    try Descent.run(function, start: [4], step: 0.01, precision: 0.00001)
  }

  /// f on [−2, 4] with y clipped to [−10, 50] as the tutorial plots it, and `run`'s points on
  /// the curve coloured by step.
  public static func figure(for run: Descent.Result) throws -> Figure {
    let f = try Curve(function)
    let figure = Figure(width: 820, height: 520)
    let axes = figure.axes
    axes.title = "T2: gradient descent on f(x) = x⁴ − 3x³ + 2  (x₀ = 4, γ = 0.01)"
    axes.xLabel = "x"
    axes.yLabel = "f(x)"
    axes.yLimits = -10...50
    axes.showsGrid = true
    axes.colorbarLabel = "step n of the descent"

    let curve = f.samples(over: -2...4)
    axes.plot(curve.x, curve.y, color: Color(hex: 0x1f77b4), width: 2)
    axes.verticalLine(at: analyticMinimum, color: Color(hex: 0x2ca02c))
    axes.text(
      "analytic minimum x = 9/4 ", at: analyticMinimum, 48,
      anchor: TextAnchor(.right, .top), color: Color(hex: 0x2ca02c))

    let xs = run.path.map { $0[0] }
    let ys = xs.map { f($0) }
    // The jumps between consecutive iterates, faint, so the colour of each point carries the
    // story; x₀ = 4 has f = 66, above the tutorial's clip, so its jump enters from the top.
    axes.plot(xs, ys, color: Color(hex: 0x7f7f7f, alpha: 0.7), width: 0.9, dash: [3, 2])
    axes.add(
      ScatterMark(
        x: xs, y: ys, color: Color(hex: 0x440154), values: xs.indices.map(Double.init),
        colormap: .viridis, sizes: [8], edgeColor: Color(hex: 0x333333)))

    if let top = axes.yLimits?.upperBound, ys[0] > top {
      let small = TextAnchor(.right, .center)
      let start = "x₀ = \(NumberText.fixed(xs[0], 0)), f(x₀) = \(NumberText.fixed(ys[0], 0)):"
      axes.add(Annotation(start, at: (3.62, 41), anchor: small, fontSize: 11))
      axes.add(Annotation("above the plot", at: (3.62, 38.3), anchor: small, fontSize: 11))
    }
    for n in 1...3 {
      // Staggered to the right of the crowded points, each with its own leader arrow.
      axes.annotate(
        "x\(NumberText.subscripts(n))", pointingTo: xs[n], ys[n], textAt: 3.55,
        ys[n] + 9 - 3 * Double(n))
    }
    axes.add(
      Annotation(
        "Local minimum occurs at \(run.minimum[0])  (\(run.steps) steps)", at: (-2.15, -8.3),
        pointingTo: (run.minimum[0], run.value), anchor: TextAnchor(.left, .center)))
    axes.legend = nil
    return figure
  }
}
