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
      var opt = Adam(learningRate: 0.01)
      if split {
        for part in 0..<2 {
          try net.train(
            on: .xor, using: &opt,
            options: TrainingOptions(iterations: 50, batchSize: 3, firstStep: part * 50),
            generator: &g)
        }
      } else {
        try net.train(
          on: .xor, using: &opt, options: TrainingOptions(iterations: 100, batchSize: 3),
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
