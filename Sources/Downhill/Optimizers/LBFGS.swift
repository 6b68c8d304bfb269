/// Limited-memory BFGS (Nocedal 1980; Nocedal & Wright, *Numerical Optimization*, Alg. 7.4 and
/// 3.5–3.6). It keeps the last `memory` pairs sₖ = xₖ₊₁ − xₖ, yₖ = ∇fₖ₊₁ − ∇fₖ and applies the
/// inverse-Hessian approximation to the gradient with the two-loop recursion:
///
///     q ← ∇f;  for k newest…oldest: ρₖ = 1/(yₖ·sₖ), aₖ = ρₖ·sₖ·q, q ← q − aₖ·yₖ
///     r ← γ·q with γ = (s·y)/(y·y) of the newest pair
///     for k oldest…newest: b = ρₖ·yₖ·r, r ← r + sₖ·(aₖ − b)
///     d = −r,  x ← x + α·d
///
/// where α satisfies the strong Wolfe conditions f(x + αd) ≤ f(x) + c₁·α·∇f·d and
/// |∇f(x + αd)·d| ≤ c₂·|∇f·d|, found by bracketing and safeguarded cubic interpolation (each
/// trial calls `objective`). A pair is stored only if s·y > 0, which keeps the approximation
/// positive definite; a non-descent direction or a failed line search clears the memory.
public struct LBFGS: Optimizer {
  /// How many (s, y) pairs to keep.
  public var memory: Int
  /// Sufficient-decrease constant c₁.
  public var c1: Double = 1e-4
  /// Curvature constant c₂ (0.9 is the usual choice for quasi-Newton methods).
  public var c2: Double = 0.9
  /// The most `objective` calls one line search may make.
  public var maxLineSearchEvaluations: Int = 25
  /// Objective calls made by line searches so far.
  public private(set) var evaluations = 0
  private var pairs: [(s: [Double], y: [Double], rho: Double)] = []
  private var previous: (x: [Double], gradient: [Double])?
  public var name: String { "lbfgs" }

  public init(memory: Int = 10) { self.memory = max(1, memory) }

  public mutating func step(
    _ parameters: inout [Double], value: Double, gradient: [Double], objective: Objective
  ) {
    if let previous, previous.x.count == parameters.count {
      let s = zip(parameters, previous.x).map { $0 - $1 }
      let y = zip(gradient, previous.gradient).map { $0 - $1 }
      let sy = dot(s, y)
      if sy > 1e-12 * dot(y, y).squareRoot() * dot(s, s).squareRoot(), sy.isFinite {
        pairs.append((s, y, 1 / sy))
        if pairs.count > memory { pairs.removeFirst() }
      }
    } else {
      pairs = []
    }

    var direction = twoLoop(gradient).map { -$0 }
    var slope = dot(direction, gradient)
    if !(slope < 0) {
      pairs = []
      direction = gradient.map { -$0 }
      slope = -dot(gradient, gradient)
    }
    guard slope < 0 else { return }  // zero gradient: nowhere to go

    // Without curvature information the scale of d is unknown: aim for a first step of length 1.
    let initial = pairs.isEmpty ? min(1, 1 / dot(direction, direction).squareRoot()) : 1
    previous = (parameters, gradient)
    if let alpha = lineSearch(parameters, value, slope, direction, initial, objective) {
      for i in parameters.indices { parameters[i] += alpha * direction[i] }
    } else {
      pairs = []
      previous = nil
    }
  }

  /// H·g by the two-loop recursion.
  private func twoLoop(_ gradient: [Double]) -> [Double] {
    var q = gradient
    var alphas = [Double](repeating: 0, count: pairs.count)
    for k in pairs.indices.reversed() {
      alphas[k] = pairs[k].rho * dot(pairs[k].s, q)
      for i in q.indices { q[i] -= alphas[k] * pairs[k].y[i] }
    }
    if let newest = pairs.last {
      let gamma = 1 / (newest.rho * dot(newest.y, newest.y))
      for i in q.indices { q[i] *= gamma }
    }
    for k in pairs.indices {
      let b = pairs[k].rho * dot(pairs[k].y, q)
      for i in q.indices { q[i] += pairs[k].s[i] * (alphas[k] - b) }
    }
    return q
  }

