import Foundation

/// A network's loss over a whole data set on a plane of parameter space, `c + α·d₁ + β·d₂`
/// (Li et al. 2018), and along the line between two parameter vectors (Goodfellow et al. 2015):
/// the engine behind `downhill landscape`.
///
/// The values are those of the plain per-point evaluation (`Network.lossFunction`, as
/// `CostSurface` uses it) up to the rounding of reordered sums, but the first layer's product
/// with the data is made only three times for the whole grid (see `LandscapeEvaluator`), so a
/// grid over MNIST costs a small fraction of evaluating every point from scratch. Every point is
/// computed on its own from its coordinates: the values do not depend on the thread count or on
/// how the grid was split into shards.
public struct LossLandscape: Sendable {
  /// Called with (points done, points in the run) after each batch of points, from the worker
  /// threads but never two calls at once, and with the count only growing.
  public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

  private let evaluator: LandscapeEvaluator

  /// The centre `c` of the plane.
  public var center: [Double] { evaluator.center }
  /// The direction α moves along.
  public var firstDirection: [Double] { evaluator.first }
  /// The direction β moves along.
  public var secondDirection: [Double] { evaluator.second }

  /// The landscape of `network`'s loss on `inputs`/`targets` through `center` (the network's
  /// own weights when nil) along two directions, e.g. from `Network.randomDirections`.
  ///
  /// The data is validated and the first layer's three products are computed here, once.
  ///
  /// - Throws: `DownhillError.shapeMismatch` when the data does not fit the network or a vector
  ///   has the wrong length; `.invalidArgument` when the data is empty, a vector is not finite,
  ///   a direction is zero or the two are parallel.
  public init(
    network: Network, inputs: Matrix, targets: Matrix, directions first: [Double],
    _ second: [Double], center: [Double]? = nil
  ) throws {
    let center = center ?? network.parameters
    // The same checks as a surface's plane; the cost is not needed for them.
    _ = try CostSurface(cost: { _ in 0 }, center: center, directions: first, second)
    guard center.count == network.parameterCount else {
      throw DownhillError.shapeMismatch(
        "a centre of \(center.count) values for a network of \(network.parameterCount) parameters"
      )
    }
    evaluator = try LandscapeEvaluator(
      network: network, inputs: inputs, targets: targets, center: center, first: first,
      second: second)
  }

  /// The loss at (α, β).
  public func value(alpha: Double, beta: Double) -> Double {
    var out = 0.0
    evaluator.evaluate(alphas: [alpha][...], beta: beta, into: &out)
    return out
  }

  /// The loss on the grid `alphas × betas`, or on the rows (β indices) of one shard of it.
  ///
  /// - Parameters:
  ///   - alphas: the grid's values of α, along the first direction.
  ///   - betas: the grid's values of β, along the second direction.
  ///   - shard: which rows to compute: every `count`-th β index from `index` on. `.whole`
  ///     computes them all; partial grids are joined with `LandscapeGrid.merge`.
  ///   - maxConcurrency: threads to use; nil uses every core. The values are identical for any
  ///     setting.
  ///   - progress: told (points done, points in this shard) as the work goes on.
  /// - Throws: `DownhillError.invalidArgument` when an axis is empty or not finite, or the grid
  ///   is too large to hold.
  public func grid(
    alphas: [Double], betas: [Double], shard: LandscapeShard = .whole, maxConcurrency: Int? = nil,
    progress: Progress? = nil
  ) throws -> LandscapeGrid {
    try GridSurface.validate(alphas: alphas, betas: betas)
    // 2³¹ doubles are 16 GB: a request that large is a mistake, not a figure.
    guard alphas.count <= (1 << 31) / betas.count else {
      throw DownhillError.invalidArgument(
        "a \(alphas.count)×\(betas.count) grid is too large to evaluate")
    }
    let rows = shard.rows(betaCount: betas.count)
    let workers = maxConcurrency ?? ProcessInfo.processInfo.activeProcessorCount
    let loss = evaluator.grid(
      alphas: alphas, betas: betas, rowIndices: rows, workers: max(1, workers),
      progress: progress)
    return LandscapeGrid(
      checkedAlphas: alphas, betas: betas, rows: rows, loss: loss, center: center,
      direction1: firstDirection, direction2: secondDirection, shard: shard)
  }

