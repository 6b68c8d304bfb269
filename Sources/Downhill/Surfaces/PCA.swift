import Foundation

/// The plane a training trajectory moves in: the top two principal components of its points
/// relative to the final point (Li et al. 2018, §7), and each point's coordinates in that plane.
///
/// Random directions are nearly orthogonal to a trajectory in high dimensions, so a path drawn
/// over a random plane looks like a dot; the PCA plane is the one the path actually spans.
///
/// As in the paper's code, the components are those of the matrix of rows θₜ − θ_final, centred
/// (scikit-learn's `PCA` subtracts the mean row), and each point is projected without
/// centring: (αₜ, βₜ) = ((θₜ − θ_final)·d₁, (θₜ − θ_final)·d₂), so the final point sits at the
/// origin, the centre of a `CostSurface` plane through θ_final.
public struct TrajectoryPCA: Sendable, Equatable {
  /// The point the plane is centred on.
  public let final: [Double]
  /// Unit vectors along the first and second principal components. Each is signed so that its
  /// largest-magnitude entry is positive (an eigenvector's sign is arbitrary).
  public let first: [Double]
  public let second: [Double]
  /// The fraction of the trajectory's variance along each component (scikit-learn's
  /// `explained_variance_ratio_`).
  public let explainedVarianceRatio: (first: Double, second: Double)
  /// Each trajectory point's coordinates in the plane.
  public let alphas: [Double]
  public let betas: [Double]

  public static func == (a: TrajectoryPCA, b: TrajectoryPCA) -> Bool {
    a.final == b.final && a.first == b.first && a.second == b.second
      && a.explainedVarianceRatio == b.explainedVarianceRatio && a.alphas == b.alphas
      && a.betas == b.betas
  }

  /// The PCA plane of `points` (one parameter vector per recorded step).
  ///
  /// Works on the smaller of the T × T Gram matrix and the P × P covariance matrix (T points, P
  /// parameters; T ≪ P for real networks), whose eigenvectors a Jacobi sweep finds to full
  /// precision. When the trajectory is a straight line (no variance along a second direction)
  /// the second direction is any unit vector orthogonal to the first, with a ratio of 0.
  ///
  /// `final` is the point to centre on; the last point when nil.
  /// - Throws: `DownhillError.invalidArgument` for fewer than two points or parameters, points
  ///   that are not finite, or a trajectory that never moves; `.shapeMismatch` when lengths differ.
  public init(points: [[Double]], final: [Double]? = nil) throws {
    guard points.count >= 2 else {
      throw DownhillError.invalidArgument(
        "a trajectory needs at least two points for PCA, got \(points.count)")
    }
    let p = points[0].count
    let final = final ?? points[points.count - 1]
    guard p >= 2 else {
      throw DownhillError.invalidArgument("a plane needs at least two parameters, got \(p)")
    }
    guard points.allSatisfy({ $0.count == p }), final.count == p else {
      throw DownhillError.shapeMismatch("trajectory points and the final point differ in length")
    }
    guard points.allSatisfy({ $0.allSatisfy(\.isFinite) }), final.allSatisfy(\.isFinite) else {
      throw DownhillError.invalidArgument("the trajectory has points that are not finite")
    }
    let t = points.count
    let offsets = points.map { point in (0..<p).map { point[$0] - final[$0] } }
    var mean = [Double](repeating: 0, count: p)
    for row in offsets { for k in 0..<p { mean[k] += row[k] } }
    for k in 0..<p { mean[k] /= Double(t) }
    let centred = offsets.map { row in (0..<p).map { row[$0] - mean[$0] } }

    let (values, vectors) = Self.topComponents(centred, parameters: p)
    let total = centred.reduce(0) { $0 + CostSurface.dot($1, $1) }
    guard total > 0, values[0] > 0 else {
      throw DownhillError.invalidArgument("the trajectory never moves: there is no plane to find")
    }
    var first = vectors[0]
    var second = vectors[1]
    // Below this the second eigenvector is rounding noise: the path is a line.
    let straight = values[1] <= 1e-13 * values[0]
    if straight { second = Self.orthogonal(to: first) }
    first = Self.signed(first)
    second = Self.signed(second)
    self.final = final
    self.first = first
    self.second = second
    explainedVarianceRatio = (values[0] / total, straight ? 0 : max(values[1], 0) / total)
    alphas = offsets.map { CostSurface.dot($0, first) }
    betas = offsets.map { CostSurface.dot($0, second) }
  }

