import Downhill
import Testing

/// Accuracy for one-hot and for 0/1 targets, against counts made by hand.
@Suite struct AccuracyTests {
  /// A 2-1 identity network with weights (1, 1): its output is a + b.
  func sum() throws -> Network {
    var generator = SeededGenerator(seed: 1)
    var network = try Network(
      sizes: [2, 1], activations: [.identity], bias: .none, cost: try Cost(name: "mse"),
      initialization: .symmetricUniform, generator: &generator)
    network.parameters = [1, 1]
    return network
  }

  /// AND's four rows: outputs 0, 1, 1, 2 against targets 0, 0, 0, 1. An output at or above 0.5
  /// says 1: rows one and four are right, so 50 %.
  @Test func binaryTargetsAreThresholdedAtOneHalf() throws {
    let and = Dataset(
      name: "and", inputs: Matrix([[0, 0], [0, 1], [1, 0], [1, 1]]),
      targets: Matrix([[0], [0], [0], [1]]))
    #expect(and.hasClasses)
    #expect(try sum().accuracy(on: and) == 0.5)
    // Targets other than 0 and 1 are not classes.
    var regression = and
    regression.targets = Matrix([[0.5], [0], [0], [1]])
    #expect(!regression.hasClasses)
  }

  /// One-hot targets: the largest output against the target's one.
  @Test func oneHotTargetsCompareTheLargest() throws {
    var generator = SeededGenerator(seed: 1)
    var network = try Network(
      sizes: [2, 2], activations: [.identity], bias: .none, cost: try Cost(name: "mse"),
      initialization: .symmetricUniform, generator: &generator)
    // Outputs (a, b): the larger input wins. Rows: (1, 0) → 0 ✓, (0, 1) → 1 ✓, (2, 1) → 0 ✗.
    network.parameters = [1, 0, 0, 1]
    let data = Dataset(
      name: "pick", inputs: Matrix([[1, 0], [0, 1], [2, 1]]),
      targets: Matrix([[1, 0], [0, 1], [0, 1]]))
    #expect(try network.accuracy(on: data) == 2.0 / 3.0)
  }
}
