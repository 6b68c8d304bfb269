import Foundation

/// A cost C(output, target) over a batch, with its gradient ∂C/∂output.
public enum Cost: String, Sendable, CaseIterable, CustomStringConvertible {
  /// mean over every element of (o − t)², numpy's `np.mean((o - t)**2)`.
  case meanSquared = "mse"
  /// ½ Σ (o − t)²: the gradient is plain `o − t`, the tutorials' `layer_2_error`.
  case halfSumSquared = "half-sse"
  /// Σ (o − t)²: gradient 2(o − t), T5's ψ before the activation.
  case sumSquared = "sse"
  /// mean over examples of −Σ [t log o + (1 − t) log(1 − o)].
  case binaryCrossEntropy = "bce"
  /// mean over examples of −Σ t log o, for one-hot targets after a softmax.
  case categoricalCrossEntropy = "cce"

  public var description: String { rawValue }

  public func value(output o: Matrix, target t: Matrix) -> Double {
    let examples = Double(max(o.rows, 1))
    switch self {
    case .meanSquared: return o.zipWith(t) { ($0 - $1) * ($0 - $1) }.mean
    case .halfSumSquared: return 0.5 * o.zipWith(t) { ($0 - $1) * ($0 - $1) }.sum
    case .sumSquared: return o.zipWith(t) { ($0 - $1) * ($0 - $1) }.sum
    case .binaryCrossEntropy:
      return o.zipWith(t) { -($1 * Cost.safeLog($0) + (1 - $1) * Cost.safeLog(1 - $0)) }.sum
        / examples
    case .categoricalCrossEntropy:
      return o.zipWith(t) { $1 == 0 ? 0 : -$1 * Cost.safeLog($0) }.sum / examples
    }
  }

  public func gradient(output o: Matrix, target t: Matrix) -> Matrix {
    let examples = Double(max(o.rows, 1))
    switch self {
    case .meanSquared:
      let n = Double(max(o.values.count, 1))
      return o.zipWith(t) { 2 * ($0 - $1) / n }
    case .halfSumSquared: return o - t
    case .sumSquared: return o.zipWith(t) { 2 * ($0 - $1) }
    case .binaryCrossEntropy:
      return o.zipWith(t) { ($0 - $1) / max($0 * (1 - $0), Cost.tiny) / examples }
    case .categoricalCrossEntropy:
      return o.zipWith(t) { $1 == 0 ? 0 : -$1 / max($0, Cost.tiny) / examples }
    }
  }

  /// ∂C/∂z straight from the output when the output activation cancels the cost's denominator
  /// (sigmoid + BCE, softmax + CCE): `(o − t)/m`. Saturated outputs would otherwise give 0/0.
  public func fusedGradient(after activation: Activation, output o: Matrix, target t: Matrix)
    -> Matrix?
  {
    let examples = Double(max(o.rows, 1))
    switch (self, activation) {
    case (.binaryCrossEntropy, .sigmoid), (.categoricalCrossEntropy, .softmax):
      return o.zipWith(t) { ($0 - $1) / examples }
    default: return nil
    }
  }

  private static let tiny = 1e-300
  private static func safeLog(_ x: Double) -> Double { Foundation.log(max(x, tiny)) }

  /// Parses a CLI name (mse, half-sse, sse, bce, cce, and a few aliases).
  public init(name: String) throws {
    switch name.lowercased() {
    case "mse", "mean-squared": self = .meanSquared
    case "half-sse", "half-sum-squared": self = .halfSumSquared
    case "sse", "sum-squared": self = .sumSquared
    case "bce", "binary-cross-entropy", "cross-entropy": self = .binaryCrossEntropy
    case "cce", "categorical-cross-entropy": self = .categoricalCrossEntropy
    default:
      throw DownhillError.invalidArgument(
        "unknown cost '\(name)' (mse, half-sse, sse, bce, cce)")
    }
  }
}
