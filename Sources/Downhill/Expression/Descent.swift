/// Gradient descent on a typed function of one or two variables, as the tutorials' T2 does it:
///
///     x_new = start
///     repeat: x_old = x_new;  x_new = x_old − γ·f′(x_old)
///     until |x_new − x_old| ≤ precision   (the step's Euclidean norm in two dimensions)
///
/// T2 seeds x_old with 0 and tests the condition before the first step; Downhill always takes
/// the first step instead, which is the same unless the start lies within `precision` of 0
/// (where T2 would stop without moving).
public enum Descent {
  /// How a descent ended.
  public enum Outcome: String, Sendable, Equatable {
    /// A step no longer than `precision` was taken.
    case converged
    /// `maxSteps` steps were taken without converging (for a stochastic optimizer, the normal
    /// end).
    case maxSteps
    /// The point, value or gradient became infinite or NaN: the step is too large.
    case diverged
  }

  /// The end point and everything on the way.
  public struct Result: Sendable, Equatable {
    /// The last point: the minimum when `outcome == .converged`.
    public var minimum: [Double]
    /// f at `minimum`.
    public var value: Double
    /// Steps taken.
    public var steps: Int
    /// Every point, the start first.
    public var path: [[Double]]
    public var outcome: Outcome
  }

  /// Plain gradient descent with step `step` (T2's γ) on `function`, a function of x (one start
  /// value) or of x and y (two).
  /// - Throws: `DescentError` for a malformed function or unusable arguments; divergence and
  ///   running out of steps are reported in the result's `outcome`, with the path.
  public static func run(
    _ function: String, start: [Double], step: Double, precision: Double, maxSteps: Int = 1_000_000
  ) throws(DescentError) -> Result {
    guard step > 0, step.isFinite else {
      throw DescentError.badArgument("step must be a positive number, got \(step)")
    }
    var sgd = SGD(learningRate: step)
    return try run(
      function, start: start, precision: precision, maxSteps: maxSteps, optimizer: &sgd)
  }

  /// Descent with any optimizer; the stopping rule is the same as `run(_:start:step:…)`'s
  /// except that a stochastic optimizer (simulated annealing) runs all `maxSteps` steps, since
  /// its rejected proposals are zero-length steps.
  public static func run(
    _ function: String, start: [Double], precision: Double, maxSteps: Int = 1_000_000,
    optimizer: inout some Optimizer
  ) throws(DescentError) -> Result {
    let names = ["x", "y"]
    guard (1...names.count).contains(start.count) else {
      throw DescentError.badArgument(
        "the start needs 1 to \(names.count) coordinates, got \(start.count)")
    }
    let expression: Expression
    do { expression = try Expression(function, variables: names) } catch {
      throw DescentError.expression(error)
    }
    let allowed = Array(names.prefix(start.count))
    if let extra = expression.usedVariables.first(where: { !allowed.contains($0) }) {
      throw DescentError.badArgument(
        "the function uses '\(extra)' but the start has \(start.count) coordinate\(start.count == 1 ? "" : "s") (\(allowed.joined(separator: ", ")))"
      )
    }
    return try run(
      expression, start: start, precision: precision, maxSteps: maxSteps, optimizer: &optimizer)
  }

  /// Descent on a parsed expression (its first `start.count` variables are the coordinates).
  public static func run(
    _ expression: Expression, start: [Double], precision: Double, maxSteps: Int = 1_000_000,
    optimizer: inout some Optimizer
  ) throws(DescentError) -> Result {
    guard start.allSatisfy(\.isFinite), !start.isEmpty else {
      throw DescentError.badArgument("the start must be finite numbers, got \(start)")
    }
    guard precision >= 0, precision.isFinite else {
      throw DescentError.badArgument("precision must be a non-negative number, got \(precision)")
    }
    guard maxSteps > 0 else {
      throw DescentError.badArgument("max steps must be positive, got \(maxSteps)")
    }

    let objective = expression.objective
    var x = start
    var path = [x]
    var steps = 0
    var outcome = Outcome.maxSteps
    while steps < maxSteps {
      let old = x
      let (value, gradient) = objective(old)
      guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
        outcome = .diverged
        break
      }
      optimizer.step(&x, value: value, gradient: gradient, objective: objective)
      steps += 1
      path.append(x)
      guard x.allSatisfy(\.isFinite) else {
        outcome = .diverged
        break
      }
      // |Δx| exactly as T2 computes it in one dimension; the Euclidean norm otherwise.
      let length =
        x.count == 1
        ? abs(x[0] - old[0])
        : zip(x, old).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
      if length <= precision, !optimizer.isStochastic {
        outcome = .converged
        break
      }
    }
    let value = expression.value(at: x)
    if outcome == .converged, !value.isFinite { outcome = .diverged }
    return Result(minimum: x, value: value, steps: steps, path: path, outcome: outcome)
  }
}

/// Why a descent could not start. Each `description` is one line.
public enum DescentError: Error, Equatable, Sendable, CustomStringConvertible {
  case expression(ExpressionError)
  case badArgument(String)

  public var description: String {
    switch self {
    case .expression(let error): error.description
    case .badArgument(let message): message
    }
  }
}
