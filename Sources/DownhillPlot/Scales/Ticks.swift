import Foundation

/// One axis tick: where it sits (in data units) and what it says.
public struct Tick: Equatable, Sendable {
  /// Position in data units.
  public var value: Double
  /// Text to draw; empty for unlabelled (usually minor) ticks.
  public var label: String
  /// Major ticks are drawn longer; minor ticks usually carry no label.
  public var isMajor: Bool

  public init(value: Double, label: String, isMajor: Bool = true) {
    self.value = value
    self.label = label
    self.isMajor = isMajor
  }
}

/// Tick placement and labelling, after matplotlib's `MaxNLocator` (steps 1, 2, 2.5, 5, 10) with
/// `ScalarFormatter`, and `LogLocator` with `LogFormatterSciNotation`.
///
/// Every function accepts any `Double` input: non-finite bounds give no ticks, reversed bounds are
/// swapped, and equal bounds are widened the way matplotlib widens singular limits.
enum TickLocator {
  /// Major ticks for a linear axis, all within `[lower, upper]` (bounds may come in either order).
  ///
  /// Gives between 2 and `maxTicks + 1` ticks (matplotlib's `nbins = maxTicks`). Labels share one
  /// precision (`0.0, 0.5, 1.0`), use U+2212 for minus, and switch to per-tick scientific notation
  /// (`2×10⁸`, `1.5×10⁻⁵`) when the largest tick is ≥ 1e5 or below 1e-4.
  ///
  /// - Important: when the range is very narrow compared with its magnitude (e.g. `[1, 1 + 1e-12]`)
  ///   the labels are relative to an offset, as in matplotlib; call ``linearAxis(_:_:maxTicks:)``
  ///   to get the offset text to draw at the end of the axis.
  static func linear(_ lower: Double, _ upper: Double, maxTicks: Int = 8) -> [Tick] {
    linearAxis(lower, upper, maxTicks: maxTicks).ticks
  }

  /// ``linear(_:_:maxTicks:)`` plus the offset text (e.g. `"+1"`, `"−10⁸"`) that must be drawn
  /// near the axis end when the labels are relative to it; `nil` when labels are absolute.
  static func linearAxis(_ lower: Double, _ upper: Double, maxTicks: Int = 8) -> (
    ticks: [Tick], offset: String?
  ) {
    let values = linearValues(lower, upper, maxTicks: maxTicks)
    let (labels, offset) = linearLabels(values)
    let ticks = zip(values, labels).map { Tick(value: $0, label: $1, isMajor: true) }
    return (ticks, offset)
  }

  /// Labels for the given increasing tick values, with one precision shared by the axis.
  ///
  /// Returns `offset == nil` and self-contained labels in the common case. When the values differ
  /// only far to the right of their leading digit, the labels are `value − offset` and `offset` is
  /// the text to draw at the axis end (matplotlib's offset text). Non-finite values get `""`.
  static func linearLabels(_ values: [Double]) -> (labels: [String], offset: String?) {
    let finite = values.filter { $0.isFinite }
    guard let lo = finite.min(), let hi = finite.max() else {
      return (values.map { _ in "" }, nil)
    }
    var offset = 0.0
    var offsetText: String?
    if let plan = LabelPlan(finite), plan.needsOffset, lo != hi, lo > 0 || hi < 0,
      let (value, text) = labelOffset(lo, hi)
    {
      offset = value
      offsetText = text
    }
    let shifted = values.map { $0 - offset }
    let noise = 4 * max(abs(lo), abs(hi)).ulp
    guard var plan = LabelPlan(shifted.filter { $0.isFinite }, noise: noise) else {
      return (values.map { _ in "" }, offsetText)
    }
    // Values closer than the rounding noise could share a label: show more digits then.
    for _ in 0..<4 {
      let labels = shifted.map { $0.isFinite ? plan.label($0) : "" }
      if Set(labels).count == labels.count { return (labels, offsetText) }
      plan.q -= 1
    }
    return (shifted.map { $0.isFinite ? plan.label($0) : "" }, offsetText)
  }

