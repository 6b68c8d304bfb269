/// A cost sampled on a regular grid: `values[j * alphas.count + i]` is the cost at
/// (`alphas[i]`, `betas[j]`), i.e. row-major with one row per β — the layout a contour or surface
/// plot reads directly (rows are the y axis).
///
/// Values may be `+Inf`, `−Inf` or `NaN` where the cost overflows or takes log(0): they are kept
/// as they are (a figure draws them as holes) rather than clamped, so nothing is silently
/// invented.
public struct GridSurface: Sendable, Equatable {
  public let alphas: [Double]
  public let betas: [Double]
  public let values: [Double]

  /// A grid from its axes and row-major values.
  ///
  /// - Throws: `DownhillError.invalidArgument` when an axis is empty or not finite, and
  ///   `.shapeMismatch` when `values.count ≠ alphas.count · betas.count`.
  public init(alphas: [Double], betas: [Double], values: [Double]) throws {
    try GridSurface.validate(alphas: alphas, betas: betas)
    guard values.count == alphas.count * betas.count else {
      throw DownhillError.shapeMismatch(
        "a \(alphas.count)×\(betas.count) grid needs \(alphas.count * betas.count) values, got \(values.count)"
      )
    }
    self.alphas = alphas
    self.betas = betas
    self.values = values
  }

  static func validate(alphas: [Double], betas: [Double]) throws {
    guard !alphas.isEmpty, !betas.isEmpty else {
      throw DownhillError.invalidArgument(
        "a grid needs at least one α and one β (got \(alphas.count) and \(betas.count))")
    }
    guard alphas.allSatisfy(\.isFinite), betas.allSatisfy(\.isFinite) else {
      throw DownhillError.invalidArgument("grid coordinates must be finite numbers")
    }
  }

  /// The cost at (`alphas[i]`, `betas[j]`).
  public subscript(i: Int, j: Int) -> Double { values[j * alphas.count + i] }

  /// The smallest and largest finite values, or nil when none is finite.
  public var finiteRange: ClosedRange<Double>? {
    var low = Double.infinity
    var high = -Double.infinity
    for v in values where v.isFinite {
      low = min(low, v)
      high = max(high, v)
    }
    return low <= high ? low...high : nil
  }

  /// How many values are infinite or NaN (the holes a figure leaves).
  public var nonFiniteCount: Int { values.reduce(0) { $0 + ($1.isFinite ? 0 : 1) } }

  /// The grid point with the smallest finite value, or nil when none is finite.
  public var minimum: (alpha: Double, beta: Double, value: Double)? {
    var best: Int?
    for (k, v) in values.enumerated() where v.isFinite && v < (best.map { values[$0] } ?? .infinity)
    {
      best = k
    }
    guard let best else { return nil }
    return (alphas[best % alphas.count], betas[best / alphas.count], values[best])
  }

  /// `count` evenly spaced numbers from `start` through `stop`, computed as numpy's
  /// `np.linspace(start, stop, count)` computes them (i·step + start, the last exactly `stop`),
  /// so the tutorials' grids and random pairs match numpy bit for bit. Empty for `count ≤ 0`.
  public static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
    guard count > 0 else { return [] }
    guard count > 1 else { return [start] }
    let step = (stop - start) / Double(count - 1)
    var values = (0..<count).map { Double($0) * step + start }
    values[count - 1] = stop
    return values
  }
}