  /// The PCA plane of a recorded run: every recorded step's parameters, centred on `final` (a
  /// `History` records the weights each step *started* from, so pass the trained network's
  /// parameters to include where training ended; nil centres on the last record).
  ///
  /// - Throws: when a layer was not recorded (the points would not be whole parameter vectors),
  ///   or as `init(points:final:)`.
  public init(history: History, final: [Double]? = nil) throws {
    let layers = history.metadata.recordedLayers
    guard layers == Array(0..<max(history.metadata.layerSizes.count - 1, 0)) else {
      throw DownhillError.invalidArgument(
        "PCA needs every layer recorded; this history has layers \(layers)")
    }
    let parameters = history.metadata.layerShapes.reduce(0) { $0 + $1[0] * $1[1] }
    guard parameters > history.steps.count + 1, let final else {
      var points = try history.steps.map { try history.parameters(atStep: $0) }
      if let final, points.last != final { points.append(final) }
      try self.init(points: points, final: final)
      return
    }
    try self.init(layerByLayer: history, final: final)
  }

  /// The Gram side for a network with more parameters than records, one layer's records in
  /// memory at a time: G = Σ over layers of Mₗ Mₗᵀ (Mₗ the layer's centred rows, by BLAS), then
  /// each direction's layer part Mₗᵀ u / ‖·‖ and each point's coordinates layer by layer.
  private init(layerByLayer history: History, final: [Double]) throws {
    guard final.allSatisfy(\.isFinite) else {
      throw DownhillError.invalidArgument("the final point is not finite")
    }
    let records = history.steps.count
    let appendFinal =
      try records == 0 || history.parameters(atStep: history.steps[records - 1]) != final
    let t = records + (appendFinal ? 1 : 0)
    guard t >= 2 else {
      throw DownhillError.invalidArgument(
        "a trajectory needs at least two points for PCA, got \(t)")
    }
    // Layer l's rows θₜ − θ_final, centred on their column means if `centred`.
    func rows(_ layer: Int, centred: Bool) throws -> Matrix {
      let offset = history.metadata.parameterOffset(layer: layer)!
      let width = history.metadata.layerShapes[layer].reduce(1, *)
      var m = Matrix(rows: t, columns: width)
      for r in 0..<records {
        let w = try history.record(.weights, layer: layer, at: r)
        guard w.allSatisfy(\.isFinite) else {
          throw DownhillError.invalidArgument("the trajectory has points that are not finite")
        }
        for k in 0..<width { m.values[r * width + k] = w[k] - final[offset + k] }
      }
      guard centred else { return m }
      var mean = [Double](repeating: 0, count: width)
      for r in 0..<t { for k in 0..<width { mean[k] += m.values[r * width + k] } }
      for k in 0..<width { mean[k] /= Double(t) }
      for r in 0..<t { for k in 0..<width { m.values[r * width + k] -= mean[k] } }
      return m
    }
    let layers = history.metadata.recordedLayers
    var gram = [Double](repeating: 0, count: t * t)
    var total = 0.0
    for layer in layers {
      let c = try rows(layer, centred: true)
      let g = Matrix.product(c, c, transposingB: true)
      for i in 0..<(t * t) { gram[i] += g.values[i] }
      total += CostSurface.dot(c.values, c.values)
    }
    let (values, vectors) = SymmetricEigen.decompose(gram, size: t)
    guard total > 0, values[0] > 0 else {
      throw DownhillError.invalidArgument("the trajectory never moves: there is no plane to find")
    }
    let straight = values[1] <= 1e-13 * values[0]
    // Each direction Mᵀu, layer part by layer part.
    var directions: [[Double]] = [[], []]
    for layer in layers {
      let c = try rows(layer, centred: true)
      for k in 0..<(straight ? 1 : 2) {
        let u = Matrix(rows: t, columns: 1, values: vectors[k])
        directions[k] += Matrix.product(c, transposingA: true, u).values
      }
    }
    func unit(_ d: [Double]) -> [Double] {
      let norm = CostSurface.dot(d, d).squareRoot()
      return norm > 0 ? d.map { $0 / norm } : d
    }
    let first = Self.signed(unit(directions[0]))
    let second = Self.signed(straight ? Self.orthogonal(to: first) : unit(directions[1]))
    // Coordinates of the uncentred offsets, layer by layer.
    var alphas = [Double](repeating: 0, count: t)
    var betas = alphas
    for layer in layers {
      let o = try rows(layer, centred: false)
      let at = history.metadata.parameterOffset(layer: layer)!
      let d1 = Matrix(rows: o.columns, columns: 1, values: Array(first[at..<(at + o.columns)]))
      let d2 = Matrix(rows: o.columns, columns: 1, values: Array(second[at..<(at + o.columns)]))
      let a = Matrix.product(o, d1).values
      let b = Matrix.product(o, d2).values
      for r in 0..<t {
        alphas[r] += a[r]
        betas[r] += b[r]
      }
    }
    self.final = final
    self.first = first
    self.second = second
    explainedVarianceRatio = (values[0] / total, straight ? 0 : max(values[1], 0) / total)
    self.alphas = alphas
    self.betas = betas
  }

