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

  /// C(o, t) for a batch, one example per row.
  public func value(output o: Matrix, target t: Matrix) -> Double {
    precondition(o.values.count == t.values.count, "output and target shapes differ")
    var terms = [Double](repeating: 0, count: o.values.count)
    return o.values.withUnsafeBufferPointer { op in
      t.values.withUnsafeBufferPointer { tp in
        terms.withUnsafeMutableBufferPointer { sp in
          guard let ob = op.baseAddress, let tb = tp.baseAddress, let sb = sp.baseAddress else {
            return .nan
          }
          return Kernels.costValue(self, o: ob, t: tb, terms: sb, rows: o.rows, columns: o.columns)
        }
      }
    }
  }

  /// ∂C/∂o, shaped as the output.
  public func gradient(output o: Matrix, target t: Matrix) -> Matrix {
    precondition(o.values.count == t.values.count, "output and target shapes differ")
    var out = Matrix(rows: o.rows, columns: o.columns)
    o.values.withUnsafeBufferPointer { op in
      t.values.withUnsafeBufferPointer { tp in
        out.values.withUnsafeMutableBufferPointer { gp in
          guard let ob = op.baseAddress, let tb = tp.baseAddress, let gb = gp.baseAddress else {
            return
          }
          Kernels.costGradient(self, o: ob, t: tb, out: gb, rows: o.rows, columns: o.columns)
        }
      }
    }
    return out
  }

  /// ∂C/∂z straight from the output when the output activation cancels the cost's denominator
  /// (sigmoid + BCE, softmax + CCE): `(o − t)/m`. Saturated outputs would otherwise give 0/0.
  public func fusedGradient(after activation: Activation, output o: Matrix, target t: Matrix)
    -> Matrix?
  {
    guard Kernels.hasFusedGradient(self, activation) else { return nil }
    let examples = Double(max(o.rows, 1))
    return o.zipWith(t) { ($0 - $1) / examples }
  }

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
