import Foundation

/// Adam (Kingma & Ba 2015; PyTorch `Adam`): momentum on the gradient and RMSProp on its square,
/// both bias-corrected for their zero start (t counts steps from 1).
///
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
///     x ← x − α·m̂ / (√v̂ + ε)
public struct Adam: Optimizer {
  public var learningRate: Double
  public var beta1: Double
  public var beta2: Double
  public var epsilon: Double
  public private(set) var firstMoment: [Double] = []
  public private(set) var secondMoment: [Double] = []
  /// Steps taken so far.
  public private(set) var t = 0
  public var name: String { "adam" }

  public init(
    learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  public mutating func step(
    _ parameters: inout [Double], value: Double, gradient: [Double], objective: Objective
  ) {
    if firstMoment.count != parameters.count {
      firstMoment = Array(repeating: 0, count: parameters.count)
      secondMoment = firstMoment
      t = 0
    }
    t += 1
    let correction1 = 1 - pow(beta1, Double(t))
    let correction2 = 1 - pow(beta2, Double(t))
    for i in parameters.indices {
      let g = gradient[i]
      firstMoment[i] = beta1 * firstMoment[i] + (1 - beta1) * g
      secondMoment[i] = beta2 * secondMoment[i] + (1 - beta2) * g * g
      let mHat = firstMoment[i] / correction1
      let vHat = secondMoment[i] / correction2
      parameters[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
    }
  }
}
