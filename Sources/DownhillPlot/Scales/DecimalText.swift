import Foundation

/// Numbers in fixed notation, as printf's "%.Nf" writes them: the one formatter of labels and
/// rounded text in the package.
package enum DecimalText {
  /// `x` with `decimals` digits after the point ("-0.50", "nan").
  package static func fixed(_ x: Double, decimals: Int) -> String {
    String(format: "%.*f", max(decimals, 0), x)
  }
}
