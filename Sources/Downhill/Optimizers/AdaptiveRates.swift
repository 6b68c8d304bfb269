import Foundation

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
