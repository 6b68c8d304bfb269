import Foundation

/// A differentiable function of a few variables with its analytic gradient and known minimum,
/// for exercising optimizers and drawing their trajectories.
public struct TestFunction: Sendable {
  public let name: String
  /// The number of variables.
  public let dimension: Int
  /// A global minimizer.
  public let minimum: [Double]
  /// f and ∇f.
  public let evaluate: @Sendable ([Double]) -> (value: Double, gradient: [Double])

  public init(
    name: String, dimension: Int, minimum: [Double],
    evaluate: @escaping @Sendable ([Double]) -> (value: Double, gradient: [Double])
  ) {
    self.name = name
    self.dimension = dimension
    self.minimum = minimum
    self.evaluate = evaluate
  }

  /// The function as an optimizer's `Objective`.
  public var objective: Objective { evaluate }

  /// Rosenbrock's banana valley f(x, y) = (1 − x)² + 100·(y − x²)², minimum at (1, 1); the
  /// classic start is (−1.2, 1).
  public static let rosenbrock = TestFunction(name: "rosenbrock", dimension: 2, minimum: [1, 1]) {
    p in
    let (x, y) = (p[0], p[1])
    let value = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
    return (value, [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
  }

  /// Beale's function (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum at
  /// (3, 0.5), with flat plateaus and sharp ridges.
  public static let beale = TestFunction(name: "beale", dimension: 2, minimum: [3, 0.5]) { p in
    let (x, y) = (p[0], p[1])
    let a = 1.5 - x + x * y
    let b = 2.25 - x + x * y * y
    let c = 2.625 - x + x * y * y * y
    let dx = 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1)
    let dy = 2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y
    return (a * a + b * b + c * c, [dx, dy])
  }

  /// The elongated bowl f(x, y) = x² + 10·y², minimum at the origin.
  public static let bowl = quadraticBowl(scales: [1, 10])

  /// f(x) = Σ aᵢ·xᵢ², minimum at the origin.
  public static func quadraticBowl(scales: [Double]) -> TestFunction {
    TestFunction(
      name: "bowl", dimension: scales.count, minimum: Array(repeating: 0, count: scales.count)
    ) { p in
      var value = 0.0
      for i in scales.indices { value += scales[i] * p[i] * p[i] }
      return (value, scales.indices.map { 2 * scales[$0] * p[$0] })
    }
  }

  /// The tutorials' f(x) = x⁴ − 3x³ + 2 with f′(x) = 4x³ − 9x², minimum at x = 9/4.
  public static let quartic = TestFunction(name: "quartic", dimension: 1, minimum: [2.25]) { p in
    let x = p[0]
    return (pow(x, 4) - 3 * pow(x, 3) + 2, [4 * pow(x, 3) - 9 * pow(x, 2)])
  }
}
