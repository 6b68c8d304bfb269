import CNumpyMath

/// The arithmetic of activations, costs and products on raw buffers. Both the `Matrix` API and
/// the allocation-free training loop call these, so the two paths give bit-identical results.
enum Kernels {
  /// C (m × n, leading dimension ldc) = op(A) · op(B). Below the crossover the sums round as
  /// `np.dot` rounds them (CNumpyMath); above it, OpenBLAS. `useBLAS` forces either.
  static func gemm(
    m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, transposingA: Bool,
    b: UnsafePointer<Double>, ldb: Int, transposingB: Bool, c: UnsafeMutablePointer<Double>,
    ldc: Int, useBLAS: Bool? = nil
  ) {
    let crossover = useBLAS.map { $0 ? 0 : Int.max } ?? Matrix.blasCrossover
    downhill_dense_product(
      m, n, k, a, lda, transposingA ? 1 : 0, b, ldb, transposingB ? 1 : 0, c, ldc, crossover)
  }

  /// a = f(z) for a rows × columns block.
  static func forward(
    _ f: Activation, z: UnsafePointer<Double>, a: UnsafeMutablePointer<Double>, rows: Int,
    columns: Int
  ) {
    downhill_activation_forward(f.kind, f.parameter, z, a, rows, columns)
  }

  /// out = ∂C/∂z from g = ∂C/∂a (out may be g itself).
  static func backward(
    _ f: Activation, z: UnsafePointer<Double>, a: UnsafePointer<Double>,
    g: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>, rows: Int, columns: Int
  ) {
    downhill_activation_backward(f.kind, f.parameter, z, a, g, out, rows, columns)
  }

  /// The cost's per-element terms into `terms`, then its value (numpy's pairwise sum).
  static func costValue(
    _ cost: Cost, o: UnsafePointer<Double>, t: UnsafePointer<Double>,
    terms: UnsafeMutablePointer<Double>, rows: Int, columns: Int
  ) -> Double {
    downhill_cost_value(cost.kind, o, t, terms, rows, columns)
  }

  /// ∂C/∂o into `out`.
  static func costGradient(
    _ cost: Cost, o: UnsafePointer<Double>, t: UnsafePointer<Double>,
    out: UnsafeMutablePointer<Double>, rows: Int, columns: Int
  ) {
    downhill_cost_gradient(cost.kind, o, t, out, rows, columns)
  }

  /// Whether the output activation cancels the cost's denominator (sigmoid + BCE,
  /// softmax + CCE), so ∂C/∂z is simply (o − t)/m: saturated outputs would otherwise give 0/0.
  static func hasFusedGradient(_ cost: Cost, _ f: Activation) -> Bool {
    downhill_has_fused_gradient(cost.kind, f.kind) != 0
  }

  static func fusedGradient(
    o: UnsafePointer<Double>, t: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>,
    rows: Int, columns: Int
  ) {
    downhill_fused_gradient(o, t, out, rows, columns)
  }

  /// numpy's `pairwise_sum` for doubles: blocks of 8 partial sums, split in halves above 128.
  static func pairwiseSum(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
    downhill_pairwise_sum(a, n)
  }
}

extension Activation {
  /// The activation as dense_network.h names it, and its parameter (c of σ(c·x), the leak).
  var kind: Int32 {
    let kind: downhill_activation =
      switch self {
      case .sigmoid: DOWNHILL_SIGMOID
      case .scaledSigmoid: DOWNHILL_SCALED_SIGMOID
      case .tanh: DOWNHILL_TANH
      case .relu: DOWNHILL_RELU
      case .leakyReLU: DOWNHILL_LEAKY_RELU
      case .softmax: DOWNHILL_SOFTMAX
      case .identity: DOWNHILL_IDENTITY
      }
    return Int32(bitPattern: kind.rawValue)
  }

  var parameter: Double {
    switch self {
    case .scaledSigmoid(let c): c
    case .leakyReLU(let slope): slope
    default: 0
    }
  }
}

extension Cost {
  var kind: Int32 {
    let kind: downhill_cost =
      switch self {
      case .meanSquared: DOWNHILL_MEAN_SQUARED
      case .halfSumSquared: DOWNHILL_HALF_SUM_SQUARED
      case .sumSquared: DOWNHILL_SUM_SQUARED
      case .binaryCrossEntropy: DOWNHILL_BINARY_CROSS_ENTROPY
      case .categoricalCrossEntropy: DOWNHILL_CATEGORICAL_CROSS_ENTROPY
      }
    return Int32(bitPattern: kind.rawValue)
  }
}
