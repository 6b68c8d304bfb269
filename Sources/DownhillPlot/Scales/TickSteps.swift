import Foundation

/// Moves extreme ranges to moderate magnitudes so spans, `log10` and powers of ten stay finite
/// and normal; the nice step stays a nice step because the factor is a power of ten.
struct Scaling {
  let factor: Double
  let inverse: Double

  init(_ lo: Double, _ hi: Double) {
    let maxAbs = max(abs(lo), abs(hi))
    if maxAbs > 1e200 {
      (factor, inverse) = (1e-200, 1e200)
    } else if maxAbs < 1e-200 {
      (factor, inverse) = (1e200, 1e-200)
    } else {
      (factor, inverse) = (1, 1)
    }
  }

  func into(_ v: Double) -> Double { v * factor }
  func out(_ v: Double) -> Double { v * inverse }
}

/// A step `mantissa × 10^exponent` from matplotlib's staircase (1, 2, 2.5, 5, 10 per decade).
struct NiceStep {
  let mantissa: Int
  let exponent: Int

  var value: Double { multiple(1) }

  /// `n × step`, computed so that decimal ticks come out as the nearest double (0.6, not
  /// 0.6000000000000001): an integer divided by an exact power of ten.
  func multiple(_ n: Double) -> Double {
    let k = n * Double(mantissa)
    if exponent >= 0 { return k * pow10(exponent) }
    if exponent >= -22 { return k / pow10(-exponent) }
    // Below 1e-290 the power of ten itself would be subnormal and lose digits: scale in two steps.
    if exponent < -290 { return (k * pow10(exponent + 300)) * 1e-300 }
    return k * pow10(exponent)
  }

  /// The staircase around `(b − a) / nbins`, smallest first, ending at the first step ≥ it
  /// (matplotlib's `_raw_ticks` tries that one, then smaller ones).
  static func candidates(_ a: Double, _ b: Double, nbins: Int) -> [NiceStep] {
    let raw = (b - a) / Double(nbins)
    guard raw > 0, raw.isFinite else { return [] }
    let e = Int(floor(log10(raw)))
    let stair: [(Int, Int)] = [
      (1, -1), (2, -1), (25, -2), (5, -1), (1, 0), (2, 0), (25, -1), (5, 0), (1, 1), (2, 1),
    ]
    var result: [NiceStep] = []
    for (m, de) in stair {
      let step = NiceStep(mantissa: m, exponent: e + de)
      result.append(step)
      if step.value >= raw { break }
    }
    return result
  }

  /// Tolerance for "is this on a multiple of the step", looser when an offset costs precision.
  static func closeTo(_ ms: Double, _ edge: Double, step: Double, offset: Double) -> Bool {
    var tol = 1e-10
    if offset != 0 {
      let digits = log10(abs(offset) / step)
      tol = min(0.4999, max(1e-10, pow(10, digits - 12)))
    }
    return abs(ms - edge) < tol
  }

  /// Largest `n` with `n × step ≤ x`, forgiving rounding just below a multiple.
  static func edgeLE(_ x: Double, step: Double, offset: Double) -> Double {
    let d = floor(x / step)
    let m = x - d * step
    return closeTo(m / step, 1, step: step, offset: offset) ? d + 1 : d
  }

  /// Smallest `n` with `n × step ≥ x`, forgiving rounding just above a multiple.
  static func edgeGE(_ x: Double, step: Double, offset: Double) -> Double {
    let d = floor(x / step)
    let m = x - d * step
    return closeTo(m / step, 0, step: step, offset: offset) ? d : d + 1
  }

  static func floorTol(_ q: Double) -> Double {
    abs(q - q.rounded()) < 1e-9 ? q.rounded() : floor(q)
  }

  static func ceilTol(_ q: Double) -> Double {
    abs(q - q.rounded()) < 1e-9 ? q.rounded() : ceil(q)
  }
}

/// `10^e` for any integer `e` (0 or +inf beyond the double range).
func pow10(_ e: Int) -> Double {
  pow(10, Double(e))
}
