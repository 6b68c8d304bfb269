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

  /// The name `init(name:)` reads: `sigmoid`, `sigmoid:0.01`, `leaky-relu:0.1`, … (as `--activation`
  /// takes it and `meta.json` stores it).
  public var name: String {
    switch self {
    case .scaledSigmoid(let c): "sigmoid:\(c)"
    case .leakyReLU(let s): "leaky-relu:\(s)"
    default: description
    }
  }

  /// a = f(z).
  public func forward(_ z: Matrix) -> Matrix {
    var out = Matrix(rows: z.rows, columns: z.columns)
    z.values.withUnsafeBufferPointer { zp in
      out.values.withUnsafeMutableBufferPointer { ap in
        guard let zb = zp.baseAddress, let ab = ap.baseAddress else { return }
        Kernels.forward(self, z: zb, a: ab, rows: z.rows, columns: z.columns)
      }
    }
    return out
  }

  /// ∂C/∂z from the upstream gradient g = ∂C/∂a (see `Kernels.backward` for each rule).
  public func backward(z: Matrix, a: Matrix, upstream g: Matrix) -> Matrix {
    precondition(z.values.count == g.values.count && a.values.count == g.values.count)
    var out = Matrix(rows: g.rows, columns: g.columns)
    z.values.withUnsafeBufferPointer { zp in
      a.values.withUnsafeBufferPointer { ap in
        g.values.withUnsafeBufferPointer { gp in
          out.values.withUnsafeMutableBufferPointer { op in
            guard let zb = zp.baseAddress, let ab = ap.baseAddress, let gb = gp.baseAddress,
              let ob = op.baseAddress
            else { return }
            Kernels.backward(self, z: zb, a: ab, g: gb, out: ob, rows: g.rows, columns: g.columns)
          }
        }
      }
    }
    return out
  }

  /// Parses a CLI name: sigmoid, sigmoid:0.01, tanh, relu, leaky-relu[:slope], softmax, identity.
  public init(name: String) throws {
    var spelled = name.lowercased()
    // `description`'s spelling, which histories before `name` stored: leaky-relu(0.1).
    if spelled.hasSuffix(")"), let open = spelled.firstIndex(of: "(") {
      let argument = spelled[spelled.index(after: open)..<spelled.index(before: spelled.endIndex)]
      spelled = spelled[..<open] + ":" + argument.replacingOccurrences(of: "x", with: "")
    }
    let parts = spelled.split(separator: ":", maxSplits: 1).map(String.init)
    let argument = parts.count > 1 ? Double(parts[1]) : nil
    if parts.count > 1 && argument?.isFinite != true {
      throw DownhillError.invalidArgument(
        "activation parameter '\(parts[1])' is not a finite number")
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
