/// AdaDelta (Zeiler 2012; PyTorch `Adadelta`): scales each step by the ratio of the RMS of past
/// updates to the RMS of past gradients, so the units work out and no rate needs tuning
/// (α = 1 is the paper's method; PyTorch keeps α as an extra factor).
///
///     s ← ρ·s + (1 − ρ)·g²
///     Δ ← √(u + ε) / √(s + ε) · g
///     u ← ρ·u + (1 − ρ)·Δ²
///     x ← x − α·Δ
public struct AdaDelta: Optimizer {
  public var learningRate: Double
  public var rho: Double
  public var epsilon: Double
  /// Running mean of g².
  public private(set) var meanSquareGradient: [Double] = []
  /// Running mean of Δ².
  public private(set) var meanSquareUpdate: [Double] = []
  public var name: String { "adadelta" }

  public init(learningRate: Double = 1, rho: Double = 0.9, epsilon: Double = 1e-6) {
    self.learningRate = learningRate
    self.rho = rho
    self.epsilon = epsilon
  }

  public mutating func step(
    _ parameters: inout [Double], value: Double, gradient: [Double], objective: Objective
  ) {
    if meanSquareGradient.count != parameters.count {
      meanSquareGradient = Array(repeating: 0, count: parameters.count)
      meanSquareUpdate = meanSquareGradient
    }
    for i in parameters.indices {
      let g = gradient[i]
      meanSquareGradient[i] = rho * meanSquareGradient[i] + (1 - rho) * g * g
      let delta =
        (meanSquareUpdate[i] + epsilon).squareRoot()
        / (meanSquareGradient[i] + epsilon).squareRoot()
        * g
      meanSquareUpdate[i] = rho * meanSquareUpdate[i] + (1 - rho) * delta * delta
      parameters[i] -= learningRate * delta
    }
  }
}
