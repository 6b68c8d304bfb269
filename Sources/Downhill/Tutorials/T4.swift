extension Tutorials {
  /// The learning rates T4 sweeps.
  public static let t4Alphas: [Double] = [0.001, 0.01, 0.1, 1, 10, 100, 1000]

  /// T4's XOR network for one α, built from the library's own pieces: a [3, H, 1] sigmoid network
  /// whose data carries the bias column, ½·Σ(o − y)² (so ∂C/∂o is the tutorial's
  /// `layer_2_error`), and SGD on the flattened weights.
  public static func t4Network(hidden: Int, generator: inout SeededGenerator) throws -> Network {
    try Network(
      sizes: [3, hidden, 1], activations: [.sigmoid], bias: .input, cost: .halfSumSquared,
      initialization: .symmetricUniform, generator: &generator)
  }

  /// One seeded T4 run (seed 1, SGD at `alpha` on the XOR data): every printer of T4 and every
  /// figure drawn from it trains through this, so they all see the same run.
  ///
  /// - Parameters:
  ///   - hidden: the hidden layer's units (4 or 32 in the tutorial).
  ///   - alpha: the learning rate.
  ///   - iterations: the number of updates.
  ///   - reportEvery: calls `progress` every this many steps.
  ///   - reportLastStep: also calls `progress` at the last step.
  ///   - history: when set, the run records a `History` with these options.
  ///   - progress: called as `TrainingOptions` says (every `reportEvery` steps).
  public static func t4Run(
    hidden: Int, alpha: Double, iterations: Int, reportEvery: Int? = nil,
    reportLastStep: Bool = false, history: HistoryOptions? = nil,
    progress: ((StepReport) -> Void)? = nil
  ) throws -> (network: Network, history: History?) {
    var generator = SeededGenerator(seed: 1)
    var network = try t4Network(hidden: hidden, generator: &generator)
    var optimizer = SGD(learningRate: alpha)
    let options = TrainingOptions(
      iterations: iterations, reportEvery: reportEvery, reportLastStep: reportLastStep)
    let recorder = try history.map {
      try History(
        network: network, optimizer: optimizer, dataset: .t4XOR, training: options, seed: 1,
        options: $0)
    }
    try network.train(
      on: .t4XOR, using: &optimizer, options: options, history: recorder, progress: progress)
    return (network, recorder)
  }

  /// T4: for each α, seed 1, train `iterations` steps and print the error every `reportEvery`.
  ///
  /// With `history` set, each α's run records a `History` with these options, handed to
  /// `recorded` with its α.
  public static func t4(
    hidden: Int = 32, iterations: Int = 60000, reportEvery: Int = 10000,
    alphas: [Double] = t4Alphas, history: HistoryOptions? = nil,
    recorded: ((Double, History) -> Void)? = nil
  ) throws -> String {
    guard hidden > 0, iterations >= 0, reportEvery > 0 else {
      throw DownhillError.invalidArgument(
        "t4 needs hidden > 0, iterations ≥ 0 and report-every > 0")
    }
    var out = ""
    for alpha in alphas {
      out += "\nTraining With Alpha:\(PythonFormat.number(alpha))\n"
      var lastError = Double.nan
      let (network, recorder) = try t4Run(
        hidden: hidden, alpha: alpha, iterations: iterations, reportEvery: reportEvery,
        reportLastStep: true, history: history
      ) { report in
        lastError = report.meanAbsoluteError
        if report.step % reportEvery == 0 {
          out += "Error after \(report.step) iterations:"
          out += PythonFormat.float(report.meanAbsoluteError) + "\n"
        }
      }
      out += "Final error:\(PythonFormat.float(lastError))\n"
      out += "Synapse 0:\(PythonFormat.list(network.layers[0].weights))\n"
      out += "Synapse 1:\(PythonFormat.list(network.layers[1].weights))\n"
      if let recorder { recorded?(alpha, recorder) }
    }
    return out
  }

  /// T4 with sign-flip counts: the final synapses and, per weight, how many times its update
  /// changed direction, counted by the library's `History`.
  public static func t4Flips(
    hidden: Int = 4, iterations: Int = 60000, alphas: [Double] = t4Alphas
  ) throws -> String {
    var out = ""
    for alpha in alphas {
      out += "\nTraining With Alpha:\(PythonFormat.number(alpha))\n"
      // Records only step 0; the running flip counts cover every step.
      let (network, recorded) = try t4Run(
        hidden: hidden, alpha: alpha, iterations: iterations, reportEvery: 10000,
        history: HistoryOptions(every: max(iterations, 1))
      ) { report in
        out += "Error:\(PythonFormat.float(report.meanAbsoluteError))\n"
      }
      guard let history = recorded else {
        throw DownhillError.invalidArgument("no history recorded")
      }
      out += "Synapse 0:\(PythonFormat.list(network.layers[0].weights))\n"
      out += "Synapse 0 Update Direction Changes:"
      out += PythonFormat.intList(try history.runningFlipCounts(layer: 0)) + "\n"
      out += "Synapse 1:\(PythonFormat.list(network.layers[1].weights))\n"
      out += "Synapse 1 Update Direction Changes:"
      out += PythonFormat.intList(try history.runningFlipCounts(layer: 1)) + "\n"
    }
    return out
  }

  /// T4's 2-layer network: s0 −= Xᵀ·((l1 − y)·σ′(l1)), 10,000 times, as the tutorial writes it.
  public static func t4TwoLayer(iterations: Int = 10000) -> String {
    let x = Matrix([[0, 1], [0, 1], [1, 0], [1, 0]])
    let y = Matrix([[0], [0], [1], [1]])
    var generator = SeededGenerator(seed: 1)
    var s0 = generator.random(rows: 2, columns: 1).map { 2 * $0 - 1 }
    var l1 = Matrix(rows: 4, columns: 1)
    for _ in 0..<max(iterations, 0) {
      l1 = Activation.sigmoid.forward(x.dot(s0))
      let delta = (l1 - y).hadamard(l1.hadamard(1 - l1))
      s0 = s0 - Matrix.product(x, transposingA: true, delta)
    }
    return "Output After Training:\(PythonFormat.list(l1))\nSynapse 0:\(PythonFormat.list(s0))\n"
  }

  /// The 13-line XOR network (α 0.5, hidden 4, 60,000 steps); the original is unseeded.
  public static func t4ThirteenLine(seed: UInt32 = 1) -> String {
    let x = Dataset.t4XOR.inputs
    let y = Dataset.t4XOR.targets
    var generator = SeededGenerator(seed: seed)
    var s0 = generator.random(rows: 3, columns: 4).map { 2 * $0 - 1 }
    var s1 = generator.random(rows: 4, columns: 1).map { 2 * $0 - 1 }
    var l2 = Matrix(rows: 4, columns: 1)
    for _ in 0..<60000 {
      let l1 = Activation.sigmoid.forward(x.dot(s0))
      l2 = Activation.sigmoid.forward(l1.dot(s1))
      let d2 = (l2 - y).hadamard(l2.hadamard(1 - l2))
      let d1 = Matrix.product(d2, s1, transposingB: true).hadamard(l1.hadamard(1 - l1))
      s1 = s1 - 0.5 * Matrix.product(l1, transposingA: true, d2)
      s0 = s0 - 0.5 * Matrix.product(x, transposingA: true, d1)
    }
    return "Output:\(PythonFormat.list(l2))\n"
  }
}
