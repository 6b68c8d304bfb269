import COpenBLAS

extension Matrix {
  /// Products with fewer multiply-adds than this run as plain Swift loops; larger ones call
  /// OpenBLAS `cblas_dgemm`.
  ///
  /// Measured on the 2-core build machine (release, `downhill-bench training`): the loop wins
  /// below roughly this size because a dgemm call costs about a microsecond of setup, which is
  /// more than an XOR-sized product takes; above it BLAS's blocked kernels win quickly.
  public static let blasCrossover = 4096

  /// `op(a) · op(b)` where `op` optionally transposes, without materialising the transpose.
  public static func product(
    _ a: Matrix, transposingA: Bool = false, _ b: Matrix, transposingB: Bool = false
  ) -> Matrix {
    let m = transposingA ? a.columns : a.rows
    let k = transposingA ? a.rows : a.columns
    let kb = transposingB ? b.columns : b.rows
    let n = transposingB ? b.rows : b.columns
    precondition(k == kb, "cannot multiply \(m)×\(k) by \(kb)×\(n)")
    var out = [Double](repeating: 0, count: m * n)
    if m * n * k < blasCrossover {
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
    } else if m > 0 && n > 0 {
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
