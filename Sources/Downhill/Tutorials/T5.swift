extension Tutorials {
  /// T5's DNN([2, 3, 3, 2]) as a library `Network`: bias folded in, weights uniform [0, 1) drawn
  /// in the tutorial's (next, current + 1) shape, sigmoid everywhere, Σ(o − y)² so the output
  /// delta is the tutorial's ψ = −2(y − out)·out·(1 − out).
  public static func t5Network(
    sizes: [Int] = [2, 3, 3, 2], activation: Activation = .sigmoid,
    generator: inout SeededGenerator
  ) throws -> Network {
    try Network(
      sizes: sizes, activations: [activation], bias: .folded, cost: .sumSquared,
      initialization: .tutorialDNN, generator: &generator)
  }

  /// T5: maps [0.2, 0.3] towards [0.3, 0.67] with `updates` SGD steps of size 0.01.
  public static func t5(seed: UInt32 = 1, updates: Int = 1000) throws -> String {
    var generator = SeededGenerator(seed: seed)
    var network = try t5Network(generator: &generator)
    let data = Dataset.t5Example
    var out =
      "Output before training: \(PythonFormat.list(try network.predict(data.inputs).values))\n"
    var optimizer = SGD(learningRate: 0.01)
    try network.train(on: data, using: &optimizer, options: TrainingOptions(iterations: updates))
    out += "Output after \(updates) updates: "
    out += PythonFormat.list(try network.predict(data.inputs).values) + "\n"
    for (i, layer) in network.layers.enumerated() {
      // The library stores inputs × outputs; the tutorial prints (next, current + 1).
      out += "Weights \(i): \(PythonFormat.list(layer.weights.transposed))\n"
    }
    return out
  }
}
