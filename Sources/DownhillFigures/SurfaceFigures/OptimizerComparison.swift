import Downhill
import DownhillPlot

/// Seven optimizers on Rosenbrock's function from one start, as small multiples: one panel per
/// optimizer over the same contours, so no path hides another (drawn on one axes, five of the
/// seven disappeared under Adam's and L-BFGS'), and an eighth panel comparing how fast each
/// closes in on the minimum.
public enum OptimizerComparison {
  static let runs: [(name: String, label: String, rate: Double)] = [
    // Each near the largest rate that stays stable in the valley's steep walls.
    ("sgd", "SGD, α = 0.0008", 0.0008), ("momentum", "momentum, α = 0.0002", 0.0002),
    ("nesterov", "Nesterov, α = 0.0002", 0.0002), ("adagrad", "AdaGrad, α = 0.3", 0.3),
    ("rmsprop", "RMSProp, α = 0.005", 0.005), ("adam", "Adam, α = 0.02", 0.02),
    ("lbfgs", "L-BFGS", 1),
  ]

  /// The path: white over a dark halo, readable on viridis' darkest and lightest bands alike.
  static let pathColor = Color.white
  static let haloColor = Color(hex: 0x1a1a1a)

  public static func figure(start: [Double] = [-1.5, 2.5], steps: Int = 3000) throws -> Figure {
    let f = Figure(
      width: 1280, height: 740,
      title:
        "Seven optimizers on Rosenbrock's function from (\(start[0].formatted()), \(start[1].formatted())), one panel each"
    )
    let grid = f.subplots(rows: 2, columns: 4)
    let xs = GridSurface.linspace(-2, 2, count: 240)
    let ys = GridSurface.linspace(-1, 3, count: 240)
    let z = try CostSurface(
      cost: { TestFunction.rosenbrock.evaluate($0).value }, parameters: 0, 1, at: [0, 0]
    ).grid(alphas: xs, betas: ys).values.map { $0 + 1e-3 }
    var convergence: [(label: String, steps: [Double], values: [Double])] = []
    for (k, run) in runs.enumerated() {
      let a = grid[k / 4][k % 4]
      var optimizer = try OptimizerNames.make(run.name, learningRate: run.rate)
      let t = minimize(
        TestFunction.rosenbrock.objective, from: start, optimizer: &optimizer, steps: steps,
        tolerance: 1e-10)
      let finite = t.points.filter { $0.allSatisfy(\.isFinite) }
      let last = finite.last ?? start
      a.contourFilled(x: xs, y: ys, z: z, levels: .logarithmic(12), colormap: .viridis)
      // Level values on the lines themselves (no colorbar per panel): dark on a pale box,
      // kept off the path.
      a.contour(
        x: xs, y: ys, z: z, levels: .logarithmic(6), colormap: nil, labels: true,
        color: Color(hex: 0xffffff, alpha: 0.45), width: 0.6, labelColor: Color(hex: 0x1a1a1a),
        labelBackground: Color(hex: 0xffffff, alpha: 0.8))
      a.plot(
        finite.map { $0[0] }, finite.map { $0[1] }, color: pathColor, width: 1.6, halo: haloColor)
      a.scatter([start[0]], [start[1]], sizes: [10], color: .white, edgeColor: haloColor)
      a.scatter([1], [1], sizes: [14], marker: .plus, color: haloColor)
      a.scatter(
        [last[0]], [last[1]], sizes: [8], marker: .square, color: Color(hex: 0xd62728),
        edgeColor: .white)
      a.text(
        "\(t.steps) steps, ends (\(DecimalText.fixed(last[0], decimals: 2)), \(DecimalText.fixed(last[1], decimals: 2)))",
        at: 0, 2.8, anchor: TextAnchor(.center, .center), color: Color(hex: 0x1a1a1a),
        background: Color(hex: 0xffffff, alpha: 0.85))
      a.title = run.label
      a.xLimits = -2...2
      a.yLimits = -1...3
      if k / 4 == 1 || k == 3 { a.xLabel = "x" }
      if k % 4 == 0 { a.yLabel = "y" }
      a.legend = nil
      convergence.append(
        (
          run.label.components(separatedBy: ",").first ?? run.label,
          finite.indices.map { Double($0 + 1) },
          finite.map { TestFunction.rosenbrock.evaluate($0).value }
        ))
    }
    // Once, where there is room: what the marks mean.
    grid[0][0].annotate(
      "minimum (1, 1)", pointingTo: 1, 1, textAt: 0.35, 1.9, color: Color(hex: 0x1a1a1a),
      shrink: 9, background: Color(hex: 0xffffff, alpha: 0.85))
    grid[0][0].annotate(
      "start", pointingTo: start[0], start[1], textAt: -0.7, 2.4,
      color: Color(hex: 0x1a1a1a), shrink: 7, background: Color(hex: 0xffffff, alpha: 0.85))

    let c = grid[1][3]
    for (k, series) in convergence.enumerated() {
      // Positive values only: a log axis cannot show an exact 0.
      let kept = series.values.indices.filter { series.values[$0] > 0 }
      c.plot(
        kept.map { series.steps[$0] }, kept.map { series.values[$0] }, label: series.label,
        color: colors[k], width: 1.4)
    }
    c.xScale = .log
    c.yScale = .log
    c.title = "f at each step (all seven)"
    c.xLabel = "step"
    c.yLabel = "f(x, y)"
    c.showsGrid = true
    c.legend = .lowerLeft
    return f
  }

  /// The convergence panel's seven colours: the learning-rate palette, at least 18.8 ΔE2000
  /// apart under simulated colour blindness and 3:1 against white.
  static let colors = LearningRateSweep.alphaColors.map(\.color)
}
