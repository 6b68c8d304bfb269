import Downhill
import DownhillPlot

extension Catalogue {
  /// Cost surfaces, contours and landscapes (issue 4).
  static let surfaces: [CatalogueEntry] = [
    CatalogueEntry(
      name: "cost-surface-mse",
      summary: "T3: the NOT gate's MSE cost over (θ1, θ2), 500 random points, azimuth 160",
      make: { _ in
        var o = CostSurfaceFigure.Options()
        o.cost = .mse
        return try CostSurfaceFigure.figure(o)
      }),
    CatalogueEntry(
      name: "cost-surface-cross-entropy",
      summary: "T3: the cross-entropy cost over (θ1, θ2), 500 random points, azimuth 200",
      make: { _ in
        var o = CostSurfaceFigure.Options()
        o.cost = .crossEntropy
        return try CostSurfaceFigure.figure(o)
      }),
    CatalogueEntry(
      name: "cost-surface-comparison",
      summary: "MSE beside cross-entropy with gradient descent from the same five starts",
      make: { _ in try CostSurfaceComparison.figure() }),
    CatalogueEntry(
      name: "cost-contours-optimizers",
      summary:
        "Rosenbrock's contours with SGD, momentum, Nesterov, AdaGrad, RMSProp, Adam and L-BFGS",
      make: { _ in try OptimizerComparison.figure() }),
    CatalogueEntry(
      name: "loss-landscape-xor",
      summary:
        "XOR loss along filter-normalised random directions, and the training path in its PCA plane",
      make: { _ in try LossLandscapeFigure.figure() }),
  ]
}
