import Foundation

/// A computed loss landscape, whole or one shard of it, with everything needed to check that
/// shards belong together: the axes, the centre and the two directions.
///
/// On disk it is an `.npz` (`np.load` reads it) holding float64 arrays `alphas`, `betas`,
/// `loss` (rows × alphas, row-major: `loss[r, i]` is the loss at `alphas[i]`,
/// `betas[rows[r]]`), `direction1`, `direction2` and `center`; a partial grid adds int32
/// arrays `rows` (the β indices it holds) and `shard` ([K, N]). A whole grid has neither, and
/// its `loss` is betas × alphas.
///
/// Equality compares bit patterns, so NaN losses (log(0) holes) compare equal to themselves.
public struct LandscapeGrid: Sendable, Equatable {
  public let alphas: [Double]
  public let betas: [Double]
  /// The β indices held, ascending: all of them for a whole grid.
  public let rows: [Int]
  /// `rows.count × alphas.count` losses, row-major.
  public let loss: [Double]
  public let center: [Double]
  public let direction1: [Double]
  public let direction2: [Double]
  public let shard: LandscapeShard

  init(
    checkedAlphas alphas: [Double], betas: [Double], rows: [Int], loss: [Double],
    center: [Double], direction1: [Double], direction2: [Double], shard: LandscapeShard
  ) {
    self.alphas = alphas
    self.betas = betas
    self.rows = rows
    self.loss = loss
    self.center = center
    self.direction1 = direction1
    self.direction2 = direction2
    self.shard = shard
  }

  /// Whether every row is present (a single run, or shards merged).
  public var isComplete: Bool { shard.count == 1 }

  /// The whole grid as a surface for figures.
  ///
  /// - Throws: `DownhillError.invalidArgument` for a partial grid.
  public func surface() throws -> GridSurface {
    guard isComplete else {
      throw DownhillError.invalidArgument(
        "shard \(shard) holds \(rows.count) of \(betas.count) rows: merge the shards first")
    }
    return try GridSurface(alphas: alphas, betas: betas, values: loss)
  }

  public static func == (a: LandscapeGrid, b: LandscapeGrid) -> Bool {
    func same(_ x: [Double], _ y: [Double]) -> Bool { x.map(\.bitPattern) == y.map(\.bitPattern) }
    return a.shard == b.shard && a.rows == b.rows && same(a.alphas, b.alphas)
      && same(a.betas, b.betas) && same(a.loss, b.loss) && same(a.center, b.center)
      && same(a.direction1, b.direction1) && same(a.direction2, b.direction2)
  }

  // MARK: Files

  /// The npz bytes (see the type's documentation); the same grid always gives the same bytes.
  public func npzBytes() throws -> [UInt8] {
    try NPZ.encode(arrays)
  }

  /// Writes the grid as an npz, atomically.
  public func write(to url: URL) throws {
    try NPZ.write(arrays, to: url)
  }

  private var arrays: [NPZ.Array] {
    var arrays = [
      NPZ.Array(name: "alphas", element: .float64, shape: [alphas.count], values: alphas),
      NPZ.Array(name: "betas", element: .float64, shape: [betas.count], values: betas),
      NPZ.Array(
        name: "loss", element: .float64, shape: [rows.count, alphas.count], values: loss),
      NPZ.Array(
        name: "direction1", element: .float64, shape: [direction1.count], values: direction1),
      NPZ.Array(
        name: "direction2", element: .float64, shape: [direction2.count], values: direction2),
      NPZ.Array(name: "center", element: .float64, shape: [center.count], values: center),
    ]
    if !isComplete {
      arrays.append(
        NPZ.Array(name: "rows", element: .int32, shape: [rows.count], values: rows.map(Double.init))
      )
      arrays.append(
        NPZ.Array(
          name: "shard", element: .int32, shape: [2],
          values: [Double(shard.index), Double(shard.count)]))
    }
    return arrays
  }

