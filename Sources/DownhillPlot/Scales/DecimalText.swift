import CDecimalText

/// Numbers in fixed notation, as printf's "%.Nf" writes them (and `String(format:)`, which
/// would link all of Foundation into the command-line tool).
package enum DecimalText {
  /// `x` with `decimals` digits after the point ("-0.50", "nan").
  package static func fixed(_ x: Double, decimals: Int) -> String {
    // "%.Nf" of the largest Double has 309 digits before the point.
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 340 + max(decimals, 0)) { text in
      _ = downhill_fixed(text.baseAddress, UInt(text.count), x, Int32(decimals))
      return String(cString: text.baseAddress!)
    }
  }
}
