import Downhill
import DownhillPlot
import Foundation

/// MSE beside cross-entropy, each with gradient descent from the same five starts at the same
/// α: on MSE's plateaus the gradient vanishes and starts stall; cross-entropy's bowl takes every
/// start down to the valley.
public enum CostSurfaceComparison {
  /// Starts on MSE's plateaus and slopes, chosen to show both outcomes.
  static let starts: [(Double, Double)] = [(-12, 12), (12, -12), (-10, -3), (6, 10), (-13, 2)]

  public static func figure(learningRate: Double = 4, steps: Int = 400) throws -> Figure {
    let f = Figure(
      width: 1200, height: 560,
      title:
        "Gradient descent from the same five starts (α = \(learningRate.formatted()), \(steps) steps)"
    )
    f.subplots(rows: 1, columns: 2)
    for (k, cost) in [TutorialSurfaces.NotGateCost.mse, .crossEntropy].enumerated() {
      var o = CostSurfaceFigure.Options()
      o.cost = cost
      o.startPoints = starts
      o.learningRate = learningRate
      o.steps = steps
      let a = f.axes3D(row: 0, column: k)
      try CostSurfaceFigure.draw(
        o, into: a, paths: try CostSurfaceFigure.paths(o), labelPaths: true)
      a.title = CostSurfaceFigure.name(cost)
    }
    return f
  }
}

/// Contours of Rosenbrock's function with the paths of seven optimizers from one start.
public enum OptimizerComparison {
  static let runs: [(name: String, label: String, rate: Double)] = [
    // Each near the largest rate that stays stable in the valley's steep walls.
    ("sgd", "SGD, α = 0.0008", 0.0008), ("momentum", "momentum, α = 0.0002", 0.0002),
    ("nesterov", "Nesterov, α = 0.0002", 0.0002), ("adagrad", "AdaGrad, α = 0.3", 0.3),
    ("rmsprop", "RMSProp, α = 0.005", 0.005), ("adam", "Adam, α = 0.02", 0.02),
    ("lbfgs", "L-BFGS", 1),
  ]

  public static func figure(start: [Double] = [-1.5, 2.5], steps: Int = 3000) throws -> Figure {
    let f = Figure(
      width: 900, height: 640,
      title:
        "Seven optimizers on Rosenbrock's function from (\(start[0].formatted()), \(start[1].formatted()))"
    )
    let a = f.axes
    let xs = GridSurface.linspace(-2, 2, count: 240)
    let ys = GridSurface.linspace(-1, 3, count: 240)
    let z = try CostSurface(
      cost: { TestFunction.rosenbrock.evaluate($0).value }, parameters: 0, 1, at: [0, 0]
    ).grid(alphas: xs, betas: ys).values
    a.contourFilled(
      x: xs, y: ys, z: z.map { $0 + 1e-3 }, levels: .logarithmic(12), colormap: .viridis)
    a.contour(
      x: xs, y: ys, z: z.map { $0 + 1e-3 }, levels: .logarithmic(12), colormap: nil,
      color: Color(hex: 0xffffff, alpha: 0.45), width: 0.6)
    let colors = [0xe41a1c, 0xff7f00, 0xffe119, 0x17becf, 0xf781bf, 0xb8e186, 0x111111].map {
      Color(hex: UInt32($0))
    }
    for (run, color) in zip(runs, colors) {
      var optimizer = try OptimizerNames.make(run.name, learningRate: run.rate)
      let t = minimize(
        TestFunction.rosenbrock.objective, from: start, optimizer: &optimizer, steps: steps,
        tolerance: 1e-10)
      let finite = t.points.filter { $0.allSatisfy(\.isFinite) }
      let last = finite.last ?? start
      a.plot(
        finite.map { $0[0] }, finite.map { $0[1] },
        label:
          "\(run.label): \(t.steps) steps, ends (\(DecimalText.fixed(last[0], decimals: 2)), \(DecimalText.fixed(last[1], decimals: 2)))",
        color: color, width: 1.6)
    }
    a.scatter([start[0]], [start[1]], sizes: [10], marker: .circle, color: .white)
    a.scatter([1], [1], sizes: [14], marker: .plus, color: .white)
    a.annotate("minimum (1, 1)", pointingTo: 1, 1, textAt: 1.35, 0.2, color: .white)
    a.xLimits = -2...2
    a.yLimits = -1...3
    a.xLabel = "x"
    a.yLabel = "y"
    a.legend = .lowerLeft
    a.colorbarLabel = "f(x, y) = (1 − x)² + 100(y − x²)²"
    return f
  }
}

/// The XOR network's loss around its trained weights: along two filter-normalised random
/// directions (Li et al. 2018) as a 3D surface, and in the PCA plane of the training path as
/// contours with the path projected onto it.
public enum LossLandscapeFigure {
  public static func figure() throws -> Figure {
    let l = try XORLandscape.compute(
      hidden: 4, learningRate: 1, iterations: 2000, every: 10, gridSize: 61, span: 1)
    // The report's drawing of any run's landscape: one implementation.
    return LossAroundRun.landscape(
      l, title: "XOR network (3-4-1): loss landscape around the trained weights",
      pathLabel: "training path (2,000 steps)")
  }
}
