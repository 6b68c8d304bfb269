/// AdaGrad (Duchi et al. 2011; PyTorch `Adagrad` with no decay): each coordinate's rate shrinks
/// with the sum of its squared gradients.
///
///     s ← s + g²
///     x ← x − α·g / (√s + ε)
public struct AdaGrad: Optimizer {
  public var learningRate: Double
  public var epsilon: Double
  /// Σ g², per coordinate.
  public private(set) var sumOfSquares: [Double] = []
  public var name: String { "adagrad" }

  public init(learningRate: Double = 0.01, epsilon: Double = 1e-10) {
    self.learningRate = learningRate
    self.epsilon = epsilon
  }

  public mutating func step(
    _ parameters: inout [Double], value: Double, gradient: [Double], objective: Objective
  ) {
    if sumOfSquares.count != parameters.count {
      sumOfSquares = Array(repeating: 0, count: parameters.count)
    }
    for i in parameters.indices {
      sumOfSquares[i] += gradient[i] * gradient[i]
      parameters[i] -= learningRate * gradient[i] / (sumOfSquares[i].squareRoot() + epsilon)
    }
  }
}
