import Foundation

/// `Tests/DownhillTests/Data/surfaces.json`, written by `scripts/oracle/surfaces.py`.
struct SurfaceReference: Decodable {
  struct Pairs: Decodable {
    var seed: UInt32
    var theta1, theta2, mse, cross_entropy: [Double]
  }
  struct Path: Decodable {
    var cost: String
    var start: [Double]
    var alpha: Double
    var steps: Int
    var path: [[Double]]
  }
  struct PCA: Decodable {
    var points: [[Double]]
    var components: [[Double]]
    var explained_variance_ratio: [Double]
    var projections: [[Double]]
  }
  struct Filter: Decodable {
    var raw, filter, layer: [Double]
  }
  var t3: [Pairs]
  var descent: [Path]
  var pca: [PCA]
  var filter: Filter

  /// Decoded with `JSONDecoder`, which parses doubles exactly.
  static func load() throws -> SurfaceReference {
    try JSONDecoder().decode(Self.self, from: Data(contentsOf: TestData.url("surfaces", "json")))
  }
}

/// |a − b| ≤ tolerance · max(|a|, |b|), and NaN only with NaN.
func relativelyClose(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
  return a == b || abs(a - b) <= tolerance * max(abs(a), abs(b))
}
