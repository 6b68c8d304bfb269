/// How a network gets its bias terms.
public enum BiasMode: String, Sendable, CaseIterable, Codable {
  /// No bias at all.
  case none
  /// The data carries a constant column of ones (T3/T4): the first layer's input count includes
  /// it, and the network appends it if the data lacks it.
  case input
  /// Each layer appends a 1 to its input and holds the bias as the last row of its weights (T5).
  case folded
}

/// A fully connected layer: `a = activation(x · W)`, with `W` of shape inputs × outputs (plus one
/// bias row when the bias is folded in).
public struct DenseLayer: Sendable, Equatable {
  /// inputs (+ 1 bias row when folded) × outputs.
  public var weights: Matrix
  /// The nonlinearity applied to x · W.
  public var activation: Activation
  /// Whether the last weight row is the bias, with a 1 appended to every input.
  public let foldedBias: Bool

  public init(weights: Matrix, activation: Activation, foldedBias: Bool) {
    self.weights = weights
    self.activation = activation
    self.foldedBias = foldedBias
  }

  /// Inputs per example, without the bias.
  public var inputCount: Int { foldedBias ? weights.rows - 1 : weights.rows }
  /// Units of this layer.
  public var outputCount: Int { weights.columns }

  /// What `backward` needs from `forward`.
  public struct Cache: Sendable {
    /// The input as multiplied, bias column included.
    public var input: Matrix
    /// The pre-activation x · W.
    public var z: Matrix
    /// The output f(z).
    public var a: Matrix
  }

  /// Forward: z = [x | 1] · W, a = f(z).
  public func forward(_ x: Matrix) -> Cache {
    let input = foldedBias ? x.appendingColumn() : x
    let z = Matrix.product(input, weights)
    return Cache(input: input, z: z, a: activation.forward(z))
  }

  /// Backward from ∂C/∂z: ∂C/∂W = [x | 1]ᵀ · ∂C/∂z, and ∂C/∂x = ∂C/∂z · Wᵀ without the bias row
  /// (skipped for the first layer, which has no one to pass it to).
  public func backward(dz: Matrix, cache: Cache, needInputGradient: Bool)
    -> (weights: Matrix, input: Matrix?)
  {
    let gw = Matrix.product(cache.input, transposingA: true, dz)
    guard needInputGradient else { return (gw, nil) }
    let w = foldedBias ? weights.droppingLastRow() : weights
    return (gw, Matrix.product(dz, w, transposingB: true))
  }
}
