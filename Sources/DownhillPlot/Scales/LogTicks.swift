import Foundation

extension TickLocator {
  /// Ticks for a base-10 log axis, after matplotlib's `LogLocator` and `LogFormatterSciNotation`.
  ///
  /// - Decades are major ticks labelled `10⁻³`, `10⁰`, `10²`. Over many decades only every k-th
  ///   decade is major (at most about `maxMajor`, multiples of k so `10⁰` stays in); the others
  ///   become unlabelled minor ticks while there are at most 60 decades.
  /// - Up to six decades, unlabelled minor ticks sit at 2…9 × each decade.
  /// - When fewer than two decades fall inside, some of the 2…9 ticks are labelled (`2×10⁰`) and
  ///   promoted to major; for ranges too narrow even for that, linear ticks are used.
  ///
  /// Every labelled tick is major and every major tick is labelled. Non-finite or non-positive
  /// bounds give `[]`; equal bounds widen to the surrounding decades, as in matplotlib.
  static func log(_ lower: Double, _ upper: Double, maxMajor: Int = 10) -> [Tick] {
    logAxis(lower, upper, maxMajor: maxMajor).ticks
  }

  /// ``log(_:_:maxMajor:)`` plus offset text, which only the linear fallback for extremely
  /// narrow ranges (e.g. `[1, 1 + 1e-9]`) can need; see ``linearAxis(_:_:maxTicks:)``.
  static func logAxis(_ lower: Double, _ upper: Double, maxMajor: Int = 10) -> (
    ticks: [Tick], offset: String?
  ) {
    guard lower.isFinite, upper.isFinite, lower > 0, upper > 0 else { return ([], nil) }
    var lo = min(lower, upper)
    var hi = max(lower, upper)
    if hi - lo <= hi * 1e-14 {
      lo = max(pow10(Int(ceil(log10(lo))) - 1), .leastNonzeroMagnitude)
      hi = min(pow10(Int(floor(log10(hi))) + 1), .greatestFiniteMagnitude)
    }
    let logLo = log10(lo)
    let logHi = log10(hi)
    // Decades inside the range; the slack absorbs log10 rounding at exact powers of ten.
    let firstDecade = Int(ceil(logLo - 1e-9))
    let lastDecade = Int(floor(logHi + 1e-9))
    func inside(_ v: Double) -> Double? {
      guard v.isFinite, v > 0, v >= lo * (1 - 1e-9), v <= hi * (1 + 1e-9) else { return nil }
      return min(max(v, lo), hi)
    }
    let decades = firstDecade <= lastDecade ? Array(firstDecade...lastDecade) : []
    let numdec = max(lastDecade - firstDecade, 0)
    // The smallest stride whose multiples (so 10⁰ stays a major tick) number at most maxMajor.
    var stride = 1
    func multiples(_ s: Int) -> Int {
      Int(floor(Double(lastDecade) / Double(s)) - ceil(Double(firstDecade) / Double(s))) + 1
    }
    while stride < numdec && multiples(stride) > max(maxMajor, 2) { stride += 1 }
    var majors = Set(decades.filter { $0 % stride == 0 })
    if majors.count < 2 && decades.count >= 2 {
      majors = Set(Swift.stride(from: firstDecade, through: lastDecade, by: stride))
    }

    var ticks: [Tick] = []
    for e in decades {
      guard let v = inside(pow10(e)) else { continue }
      if majors.contains(e) {
        ticks.append(Tick(value: v, label: "10" + superscript(e), isMajor: true))
      } else if numdec <= 60 {
        ticks.append(Tick(value: v, label: "", isMajor: false))
      }
    }

    if stride == 1 && logHi - logLo <= 6 {
      ticks += subDecadeTicks(lo, hi, inside: inside, labelledMajors: ticks.count)
    }
    ticks.sort { $0.value < $1.value }
    // Near the subnormal floor distinct labels can round to one double: keep one, major first.
    var unique: [Tick] = []
    for tick in ticks {
      if let last = unique.last, last.value == tick.value {
        if tick.isMajor && !last.isMajor { unique[unique.count - 1] = tick }
        continue
      }
      unique.append(tick)
    }
    ticks = unique
    if ticks.filter(\.isMajor).count < 2 {
      // Narrower than the 2…9 grid (e.g. [3.1, 3.9]): fall back to linear ticks.
      return linearAxis(lo, hi, maxTicks: 5)
    }
    return (ticks, nil)
  }

  /// Ticks at 2…9 × 10^e inside the range. Unlabelled minors, unless fewer than two decades are
  /// labelled: then the sparsest of {2, 5}, {2, 3, 5}, {2…9} giving two labels in all is labelled.
  private static func subDecadeTicks(
    _ lo: Double, _ hi: Double, inside: (Double) -> Double?, labelledMajors: Int
  ) -> [Tick] {
    var subs: [(value: Double, k: Int, e: Int)] = []
    for e in (Int(floor(log10(lo))) - 1)...Int(floor(log10(hi))) {
      for k in 2...9 {
        if let v = inside(NiceStep(mantissa: k, exponent: e).value) { subs.append((v, k, e)) }
      }
    }
    var labelled: Set<Int> = []
    if labelledMajors < 2 {
      for candidate in [Set([2, 5]), Set([2, 3, 5]), Set(2...9)] {
        labelled = candidate
        if subs.filter({ candidate.contains($0.k) }).count + labelledMajors >= 2 { break }
      }
    }
    return subs.map { s in
      labelled.contains(s.k)
        ? Tick(value: s.value, label: "\(s.k)×10" + superscript(s.e), isMajor: true)
        : Tick(value: s.value, label: "", isMajor: false)
    }
  }
}
