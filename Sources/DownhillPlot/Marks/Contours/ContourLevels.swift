import Foundation

/// Which values a contour plot draws lines (or band edges) at.
public enum ContourLevels: Sendable, Equatable {
  /// About `n` evenly spaced round values covering the data, as matplotlib's `MaxNLocator(n + 1)`.
  case automatic(Int)
  /// These values (sorted; non-finite ones and duplicates are dropped).
  case explicit([Double])
  /// About `n` log-spaced round values (1, 2, 5 × 10ᵏ or whole decades) over the positive data.
  case logarithmic(Int)

  /// The levels for a field spanning `lower…upper` (finite values; `lowerPositive` is the least
  /// positive one, nil if none). Strictly increasing, possibly empty.
  func values(lower: Double, upper: Double, lowerPositive: Double?) -> [Double] {
    switch self {
    case .automatic(let n):
      guard lower.isFinite, upper.isFinite, lower < upper else { return [] }
      // MaxNLocator's ticks reach just past the data, so bands cover every value.
      return Self.niceValues(lower, upper, bins: Swift.min(Swift.max(1, n), 1000) + 1)
    case .explicit(let values):
      var sorted = values.filter(\.isFinite).sorted()
      sorted = sorted.enumerated().filter { $0.offset == 0 || sorted[$0.offset - 1] < $0.element }
        .map(\.element)
      return sorted
    case .logarithmic(let n):
      guard let lowerPositive, upper.isFinite, lowerPositive < upper else { return [] }
      return Self.logValues(lowerPositive, upper, count: Swift.max(1, n))
    }
  }

  /// matplotlib's `MaxNLocator(bins)` for contours: the smallest step of its fine staircase
  /// (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 × 10ᵏ) giving at most `bins` intervals, and the multiples
  /// of it from just below `lo` to just above `hi`.
  static func niceValues(_ lo: Double, _ hi: Double, bins: Int) -> [Double] {
    let raw = (hi - lo) / Double(bins)
    guard raw > 0, raw.isFinite else { return [] }
    let e = Int(floor(log10(raw)))
    // Mantissas in tenths, so each value is an integer times an exact power of ten.
    for m in [10, 15, 20, 25, 30, 40, 50, 60, 80, 100] {
      let step = NiceStep(mantissa: m, exponent: e - 1)
      guard step.value >= raw * (1 - 1e-9) else { continue }
      let n0 = NiceStep.floorTol(lo / step.value)
      let n1 = NiceStep.ceilTol(hi / step.value)
      guard n1 - n0 <= Double(bins) + 2 else { continue }
      return stride(from: n0, through: n1, by: 1).map { step.multiple($0) }
    }
    return []
  }

  /// Round log-spaced values from just below `lo` to just above `hi`: the finest of
  /// 1-2-5 per decade, 1-3 per decade, or every k-th decade that gives at most `count + 1`.
  static func logValues(_ lo: Double, _ hi: Double, count: Int) -> [Double] {
    let first = Int(floor(log10(lo)))
    let last = Int(ceil(log10(hi)))
    guard last - first < 700 else { return [] }
    func candidates(subs: [Double], stride: Int) -> [Double] {
      var values: [Double] = []
      var e = first - ((first % stride) + stride) % stride  // align decades to the stride
      while e <= last {
        for s in subs { values.append(s * pow10(e)) }
        e += stride
      }
      // Keep the covering range: at most one value at or below lo, one at or above hi.
      let below = values.lastIndex { $0 <= lo } ?? 0
      let above = values.firstIndex { $0 >= hi } ?? (values.count - 1)
      return Array(values[below...above])
    }
    for subs in [[1.0, 2, 5], [1.0, 3]] {
      let v = candidates(subs: subs, stride: 1)
      if v.count <= count + 1 { return v }
    }
    var stride = 1
    while true {
      let v = candidates(subs: [1], stride: stride)
      if v.count <= count + 1 || stride > 700 { return v }
      stride += 1
    }
  }

  /// Short labels for `levels`: shared precision for linear levels (``TickLocator/linearLabels(_:)``),
  /// each value's own shortest text for log levels.
  static func labels(for levels: [Double], logarithmic: Bool) -> [String] {
    if !logarithmic {
      let (labels, offset) = TickLocator.linearLabels(levels)
      if offset == nil { return labels }
    }
    return levels.map(shortestLabel)
  }

  /// The shortest text that reads back as `v` to 6 significant digits, e.g. "0.001", "2×10⁵".
  static func shortestLabel(_ v: Double) -> String {
    guard v.isFinite else { return "" }
    if v == 0 { return "0" }
    let a = abs(v)
    if a >= 1e-4 && a < 1e5 {
      let e = Int(floor(log10(a)))
      return typographicMinus(trimmedFixed(v, decimals: Swift.max(0, 5 - e)))
    }
    let e = Int(floor(log10(a)))
    var mantissa = trimmedFixed(ratio(v, e), decimals: 5)
    if mantissa == "10" || mantissa == "-10" {
      mantissa = trimmedFixed(ratio(v, e + 1), decimals: 5)
      return mantissaText(mantissa) + "10" + superscript(e + 1)
    }
    return mantissaText(mantissa) + "10" + superscript(e)
  }

  private static func mantissaText(_ m: String) -> String {
    if m == "1" { return "" }
    if m == "-1" { return "\u{2212}" }
    return typographicMinus(m) + "×"
  }
}
