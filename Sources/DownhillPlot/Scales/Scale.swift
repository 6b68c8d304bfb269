import Foundation

/// How data values are spaced along an axis.
public enum ScaleKind: Sendable, Equatable, Hashable {
  case linear
  /// Base 10; only positive values can be shown.
  case log
}

/// The mapping of one axis from data values to the unit interval, and its ticks.
///
/// `lower` maps to 0 and `upper` to 1; `lower > upper` gives an inverted axis.
public struct AxisScale: Sendable, Equatable {
  public var kind: ScaleKind
  public var lower: Double
  public var upper: Double

  public init(kind: ScaleKind = .linear, lower: Double, upper: Double) {
    self.kind = kind
    self.lower = lower
    self.upper = upper
  }

  /// The position of `v` across the axis: 0 at `lower`, 1 at `upper`, outside 0…1 beyond them.
  ///
  /// NaN for NaN input, for non-positive values (or limits) on a log axis, and for non-finite
  /// limits. A zero-width axis puts every finite value at 0.5. Never overflows: differences are
  /// taken on halved values, so limits of ±1e308 work.
  public func transform(_ v: Double) -> Double {
    guard let (a, b, x) = transformed(v) else { return .nan }
    if a == b { return x.isFinite ? 0.5 : .nan }
    return (x - a) / (b - a)
  }

  /// The data value at position `t` across the axis (the inverse of ``transform(_:)``); NaN
  /// where the scale is unusable.
  public func inverse(_ t: Double) -> Double {
    guard let (a, b, _) = transformed(1) else { return .nan }
    let x = a + t * (b - a)
    switch kind {
    case .linear: return 2 * x
    case .log: return pow(10, x)
    }
  }

  /// Ticks for this axis: `TickLocator.linear(_:_:maxTicks:)` or
  /// `TickLocator.log(_:_:maxMajor:)` (with `maxTicks` as the major-tick budget).
  public func ticks(maxTicks: Int) -> [Tick] {
    ticksWithOffset(maxTicks: maxTicks).ticks
  }

  /// ``ticks(maxTicks:)`` plus the offset text a linear axis needs when its labels are relative
  /// (see `TickLocator.linearAxis(_:_:maxTicks:)`), or a log axis too narrow for anything
  /// but linear ticks.
  public func ticksWithOffset(maxTicks: Int) -> (ticks: [Tick], offset: String?) {
    switch kind {
    case .linear: return TickLocator.linearAxis(lower, upper, maxTicks: maxTicks)
    case .log: return TickLocator.logAxis(lower, upper, maxMajor: maxTicks)
    }
  }

  /// Axis limits for `values`, like matplotlib's autoscaling: the data range, widened if it is a
  /// single value (`v` → `0.95 v … 1.05 v`, 0 → ±0.05; on log axes to the surrounding decades),
  /// then padded by `margin` × its width on each side, measured in transformed space (so in
  /// decades on log axes).
  ///
  /// Ignores NaN and ±Inf, and on log axes non-positive values; `nil` when nothing is left.
  /// `margin` is clamped to −0.49…1e6 (negative margins zoom in, as in matplotlib; NaN → 0).
  /// The result is always finite, and positive on log axes.
  public static func dataLimits(_ values: [Double], kind: ScaleKind, margin: Double = 0.05) -> (
    lower: Double, upper: Double
  )? {
    let usable = values.filter { $0.isFinite && (kind == .linear || $0 > 0) }
    guard let lo = usable.min(), let hi = usable.max() else { return nil }
    let m = margin.isNaN ? 0 : min(max(margin, -0.49), 1e6)
    let big = Double.greatestFiniteMagnitude
    switch kind {
    case .linear:
      guard let (a, b) = TickLocator.normalizedRange(lo, hi) else { return nil }
      // Halved so the width itself cannot overflow; inf only for huge margins, clamped below.
      let delta = (b / 2 - a / 2) * (2 * m)
      return ordered(max(a - delta, -big), min(b + delta, big))
    case .log:
      var (a, b) = (log10(lo), log10(hi))
      if hi - lo <= hi * 1e-14 {
        // matplotlib's LogLocator.nonsingular: out to the neighbouring decades.
        (a, b) = (ceil(a) - 1, floor(b) + 1)
      }
      let delta = (b - a) * m
      func clamp(_ x: Double) -> Double { min(max(x, .leastNonzeroMagnitude), big) }
      return ordered(clamp(pow(10, a - delta)), clamp(pow(10, b + delta)))
    }
  }

  /// `(lo, hi)` with `lo < hi` guaranteed: a negative margin on subnormal or extreme data can
  /// otherwise round or clamp both ends onto one double.
  private static func ordered(_ lo: Double, _ hi: Double) -> (lower: Double, upper: Double) {
    if lo < hi { return (lo, hi) }
    return lo < .greatestFiniteMagnitude ? (lo, lo.nextUp) : (lo.nextDown, lo)
  }

  /// Limits and `v` in the space where the axis is linear (halved values for linear axes).
  private func transformed(_ v: Double) -> (Double, Double, Double)? {
    guard lower.isFinite, upper.isFinite, !v.isNaN else { return nil }
    switch kind {
    case .linear:
      return (lower / 2, upper / 2, v / 2)
    case .log:
      guard lower > 0, upper > 0, v > 0 else { return nil }
      return (log10(lower), log10(upper), log10(v))
    }
  }
}