  /// Expands `[lower, upper]` outwards to the nearest tick positions of a nice step, like
  /// matplotlib's `axes.autolimit_mode = round_numbers`. Returns the input unchanged (swapped if
  /// reversed) when it has no finite span.
  static func niceLimits(_ lower: Double, _ upper: Double, maxTicks: Int) -> (Double, Double) {
    guard let (lo, hi) = normalizedRange(lower, upper) else { return (lower, upper) }
    let nbins = clampBins(maxTicks)
    let scale = Scaling(lo, hi)
    let a = scale.into(lo)
    let b = scale.into(hi)
    // A larger step may be needed once the limits have been rounded out.
    for step in NiceStep.candidates(a, b, nbins: nbins) {
      let sv = step.value
      let n0 = NiceStep.floorTol(a / sv)
      let n1 = NiceStep.ceilTol(b / sv)
      guard n1 - n0 <= Double(nbins) else { continue }
      let newLo = scale.out(step.multiple(n0))
      let newHi = scale.out(step.multiple(n1))
      if newLo.isFinite, newHi.isFinite { return (min(newLo, lo), max(newHi, hi)) }
    }
    return (lo, hi)
  }

  // MARK: - Linear tick values

  /// Tick values for a linear axis, all inside the (normalized) range.
  static func linearValues(_ lower: Double, _ upper: Double, maxTicks: Int) -> [Double] {
    guard let (lo, hi) = normalizedRange(lower, upper) else { return [] }
    let nbins = clampBins(maxTicks)
    let scale = Scaling(lo, hi)
    let a = scale.into(lo)
    let b = scale.into(hi)
    // matplotlib's scale_range: ticks are built relative to a power-of-ten offset when the range
    // is narrow compared with its centre, which keeps them exact in the low-order digits.
    let mean = a / 2 + b / 2
    let offset =
      abs(mean) / (b - a) < 100 ? 0 : copysign(pow10(Int(floor(log10(abs(mean))))), mean)
    let a0 = a - offset
    let b0 = b - offset
    var chosen: [Double] = []
    let candidates = NiceStep.candidates(a0, b0, nbins: nbins)
    for step in candidates.reversed() {
      let sv = step.value
      let tol = sv * 1e-9
      let best = floor(a0 / sv)
      let low = NiceStep.edgeLE(a0 - best * sv, step: sv, offset: offset)
      let high = NiceStep.edgeGE(b0 - best * sv, step: sv, offset: offset)
      // Count with small integers: `best` itself may be too large for `best + 1 != best`.
      guard low <= high, high - low < 10_000, abs(low) < 1e9, abs(high) < 1e9 else { continue }
      var inRange: [Double] = []
      for k in Int(low)...Int(high) {
        let t = step.multiple(best + Double(k))
        if t >= a0 - tol && t <= b0 + tol { inRange.append(t) }
      }
      chosen = inRange
      if inRange.count >= 2 { break }
    }
    // Back to data units, clamped so rounding never leaves a tick just outside the range.
    var values: [Double] = []
    for t in chosen {
      let v = min(max(scale.out(t + offset), lo), hi)
      if let last = values.last, v <= last { continue }
      values.append(v)
    }
    // Falling back to a smaller step can overshoot a tiny maxTicks: thin evenly.
    if values.count > nbins + 1 {
      let stride = (values.count + nbins) / (nbins + 1)
      values = values.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
    }
    return values
  }

  static func clampBins(_ maxTicks: Int) -> Int { min(max(maxTicks, 1), 1000) }

  /// Sorted, finite, non-singular range; matplotlib's `nonsingular` with its 5 % autoscale
  /// expander (so constant data `v` gives `[0.95 v, 1.05 v]`, and zero gives `±0.05`).
  static func normalizedRange(_ lower: Double, _ upper: Double) -> (Double, Double)? {
    guard lower.isFinite, upper.isFinite else { return nil }
    var lo = min(lower, upper)
    var hi = max(lower, upper)
    let maxAbs = max(abs(lo), abs(hi))
    // `hi - lo` may overflow to +inf, which correctly reads as "not singular". Fewer than ~64
    // representable values across the range (subnormals have few) also count as singular.
    if hi - lo <= max(maxAbs * 1e-14, 64 * maxAbs.ulp) {
      if maxAbs == 0 {
        lo = -0.05
        hi = 0.05
      } else {
        // The floor keeps subnormal constants from rounding back onto themselves.
        lo = max(lo - max(0.05 * abs(lo), 1e-300), -Double.greatestFiniteMagnitude)
        hi = min(hi + max(0.05 * abs(hi), 1e-300), Double.greatestFiniteMagnitude)
      }
    }
    return (lo, hi)
  }
}
