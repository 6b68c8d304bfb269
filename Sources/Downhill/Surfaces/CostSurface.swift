import Foundation

/// A cost evaluated over a two-dimensional slice of parameter space: the raw material of
/// cost-surface, contour and loss-landscape figures.
///
/// A slice is either two chosen parameters varied with every other one held fixed
/// (`(α, β)` *are* the two parameters' values), or a plane through a centre `c` spanned by two
/// directions (`(α, β)` ↦ `c + α·d₁ + β·d₂`, Li et al. 2018). The cost is any function of the
/// flat parameter vector; `Network.lossFunction(inputs:targets:)` gives a network's.
///
/// Evaluation is parallel over the cores and deterministic: every point is computed on its own
/// from its coordinates, so the values do not depend on how many threads ran. Points where the
/// cost overflows or takes log(0) come back as ±Inf or NaN, never a crash; figures draw them as
/// holes.
public struct CostSurface: Sendable {
  /// A cost as a function of the flat parameter vector.
  public typealias CostFunction = @Sendable ([Double]) -> Double

  /// Which two-dimensional slice of parameter space the surface covers.
  public enum Slice: Sendable, Equatable {
    /// Parameters `first` and `second` take the values (α, β); the others stay as in `point`.
    case parameters(first: Int, second: Int, point: [Double])
    /// The plane `center + α·first + β·second`.
    case plane(center: [Double], first: [Double], second: [Double])
  }

  public let slice: Slice
  public let cost: CostFunction

  /// The surface over two parameters of `point` (indices into the flat vector), the others held.
  ///
  /// - Throws: `DownhillError.invalidArgument` when an index is outside the vector, the two are
  ///   the same, or `point` is not finite.
  public init(
    cost: @escaping CostFunction, parameters first: Int, _ second: Int, at point: [Double]
  )
    throws
  {
    guard point.indices.contains(first), point.indices.contains(second) else {
      throw DownhillError.invalidArgument(
        "parameters \(first) and \(second) must be in 0..<\(point.count)")
    }
    guard first != second else {
      throw DownhillError.invalidArgument("the two parameters must differ (both are \(first))")
    }
    guard point.allSatisfy(\.isFinite) else {
      throw DownhillError.invalidArgument(
        "the point the other parameters are held at is not finite")
    }
    self.init(checkedCost: cost, slice: .parameters(first: first, second: second, point: point))
  }

  /// A surface whose slice the caller has already validated.
  init(checkedCost cost: @escaping CostFunction, slice: Slice) {
    self.cost = cost
    self.slice = slice
  }

  /// The plane through `center` spanned by `first` and `second`.
  ///
  /// - Throws: `DownhillError.shapeMismatch` when the lengths differ, `.invalidArgument` when a
  ///   vector is empty, not finite, a direction is zero, or the directions are parallel (the
  ///   "plane" would be a line).
  public init(
    cost: @escaping CostFunction, center: [Double], directions first: [Double], _ second: [Double]
  ) throws {
    guard !center.isEmpty else {
      throw DownhillError.invalidArgument("the centre of a surface needs at least one parameter")
    }
    guard first.count == center.count, second.count == center.count else {
      throw DownhillError.shapeMismatch(
        "directions of \(first.count) and \(second.count) values for a centre of \(center.count)")
    }
    guard center.allSatisfy(\.isFinite), first.allSatisfy(\.isFinite),
      second.allSatisfy(\.isFinite)
    else { throw DownhillError.invalidArgument("the centre and directions must be finite") }
    let n1 = Self.dot(first, first).squareRoot()
    let n2 = Self.dot(second, second).squareRoot()
    guard n1 > 0, n2 > 0 else {
      throw DownhillError.invalidArgument(
        "a direction is zero (norms \(n1) and \(n2)): the surface would be flat by construction")
    }
    // |cos| within 1e-12 of 1: parallel to rounding, so α and β would move along one line.
    guard abs(Self.dot(first, second)) < (1 - 1e-12) * n1 * n2 else {
      throw DownhillError.invalidArgument("the two directions are parallel")
    }
    self.cost = cost
    slice = .plane(center: center, first: first, second: second)
  }

  /// The surface of a network's loss over two of its weights, each given as (layer, row,
  /// column), the other weights held at their current values.
  public init(
    network: Network, inputs: Matrix, targets: Matrix,
    first: (layer: Int, row: Int, column: Int), second: (layer: Int, row: Int, column: Int)
  ) throws {
    try self.init(
      cost: network.lossFunction(inputs: inputs, targets: targets),
      parameters: network.parameterIndex(layer: first.layer, row: first.row, column: first.column),
      network.parameterIndex(layer: second.layer, row: second.row, column: second.column),
      at: network.parameters)
  }

  /// The plane of a network's loss through its current weights along two directions.
  public init(
    network: Network, inputs: Matrix, targets: Matrix, directions first: [Double],
    _ second: [Double]
  ) throws {
    try self.init(
      cost: network.lossFunction(inputs: inputs, targets: targets), center: network.parameters,
      directions: first, second)
  }

