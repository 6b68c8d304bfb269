/// Median cut that splits, each time, the box whose colours are furthest from their mean (largest
/// weighted sum of squared errors), at the cut that leaves the two halves tightest.
enum MedianCut {
  private struct Entry {
    var rgb: (Double, Double, Double)
    var weight: Double  // √count: what the cut optimises
    var count: Double  // pixels: what the palette colour averages
    var cell: Int  // tie-breaker that keeps sorting deterministic
  }

  private struct Box {
    var range: Range<Int>
    var error: Double
  }

  static func palette(from histogram: ColorHistogram, size: Int) -> [UInt32] {
    var entries: [Entry] = []
    for cell in 0..<ColorHistogram.cellCount where histogram.count[cell] > 0 {
      let n = Double(histogram.count[cell])
      entries.append(
        Entry(rgb: histogram.mean(ofCell: cell)!, weight: n.squareRoot(), count: n, cell: cell))
    }
    var boxes = [Box(range: entries.indices, error: sse(entries[...]))]
    while boxes.count < size {
      // Split the worst box; ties go to the earliest, for determinism.
      guard let worst = boxes.indices.max(by: { boxes[$0].error < boxes[$1].error }),
        boxes[worst].range.count > 1, boxes[worst].error > 0
      else { break }
      let (left, right) = split(&entries, boxes[worst].range)
      boxes[worst] = Box(range: left, error: sse(entries[left]))
      boxes.append(Box(range: right, error: sse(entries[right])))
    }
    return boxes.map { box in
      var sum = (0.0, 0.0, 0.0)
      var n = 0.0
      for e in entries[box.range] {
        sum = (sum.0 + e.rgb.0 * e.count, sum.1 + e.rgb.1 * e.count, sum.2 + e.rgb.2 * e.count)
        n += e.count
      }
      func channel(_ v: Double) -> UInt32 { UInt32(max(0, min(255, (v / n).rounded()))) }
      return channel(sum.0) << 16 | channel(sum.1) << 8 | channel(sum.2)
    }
  }

  /// Weighted sum of squared distances to the weighted mean.
  private static func sse(_ entries: ArraySlice<Entry>) -> Double {
    var w = 0.0
    var s = (0.0, 0.0, 0.0)
    var q = 0.0
    for e in entries {
      w += e.weight
      s = (s.0 + e.weight * e.rgb.0, s.1 + e.weight * e.rgb.1, s.2 + e.weight * e.rgb.2)
      q += e.weight * (e.rgb.0 * e.rgb.0 + e.rgb.1 * e.rgb.1 + e.rgb.2 * e.rgb.2)
    }
    guard w > 0 else { return 0 }
    return max(0, q - (s.0 * s.0 + s.1 * s.1 + s.2 * s.2) / w)
  }

  /// Sorts the box along its widest-spread channel and cuts where the two halves' summed error
  /// is least.
  private static func split(_ entries: inout [Entry], _ range: Range<Int>) -> (
    Range<Int>, Range<Int>
  ) {
    func value(_ e: Entry, _ axis: Int) -> Double {
      axis == 0 ? e.rgb.0 : axis == 1 ? e.rgb.1 : e.rgb.2
    }
    let axis = (0..<3).max { a, b in
      spread(entries[range], a, value) < spread(entries[range], b, value)
    }!
    entries[range].sort { (value($0, axis), $0.cell) < (value($1, axis), $1.cell) }

    // Prefix sums give each side's error in one pass.
    let n = range.count
    var w = [Double](repeating: 0, count: n + 1)
    var s = [(Double, Double, Double)](repeating: (0, 0, 0), count: n + 1)
    var q = [Double](repeating: 0, count: n + 1)
    for k in 0..<n {
      let e = entries[range.lowerBound + k]
      w[k + 1] = w[k] + e.weight
      s[k + 1] = (
        s[k].0 + e.weight * e.rgb.0, s[k].1 + e.weight * e.rgb.1, s[k].2 + e.weight * e.rgb.2
      )
      q[k + 1] = q[k] + e.weight * (e.rgb.0 * e.rgb.0 + e.rgb.1 * e.rgb.1 + e.rgb.2 * e.rgb.2)
    }
    func error(_ a: Int, _ b: Int) -> Double {
      let ww = w[b] - w[a]
      let ss = (s[b].0 - s[a].0, s[b].1 - s[a].1, s[b].2 - s[a].2)
      return (q[b] - q[a]) - (ss.0 * ss.0 + ss.1 * ss.1 + ss.2 * ss.2) / ww
    }
    var best = 1
    var bestError = Double.infinity
    for k in 1..<n {
      // Cut only between different values, so equal colours stay in one box.
      guard
        value(entries[range.lowerBound + k - 1], axis) != value(entries[range.lowerBound + k], axis)
      else { continue }
      let e = error(0, k) + error(k, n)
      if e < bestError {
        bestError = e
        best = k
      }
    }
    let cut = range.lowerBound + best
    return (range.lowerBound..<cut, cut..<range.upperBound)
  }

  private static func spread(
    _ entries: ArraySlice<Entry>, _ axis: Int, _ value: (Entry, Int) -> Double
  ) -> Double {
    var lo = Double.infinity
    var hi = -Double.infinity
    for e in entries {
      lo = min(lo, value(e, axis))
      hi = max(hi, value(e, axis))
    }
    return hi - lo
  }
}
