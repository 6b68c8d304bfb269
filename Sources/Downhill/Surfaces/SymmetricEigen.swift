/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: slower than
/// LAPACK's tridiagonal methods (O(n³) per sweep) but short, dependency-free and accurate to
/// rounding even for clustered eigenvalues, which is what PCA of a trajectory needs.
enum SymmetricEigen {
  /// The eigenvalues in descending order and the matching unit eigenvectors.
  ///
  /// - Parameter matrix: n × n, row-major, symmetric (only its symmetric part is meaningful).
  static func decompose(_ matrix: [Double], size n: Int) -> (values: [Double], vectors: [[Double]])
  {
    guard n > 0 else { return ([], []) }
    var a = matrix
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }
    let scale = a.reduce(0) { $0 + $1 * $1 }
    // Converges quadratically; 60 sweeps is far beyond what any input needs.
    for _ in 0..<60 {
      var off = 0.0
      for p in 0..<n { for q in (p + 1)..<n { off += a[p * n + q] * a[p * n + q] } }
      if off <= 1e-32 * scale || off == 0 { break }
      for p in 0..<(n - 1) {
        for q in (p + 1)..<n {
          let apq = a[p * n + q]
          if apq == 0 { continue }
          // The rotation that zeroes a[p][q] (Numerical Recipes' `jacobi`, smaller angle).
          let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
          let t =
            theta.magnitude > 1e150
            ? 1 / (2 * theta)
            : (theta >= 0 ? 1 : -1) / (theta.magnitude + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for k in 0..<n {
            let akp = a[k * n + p]
            let akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
          }
          for k in 0..<n {
            let apk = a[p * n + k]
            let aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
          }
          for k in 0..<n {
            let vkp = v[k * n + p]
            let vkq = v[k * n + q]
            v[k * n + p] = c * vkp - s * vkq
            v[k * n + q] = s * vkp + c * vkq
          }
        }
      }
    }
    let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] }
    return (
      order.map { a[$0 * n + $0] },
      order.map { column in (0..<n).map { v[$0 * n + column] } }
    )
  }
}
