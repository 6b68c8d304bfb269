import Foundation

/// A dual number for forward-mode automatic differentiation: a value and its exact partial
/// derivatives with respect to each variable. Arithmetic applies the chain rule, so derivatives
/// carry no truncation error (unlike finite differences).
struct Dual {
  var value: Double
  /// ∂value/∂vᵢ for each variable vᵢ.
  var partials: [Double]

  init(_ value: Double, partials: [Double]) {
    self.value = value
    self.partials = partials
  }

  /// A constant: all partials zero.
  static func constant(_ value: Double, count: Int) -> Dual {
    Dual(value, partials: Array(repeating: 0, count: count))
  }

  /// Variable `index` of `count`: its own partial is one.
  static func variable(_ value: Double, index: Int, count: Int) -> Dual {
    var partials = Array(repeating: 0.0, count: count)
    partials[index] = 1
    return Dual(value, partials: partials)
  }

  var isConstant: Bool { partials.allSatisfy { $0 == 0 } }

  /// Applies a function of one variable with derivative `derivative` at `value`.
  func chain(_ newValue: Double, _ derivative: Double) -> Dual {
    Dual(newValue, partials: partials.map { derivative * $0 })
  }

  static func + (a: Dual, b: Dual) -> Dual {
    Dual(a.value + b.value, partials: zip(a.partials, b.partials).map { $0 + $1 })
  }

  static func - (a: Dual, b: Dual) -> Dual {
    Dual(a.value - b.value, partials: zip(a.partials, b.partials).map { $0 - $1 })
  }

  static prefix func - (a: Dual) -> Dual {
    Dual(-a.value, partials: a.partials.map { -$0 })
  }

  static func * (a: Dual, b: Dual) -> Dual {
    // Skipping the zero term of a constant factor keeps `3*x` from computing 0·x + 3·1.
    if a.isConstant { return b.chain(a.value * b.value, a.value) }
    if b.isConstant { return a.chain(a.value * b.value, b.value) }
    return Dual(
      a.value * b.value, partials: zip(a.partials, b.partials).map { a.value * $1 + b.value * $0 })
  }

  static func / (a: Dual, b: Dual) -> Dual {
    if b.isConstant { return a.chain(a.value / b.value, 1 / b.value) }
    let quotient = a.value / b.value
    return Dual(
      quotient, partials: zip(a.partials, b.partials).map { ($0 - quotient * $1) / b.value })
  }

  /// aᵇ. With a constant exponent the power rule b·aᵇ⁻¹ works for negative bases too; otherwise
  /// d(aᵇ) = aᵇ·(b′·ln a + b·a′/a), defined for a > 0.
  static func pow(_ a: Dual, _ b: Dual) -> Dual {
    let value = Foundation.pow(a.value, b.value)
    if b.isConstant {
      if b.value == 0 { return .constant(value, count: a.partials.count) }
      return a.chain(value, b.value * Foundation.pow(a.value, b.value - 1))
    }
    let logA = Foundation.log(a.value)
    return Dual(
      value,
      partials: zip(a.partials, b.partials).map { da, db in
        value * (db * logA + (da == 0 ? 0 : b.value * da / a.value))
      })
  }
}