  /// Reads a grid or a shard written by `write(to:)`.
  ///
  /// - Throws: `DownhillError.corruptFile` when the file is not such an npz or its arrays do not
  ///   fit together (shapes, a shard's rows, non-finite axes), `.io` when it cannot be read.
  public init(contentsOf url: URL) throws {
    let path = url.path
    func corrupt(_ reason: String) -> DownhillError { .corruptFile(path: path, reason: reason) }
    let arrays = try NPZ.read(from: url)
    func array(_ name: String, rank: Int, integer: Bool = false) throws -> NPZ.Array {
      guard let a = arrays[name] else { throw corrupt("no '\(name)' array: not a loss landscape") }
      guard a.shape.count == rank else {
        throw corrupt("'\(name)' has \(a.shape.count) dimensions, expected \(rank)")
      }
      guard integer || a.element == .float64 else {
        throw corrupt("'\(name)' is \(a.element.rawValue), expected float64")
      }
      return a
    }
    let alphas = try array("alphas", rank: 1).values
    let betas = try array("betas", rank: 1).values
    let center = try array("center", rank: 1).values
    let d1 = try array("direction1", rank: 1).values
    let d2 = try array("direction2", rank: 1).values
    let loss = try array("loss", rank: 2)
    do { try GridSurface.validate(alphas: alphas, betas: betas) } catch let error as DownhillError {
      throw corrupt(error.description)
    }
    guard d1.count == center.count, d2.count == center.count else {
      throw corrupt(
        "directions of \(d1.count) and \(d2.count) values for a centre of \(center.count)")
    }
    let shard: LandscapeShard
    let rows: [Int]
    switch (arrays["rows"], arrays["shard"]) {
    case (nil, nil):
      shard = .whole
      rows = Array(0..<betas.count)
    case (.some, .some):
      let held = try array("rows", rank: 1, integer: true).values
      let ks = try array("shard", rank: 1, integer: true).values
      guard ks.count == 2, ks.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e9 }),
        let s = try? LandscapeShard(index: Int(ks[0]), of: Int(ks[1]))
      else { throw corrupt("'shard' must hold K and N with 0 ≤ K < N") }
      shard = s
      rows = s.rows(betaCount: betas.count)
      guard held == rows.map(Double.init) else {
        throw corrupt("'rows' are not the rows of shard \(s) of \(betas.count) βs")
      }
    default:
      throw corrupt("a partial grid needs both 'rows' and 'shard'")
    }
    guard loss.shape == [rows.count, alphas.count] else {
      throw corrupt(
        "'loss' is \(loss.shape.map(String.init).joined(separator: "×")), expected \(rows.count)×\(alphas.count)"
      )
    }
    self.init(
      checkedAlphas: alphas, betas: betas, rows: rows, loss: loss.values, center: center,
      direction1: d1, direction2: d2, shard: shard)
  }

  // MARK: Merging

  /// The whole grid from all the shards of one split, in any order: the same values, bit for
  /// bit, as one process computing the whole grid (each point is computed on its own).
  ///
  /// - Throws: `DownhillError.invalidArgument` when there are no parts, parts disagree on the
  ///   axes, centre or directions, come from different splits, a shard is given twice or one is
  ///   missing.
  public static func merge(_ parts: [LandscapeGrid]) throws -> LandscapeGrid {
    guard let reference = parts.first else {
      throw DownhillError.invalidArgument("no partial grids to merge")
    }
    func same(_ x: [Double], _ y: [Double]) -> Bool { x.map(\.bitPattern) == y.map(\.bitPattern) }
    let n = reference.shard.count
    var byIndex: [Int: LandscapeGrid] = [:]
    for part in parts {
      func differs(_ what: String) -> DownhillError {
        .invalidArgument(
          "shard \(part.shard) has different \(what) than shard \(reference.shard): they are not parts of one grid"
        )
      }
      guard part.shard.count == n else {
        throw DownhillError.invalidArgument(
          "shard \(part.shard) and shard \(reference.shard) come from different splits (\(part.shard.count) and \(n) shards)"
        )
      }
      guard same(part.alphas, reference.alphas) else { throw differs("alphas") }
      guard same(part.betas, reference.betas) else { throw differs("betas") }
      guard same(part.center, reference.center) else { throw differs("centre") }
      guard same(part.direction1, reference.direction1) else { throw differs("direction1") }
      guard same(part.direction2, reference.direction2) else { throw differs("direction2") }
      guard part.rows == part.shard.rows(betaCount: part.betas.count),
        part.loss.count == part.rows.count * part.alphas.count
      else {
        throw DownhillError.invalidArgument(
          "shard \(part.shard) does not hold the rows of its shard")
      }
      guard byIndex.updateValue(part, forKey: part.shard.index) == nil else {
        throw DownhillError.invalidArgument("shard \(part.shard) is given twice")
      }
    }
    let missing = (0..<n).filter { byIndex[$0] == nil }
    guard missing.isEmpty else {
      let names = missing.prefix(5).map { "\($0)/\(n)" }.joined(separator: ", ")
      throw DownhillError.invalidArgument(
        "\(missing.count) of \(n) shards missing (\(names)\(missing.count > 5 ? ", …" : "")): the grid would have holes"
      )
    }
    let columns = reference.alphas.count
    var loss = [Double](repeating: 0, count: reference.betas.count * columns)
    for part in byIndex.values {
      for (r, row) in part.rows.enumerated() {
        loss.replaceSubrange(
          (row * columns)..<((row + 1) * columns),
          with: part.loss[(r * columns)..<((r + 1) * columns)])
      }
    }
    return LandscapeGrid(
      checkedAlphas: reference.alphas, betas: reference.betas,
      rows: Array(0..<reference.betas.count), loss: loss, center: reference.center,
      direction1: reference.direction1, direction2: reference.direction2, shard: .whole)
  }
}