  /// `count` evenly spaced coordinates from `start` through `stop` (numpy's `linspace`), for a
  /// grid axis.
  ///
  /// - Throws: `DownhillError.invalidArgument` when an end is not finite or `count < 1`.
  public static func axis(from start: Double, to stop: Double, count: Int) throws -> [Double] {
    guard start.isFinite, stop.isFinite else {
      throw DownhillError.invalidArgument(
        "an axis needs finite ends, got \(start) and \(stop)")
    }
    guard count >= 1 else {
      throw DownhillError.invalidArgument("an axis needs at least one point, got \(count)")
    }
    return GridSurface.linspace(start, stop, count: count)
  }

  // MARK: Interpolation

  /// The loss along the line through two parameter vectors, at θ₀ + t·(θ₁ − θ₀), i.e.
  /// (1 − t)·θ₀ + t·θ₁ up to rounding: t = 0 is `start`, t = 1 is `end` (Goodfellow et al.
  /// 2015, "Qualitatively characterizing neural network optimization problems"). Typically
  /// `start` is the initial weights and `end` the trained ones.
  ///
  /// `steps` are the values of t, in order (see `interpolationSteps`); the loss is that of
  /// `network` on `inputs` and `targets`, computed by `maxConcurrency` threads (every core when
  /// nil), and `progress` is told how far it is.
  /// - Returns: one loss per step.
  /// - Throws: `DownhillError.shapeMismatch` when a vector's length is not the network's
  ///   parameter count or the data does not fit; `.invalidArgument` when there are no steps or
  ///   a step or vector is not finite.
  public static func interpolation(
    network: Network, inputs: Matrix, targets: Matrix, from start: [Double], to end: [Double],
    steps: [Double] = interpolationSteps(), maxConcurrency: Int? = nil,
    progress: Progress? = nil
  ) throws -> [Double] {
    guard start.count == network.parameterCount, end.count == network.parameterCount else {
      throw DownhillError.shapeMismatch(
        "interpolation between vectors of \(start.count) and \(end.count) values for a network of \(network.parameterCount) parameters"
      )
    }
    guard start.allSatisfy(\.isFinite), end.allSatisfy(\.isFinite) else {
      throw DownhillError.invalidArgument("the two ends of an interpolation must be finite")
    }
    try GridSurface.validate(alphas: steps, betas: [0])
    let direction = zip(end, start).map { $0 - $1 }
    let evaluator = try LandscapeEvaluator(
      network: network, inputs: inputs, targets: targets, center: start, first: direction,
      second: [Double](repeating: 0, count: start.count))
    let workers = maxConcurrency ?? ProcessInfo.processInfo.activeProcessorCount
    return evaluator.grid(
      alphas: steps, betas: [0], rowIndices: [0], workers: max(1, workers), progress: progress)
  }

  /// `count` values of t from −0.5 through 1.5, evenly spaced: both ends and a stretch beyond
  /// each. The default 41 puts t = 0 and t = 1 on the grid.
  public static func interpolationSteps(count: Int = 41) -> [Double] {
    GridSurface.linspace(-0.5, 1.5, count: count)
  }
}

/// Which rows (β indices) of a grid one process computes: every `count`-th from `index` on, so
/// each shard gets rows from the whole β range and costs about the same.
public struct LandscapeShard: Sendable, Hashable, CustomStringConvertible {
  public let index: Int
  public let count: Int

  /// The whole grid: shard 0 of 1.
  public static let whole = LandscapeShard(uncheckedIndex: 0, count: 1)

  /// Shard `index` of `count` (0-based).
  ///
  /// - Throws: `DownhillError.invalidArgument` unless `count ≥ 1` and `0 ≤ index < count`.
  public init(index: Int, of count: Int) throws {
    guard count >= 1, (0..<count).contains(index) else {
      throw DownhillError.invalidArgument(
        "shard \(index) of \(count) does not exist: give K of N with 0 ≤ K < N")
    }
    self.init(uncheckedIndex: index, count: count)
  }

  private init(uncheckedIndex index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// The β indices this shard holds among `betaCount`, ascending (empty when the shard is past
  /// the last row).
  public func rows(betaCount: Int) -> [Int] {
    Array(stride(from: index, to: max(betaCount, index), by: count))
  }

  /// "K/N".
  public var description: String { "\(index)/\(count)" }
}
