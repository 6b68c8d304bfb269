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

  /// Left: f on [−2, 4.2] with every iterate on the curve, coloured by step, the start
  /// x₀ = 4 (f = 66) included and each jump an arrow ending short of the next ball. Right: each
  /// iterate's distance to the minimum 9/4 on a log axis, where the 42 steps that crowd into
  /// one spot of the curve stand apart (the descent closes in by a constant factor a step).
  public static func figure(for run: Descent.Result) throws -> Figure {
    let f = try Curve(function)
    let figure = Figure(
      width: 1100, height: 500,
      title: "T2: gradient descent on f(x) = x⁴ − 3x³ + 2  (x₀ = 4, γ = 0.01)")
    let panels = figure.subplots(rows: 1, columns: 2)
    let (axes, zoom) = (panels[0][0], panels[0][1])
    let xs = run.path.map { $0[0] }
    let ys = xs.map { f($0) }
    let steps = xs.indices.map(Double.init)

    axes.title = "the iterates on the curve"
    axes.xLabel = "x"
    axes.yLabel = "f(x)"
    axes.xLimits = -2...4.3
    axes.yLimits = -10...75
    axes.showsGrid = true
    let curve = f.samples(over: -2...4.3)
    axes.plot(curve.x, curve.y, color: Color(hex: 0x1f77b4), width: 2)
    axes.verticalLine(at: analyticMinimum, color: Color(hex: 0x2ca02c))
    axes.text(
      "analytic minimum x = 9/4 ", at: analyticMinimum, 72,
      anchor: TextAnchor(.right, .top), color: Color(hex: 0x1e7b1e))
    // Each jump an arrow that stops at the next ball's edge (the balls are 8 units wide).
    axes.add(StepArrowsMark(x: xs, y: ys, color: Color(hex: 0x555555), width: 1, gap: 6))
    axes.add(
      ScatterMark(
        x: xs, y: ys, color: Color(hex: 0x440154), values: steps, colormap: .viridis,
        sizes: [8], edgeColor: Color(hex: 0x333333)))
    axes.annotate(
      "x₀ = \(NumberText.fixed(xs[0], 0)), f(x₀) = \(NumberText.fixed(ys[0], 0))",
      pointingTo: xs[0], ys[0], textAt: 2.2, 62, shrink: 7)
    for n in 1...2 {
      axes.annotate(
        "x\(NumberText.subscripts(n))", pointingTo: xs[n], ys[n], textAt: 3.55,
        ys[n] + 14 - 5 * Double(n), shrink: 7)
    }
    axes.add(
      Annotation(
        "Local minimum occurs at \(run.minimum[0])  (\(run.steps) steps)", at: (-1.9, 12),
        pointingTo: (run.minimum[0], run.value), anchor: TextAnchor(.left, .center), shrink: 7))
    axes.legend = nil

    zoom.title = "distance to the minimum, step by step"
    zoom.xLabel = "step n"
    zoom.yLabel = "|xₙ − 9/4|"
    zoom.yScale = .log
    zoom.showsGrid = true
    zoom.colorbarLabel = "step n of the descent"
    let distance = xs.map { abs($0 - analyticMinimum) }
    zoom.plot(steps, distance, color: Color(hex: 0x7f7f7f), width: 0.9)
    zoom.add(
      ScatterMark(
        x: steps, y: distance, color: Color(hex: 0x440154), values: steps, colormap: .viridis,
        sizes: [8], edgeColor: Color(hex: 0x333333)))
    zoom.legend = nil
    return figure
  }
}
