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
