import Downhill
import DownhillPlot

extension Catalogue {
  /// Figures from training runs of the tutorials' networks.
  static let training: [CatalogueEntry] = [
    CatalogueEntry(
      name: "learning-rate-sweep",
      summary: "T4: XOR error against iteration for α = 0.001…1000, hidden 4 and 32, log axes",
      make: { _ in try LearningRateSweep.figure() }),
    CatalogueEntry(
      name: "sign-flips",
      summary: "T4: how often each weight's update changed sign, as heatmaps per α",
      make: { _ in try SignFlips.figure() }),
    CatalogueEntry(
      name: "mnist-training",
      summary:
        "Digits: loss and test accuracy of a 784-64-10 network on the MNIST subset in figures/data",
      make: { inputs in
        try MNISTTraining.figure(data: inputs.dataDirectory.appendingPathComponent("mnist-small"))
      }),
    CatalogueEntry(
      name: "vanishing-gradients",
      summary: "T5 at [2, 1000, 1000, 2]: per-layer gradient norms, sigmoid against leaky ReLU",
      make: { _ in try VanishingGradients.figure() }),
  ]
}
