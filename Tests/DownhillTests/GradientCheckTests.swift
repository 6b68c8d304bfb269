import Testing

@testable import Downhill

/// Backprop against central finite differences for every activation × cost pair. Each
/// activation is tested in the hidden layer and, where the cost is defined on its range, in the
/// output layer.
struct GradientCheckTests {
  static let activations: [Activation] = [
    .sigmoid, .scaledSigmoid(0.5), .tanh, .relu, .leakyReLU(0.1), .softmax, .identity,
  ]

  static func outputActivations(for cost: Cost, tested: Activation) -> [Activation] {
    switch cost {
    case .binaryCrossEntropy:
      [.sigmoid] + ([.sigmoid, .scaledSigmoid(0.5), .softmax].contains(tested) ? [tested] : [])
    case .categoricalCrossEntropy:
      [.softmax] + ([.sigmoid, .scaledSigmoid(0.5), .softmax].contains(tested) ? [tested] : [])
    default: [.sigmoid, tested]
    }
  }

  static func data(for cost: Cost) -> Dataset {
    var g = SeededGenerator(seed: 3)
    let inputs = g.random(rows: 5, columns: 3).map { 2 * $0 - 1 }
    var targets = g.random(rows: 5, columns: 2)
    if cost == .categoricalCrossEntropy {
      targets = Matrix([[1, 0], [0, 1], [0, 1], [1, 0], [1, 0]])
    }
    return Dataset(name: "check", inputs: inputs, targets: targets)
  }

  @Test(arguments: Cost.allCases, [BiasMode.none, .folded])
  func everyActivationPassesFiniteDifferences(cost: Cost, bias: BiasMode) throws {
    let data = Self.data(for: cost)
    for hidden in Self.activations {
      for output in Self.outputActivations(for: cost, tested: hidden) {
        var g = SeededGenerator(seed: 7)
        let net = try Network(
          sizes: [3, 4, 2], activations: [hidden, output], bias: bias, cost: cost,
          initialization: .symmetricUniform, generator: &g)
        let f = net.objective(inputs: data.inputs, targets: data.targets)
        let p = net.parameters
        let analytic = f(p).gradient
        let h = 1e-6
        var worst = 0.0
        for i in p.indices {
          var up = p
          var down = p
          up[i] += h
          down[i] -= h
          let numeric = (f(up).value - f(down).value) / (2 * h)
          let scale = max(1e-4, abs(numeric), abs(analytic[i]))
          worst = max(worst, abs(numeric - analytic[i]) / scale)
        }
        #expect(worst < 1e-5, "\(hidden) → \(output) with \(cost), bias \(bias): \(worst)")
      }
    }
  }

  @Test func fusedSoftmaxCrossEntropyEqualsChainRule() {
    let o = Matrix([[0.2, 0.8], [0.6, 0.4]])
    let t = Matrix([[0, 1], [1, 0]])
    let fused = Cost.categoricalCrossEntropy.fusedGradient(after: .softmax, output: o, target: t)!
    let chained = Activation.softmax.backward(
      z: o, a: o, upstream: Cost.categoricalCrossEntropy.gradient(output: o, target: t))
    for (a, b) in zip(fused.values, chained.values) { #expect(abs(a - b) < 1e-15) }
  }

  @Test func activationAndCostNamesParse() throws {
    #expect(try Activation(name: "sigmoid:0.01") == .scaledSigmoid(0.01))
    #expect(try Activation(name: "leaky-relu") == .leakyReLU(0.01))
    #expect(throws: DownhillError.self) { try Activation(name: "swish") }
    #expect(throws: DownhillError.self) { try Activation(name: "sigmoid:x") }
    #expect(try Cost(name: "cce") == .categoricalCrossEntropy)
    #expect(throws: DownhillError.self) { try Cost(name: "hinge") }
  }
}

/// The allocation-free training loop computes exactly what the reference `evaluate` computes.
struct WorkspaceTests {
  @Test(arguments: [BiasMode.none, .input, .folded])
  func workspaceMatchesReferenceBitForBit(bias: BiasMode) throws {
    for (sizes, activations, cost) in [
      ([3, 4, 1], [Activation.sigmoid], Cost.halfSumSquared),
      ([3, 40, 30, 5], [.relu, .tanh, .softmax], .categoricalCrossEntropy),
      ([3, 6, 2], [.leakyReLU(0.1), .sigmoid], .binaryCrossEntropy),
    ] {
      var g = SeededGenerator(seed: 5)
      let net = try Network(
        sizes: sizes, activations: activations, bias: bias, cost: cost,
        initialization: .symmetricUniform, generator: &g)
      let raw = g.random(rows: 9, columns: bias == .input ? sizes[0] - 1 : sizes[0])
      let x = try net.prepare(inputs: raw)
      var y = Matrix(rows: 9, columns: sizes.last!)
      for r in 0..<9 { y[r, r % sizes.last!] = 1 }
      let reference = net.evaluate(inputs: x, targets: y)
      let ws = TrainingWorkspace(network: net, capacity: 9)
      ws.load(inputs: x, targets: y, indices: nil)
      var gradient = [Double](repeating: 0, count: net.parameterCount)
      let p = net.parameters
      let loss = p.withUnsafeBufferPointer { pp in
        gradient.withUnsafeMutableBufferPointer { gp in
          ws.pass(parameters: pp.baseAddress!, gradient: gp.baseAddress!)
        }
      }
      #expect(loss == reference.loss)
      #expect(gradient == reference.gradient)
      #expect(ws.meanAbsoluteError() == reference.output.zipWith(y) { abs($0 - $1) }.mean)
    }
  }
}
