import Downhill
import DownhillPlot

/// Descent on the bowl f(x) = x², where the effect of the step size can be read off exactly:
/// x ← x − γ·2x = (1 − 2γ)·x, so each step multiplies x by 1 − 2γ. `sgd-optimal` and
/// `sgd-high` share the bowl, the start side and the axes, so the two pictures compare directly.
enum BowlDescent {
  static let function = "x^2"
  static let xLimits = -5.0...5.0
  static let yLimits = -1.0...36.0

  /// The bowl on labelled axes, with the limits both figures share.
  static func figure(title: String) throws -> (Figure, Axes, Curve) {
    let f = try Curve(function)
    let figure = Figure(width: 820, height: 500)
    let axes = figure.axes
    axes.title = title
    axes.xLabel = "x"
    axes.yLabel = "f(x) = x²"
    axes.xLimits = xLimits
    axes.yLimits = yLimits
    axes.showsGrid = true
    axes.legend = nil
    let curve = f.samples(over: -6.2...6.2)
    axes.plot(curve.x, curve.y, color: Color(hex: 0x1f77b4), width: 2)
    return (figure, axes, f)
  }

  /// Balls at `xs` on the curve, the first `numbered` with their step number above them and
  /// arrows from each to the next.
  static func drawBalls(
    _ xs: [Double], numbered: Int, on f: Curve, in axes: Axes, color: Color
  ) {
    let ys = xs.map { f($0) }
    axes.add(StepArrowsMark(x: xs, y: ys, color: Color(hex: 0x555555)))
    axes.add(
      ScatterMark(
        x: xs, y: ys, color: color, sizes: [12], edgeColor: Color(hex: 0x333333)))
    for n in 0..<min(numbered, xs.count) {
      axes.add(
        Annotation(
          "\(n)", at: (xs[n], ys[n] + 0.9), anchor: TextAnchor(.center, .bottom),
          color: Color(hex: 0x333333), fontSize: 11))
    }
  }
}
