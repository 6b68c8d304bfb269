import Foundation
import Testing

@testable import Downhill

struct TrainingTests {
  func run(
    _ optimizer: String, alpha: Double, batch: Int? = nil, iterations: Int = 2000,
    bias: BiasMode = .folded, cost: Cost = .binaryCrossEntropy
  ) throws -> TrainingRun.Outcome {
    try TrainingRun(
      dataset: .xor, sizes: [2, 8, 1], bias: bias, activations: [.tanh, .sigmoid], cost: cost,
      optimizerName: optimizer, learningRate: alpha, iterations: iterations, batchSize: batch,
      seed: 3, initialization: .symmetricUniform, reportEvery: nil, history: nil
    ).run()
  }

  @Test(arguments: ["sgd", "momentum", "nesterov", "rmsprop", "adam"])
  func everyFirstOrderOptimizerLearnsXOR(name: String) throws {
    let outcome = try run(
      name, alpha: name == "sgd" || name == "momentum" || name == "nesterov" ? 0.5 : 0.02)
    let output = try outcome.network.predict(Dataset.xor.inputs)
    for (o, t) in zip(output.values, Dataset.xor.targets.values) {
      #expect(abs(o - t) < 0.2, "\(name)")
    }
  }

  @Test func miniBatchesAndLBFGSWork() throws {
    let mini = try run("adam", alpha: 0.05, batch: 2, iterations: 3000)
    #expect(mini.finalLoss < 0.1)
    let lbfgs = try run("lbfgs", alpha: 1, iterations: 60)
    #expect(lbfgs.finalLoss < 0.05)
  }

  @Test func badInputThrowsInsteadOfTrapping() throws {
    #expect(throws: DownhillError.self) {
      try TrainingRun(
        dataset: .xor, sizes: [5, 2, 1], bias: .none, activations: [.sigmoid], cost: .meanSquared,
        optimizerName: "sgd", learningRate: 1, iterations: 1, batchSize: nil, seed: 1,
        initialization: .symmetricUniform, reportEvery: nil, history: nil
      ).run()
    }
    #expect(throws: DownhillError.self) { try run("sgd", alpha: -1) }
    #expect(throws: DownhillError.self) { try run("nope", alpha: 1) }
    #expect(throws: DownhillError.self) { try run("sgd", alpha: 1, batch: 0) }
    var g = SeededGenerator(seed: 1)
    #expect(throws: DownhillError.self) {
      try Network(
        sizes: [2], activations: [.sigmoid], bias: .none, cost: .meanSquared,
        initialization: .he, generator: &g)
    }
    #expect(throws: DownhillError.self) {
      try Network(
        sizes: [2, 0, 1], activations: [.sigmoid], bias: .none, cost: .meanSquared,
        initialization: .he, generator: &g)
    }
  }

  @Test func inputBiasAppendsTheOnesColumnOnlyWhenMissing() throws {
    var g = SeededGenerator(seed: 1)
    let net = try Tutorials.t4Network(hidden: 4, generator: &g)
    #expect(try net.prepare(inputs: Dataset.xor.inputs) == Dataset.t4XOR.inputs)
    #expect(try net.prepare(inputs: Dataset.t4XOR.inputs) == Dataset.t4XOR.inputs)
    #expect(throws: DownhillError.self) { try net.prepare(inputs: Dataset.not.inputs) }
  }

  /// Training in two calls (one per "epoch") equals training in one.
  @Test func continuingARunIsTheSameAsOneRun() throws {
    func train(split: Bool) throws -> [Double] {
      var g = SeededGenerator(seed: 9)
      var net = try Network(
        sizes: [2, 4, 1], activations: [.sigmoid], bias: .folded, cost: .meanSquared,
        initialization: .symmetricUniform, generator: &g)
      var opt: any Optimizer = Adam(learningRate: 0.01)
      if split {
        for part in 0..<2 {
          try net.train(
            on: .xor, optimizer: &opt,
            options: TrainingOptions(iterations: 50, batchSize: 3, firstStep: part * 50),
            generator: &g)
        }
      } else {
        try net.train(
          on: .xor, optimizer: &opt, options: TrainingOptions(iterations: 100, batchSize: 3),
          generator: &g)
      }
      return net.parameters
    }
    #expect(try train(split: true) == train(split: false))
  }

  @Test func builtInDatasetsByName() {
    for name in ["xor", "and", "or", "not", "t1", "t3", "t4", "t4-2layer", "t5"] {
      #expect(Dataset.builtIn(named: name) != nil, "\(name)")
    }
    #expect(Dataset.builtIn(named: "mnist") == nil)
    #expect(Dataset.and.targets.values == [0, 0, 0, 1])
  }
}

struct RobustnessTests {
  @Test func uncheckedDataThrowsThroughLossAndGradient() throws {
    var g = SeededGenerator(seed: 1)
    let net = try Tutorials.t4Network(hidden: 4, generator: &g)
    #expect(throws: DownhillError.self) {
      try net.lossAndGradient(inputs: Dataset.xor.inputs, targets: Matrix([[1, 2]]))
    }
    let e = try net.lossAndGradient(inputs: Dataset.xor.inputs, targets: Dataset.xor.targets)
    #expect(e.gradient.count == net.parameterCount)
    #expect(g.random(rows: -1, columns: 3).values.isEmpty)
    #expect(!Tutorials.t4TwoLayer(iterations: -5).isEmpty)
  }
}

