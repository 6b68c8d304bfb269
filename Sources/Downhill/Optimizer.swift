import CNumpyMath

/// Evaluates a loss and its gradient at a point of parameter space.
public typealias Objective = ([Double]) -> (value: Double, gradient: [Double])

/// An optimizer updates a flat parameter vector. It works the same on a network (whose
/// parameters are flattened layer by layer) and on a function of a few variables.
///
/// First-order methods use only `gradient`; L-BFGS's line search and simulated annealing call
/// `objective` to evaluate other points.
public protocol Optimizer {
  var name: String { get }
  mutating func step(
    _ parameters: inout [Double], value: Double, gradient: [Double], objective: Objective)
  /// Whether steps are random proposals that may be rejected (then a zero-length step does not
  /// mean convergence). `false` unless an optimizer says otherwise.
  var isStochastic: Bool { get }
}

extension Optimizer {
  public var isStochastic: Bool { false }
}

/// Plain gradient descent: x ← x − α·∇f(x).
public struct SGD: Optimizer {
  public var learningRate: Double
  public var name: String { "sgd" }

  public init(learningRate: Double) { self.learningRate = learningRate }

  public mutating func step(
    _ parameters: inout [Double], value: Double, gradient: [Double], objective: Objective
  ) {
    precondition(gradient.count == parameters.count, "gradient and parameters differ in length")
    guard !parameters.isEmpty else { return }
    // In C, which a streamed history replays exactly (`History.expectDescent`).
    parameters.withUnsafeMutableBufferPointer { p in
      downhill_np_descent_step(p.baseAddress!, gradient, learningRate, p.baseAddress!, p.count)
    }
  }
}
