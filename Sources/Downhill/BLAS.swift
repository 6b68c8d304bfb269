import COpenBLAS

extension Matrix {
  /// Products with fewer multiply-adds than this run as plain Swift loops; larger ones call
  /// OpenBLAS `cblas_dgemm`.
  ///
  /// Measured (release, `downhill-bench training`, 2 shared cores), µs per n×n·n×n product,
  /// loops | BLAS: n=4 0.17 | 0.15, n=8 0.80 | 0.24, n=16 6.1 | 0.84, n=32 45 | 4.7. BLAS wins
  /// from about 64 multiply-adds up. The loops stay below 128 so the tutorials' XOR products
  /// (at most 48 multiply-adds) keep a plain k-ordered sum without FMA, which is what reproduces
  /// numpy's printed digits best; everything MNIST-sized goes to BLAS.
  public static let blasCrossover = 128

  /// `op(a) · op(b)` where `op` optionally transposes, without materialising the transpose.
  public static func product(
    _ a: Matrix, transposingA: Bool = false, _ b: Matrix, transposingB: Bool = false
  ) -> Matrix {
    let m = transposingA ? a.columns : a.rows
    let k = transposingA ? a.rows : a.columns
    let kb = transposingB ? b.columns : b.rows
    let n = transposingB ? b.rows : b.columns
    precondition(k == kb, "cannot multiply \(m)×\(k) by \(kb)×\(n)")
    if m * n * k < blasCrossover {
      return productWithLoops(a, transposingA: transposingA, b, transposingB: transposingB)
    }
    return productWithBLAS(a, transposingA: transposingA, b, transposingB: transposingB)
  }

  /// The product by plain loops, summing in k order.
  public static func productWithLoops(
    _ a: Matrix, transposingA: Bool = false, _ b: Matrix, transposingB: Bool = false
  ) -> Matrix {
    let m = transposingA ? a.columns : a.rows
    let k = transposingA ? a.rows : a.columns
    let n = transposingB ? b.rows : b.columns
    var out = [Double](repeating: 0, count: m * n)
    do {
      a.values.withUnsafeBufferPointer { av in
        b.values.withUnsafeBufferPointer { bv in
          out.withUnsafeMutableBufferPointer { c in
            for i in 0..<m {
              for j in 0..<n {
                // Sums in k order, as a reference dot product would.
                var s = 0.0
                for p in 0..<k {
                  let x = transposingA ? av[p * a.columns + i] : av[i * a.columns + p]
                  let y = transposingB ? bv[j * b.columns + p] : bv[p * b.columns + j]
                  s += x * y
                }
                c[i * n + j] = s
              }
            }
          }
        }
      }
    }
    return Matrix(rows: m, columns: n, values: out)
  }

  /// The product by OpenBLAS `cblas_dgemm`.
  public static func productWithBLAS(
    _ a: Matrix, transposingA: Bool = false, _ b: Matrix, transposingB: Bool = false
  ) -> Matrix {
    let m = transposingA ? a.columns : a.rows
    let k = transposingA ? a.rows : a.columns
    let n = transposingB ? b.rows : b.columns
    var out = [Double](repeating: 0, count: m * n)
    if m > 0 && n > 0 && k > 0 {
      a.values.withUnsafeBufferPointer { av in
        b.values.withUnsafeBufferPointer { bv in
          out.withUnsafeMutableBufferPointer { c in
            cblas_dgemm(
              CblasRowMajor, transposingA ? CblasTrans : CblasNoTrans,
              transposingB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1.0,
              av.baseAddress, Int32(max(a.columns, 1)), bv.baseAddress, Int32(max(b.columns, 1)),
              0.0, c.baseAddress, Int32(max(n, 1)))
          }
        }
      }
    }
    return Matrix(rows: m, columns: n, values: out)
  }
}

/// OpenBLAS settings.
public enum BLAS {
  /// Limits OpenBLAS's worker threads. On a machine whose cores are shared, one thread avoids
  /// threads spinning against each other for products as small as a mini-batch's.
  public static func setThreads(_ count: Int) {
    openblas_set_num_threads(Int32(max(count, 1)))
  }
}
