/// Shortest decimal spellings of numbers for SVG output, written straight into a byte buffer.
///
/// Path data counts in integer steps of a binary fraction (1/8 or 1/64 of a unit), so every value
/// has an exact, short decimal form and relative coordinates never drift. Other numbers (sizes,
/// widths, angles) are rounded to a few decimals. Both drop the leading zero (`.5`, `-.25`) and
/// trailing zeros, as svgo does.
enum SVGNumber {
  /// Beyond this many units a figure is meaningless; clamping keeps `Int` conversion safe.
  static let limit = 1e12

  /// `v` in steps of `1 / 2^grid.bits`, rounded to nearest, NaN as 0.
  static func quantize(_ v: Double, _ grid: Grid) -> Int {
    guard v.isFinite else { return 0 }
    return Int(max(-limit, min(limit, v * grid.steps)).rounded())
  }

  /// A power-of-two grid: `bits` 3 is the 1/8 grid of path coordinates.
  struct Grid: Sendable {
    let bits: Int
    /// Steps per unit, 2^bits.
    let steps: Double
    let denominator: Int
    /// 5^bits: the fractional digits of `r / 2^bits` are `r * 5^bits` over 10^bits.
    let fivePower: Int

    init(bits: Int) {
      self.bits = bits
      denominator = 1 << bits
      steps = Double(denominator)
      var p = 1
      for _ in 0..<bits { p *= 5 }
      fivePower = p
    }

    static let unit = Grid(bits: 0)
    static let eighth = Grid(bits: 3)
    static let sixtyFourth = Grid(bits: 6)
  }

  /// The spelling of `n` steps on `grid`, without the buffer: length, first byte and whether it
  /// has a decimal point, which decide whether a separator is needed between two numbers.
  struct Spelling {
    var length: Int
    var startsWithDigit: Bool
    var startsWithDot: Bool
    var hasDot: Bool
  }

  static func spelling(_ n: Int, _ grid: Grid) -> Spelling {
    let a = n.magnitude
    let whole = a / UInt(grid.denominator)
    let rest = a % UInt(grid.denominator)
    var length = n < 0 ? 1 : 0
    if rest == 0 || whole != 0 { length += digitCount(whole) }
    if rest != 0 {
      var fraction = rest * UInt(grid.fivePower)
      var digits = grid.bits
      while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
      }
      length += 1 + digits
    }
    let startsWithDot = rest != 0 && whole == 0 && n >= 0
    return Spelling(
      length: length, startsWithDigit: n >= 0 && !startsWithDot, startsWithDot: startsWithDot,
      hasDot: rest != 0)
  }

  /// Appends `n` steps on `grid`, shortest form.
  static func append(_ n: Int, _ grid: Grid, to out: inout [UInt8]) {
    if n < 0 { out.append(UInt8(ascii: "-")) }
    let a = n.magnitude
    let whole = a / UInt(grid.denominator)
    let rest = a % UInt(grid.denominator)
    if rest == 0 || whole != 0 { appendDigits(whole, to: &out) }
    guard rest != 0 else { return }
    out.append(UInt8(ascii: "."))
    var fraction = rest * UInt(grid.fivePower)
    var digits = grid.bits
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    // Leading zeros of the fraction (1/64 = .015625) are not in `fraction`'s own digits.
    for _ in 0..<(digits - digitCount(fraction)) { out.append(UInt8(ascii: "0")) }
    appendDigits(fraction, to: &out)
  }

  /// Appends `v` rounded to `decimals` places, shortest form: for sizes, widths and angles.
  static func append(_ v: Double, decimals: Int = 3, to out: inout [UInt8]) {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    guard v.isFinite else {
      out.append(UInt8(ascii: "0"))
      return
    }
    let n = Int(max(-limit, min(limit, v * scale)).rounded())
    if n < 0 { out.append(UInt8(ascii: "-")) }
    let a = n.magnitude
    let unit = UInt(scale)
    let whole = a / unit
    var rest = a % unit
    if rest == 0 || whole != 0 { appendDigits(whole, to: &out) }
    guard rest != 0 else { return }
    out.append(UInt8(ascii: "."))
    var digits = decimals
    while rest % 10 == 0 {
      rest /= 10
      digits -= 1
    }
    for _ in 0..<(digits - digitCount(rest)) { out.append(UInt8(ascii: "0")) }
    appendDigits(rest, to: &out)
  }

  /// `v` rounded to `decimals` places as a string (for tests and attribute values).
  static func string(_ v: Double, decimals: Int = 3) -> String {
    var out: [UInt8] = []
    append(v, decimals: decimals, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  static func digitCount(_ v: UInt) -> Int {
    var count = 1
    var rest = v / 10
    while rest > 0 {
      count += 1
      rest /= 10
    }
    return count
  }

  static func appendDigits(_ v: UInt, to out: inout [UInt8]) {
    let count = digitCount(v)
    let start = out.count
    out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
    var rest = v
    var i = start + count - 1
    while i >= start {
      out[i] = UInt8(ascii: "0") + UInt8(rest % 10)
      rest /= 10
      i -= 1
    }
  }
}
