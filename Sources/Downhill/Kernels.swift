import CBLASLoader
import CNumpyMath
import Foundation

/// The arithmetic of activations, costs and products on raw buffers. Both the `Matrix` API and
/// the allocation-free training loop call these, so the two paths give bit-identical results.
enum Kernels {
  /// C (m × n, leading dimension ldc) = op(A) · op(B). Below the crossover the sums round as
  /// `np.dot` rounds them (CNumpyMath); above it, OpenBLAS.
  static func gemm(
    m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, transposingA: Bool,
    b: UnsafePointer<Double>, ldb: Int, transposingB: Bool, c: UnsafeMutablePointer<Double>,
    ldc: Int, useBLAS: Bool? = nil
  ) {
    guard m > 0, n > 0 else { return }
    if k == 0 {
      for i in 0..<m { for j in 0..<n { c[i * ldc + j] = 0 } }
      return
    }
    if !(useBLAS ?? (m * n * k >= Matrix.blasCrossover)) {
      downhill_np_product(
        m, n, k, a, lda, transposingA ? 1 : 0, b, ldb, transposingB ? 1 : 0, c, ldc)
      return
    }
    downhill_blas_product(
      Int32(m), Int32(n), Int32(k), a, Int32(lda), transposingA ? 1 : 0, b, Int32(ldb),
      transposingB ? 1 : 0, c, Int32(ldc))
  }

  /// a = f(z) for a rows × columns block.
  static func forward(
    _ f: Activation, z: UnsafePointer<Double>, a: UnsafeMutablePointer<Double>, rows: Int,
    columns: Int
  ) {
    let count = rows * columns
    switch f {
    // numpy's exp (CNumpyMath), so sigmoid networks follow the numpy programs bit for bit.
    case .sigmoid: downhill_np_sigmoid(z, a, count, 1)
    case .scaledSigmoid(let c): downhill_np_sigmoid(z, a, count, c)
    case .tanh: for i in 0..<count { a[i] = Foundation.tanh(z[i]) }
    case .relu: for i in 0..<count { a[i] = z[i] > 0 ? z[i] : 0 }
    case .leakyReLU(let slope): for i in 0..<count { a[i] = z[i] > 0 ? z[i] : slope * z[i] }
    case .identity: for i in 0..<count { a[i] = z[i] }
    case .softmax:
      for r in 0..<rows {
        let zr = z + r * columns
        let ar = a + r * columns
        // Subtracting the row maximum keeps exp from overflowing; the result is unchanged.
        var peak = -Double.infinity
        for i in 0..<columns where zr[i] > peak { peak = zr[i] }
        for i in 0..<columns { ar[i] = zr[i] - peak }
        downhill_np_exp_array(ar, ar, columns)
        var total = 0.0
        for i in 0..<columns { total += ar[i] }
        for i in 0..<columns { ar[i] /= total }
      }
    }
  }

  /// out = ∂C/∂z from g = ∂C/∂a (out may be g itself).
  static func backward(
    _ f: Activation, z: UnsafePointer<Double>, a: UnsafePointer<Double>,
    g: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>, rows: Int, columns: Int
  ) {
    let count = rows * columns
    switch f {
    case .sigmoid: for i in 0..<count { out[i] = g[i] * (a[i] * (1 - a[i])) }
    case .scaledSigmoid(let c): for i in 0..<count { out[i] = g[i] * (c * (a[i] * (1 - a[i]))) }
    case .tanh: for i in 0..<count { out[i] = g[i] * (1 - a[i] * a[i]) }
    case .relu: for i in 0..<count { out[i] = z[i] > 0 ? g[i] : 0 }
    case .leakyReLU(let slope): for i in 0..<count { out[i] = z[i] > 0 ? g[i] : slope * g[i] }
    case .identity: for i in 0..<count { out[i] = g[i] }
    case .softmax:
      // Jacobian–vector product per row: ∂C/∂z_i = a_i (g_i − Σ_j g_j a_j).
      for r in 0..<rows {
        let base = r * columns
        var inner = 0.0
        for i in base..<(base + columns) { inner += g[i] * a[i] }
        for i in base..<(base + columns) { out[i] = a[i] * (g[i] - inner) }
      }
    }
  }

