import COpenBLAS
import Testing

@testable import Downhill

/// Products above the crossover go to OpenBLAS, below it to the numpy-ordered loops.
@Suite struct BLASTests {
  /// Shapes above the crossover go to the loaded cblas_dgemm: the same bits as calling it
  /// directly, and the product computed by the loops to rounding.
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func productAboveCrossoverMatchesCBLAS(transposingA: Bool, transposingB: Bool) {
    let (m, k, n) = (13, 9, 11)
    #expect(m * k * n >= Matrix.blasCrossover)
    var g = SeededGenerator(seed: 5)
    let a = transposingA ? g.random(rows: k, columns: m) : g.random(rows: m, columns: k)
    let b = transposingB ? g.random(rows: n, columns: k) : g.random(rows: k, columns: n)
    let product = Matrix.product(a, transposingA: transposingA, b, transposingB: transposingB)

    var reference = [Double](repeating: .nan, count: m * n)
    cblas_dgemm(
      CblasRowMajor, transposingA ? CblasTrans : CblasNoTrans,
      transposingB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a.values,
      Int32(a.columns), b.values, Int32(b.columns), 0, &reference, Int32(n))
    #expect(product.rows == m && product.columns == n)
    #expect(product.values == reference)

    let loops = Matrix.productWithLoops(
      a, transposingA: transposingA, b, transposingB: transposingB)
    for (x, y) in zip(product.values, loops.values) { #expect(abs(x - y) <= 1e-13) }
  }

  /// OpenBLAS is single-threaded from the first product on: two threads in its threaded dgemm at
  /// once deadlocked this suite. (More threads in this process would risk that again, so the
  /// test sets none.)
  @Test func coreNameAndThreadsReachOpenBLAS() {
    #expect(BLAS.coreName == String(cString: openblas_get_corename()))
    let big = Matrix(rows: 64, columns: 64, values: (0..<4096).map(Double.init))
    _ = Matrix.product(big, big)
    #expect(openblas_get_num_threads() == 1)
    BLAS.setThreads(1)
    #expect(openblas_get_num_threads() == 1)
  }
}
