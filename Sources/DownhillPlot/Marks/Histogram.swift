import Foundation

/// Counts of values in bins, computed as numpy's `np.histogram`, so a report can write the same
/// numbers it draws.
///
/// Every bin is half-open, `[edges[i], edges[i + 1])`, except the last, which is closed and so
/// counts values equal to the last edge. Values outside the edges are not counted. NaN and
/// ±infinity are ignored (numpy raises on them when it has to choose the range itself).
public struct Histogram: Equatable, Sendable {
  /// The `counts.count + 1` bin edges, increasing.
  public let edges: [Double]
  /// How many values fell in each bin.
  public let counts: [Double]

  /// Equal-width bins over `range`, or over the finite values' minimum … maximum when `range`
  /// is nil: `edges` is numpy's `linspace(lower, upper, bins + 1)`. Constant data (lower ==
  /// upper) is widened to `lower − 0.5 … upper + 0.5`, and empty data uses 0 … 1, as numpy does.
  ///
  /// - Precondition: `bins ≥ 1`; `range`, if given, has finite bounds.
  public init(values: [Double], bins: Int = 10, range: ClosedRange<Double>? = nil) {
    precondition(bins >= 1, "a histogram needs at least one bin")
    let finite = values.filter(\.isFinite)
    var lower: Double
    var upper: Double
    if let range {
      precondition(
        range.lowerBound.isFinite && range.upperBound.isFinite, "histogram range must be finite")
      (lower, upper) = (range.lowerBound, range.upperBound)
    } else if let lo = finite.min(), let hi = finite.max() {
      (lower, upper) = (lo, hi)
    } else {
      (lower, upper) = (0, 1)
    }
    if lower == upper {
      lower -= 0.5
      upper += 0.5
    }
    let edges = Self.linspace(lower, upper, count: bins + 1)
    self.edges = edges
    self.counts = Self.uniformCounts(finite, edges: edges)
  }

  /// Bins with the given edges, as `np.histogram(values, bins=edges)`.
  ///
  /// - Precondition: at least two edges, finite and strictly increasing.
  public init(values: [Double], edges: [Double]) {
    precondition(edges.count >= 2, "a histogram needs at least two edges")
    precondition(
      edges.allSatisfy(\.isFinite) && zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 },
      "histogram edges must be finite and increasing")
    self.edges = edges
    var counts = [Double](repeating: 0, count: edges.count - 1)
    for v in values where v.isFinite {
      guard let i = Self.bin(of: v, edges: edges) else { continue }
      counts[i] += 1
    }
    self.counts = counts
  }

  /// The number of values counted (those inside the edges).
  public var total: Double { counts.reduce(0, +) }

  /// Each bin's count divided by the bin's width and by the total, so the bars' area is 1, as
  /// `np.histogram(density=True)` (in its order, for the same roundings); NaN everywhere when
  /// nothing was counted, as numpy gives.
  public var densities: [Double] {
    let total = self.total
    return counts.indices.map { counts[$0] / (edges[$0 + 1] - edges[$0]) / total }
  }

  /// The middle of each bin.
  public var centers: [Double] {
    counts.indices.map { (edges[$0] + edges[$0 + 1]) / 2 }
  }

  /// numpy's `linspace`: `start + i · step`, with the last value exactly `stop`.
  static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
    let step = (stop - start) / Double(count - 1)
    var values = (0..<count).map { Double($0) * step + start }
    values[count - 1] = stop
    return values
  }

  /// The bin of `v`, or nil outside the edges (binary search; the last bin is closed).
  static func bin(of v: Double, edges: [Double]) -> Int? {
    guard v >= edges[0], v <= edges[edges.count - 1] else { return nil }
    if v == edges[edges.count - 1] { return edges.count - 2 }
    // The last edge ≤ v.
    var lo = 0
    var hi = edges.count - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if edges[mid] <= v { lo = mid } else { hi = mid }
    }
    return lo
  }

  /// numpy's equal-width path: the index computed arithmetically, then corrected against the
  /// edges themselves, since the arithmetic can be one bin off within an ulp of an edge.
  private static func uniformCounts(_ values: [Double], edges: [Double]) -> [Double] {
    let n = edges.count - 1
    let first = edges[0]
    let last = edges[n]
    let denominator = last - first
    var counts = [Double](repeating: 0, count: n)
    for v in values where v >= first && v <= last {
      var i = Int((v - first) / denominator * Double(n))
      if i == n { i -= 1 }
      if v < edges[i] { i -= 1 }
      if v >= edges[i + 1] && i != n - 1 { i += 1 }
      counts[i] += 1
    }
    return counts
  }
}
