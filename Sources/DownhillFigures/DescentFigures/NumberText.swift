import DownhillPlot
import Foundation

/// Numbers as the figures print them: a fixed number of decimals and a true minus sign (U+2212),
/// matching the tick labels, instead of Swift's hyphen.
enum NumberText {
  static func fixed(_ x: Double, _ decimals: Int) -> String {
    let s = DecimalText.fixed(x, decimals: decimals)
    // "-0.00" would read as a negative zero.
    if s.hasPrefix("-"), Double(s) == 0 { return String(s.dropFirst()) }
    return s.replacing("-", with: "−")
  }

  /// Python's repr of a double, as the tutorials print results, with a true minus.
  static func full(_ x: Double) -> String {
    "\(x)".replacing("-", with: "−")
  }

  /// n in Unicode subscript digits, as in x₁.
  static func subscripts(_ n: Int) -> String {
    let digits = Array("₀₁₂₃₄₅₆₇₈₉")
    return String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
  }
}