  static let tiny = 1e-300
  static func safeLog(_ x: Double) -> Double { Foundation.log(max(x, tiny)) }

  /// The cost's per-element terms into `terms`, then its value (numpy's pairwise sum).
  static func costValue(
    _ cost: Cost, o: UnsafePointer<Double>, t: UnsafePointer<Double>,
    terms: UnsafeMutablePointer<Double>, rows: Int, columns: Int
  ) -> Double {
    let count = rows * columns
    let examples = Double(max(rows, 1))
    switch cost {
    case .meanSquared, .halfSumSquared, .sumSquared:
      for i in 0..<count { terms[i] = (o[i] - t[i]) * (o[i] - t[i]) }
    case .binaryCrossEntropy:
      for i in 0..<count { terms[i] = -(t[i] * safeLog(o[i]) + (1 - t[i]) * safeLog(1 - o[i])) }
    case .categoricalCrossEntropy:
      for i in 0..<count { terms[i] = t[i] == 0 ? 0 : -t[i] * safeLog(o[i]) }
    }
    let sum = pairwiseSum(UnsafePointer(terms), count)
    switch cost {
    case .meanSquared: return count == 0 ? .nan : sum / Double(count)
    case .halfSumSquared: return 0.5 * sum
    case .sumSquared: return sum
    case .binaryCrossEntropy, .categoricalCrossEntropy: return sum / examples
    }
  }

  /// ∂C/∂o into `out`.
  static func costGradient(
    _ cost: Cost, o: UnsafePointer<Double>, t: UnsafePointer<Double>,
    out: UnsafeMutablePointer<Double>, rows: Int, columns: Int
  ) {
    let count = rows * columns
    let examples = Double(max(rows, 1))
    switch cost {
    case .meanSquared:
      let n = Double(max(count, 1))
      for i in 0..<count { out[i] = 2 * (o[i] - t[i]) / n }
    case .halfSumSquared: for i in 0..<count { out[i] = o[i] - t[i] }
    case .sumSquared: for i in 0..<count { out[i] = 2 * (o[i] - t[i]) }
    case .binaryCrossEntropy:
      for i in 0..<count { out[i] = (o[i] - t[i]) / max(o[i] * (1 - o[i]), tiny) / examples }
    case .categoricalCrossEntropy:
      for i in 0..<count { out[i] = t[i] == 0 ? 0 : -t[i] / max(o[i], tiny) / examples }
    }
  }

  /// Whether the output activation cancels the cost's denominator (sigmoid + BCE,
  /// softmax + CCE), so ∂C/∂z is simply (o − t)/m: saturated outputs would otherwise give 0/0.
  static func hasFusedGradient(_ cost: Cost, _ f: Activation) -> Bool {
    switch (cost, f) {
    case (.binaryCrossEntropy, .sigmoid), (.categoricalCrossEntropy, .softmax): true
    default: false
    }
  }

  static func fusedGradient(
    o: UnsafePointer<Double>, t: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>,
    rows: Int, columns: Int
  ) {
    let examples = Double(max(rows, 1))
    for i in 0..<(rows * columns) { out[i] = (o[i] - t[i]) / examples }
  }

  /// numpy's `pairwise_sum` for doubles: blocks of 8 partial sums, split in halves above 128.
  static func pairwiseSum(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
    if n < 8 {
      var res = 0.0
      for i in 0..<n { res += a[i] }
      return res
    } else if n <= 128 {
      var r0 = a[0]
      var r1 = a[1]
      var r2 = a[2]
      var r3 = a[3]
      var r4 = a[4]
      var r5 = a[5]
      var r6 = a[6]
      var r7 = a[7]
      var i = 8
      while i < n - (n % 8) {
        r0 += a[i]
        r1 += a[i + 1]
        r2 += a[i + 2]
        r3 += a[i + 3]
        r4 += a[i + 4]
        r5 += a[i + 5]
        r6 += a[i + 6]
        r7 += a[i + 7]
        i += 8
      }
      var res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
      while i < n {
        res += a[i]
        i += 1
      }
      return res
    } else {
      var n2 = n / 2
      n2 -= n2 % 8
      return pairwiseSum(a, n2) + pairwiseSum(a + n2, n - n2)
    }
  }
}