  /// A step length satisfying the strong Wolfe conditions (Nocedal & Wright Alg. 3.5), or the
  /// best sufficient-decrease step seen, or `nil` if there is none.
  private mutating func lineSearch(
    _ x: [Double], _ f0: Double, _ slope0: Double, _ direction: [Double], _ initial: Double,
    _ objective: Objective
  ) -> Double? {
    var budget = maxLineSearchEvaluations
    // φ(α) = f(x + α·d) and φ′(α) = ∇f(x + α·d)·d.
    func phi(_ alpha: Double) -> (value: Double, slope: Double) {
      budget -= 1
      evaluations += 1
      let point = zip(x, direction).map { $0 + alpha * $1 }
      let (value, gradient) = objective(point)
      return (value, dot(gradient, direction))
    }
    let (c1, c2) = (c1, c2)
    func decreases(_ alpha: Double, _ value: Double) -> Bool {
      value.isFinite && value <= f0 + c1 * alpha * slope0
    }

    var previous = (alpha: 0.0, value: f0, slope: slope0)
    var alpha = initial
    var first = true
    while budget > 0 {
      let (value, slope) = phi(alpha)
      let current = (alpha: alpha, value: value, slope: slope)
      if !decreases(alpha, value) || (!first && value >= previous.value) {
        return zoom(low: previous, high: current)
      }
      if abs(slope) <= -c2 * slope0 { return alpha }
      if slope >= 0 { return zoom(low: current, high: previous) }
      previous = current
      alpha *= 2
      first = false
    }
    return previous.alpha > 0 ? previous.alpha : nil

    // Shrinks [low, high] (low always satisfies sufficient decrease and has the lower value)
    // until a point satisfies both conditions.
    func zoom(
      low lowStart: (alpha: Double, value: Double, slope: Double),
      high highStart: (alpha: Double, value: Double, slope: Double)
    ) -> Double? {
      var low = lowStart
      var high = highStart
      while budget > 0 {
        let width = high.alpha - low.alpha
        if abs(width) <= 1e-16 * max(1, abs(low.alpha)) { break }
        var trial = cubicMinimizer(low, high)
        let lo = min(low.alpha, high.alpha)
        let hi = max(low.alpha, high.alpha)
        let margin = 0.1 * (hi - lo)
        if !(trial >= lo + margin && trial <= hi - margin) { trial = (low.alpha + high.alpha) / 2 }
        let (value, slope) = phi(trial)
        let point = (alpha: trial, value: value, slope: slope)
        if !decreases(trial, value) || value >= low.value {
          high = point
        } else {
          if abs(slope) <= -c2 * slope0 { return trial }
          if slope * (high.alpha - low.alpha) >= 0 { high = low }
          low = point
        }
      }
      return low.alpha > 0 ? low.alpha : nil
    }
  }

  /// The minimizer of the cubic matching values and slopes at a and b (Nocedal & Wright 3.59);
  /// NaN when the cubic has none, which the caller replaces by bisection.
  private func cubicMinimizer(
    _ a: (alpha: Double, value: Double, slope: Double),
    _ b: (alpha: Double, value: Double, slope: Double)
  ) -> Double {
    let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.alpha - b.alpha)
    let discriminant = d1 * d1 - a.slope * b.slope
    guard discriminant >= 0 else { return .nan }
    let d2 = (b.alpha > a.alpha ? 1.0 : -1.0) * discriminant.squareRoot()
    return b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
  }
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
  var sum = 0.0
  for i in a.indices { sum += a[i] * b[i] }
  return sum
}
