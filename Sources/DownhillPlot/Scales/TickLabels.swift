import Foundation

/// How one axis formats its linear tick labels: a shared last significant decimal position `q`,
/// fixed or per-tick scientific notation, and whether an offset is needed to keep labels short.
struct LabelPlan {
  /// The labels show digits down to `10^q`.
  var q: Int
  let scientific: Bool
  let needsOffset: Bool
  /// Values smaller than this print as "0" (rounding noise around a zero tick).
  let zeroTolerance: Double

  /// - Parameter noise: absolute rounding error the values may carry (after subtracting an
  ///   offset they keep the error of the original magnitude); digits below it are not shown.
  init?(_ values: [Double], noise: Double = 0) {
    let sorted = values.sorted()
    guard let first = sorted.first, let last = sorted.last else { return nil }
    let maxAbs = max(abs(first), abs(last))
    var d = Double.infinity
    for (a, b) in zip(sorted, sorted.dropFirst()) where b > a { d = min(d, b - a) }
    // Ticks are evenly spaced: their mean spacing is the step with far less rounding noise.
    let mean = sorted.count > 1 ? (last / 2 - first / 2) / Double(sorted.count - 1) * 2 : d
    if d.isFinite, abs(mean - d) <= d * 0.01 { d = mean }
    if !d.isFinite || d <= 0 { d = maxAbs > 0 ? maxAbs : 1 }
    // Noise is capped at a quarter step so neighbouring ticks never round to the same label.
    let noise = min(noise, d * 0.25)
    zeroTolerance = max(d * 1e-6, noise)
    // The coarsest decimal position on which every value lies (within 0.1 % of the step, or
    // the rounding noise): steps of 2.5 need one digit more than steps of 1, 2 or 5.
    let tolerance = max(d * 1e-3, noise)
    let top = Int(floor(log10(d) + 1e-9))
    var q = top
    while q > top - 4 && !sorted.allSatisfy({ isMultiple($0, q: q, tolerance: tolerance) }) {
      q -= 1
    }
    self.q = q
    scientific = maxAbs != 0 && (maxAbs >= 1e5 || maxAbs < 1e-4)
    let digits = maxAbs > 0 ? Int(floor(log10(maxAbs))) - q + 1 : 1
    // Beyond these, labels grow past ~12 characters and read as noise: use an offset instead.
    needsOffset = digits > (scientific ? 4 : 5)
  }

  func label(_ v: Double) -> String {
    scientific ? scientificLabel(v) : fixedLabel(v, decimals: max(0, -q))
  }

  private func scientificLabel(_ v: Double) -> String {
    if abs(v) <= zeroTolerance || v == 0 { return "0" }
    var e = Int(floor(log10(abs(v))))
    var mantissa = trimmedFixed(ratio(v, e), decimals: max(0, e - q))
    // Rounding may carry into the next decade (9.96 → "10.0").
    if mantissa.hasPrefix("10") || mantissa.hasPrefix("-10") {
      e += 1
      mantissa = trimmedFixed(ratio(v, e), decimals: max(0, e - q))
    }
    return typographicMinus(mantissa) + "×10" + superscript(e)
  }
}

/// `v / 10^e` without the power of ten under- or overflowing for |e| near 300.
func ratio(_ v: Double, _ e: Int) -> Double {
  if e < -290 { return (v * 1e300) / pow10(e + 300) }
  if e > 290 { return (v * 1e-300) / pow10(e - 300) }
  if e < 0 && e >= -22 { return v * pow10(-e) }  // exact power of ten: no extra rounding step
  return v / pow10(e)
}

/// Whether `v` lies on a multiple of `10^q` within `tolerance`; a value too large to tell counts.
func isMultiple(_ v: Double, q: Int, tolerance: Double) -> Bool {
  let r = ratio(v, q)
  guard r.isFinite, abs(r) < 0x1p52 else { return true }
  return abs(r - r.rounded()) <= ratio(tolerance, q)
}

/// `v` with `decimals` digits after the point, never "-0", minus as U+2212.
func fixedLabel(_ v: Double, decimals: Int) -> String {
  typographicMinus(DecimalText.fixed(v, decimals: decimals))
}

/// Fixed notation with trailing zeros (and a bare point) removed; ASCII minus kept.
func trimmedFixed(_ v: Double, decimals: Int) -> String {
  var s = DecimalText.fixed(v, decimals: decimals)
  if s.contains("." as Character) {
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
  }
  return s
}

/// Replaces a leading ASCII hyphen by U+2212 MINUS SIGN, and drops it from a zero ("-0.0").
func typographicMinus(_ s: String) -> String {
  guard s.hasPrefix("-") else { return s }
  let body = s.dropFirst()
  if body.allSatisfy({ $0 == "0" || $0 == "." }) { return String(body) }
  return "\u{2212}" + body
}

/// An integer in Unicode superscript digits, e.g. `-3` → "⁻³" (all present in DejaVu Sans).
func superscript(_ n: Int) -> String {
  let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
  let body = String(n.magnitude).map { c in digits[Int(c.asciiValue ?? 48) - 48] }
  return (n < 0 ? "⁻" : "") + String(body)
}

/// matplotlib's `ScalarFormatter._compute_offset`: the largest round number that all values
/// share as a prefix, and its text ("+1", "−10⁸", "+1.2345×10⁸") for the axis end.
/// `lo` and `hi` must be finite, distinct and of the same sign. `nil` when no prefix is shared.
func labelOffset(_ lo: Double, _ hi: Double) -> (Double, String)? {
  let absMin = min(abs(lo), abs(hi))
  let absMax = max(abs(lo), abs(hi))
  let sign: Double = lo < 0 ? -1 : 1
  let top = Int(ceil(log10(absMax)))
  func digit(_ x: Double, _ oom: Int) -> Double { NiceStep.floorTol(ratio(x, oom)) }
  // The smallest power of ten at which both values agree; bounded so it always terminates.
  var oom = top
  while oom > top - 700 && digit(absMin, oom) == digit(absMax, oom) { oom -= 1 }
  oom += 1
  if ratio(absMax - absMin, oom) <= 1e-2 {
    // Straddling a multiple of a large power of ten: allow a difference of one there.
    oom = top
    while oom > top - 700 && digit(absMax, oom) - digit(absMin, oom) <= 1 { oom -= 1 }
    oom += 1
  }
  let count = digit(absMax, oom)
  guard count >= 1 else { return nil }
  let magnitude = NiceStep(mantissa: 1, exponent: oom).multiple(count)
  return (sign * magnitude, (sign < 0 ? "\u{2212}" : "+") + offsetText(magnitude, oom: oom))
}

/// A positive multiple of `10^oom`, as short as its digits allow.
private func offsetText(_ o: Double, oom: Int) -> String {
  if o >= 1e-4 && o < 1e5 { return trimmedFixed(o, decimals: max(0, -oom)) }
  let e = Int(floor(log10(o)))
  let mantissa = trimmedFixed(ratio(o, e), decimals: max(0, e - oom))
  return (mantissa == "1" ? "" : mantissa + "×") + "10" + superscript(e)
}
