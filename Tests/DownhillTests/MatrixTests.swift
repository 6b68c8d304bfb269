import Testing

@testable import Downhill

struct MatrixTests {
  func naive(_ a: Matrix, _ b: Matrix) -> Matrix {
    var c = Matrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
      for j in 0..<b.columns {
        var s = 0.0
        for k in 0..<a.columns { s += a[i, k] * b[k, j] }
        c[i, j] = s
      }
    }
    return c
  }

  @Test(arguments: [(2, 3, 4), (4, 3, 32), (20, 30, 40), (64, 100, 17)])
  func productMatchesNaiveOnBothSidesOfTheCrossover(m: Int, k: Int, n: Int) {
    var g = SeededGenerator(seed: 11)
    let a = g.random(rows: m, columns: k)
    let b = g.random(rows: k, columns: n)
    let expected = naive(a, b)
    let checks = [
      a.dot(b), Matrix.product(a.transposed, transposingA: true, b),
      Matrix.product(a, b.transposed, transposingB: true),
      Matrix.product(a.transposed, transposingA: true, b.transposed, transposingB: true),
    ]
    for c in checks {
      #expect(c.rows == m && c.columns == n)
      for (x, y) in zip(c.values, expected.values) { #expect(abs(x - y) <= 1e-12 * max(1, abs(y))) }
    }
  }

  @Test func elementwiseBroadcastAndReductions() {
    let m = Matrix([[1, 2, 3], [4, 5, 6]])
    #expect(m.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
    #expect(m.hadamard(m) == Matrix([[1, 4, 9], [16, 25, 36]]))
    #expect((m - m) == Matrix(rows: 2, columns: 3))
    #expect(2 * m == m + m)
    #expect(1 - m == Matrix([[0, -1, -2], [-3, -4, -5]]))
    #expect(m.addingToEachRow(Matrix([[10, 20, 30]])) == Matrix([[11, 22, 33], [14, 25, 36]]))
    #expect(m.columnSums == Matrix([[5, 7, 9]]))
    #expect(m.rowSums == Matrix([[6], [15]]))
    #expect(m.sum == 21 && m.mean == 3.5)
    #expect(m.appendingColumn() == Matrix([[1, 2, 3, 1], [4, 5, 6, 1]]))
    #expect(m.selectingRows([1, 0]) == Matrix([[4, 5, 6], [1, 2, 3]]))
    #expect(Matrix([[1, 2], [3, 4], [5, 6]]).droppingLastRow() == Matrix([[1, 2], [3, 4]]))
  }

  /// numpy's pairwise summation: 0.1 summed 1000 times gives numpy's, not the naive, result.
  @Test func sumIsNumpysPairwiseSum() {
    let m = Matrix(rows: 1, columns: 1000, repeating: 0.1)
    #expect(m.sum == 100.00000000000001)  // np.sum(np.full(1000, 0.1))
    var naive = 0.0
    for _ in 0..<1000 { naive += 0.1 }
    #expect(naive != m.sum)
  }
}