  /// The two largest eigenvalues of the centred data's scatter matrix and the matching unit
  /// directions in parameter space.
  private static func topComponents(_ rows: [[Double]], parameters p: Int)
    -> (values: [Double], vectors: [[Double]])
  {
    let t = rows.count
    if p <= t {
      // Covariance side: C = Mᵀ M (P × P); its eigenvectors are the directions.
      var c = [Double](repeating: 0, count: p * p)
      for row in rows {
        for i in 0..<p where row[i] != 0 {
          for j in 0..<p { c[i * p + j] += row[i] * row[j] }
        }
      }
      let (values, vectors) = SymmetricEigen.decompose(c, size: p)
      return ([values[0], values[1]], [vectors[0], vectors[1]])
    }
    // Gram side: G = M Mᵀ (T × T); a direction is Mᵀ u / √λ for G's eigenvector u.
    var g = [Double](repeating: 0, count: t * t)
    for i in 0..<t {
      for j in i..<t {
        let v = CostSurface.dot(rows[i], rows[j])
        g[i * t + j] = v
        g[j * t + i] = v
      }
    }
    let (values, vectors) = SymmetricEigen.decompose(g, size: t)
    let directions = (0..<2).map { k -> [Double] in
      var d = [Double](repeating: 0, count: p)
      for i in 0..<t where vectors[k][i] != 0 {
        for j in 0..<p { d[j] += vectors[k][i] * rows[i][j] }
      }
      let norm = CostSurface.dot(d, d).squareRoot()
      return norm > 0 ? d.map { $0 / norm } : d
    }
    return ([values[0], values[1]], directions)
  }

  /// A unit vector orthogonal to the unit vector `v`: the axis `v` leans on least, with its `v`
  /// part removed.
  private static func orthogonal(to v: [Double]) -> [Double] {
    let axis = v.indices.min { abs(v[$0]) < abs(v[$1]) }!
    var e = v.map { -v[axis] * $0 }
    e[axis] += 1
    let norm = CostSurface.dot(e, e).squareRoot()
    return e.map { $0 / norm }
  }

  /// `v` or `−v`, whichever has its largest-magnitude entry positive.
  private static func signed(_ v: [Double]) -> [Double] {
    guard let k = v.indices.max(by: { abs(v[$0]) < abs(v[$1]) }), v[k] < 0 else { return v }
    return v.map { -$0 }
  }
}