  /// The number of parameters each evaluated point has.
  public var parameterCount: Int {
    switch slice {
    case .parameters(_, _, let point): point.count
    case .plane(let center, _, _): center.count
    }
  }

  /// The vector a point starts from: the held point, or the centre.
  private var base: [Double] {
    switch slice {
    case .parameters(_, _, let point): point
    case .plane(let center, _, _): center
    }
  }

  /// The full parameter vector at (α, β).
  public func parameters(alpha: Double, beta: Double) -> [Double] {
    var p = base
    fill(&p, alpha, beta)
    return p
  }

  /// The cost at (α, β).
  public func value(alpha: Double, beta: Double) -> Double {
    cost(parameters(alpha: alpha, beta: beta))
  }

  /// Writes the point (α, β) into `p` (which starts as `base`) in place, so a worker reuses one
  /// buffer for all its points. Every element is a function of (α, β) alone, so a point never
  /// depends on which points the worker computed before it.
  private func fill(_ p: inout [Double], _ alpha: Double, _ beta: Double) {
    switch slice {
    case .parameters(let first, let second, _):
      p[first] = alpha
      p[second] = beta
    case .plane(let center, let d1, let d2):
      for k in p.indices { p[k] = center[k] + alpha * d1[k] + beta * d2[k] }
    }
  }

  // MARK: Evaluation

  /// The cost on the grid `alphas × betas` (see `GridSurface` for the layout).
  ///
  /// `maxConcurrency` is how many chunks of rows run at once; nil uses every core. The values
  /// are identical for any setting.
  /// - Throws: `DownhillError.invalidArgument` when an axis is empty or not finite.
  public func grid(alphas: [Double], betas: [Double], maxConcurrency: Int? = nil) throws
    -> GridSurface
  {
    try GridSurface.validate(alphas: alphas, betas: betas)
    // 2³¹ doubles are 16 GB: a request that large is a mistake, not a figure.
    guard alphas.count <= (1 << 31) / betas.count else {
      throw DownhillError.invalidArgument(
        "a \(alphas.count)×\(betas.count) grid is too large to evaluate")
    }
    let columns = alphas.count
    let values = evaluate(count: alphas.count * betas.count, maxConcurrency: maxConcurrency) {
      k in (alphas[k % columns], betas[k / columns])
    }
    return try GridSurface(alphas: alphas, betas: betas, values: values)
  }

  /// The cost on an evenly spaced `alphaCount × betaCount` grid over the two ranges (numpy's
  /// `linspace` points, ends included).
  public func grid(
    alpha: ClosedRange<Double>, count alphaCount: Int, beta: ClosedRange<Double>,
    count betaCount: Int, maxConcurrency: Int? = nil
  ) throws -> GridSurface {
    try grid(
      alphas: GridSurface.linspace(alpha.lowerBound, alpha.upperBound, count: alphaCount),
      betas: GridSurface.linspace(beta.lowerBound, beta.upperBound, count: betaCount),
      maxConcurrency: maxConcurrency)
  }

  /// The cost at scattered (α, β) points, in their order. Empty in, empty out.
  public func values(at points: [(Double, Double)], maxConcurrency: Int? = nil) -> [Double] {
    evaluate(count: points.count, maxConcurrency: maxConcurrency) { points[$0] }
  }

  /// Evaluates `count` points in contiguous chunks, one worker per chunk, each writing only its
  /// own range of a preallocated buffer.
  private func evaluate(
    count: Int, maxConcurrency: Int?, coordinates: @escaping @Sendable (Int) -> (Double, Double)
  ) -> [Double] {
    guard count > 0 else { return [] }
    let workers = max(1, min(maxConcurrency ?? ProcessInfo.processInfo.activeProcessorCount, count))
    // A few chunks per worker evens out rows that cost more (e.g. where exp overflows).
    let chunks = workers == 1 ? 1 : min(count, workers * 4)
    return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      let output = DisjointOutput(base: buffer.baseAddress!)
      let work: @Sendable (Int) -> Void = { chunk in
        let range = (chunk * count / chunks)..<((chunk + 1) * count / chunks)
        var p = base
        for k in range {
          let (alpha, beta) = coordinates(k)
          fill(&p, alpha, beta)
          output.write(cost(p), at: k)
        }
      }
      if chunks == 1 {
        work(0)
      } else {
        DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
      }
      initialized = count
    }
  }

  static func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for k in a.indices { s += a[k] * b[k] }
    return s
  }
}

/// The output buffer the workers share. Each chunk writes a range of indices no other chunk
/// touches, and `concurrentPerform` returns only after every chunk is done, so the writes never
/// race and are all visible afterwards; that is why sending the pointer is sound.
private struct DisjointOutput: @unchecked Sendable {
  let base: UnsafeMutablePointer<Double>
  func write(_ value: Double, at index: Int) { (base + index).initialize(to: value) }
}
