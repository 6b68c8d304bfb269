import Downhill
import DownhillPlot

/// T5 scaled to [2, 1000, 1000, 2]: with sigmoid units and T5's uniform [0, 1) weights every
/// unit saturates and the gradients are ~0, so learning stalls; the tutorial's σ(0.01·x) brings
/// them back, and leaky ReLU with He initialisation is the usual fix. Per-layer gradient norms
/// over the run show it at a glance.
public enum VanishingGradients {
  static func run(
    activation: Activation, initialization: Initialization, updates: Int, sizes: [Int]
  ) throws -> History {
    var generator = SeededGenerator(seed: 1)
    var network = try Network(
      sizes: sizes, activations: [activation], bias: .folded, cost: .sumSquared,
      initialization: initialization,
      generator: &generator)
    var optimizer = SGD(learningRate: 0.01)
    let training = TrainingOptions(iterations: updates)
    // Two million weights a layer: record every 10th step in single precision (≈ 16 MB a
    // record), enough points for a curve on a log axis.
    let history = try History(
      network: network, optimizer: optimizer, dataset: .t5Example, training: training, seed: 1,
      options: HistoryOptions(every: 10, precision: .float32))
    try network.train(on: .t5Example, using: &optimizer, options: training, history: history)
    return history
  }

  public static func figure(updates: Int = 200, sizes: [Int] = [2, 1000, 1000, 2]) throws -> Figure
  {
    let figure = Figure(
      width: 1100, height: 450,
      title:
        "Gradient norm per layer while training a \(sizes.map(String.init).joined(separator: "–")) network"
    )
    // Each panel its own y axis: the runs' norms lie decades apart.
    let panels = figure.subplots(rows: 1, columns: 3)
    let runs: [(String, Activation, Initialization)] = [
      ("sigmoid, T5's U[0, 1) weights", .sigmoid, .tutorialDNN),
      ("σ(0.01·x), T5's weights", .scaledSigmoid(0.01), .tutorialDNN),
      ("leaky ReLU, He weights", .leakyReLU(0.01), .he),
    ]
    for (panel, (name, activation, initialization)) in zip(panels[0], runs) {
      // The report's drawing of a run's gradient norms: one implementation.
      _ = try TrainingCurves.drawGradientNorms(
        try run(
          activation: activation, initialization: initialization, updates: updates, sizes: sizes),
        on: panel)
      panel.title = name
      panel.xLabel = "update"
      panel.yLabel = nil
    }
    panels[0][0].yLabel = "‖∂C/∂W‖ (log)"
    return figure
  }
}
