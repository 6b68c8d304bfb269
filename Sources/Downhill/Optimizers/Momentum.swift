/// Gradient descent with (heavy-ball) momentum, as PyTorch's `SGD(momentum: μ)` defines it:
///
///     v ← μ·v + ∇f(x)
///     x ← x − α·v
///
/// (Keras writes v ← μ·v − α·∇f, x ← x + v; for a constant α the iterates are the same.)
/// The velocity starts at zero.
public struct Momentum: Optimizer {
  public var learningRate: Double
  public var momentum: Double
  /// The velocity v, empty until the first step.
  public private(set) var velocity: [Double] = []
  public var name: String { "momentum" }

  public init(learningRate: Double, momentum: Double = 0.9) {
    self.learningRate = learningRate
    self.momentum = momentum
  }

  public mutating func step(
    _ parameters: inout [Double], value: Double, gradient: [Double], objective: Objective
  ) {
    if velocity.count != parameters.count {
      velocity = Array(repeating: 0, count: parameters.count)
    }
    for i in parameters.indices {
      velocity[i] = momentum * velocity[i] + gradient[i]
      parameters[i] -= learningRate * velocity[i]
    }
  }
}
