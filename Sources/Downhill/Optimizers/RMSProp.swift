/// RMSProp (Hinton's lecture 6e; PyTorch `RMSprop` without momentum or centring): AdaGrad with a
/// decaying average of squared gradients, so the rate does not shrink forever.
///
///     s ← ρ·s + (1 − ρ)·g²
///     x ← x − α·g / (√s + ε)
public struct RMSProp: Optimizer {
  public var learningRate: Double
  public var rho: Double
  public var epsilon: Double
  public private(set) var meanSquare: [Double] = []
  public var name: String { "rmsprop" }

  public init(learningRate: Double = 0.01, rho: Double = 0.99, epsilon: Double = 1e-8) {
    self.learningRate = learningRate
    self.rho = rho
    self.epsilon = epsilon
  }

  public mutating func step(
    _ parameters: inout [Double], value: Double, gradient: [Double], objective: Objective
  ) {
    if meanSquare.count != parameters.count {
      meanSquare = Array(repeating: 0, count: parameters.count)
    }
    for i in parameters.indices {
      meanSquare[i] = rho * meanSquare[i] + (1 - rho) * gradient[i] * gradient[i]
      parameters[i] -= learningRate * gradient[i] / (meanSquare[i].squareRoot() + epsilon)
    }
  }
}
