import Foundation

/// A layer's nonlinearity: the forward rule and, beside it, its local chain rule.
///
/// `backward` takes the layer's pre-activation `z`, its output `a = forward(z)` and the upstream
/// gradient ∂C/∂a, and returns ∂C/∂z. Elementwise activations use whichever of `z` or `a` gives
/// the cheaper derivative (σ′ = a(1 − a), as the tutorials write it).
public enum Activation: Sendable, Equatable, CustomStringConvertible {
  /// σ(x) = 1 / (1 + e^(−x)).
  case sigmoid
  /// σ(c·x): the tutorials' stretched sigmoid (c = 0.01) that saturates later.
  case scaledSigmoid(Double)
  case tanh
  case relu
  /// x for x > 0, slope·x otherwise.
  case leakyReLU(Double)
  /// Row-wise softmax, the output layer for categorical cross-entropy.
  case softmax
  case identity

  public var description: String {
    switch self {
    case .sigmoid: "sigmoid"
    case .scaledSigmoid(let c): "sigmoid(\(c)x)"
    case .tanh: "tanh"
    case .relu: "relu"
    case .leakyReLU(let s): "leaky-relu(\(s))"
    case .softmax: "softmax"
    case .identity: "identity"
    }
  }

  public func forward(_ z: Matrix) -> Matrix {
    switch self {
    case .sigmoid: z.map { 1 / (1 + Foundation.exp(-$0)) }
    case .scaledSigmoid(let c): z.map { 1 / (1 + Foundation.exp(-(c * $0))) }
    case .tanh: z.map { Foundation.tanh($0) }
    case .relu: z.map { $0 > 0 ? $0 : 0 }
    case .leakyReLU(let slope): z.map { $0 > 0 ? $0 : slope * $0 }
    case .softmax: Activation.softmaxRows(z)
    case .identity: z
    }
  }

  public func backward(z: Matrix, a: Matrix, upstream g: Matrix) -> Matrix {
    switch self {
    case .sigmoid: g.hadamard(a.map { $0 * (1 - $0) })
    case .scaledSigmoid(let c): g.hadamard(a.map { c * ($0 * (1 - $0)) })
    case .tanh: g.hadamard(a.map { 1 - $0 * $0 })
    case .relu: g.zipWith(z) { $1 > 0 ? $0 : 0 }
    case .leakyReLU(let slope): g.zipWith(z) { $1 > 0 ? $0 : slope * $0 }
    case .softmax:
      // Jacobian–vector product per row: ∂C/∂z_i = a_i (g_i − Σ_j g_j a_j).
      Activation.softmaxBackward(a: a, g: g)
    case .identity: g
    }
  }

  private static func softmaxRows(_ z: Matrix) -> Matrix {
    var out = z.values
    let n = z.columns
    for r in 0..<z.rows {
      let row = (r * n)..<((r + 1) * n)
      // Subtracting the row maximum keeps exp from overflowing; the result is unchanged.
      let peak = z.values[row].max() ?? 0
      var total = 0.0
      for i in row {
        out[i] = Foundation.exp(z.values[i] - peak)
        total += out[i]
      }
      for i in row { out[i] /= total }
    }
    return Matrix(rows: z.rows, columns: z.columns, values: out)
  }

  private static func softmaxBackward(a: Matrix, g: Matrix) -> Matrix {
    var out = g.values
    let n = a.columns
    for r in 0..<a.rows {
      let row = (r * n)..<((r + 1) * n)
      var inner = 0.0
      for i in row { inner += g.values[i] * a.values[i] }
      for i in row { out[i] = a.values[i] * (g.values[i] - inner) }
    }
    return Matrix(rows: a.rows, columns: a.columns, values: out)
  }

  /// Parses a CLI name: sigmoid, sigmoid:0.01, tanh, relu, leaky-relu[:slope], softmax, identity.
  public init(name: String) throws {
    let parts = name.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
    let argument = parts.count > 1 ? Double(parts[1]) : nil
    if parts.count > 1 && argument == nil {
      throw DownhillError.invalidArgument("activation parameter '\(parts[1])' is not a number")
    }
    switch parts.first ?? "" {
    case "sigmoid": self = argument.map { .scaledSigmoid($0) } ?? .sigmoid
    case "tanh": self = .tanh
    case "relu": self = .relu
    case "leaky-relu", "leakyrelu", "leaky_relu": self = .leakyReLU(argument ?? 0.01)
    case "softmax": self = .softmax
    case "identity", "linear": self = .identity
    default:
      throw DownhillError.invalidArgument(
        "unknown activation '\(name)' (sigmoid, sigmoid:C, tanh, relu, leaky-relu[:S], softmax, identity)"
      )
    }
  }
}
