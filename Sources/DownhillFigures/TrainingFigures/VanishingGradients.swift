import Downhill
import DownhillPlot

/// T5 scaled to [2, 1000, 1000, 2]: with sigmoid units the gradients reaching the first layers
/// shrink towards zero and learning stalls; leaky ReLU keeps them alive. The per-layer gradient
/// norms over the run show it at a glance.
public enum VanishingGradients {
  static func norms(activation: Activation, updates: Int, sizes: [Int]) throws -> [[Double]] {
    var generator = SeededGenerator(seed: 1)
    var network = try Tutorials.t5Network(sizes: sizes, activation: activation, generator: &generator)
    var optimizer: any Optimizer = SGD(learningRate: 0.01)
    let history = try History(
      network: network, options: HistoryOptions(every: 1),
      metadata: RunMetadata(
        layerSizes: sizes, activations: ["\(activation)"], bias: "folded", cost: "sum-squared", seed: 1, optimizer: "sgd",
        hyperParameters: ["learningRate": 0.01], dataset: Dataset.t5Example.name, examples: 1, batchSize: nil, every: 1,
        recordedLayers: [], layerShapes: [], precision: "float64"))
    try network.train(
      on: .t5Example, optimizer: &optimizer, options: TrainingOptions(iterations: updates), generator: &generator,
      history: history, learningRate: 0.01)
    return try (0..<network.layers.count).map { try history.gradientNorms(layer: $0) }
  }

  public static func figure(updates: Int = 150, sizes: [Int] = [2, 1000, 1000, 2]) throws -> Figure {
    let figure = Figure(width: 980, height: 450, title: "Gradient norm per layer, network \(sizes.map(String.init).joined(separator: "–"))")
    let panels = figure.subplots(rows: 1, columns: 2, sharedY: true)
    for (panel, (name, activation)) in zip(panels[0], [("sigmoid (T5)", Activation.sigmoid), ("leaky ReLU", .leakyReLU(0.01))]) {
      panel.title = name
      panel.yScale = .log
      panel.xLabel = "update"
      panel.showsGrid = true
      let layerNorms = try norms(activation: activation, updates: updates, sizes: sizes)
      for (i, series) in layerNorms.enumerated() {
        // A gradient of exactly zero cannot sit on a log axis; floor it visibly instead.
        panel.plot(nil, series.map { max($0, 1e-30) }, label: "layer \(i + 1)", color: Theme.standard.cycle[i])
      }
      panel.legend = .upperRight
    }
    panels[0][0].yLabel = "‖∂C/∂W‖ (log)"
    return figure
  }
}
