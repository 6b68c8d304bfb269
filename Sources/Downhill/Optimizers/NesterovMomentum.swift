/// Nesterov momentum in PyTorch's formulation (`SGD(momentum: μ, nesterov: true)`), which
/// evaluates the gradient at the current point and looks ahead along the updated velocity:
///
///     v ← μ·v + ∇f(x)
///     x ← x − α·(∇f(x) + μ·v)
public struct NesterovMomentum: Optimizer {
  public var learningRate: Double
  public var momentum: Double
  public private(set) var velocity: [Double] = []
  public var name: String { "nesterov" }

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
      parameters[i] -= learningRate * (gradient[i] + momentum * velocity[i])
    }
  }
}