/// Plain gradient descent on a full batch runs whole stretches in C between reported steps
/// (`TrainingWorkspace.descend`). Momentum with μ = 0 takes the same steps bit for bit (v = g,
/// x − α·v) one at a time through the general loop: the two must agree on every report, the
/// final loss and every parameter, for each activation and cost the C pass implements.
@Suite struct DescentRunTests {
  /// Small networks take the vector fast path (up to 4 rows in its narrow form, up to 8 in its
  /// wide one); the 40-wide layer takes the generic pass.
  @Test(arguments: [
    ([Activation.tanh, .sigmoid], Cost.binaryCrossEntropy, BiasMode.folded, [5], 4),
    ([.leakyReLU(0.1), .scaledSigmoid(0.5)], .meanSquared, .input, [5], 4),
    ([.relu, .softmax], .categoricalCrossEntropy, .folded, [5], 4),
    ([.sigmoid, .identity], .sumSquared, .folded, [5], 4),
    ([.sigmoid, .tanh, .sigmoid], .halfSumSquared, .input, [6, 3], 8),
    ([.relu, .sigmoid, .softmax], .categoricalCrossEntropy, .folded, [4, 3], 8),
    ([.sigmoid, .sigmoid], .halfSumSquared, .input, [40], 4),
  ])
  func descentInCMatchesTheStepByStepLoop(
    activations: [Activation], cost: Cost, bias: BiasMode, hidden: [Int], rows: Int
  ) throws {
    try expectSameDescent(activations, cost, bias, hidden, rows, iterations: 1500, learns: true)
  }

  /// Every hidden activation with every output and cost, over 4 and 8 rows, with the bias as an
  /// input column and folded: the fast path's whole table, in shorter runs.
  static let grid: [([Activation], Cost, BiasMode, Int)] = {
    let hidden: [Activation] = [
      .sigmoid, .scaledSigmoid(2), .tanh, .relu, .leakyReLU(0.01), .identity,
    ]
    let outputs: [(Activation, Cost)] = [
      (.sigmoid, .halfSumSquared), (.sigmoid, .binaryCrossEntropy),
      (.softmax, .categoricalCrossEntropy), (.identity, .meanSquared), (.tanh, .sumSquared),
    ]
    return hidden.flatMap { h in
      outputs.flatMap { o in
        [4, 8].flatMap { rows in [BiasMode.input, .folded].map { ([h, o.0], o.1, $0, rows) } }
      }
    }
  }()

  @Test(arguments: grid)
  func descentInCMatchesTheLoopAcrossTheGrid(
    activations: [Activation], cost: Cost, bias: BiasMode, rows: Int
  ) throws {
    try expectSameDescent(activations, cost, bias, [3], rows, iterations: 300, learns: false)
  }

  /// SGD, whose stretches between reports run in C (on the fast path when the network is
  /// small), against Momentum(μ = 0), which takes the same steps one at a time in Swift.
  func expectSameDescent(
    _ activations: [Activation], _ cost: Cost, _ bias: BiasMode, _ hidden: [Int], _ rows: Int,
    iterations: Int, learns: Bool
  ) throws {
    let outputs = activations.last == .softmax ? 2 : 1
    let targets =
      outputs == 2 ? Matrix([[1, 0], [0, 1], [0, 1], [1, 0]]) : Dataset.xor.targets
    // Eight rows: XOR's four, and again at half the inputs.
    let inputs = Dataset.xor.inputs
    let data =
      rows == 4
      ? Dataset(name: "xor", inputs: inputs, targets: targets)
      : Dataset(
        name: "xor8",
        inputs: Matrix(
          (0..<8).map { r in (0..<2).map { inputs[r % 4, $0] * (r < 4 ? 1 : 0.5) } }),
        targets: Matrix((0..<8).map { r in (0..<outputs).map { targets[r % 4, $0] } }))
    func train(_ optimizer: any Optimizer) throws -> (Network, Double, [Double]) {
      var g = SeededGenerator(seed: 5)
      var network = try Network(
        sizes: [2] + hidden + [outputs], activations: activations, bias: bias, cost: cost,
        initialization: .symmetricUniform, generator: &g)
      var optimizer = optimizer
      var reports: [Double] = []
      let loss = try network.train(
        on: data, optimizer: &optimizer,
        options: TrainingOptions(iterations: iterations, reportEvery: 7, reportLastStep: true),
        generator: &g
      ) { reports.append($0.loss) }
      return (network, loss, reports)
    }
    let (fast, fastLoss, fastReports) = try train(SGD(learningRate: 0.1))
    let (slow, slowLoss, slowReports) = try train(Momentum(learningRate: 0.1, momentum: 0))
    #expect(fastReports.count == iterations / 7 + 2)
    #expect(fastReports.map(\.bitPattern) == slowReports.map(\.bitPattern))
    #expect(fastLoss.bitPattern == slowLoss.bitPattern)
    #expect(fast.parameters.map(\.bitPattern) == slow.parameters.map(\.bitPattern))
    if learns { #expect(fastLoss < fastReports[0]) }
  }
}
