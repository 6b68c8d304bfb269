/// Evaluates a loss and its gradient at a point of parameter space.
public typealias Objective = ([Double]) -> (value: Double, gradient: [Double])

/// An optimizer updates a flat parameter vector. It works the same on a network (whose
/// parameters are flattened layer by layer) and on a function of a few variables.
///
/// First-order methods use only `gradient`; L-BFGS's line search and simulated annealing call
/// `objective` to evaluate other points.
public protocol Optimizer {
  var name: String { get }
  /// The step size the next step will use, as a history records it; NaN for optimizers that
  /// have none (L-BFGS's line search, annealing's proposals).
  var learningRate: Double { get }
  /// The settings that define the optimizer (learning rate, momentum, β₁ …), for a run's record.
  var hyperParameters: [String: Double] { get }
  mutating func step(
    _ parameters: inout [Double], value: Double, gradient: [Double], objective: Objective)
  /// Whether steps are random proposals that may be rejected (then a zero-length step does not
  /// mean convergence). `false` unless an optimizer says otherwise.
  var isStochastic: Bool { get }
}

extension Optimizer {
  public var isStochastic: Bool { false }
  public var learningRate: Double { .nan }
  public var hyperParameters: [String: Double] {
    learningRate.isNaN ? [:] : ["learningRate": learningRate]
  }
}

/// Gradient descent, with optional (heavy-ball or Nesterov) momentum, as PyTorch's
/// `SGD(lr:momentum:nesterov:)` defines it:
///
///     v ← μ·v + ∇f(x)
///     x ← x − α·v                  (heavy ball)
///     x ← x − α·(∇f(x) + μ·v)      (Nesterov: a look-ahead along the updated velocity)
///
/// With μ = 0 (the default) it is plain gradient descent, x ← x − α·∇f(x), rounded as numpy's
/// `w -= alpha * g` rounds it. (Keras writes v ← μ·v − α·∇f, x ← x + v; for a constant α the
/// iterates are the same.) The velocity starts at zero.
public struct SGD: Optimizer {
  public var learningRate: Double
  public var momentum: Double
  public var nesterov: Bool
  /// The velocity v, empty until the first step with momentum.
  public private(set) var velocity: [Double] = []

  public var name: String { momentum == 0 ? "sgd" : nesterov ? "nesterov" : "momentum" }

  public var hyperParameters: [String: Double] {
    momentum == 0
      ? ["learningRate": learningRate] : ["learningRate": learningRate, "momentum": momentum]
  }

  public init(learningRate: Double, momentum: Double = 0, nesterov: Bool = false) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.nesterov = nesterov
  }

  public mutating func step(
    _ parameters: inout [Double], value: Double, gradient: [Double], objective: Objective
  ) {
    precondition(gradient.count == parameters.count, "gradient and parameters differ in length")
    guard momentum != 0 else {
      for i in parameters.indices { parameters[i] -= learningRate * gradient[i] }
      return
    }
    if velocity.count != parameters.count {
      velocity = Array(repeating: 0, count: parameters.count)
    }
    for i in parameters.indices {
      velocity[i] = momentum * velocity[i] + gradient[i]
      parameters[i] -=
        learningRate * (nesterov ? gradient[i] + momentum * velocity[i] : velocity[i])
    }
  }
}
