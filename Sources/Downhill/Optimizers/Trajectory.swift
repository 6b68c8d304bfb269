/// Every point an optimizer visited, with the objective's value and gradient there: the raw
/// material of trajectory figures.
public struct Trajectory: Sendable, Equatable {
  /// Why `minimize` stopped.
  public enum Stop: String, Sendable, Equatable {
    /// The gradient's norm fell to the tolerance.
    case converged
    /// The step budget ran out first.
    case maxSteps
    /// A value, gradient or parameter became infinite or NaN.
    case diverged
  }

  /// `points[0]` is the start; `points[k]` the parameters after k steps.
  public var points: [[Double]]
  /// f at each point.
  public var values: [Double]
  /// ∇f at each point.
  public var gradients: [[Double]]
  public var stop: Stop
  /// How many times `objective` was called, line searches and proposals included.
  public var evaluations: Int

  /// Steps taken (one less than the number of points).
  public var steps: Int { points.count - 1 }
  /// The last point visited.
  public var final: [Double] { points[points.count - 1] }
  /// f at the last point.
  public var finalValue: Double { values[values.count - 1] }
}

/// Runs `optimizer` on `objective` from `start` and records every point.
///
/// Stops when ‖∇f‖ ≤ `tolerance` (`.converged`), after `steps` steps (`.maxSteps`), or as soon
/// as a value, gradient or parameter is not finite (`.diverged`), so a runaway never hangs.
public func minimize(
  _ objective: Objective, from start: [Double], optimizer: inout some Optimizer, steps: Int,
  tolerance: Double = 0
) -> Trajectory {
  var evaluations = 0
  func counted(_ point: [Double]) -> (value: Double, gradient: [Double]) {
    evaluations += 1
    return objective(point)
  }
  var parameters = start
  var (value, gradient) = counted(parameters)
  var trajectory = Trajectory(
    points: [parameters], values: [value], gradients: [gradient], stop: .maxSteps, evaluations: 0)
  func status() -> Trajectory.Stop? {
    guard value.isFinite, gradient.allSatisfy(\.isFinite), parameters.allSatisfy(\.isFinite) else {
      return .diverged
    }
    return dot(gradient, gradient).squareRoot() <= tolerance ? .converged : nil
  }
  var stop = status()
  var taken = 0
  while stop == nil, taken < steps {
    optimizer.step(&parameters, value: value, gradient: gradient, objective: counted)
    (value, gradient) = counted(parameters)
    taken += 1
    trajectory.points.append(parameters)
    trajectory.values.append(value)
    trajectory.gradients.append(gradient)
    stop = status()
  }
  trajectory.stop = stop ?? .maxSteps
  trajectory.evaluations = evaluations
  return trajectory
}
