/// Formats numbers the way the tutorials' Python prints them, so ported programs print the same
/// text: `str(float)` is the shortest round-trip repr (as Swift's `description`), `str(list)`
/// of `.tolist()` nests brackets with ", ".
enum PythonFormat {
  static func float(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    return "\(x)"
  }

  /// `str(alpha)` where the tutorial's list mixes ints (1, 10) and floats (0.1).
  static func number(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    return float(x)
  }

  static func list(_ values: [Double]) -> String {
    "[" + values.map(float).joined(separator: ", ") + "]"
  }

  /// `str(m.tolist())`.
  static func list(_ m: Matrix) -> String {
    "[" + m.nestedRows.map(list).joined(separator: ", ") + "]"
  }

  static func intList(_ m: Matrix) -> String {
    "["
      + m.nestedRows.map { "[" + $0.map { String(Int($0)) }.joined(separator: ", ") + "]" }
      .joined(separator: ", ") + "]"
  }
}
