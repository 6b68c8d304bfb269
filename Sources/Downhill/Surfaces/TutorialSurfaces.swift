import Foundation

/// The cost surfaces of tutorial T3 (SEEDS.md): the NOT gate `h = σ(X·w)` with
/// X = [[0, 1], [1, 1]] (input bit, bias) and y = [1, 0], as a function of w = (θ1, θ2).
public enum TutorialSurfaces {
  /// T3's two costs.
  public enum NotGateCost: String, Sendable, CaseIterable {
    /// C = Σ (1/m)(h − y)², m = 2: peaks, a valley and flat plateaus.
    case mse
    /// C = Σ [−y·log h − (1 − y)·log(1 − h)] (a sum, not a mean, as the tutorial writes it): a
    /// smooth bowl.
    case crossEntropy
  }

  /// The two examples' pre-activations X·w: θ2 for input 0, θ1 + θ2 for input 1.
  private static func outputs(_ w: [Double]) -> (Double, Double) {
    let sigmoid = { (z: Double) in 1 / (1 + Foundation.exp(-z)) }
    return (sigmoid(0 * w[0] + 1 * w[1]), sigmoid(1 * w[0] + 1 * w[1]))
  }

  /// T3's cost of `[θ1, θ2]`, term by term as the numpy program computes it, so it agrees with
  /// numpy to the last bits (its SIMD `exp` may differ in the last one).
  ///
  /// Outside the tutorial's [−15, 15]² range the sigmoid rounds to exactly 0 or 1; the
  /// cross-entropy then takes log(0) and returns +Inf, or NaN where numpy multiplies 0 by
  /// log(0) too (figures draw those as holes). A vector of the wrong length gives NaN.
  public static func notGate(cost: NotGateCost) -> CostSurface.CostFunction {
    { w in
      guard w.count == 2 else { return .nan }
      let (h0, h1) = outputs(w)
      let (y0, y1) = (1.0, 0.0)
      switch cost {
      case .mse:
        let m = 2.0
        let t0 = (1 / m) * ((h0 - y0) * (h0 - y0))
        let t1 = (1 / m) * ((h1 - y1) * (h1 - y1))
        return t0 + t1
      case .crossEntropy:
        let t0 = -y0 * Foundation.log(h0) - (1 - y0) * Foundation.log(1 - h0)
        let t1 = -y1 * Foundation.log(h1) - (1 - y1) * Foundation.log(1 - h1)
        return t0 + t1
      }
    }
  }

  /// The exact gradient (∂C/∂θ1, ∂C/∂θ2) of `notGate(cost:)`: for MSE the tutorial's
  /// `(2/m)(h − y)·h·(1 − h)` times each input column, for cross-entropy `(h − y)` times it (the
  /// sigmoid's derivative cancels the log's denominator).
  public static func notGateGradient(cost: NotGateCost, at w: [Double]) -> [Double] {
    guard w.count == 2 else { return [.nan, .nan] }
    let (h0, h1) = outputs(w)
    let (y0, y1) = (1.0, 0.0)
    let c0: Double
    let c1: Double
    switch cost {
    case .mse:
      let m = 2.0
      c0 = (2 / m) * (h0 - y0) * h0 * (1 - h0)
      c1 = (2 / m) * (h1 - y1) * h1 * (1 - h1)
    case .crossEntropy:
      c0 = h0 - y0
      c1 = h1 - y1
    }
    // Column 0 of X is (0, 1), column 1 is (1, 1).
    return [c0 * 0 + c1 * 1, c0 * 1 + c1 * 1]
  }

  /// The T3 surface over (θ1, θ2) (both parameters of the NOT gate).
  public static func notGateSurface(cost: NotGateCost) -> CostSurface {
    CostSurface(
      checkedCost: notGate(cost: cost), slice: .parameters(first: 0, second: 1, point: [0, 0]))
  }

  /// The tutorial's random sample of (θ1, θ2): `np.random.seed(seed)`, then two independent
  /// `np.random.permutation(np.linspace(lo, hi, count))`, zipped — reproduced draw for draw.
  ///
  /// - Throws: `DownhillError.invalidArgument` for a negative count or infinite bounds.
  public static func randomPairs(
    count: Int = 500, range: ClosedRange<Double> = -15...15, seed: UInt32
  ) throws -> [(Double, Double)] {
    guard count >= 0 else { throw DownhillError.invalidArgument("count must be ≥ 0, got \(count)") }
    guard range.lowerBound.isFinite, range.upperBound.isFinite else {
      throw DownhillError.invalidArgument("the range must be finite")
    }
    var generator = SeededGenerator(seed: seed)
    let points = GridSurface.linspace(range.lowerBound, range.upperBound, count: count)
    let a = generator.permutation(points)
    let b = generator.permutation(points)
    return Array(zip(a, b))
  }

  /// A point of a descent path: the weights and the cost there.
  public struct PathPoint: Sendable, Equatable {
    public var theta1: Double
    public var theta2: Double
    public var cost: Double

    public init(theta1: Double, theta2: Double, cost: Double) {
      self.theta1 = theta1
      self.theta2 = theta2
      self.cost = cost
    }
  }

  /// Gradient descent on T3's cost from `start`: w ← w − α·∇C(w), exact gradients, `steps`
  /// steps. Returns the start and every point after it (`steps + 1` points), stopping early,
  /// after the last finite point, if the weights or the cost stop being finite.
  ///
  /// - Throws: `DownhillError.invalidArgument` for a negative step count, a learning rate that
  ///   is not a positive number, or a start that is not finite.
  public static func descentPath(
    cost: NotGateCost, from start: (theta1: Double, theta2: Double), learningRate: Double,
    steps: Int
  ) throws -> [PathPoint] {
    guard steps >= 0 else { throw DownhillError.invalidArgument("steps must be ≥ 0") }
    guard learningRate.isFinite, learningRate > 0 else {
      throw DownhillError.invalidArgument("the learning rate must be a positive number")
    }
    guard start.theta1.isFinite, start.theta2.isFinite else {
      throw DownhillError.invalidArgument("the start must be finite")
    }
    let c = notGate(cost: cost)
    var w = [start.theta1, start.theta2]
    var path = [PathPoint(theta1: w[0], theta2: w[1], cost: c(w))]
    path.reserveCapacity(steps + 1)
    for _ in 0..<steps {
      let g = notGateGradient(cost: cost, at: w)
      w = [w[0] - learningRate * g[0], w[1] - learningRate * g[1]]
      let value = c(w)
      guard w[0].isFinite, w[1].isFinite, value.isFinite else { break }
      path.append(PathPoint(theta1: w[0], theta2: w[1], cost: value))
    }
    return path
  }
}
