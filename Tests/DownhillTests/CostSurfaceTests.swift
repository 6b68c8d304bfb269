import Foundation
import Testing

@testable import Downhill

@Suite struct CostSurfaceTests {
  func xorNetwork() throws -> Network {
    var generator = SeededGenerator(seed: 1)
    return try Tutorials.t4Network(hidden: 4, generator: &generator)
  }

  /// A folded-bias network with a different activation and cost, to cover the other path.
  func foldedNetwork() throws -> Network {
    var generator = SeededGenerator(seed: 3)
    return try Network(
      sizes: [2, 3, 2], activations: [.tanh, .sigmoid], bias: .folded, cost: .binaryCrossEntropy,
      initialization: .he, generator: &generator)
  }

  @Test func networkLossIsEvaluatesLossExactly() throws {
    let data = Dataset.t4XOR
    let folded = Dataset(
      name: "two", inputs: Matrix([[0.2, -1], [1.5, 0.3], [0, 0]]),
      targets: Matrix([[1, 0], [0, 1], [0.5, 0.5]]))
    for (network, set) in [(try xorNetwork(), data), (try foldedNetwork(), folded)] {
      let loss = try network.lossFunction(inputs: set.inputs, targets: set.targets)
      var generator = SeededGenerator(seed: 9)
      for _ in 0..<20 {
        var probe = network
        probe.parameters = network.parameters.map { $0 + 3 * generator.standardNormal() }
        let expected = try probe.lossAndGradient(inputs: set.inputs, targets: set.targets).loss
        #expect(loss(probe.parameters) == expected)
      }
      #expect(loss([1, 2]).isNaN)
    }
  }

  @Test func gridIsRowMajorBetasByAlphas() throws {
    let surface = try CostSurface(
      cost: { $0[0] + 10 * $0[1] }, center: [1, 2], directions: [1, 0], [0, 1])
    let grid = try surface.grid(alphas: [0, 1, 2], betas: [-1, 5])
    #expect(grid.values == [11, 12, 13, 71, 72, 73])
    #expect(grid[2, 1] == 73)
    #expect(grid.minimum! == (0, -1, 11))
    #expect(grid.finiteRange == 11...73)
  }

  @Test func parameterSliceHoldsTheOthers() throws {
    let network = try xorNetwork()
    let data = Dataset.t4XOR
    let surface = try CostSurface(
      network: network, inputs: data.inputs, targets: data.targets, first: (0, 2, 1),
      second: (1, 3, 0))
    #expect(
      surface.slice == .parameters(first: 2 * 4 + 1, second: 12 + 3, point: network.parameters))
    var probe = network
    probe.layers[0].weights[2, 1] = 0.7
    probe.layers[1].weights[3, 0] = -2.5
    let expected = try probe.lossAndGradient(inputs: data.inputs, targets: data.targets).loss
    #expect(surface.value(alpha: 0.7, beta: -2.5) == expected)
    #expect(surface.values(at: [(0.7, -2.5)]) == [expected])
  }

  @Test func resultsDoNotDependOnTheNumberOfThreads() throws {
    let network = try xorNetwork()
    var generator = SeededGenerator(seed: 5)
    let (d1, d2) = network.randomDirections(generator: &generator)
    let surface = try CostSurface(
      network: network, inputs: Dataset.t4XOR.inputs, targets: Dataset.t4XOR.targets,
      directions: d1, d2)
    let serial = try surface.grid(
      alpha: -2...2, count: 37, beta: -1...3, count: 23, maxConcurrency: 1)
    for threads in [nil, 2, 3, 64] {
      let parallel = try surface.grid(
        alpha: -2...2, count: 37, beta: -1...3, count: 23, maxConcurrency: threads)
      #expect(parallel == serial)
    }
    // Each grid value is the value at its own point.
    for (i, j) in [(0, 0), (36, 22), (17, 5)] {
      #expect(serial[i, j] == surface.value(alpha: serial.alphas[i], beta: serial.betas[j]))
    }
    let points: [(Double, Double)] = (0..<101).map { k in
      let x = Double(k)
      return (x / 50 - 1, x.truncatingRemainder(dividingBy: 7) / 3)
    }
    #expect(surface.values(at: points, maxConcurrency: 1) == surface.values(at: points))
    #expect(surface.values(at: []).isEmpty)
  }

  @Test func badInputThrowsInsteadOfTrapping() throws {
    let f: CostSurface.CostFunction = { $0.reduce(0, +) }
    let plane = try CostSurface(cost: f, center: [0, 0], directions: [1, 0], [0, 1])
    #expect(throws: DownhillError.self) { try plane.grid(alphas: [], betas: [1]) }
    #expect(throws: DownhillError.self) { try plane.grid(alphas: [1], betas: [.nan]) }
    #expect(throws: DownhillError.self) {
      try plane.grid(alpha: 0...1, count: 0, beta: 0...1, count: 5)
    }
    #expect(throws: DownhillError.self) {
      try CostSurface(cost: f, center: [0, 0], directions: [1, 0, 0], [0, 1])
    }
    #expect(throws: DownhillError.self) {
      try CostSurface(cost: f, center: [0, 0], directions: [0, 0], [0, 1])
    }
    #expect(throws: DownhillError.self) {
      try CostSurface(cost: f, center: [0, 0], directions: [1, 1], [-2, -2])
    }
    #expect(throws: DownhillError.self) {
      try CostSurface(cost: f, center: [], directions: [], [])
    }
    #expect(throws: DownhillError.self) { try CostSurface(cost: f, parameters: 0, 2, at: [0, 0]) }
    #expect(throws: DownhillError.self) { try CostSurface(cost: f, parameters: 1, 1, at: [0, 0]) }
    #expect(throws: DownhillError.self) { try CostSurface(cost: f, parameters: -1, 1, at: [0, 0]) }
    #expect(throws: DownhillError.self) {
      try GridSurface(alphas: [1, 2], betas: [1], values: [1])
    }
    let network = try xorNetwork()
    #expect(throws: DownhillError.self) { try network.parameterIndex(layer: 2, row: 0, column: 0) }
    #expect(throws: DownhillError.self) { try network.parameterIndex(layer: 0, row: 3, column: 0) }
    #expect(throws: DownhillError.self) {
      try network.lossFunction(inputs: Matrix([[1, 2, 3, 4]]), targets: Matrix([[1]]))
    }
  }

  @Test func overflowBecomesInfinityNotACrash() throws {
    let surface = try CostSurface(
      cost: { Foundation.exp($0[0]) - Foundation.log($0[1]) }, parameters: 0, 1, at: [0, 1])
    let grid = try surface.grid(alphas: [1, 1000], betas: [1, 0, -1])
    #expect(grid[1, 0] == .infinity)
    #expect(grid[0, 1] == .infinity)
    #expect(grid[0, 2].isNaN)
    #expect(grid.nonFiniteCount == 5)
    #expect(grid.finiteRange == (Foundation.exp(1.0))...(Foundation.exp(1.0)))
  }
}
