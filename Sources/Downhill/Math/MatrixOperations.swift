/// The matrix arithmetic backpropagation needs, each in numpy's operation order so that results
/// agree with the tutorials' numpy programs.
extension Matrix {
  /// The transpose, as numpy's `.T` (but materialised).
  public var transposed: Matrix {
    var out = [Double](repeating: 0, count: values.count)
    values.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for i in 0..<rows {
          for j in 0..<columns { dst[j * rows + i] = src[i * columns + j] }
        }
      }
    }
    return Matrix(rows: columns, columns: rows, values: out)
  }

  /// The matrix product `self · other`, as `np.dot` (see `Matrix.product` for the kernel choice).
  public func dot(_ other: Matrix) -> Matrix {
    Matrix.product(self, other)
  }

  /// Applies `transform` to every element.
  public func map(_ transform: (Double) -> Double) -> Matrix {
    Matrix(rows: rows, columns: columns, values: values.map(transform))
  }

  /// Combines two matrices of the same shape element by element.
  public func zipWith(_ other: Matrix, _ combine: (Double, Double) -> Double) -> Matrix {
    precondition(
      rows == other.rows && columns == other.columns,
      "shapes \(rows)×\(columns) and \(other.rows)×\(other.columns) differ")
    var out = [Double](repeating: 0, count: values.count)
    values.withUnsafeBufferPointer { a in
      other.values.withUnsafeBufferPointer { b in
        out.withUnsafeMutableBufferPointer { o in
          for i in 0..<o.count { o[i] = combine(a[i], b[i]) }
        }
      }
    }
    return Matrix(rows: rows, columns: columns, values: out)
  }

  /// The elementwise (Hadamard) product, numpy's `a * b` for equal shapes.
  public func hadamard(_ other: Matrix) -> Matrix { zipWith(other, *) }

  /// Elementwise sum of equal shapes.
  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix { lhs.zipWith(rhs, +) }
  /// Elementwise difference of equal shapes.
  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix { lhs.zipWith(rhs, -) }
  /// Scalar times matrix (`alpha * m` in numpy, same rounding).
  public static func * (lhs: Double, rhs: Matrix) -> Matrix { rhs.map { lhs * $0 } }
  /// Matrix times scalar.
  public static func * (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 * rhs } }
  /// Adds a scalar to every element.
  public static func + (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 + rhs } }
  /// Scalar minus every element (`1 - m`, as in σ′ = a(1 − a)).
  public static func - (lhs: Double, rhs: Matrix) -> Matrix { rhs.map { lhs - $0 } }
  /// Subtracts a scalar from every element.
  public static func - (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 - rhs } }
  public static prefix func - (m: Matrix) -> Matrix { m.map { -$0 } }

  /// Adds `row` (a 1 × columns matrix) to every row, as numpy broadcasting does.
  public func addingToEachRow(_ row: Matrix) -> Matrix {
    precondition(row.rows == 1 && row.columns == columns, "row must be 1×\(columns)")
    var out = values
    for i in 0..<rows {
      for j in 0..<columns { out[i * columns + j] += row.values[j] }
    }
    return Matrix(rows: rows, columns: columns, values: out)
  }

  /// The sum of each column, a 1 × columns matrix (`m.sum(axis=0, keepdims=True)`), summed top to
  /// bottom as numpy does for a C-ordered array.
  public var columnSums: Matrix {
    var out = [Double](repeating: 0, count: columns)
    for i in 0..<rows {
      for j in 0..<columns { out[j] += values[i * columns + j] }
    }
    return Matrix(rows: 1, columns: columns, values: out)
  }

  /// The sum of each row, a rows × 1 matrix.
  public var rowSums: Matrix {
    var out = [Double](repeating: 0, count: rows)
    for i in 0..<rows { out[i] = Matrix.pairwiseSum(values[(i * columns)..<((i + 1) * columns)]) }
    return Matrix(rows: rows, columns: 1, values: out)
  }

  /// The sum of all elements with numpy's pairwise summation, so `np.sum`/`np.mean` of a
  /// contiguous array agree to the last bit.
  public var sum: Double { Matrix.pairwiseSum(values[...]) }

  /// `np.mean(m)`.
  public var mean: Double { values.isEmpty ? .nan : sum / Double(values.count) }

  /// A copy with one more column holding `value` (the bias input appended to every example).
  public func appendingColumn(repeating value: Double = 1) -> Matrix {
    var out = [Double]()
    out.reserveCapacity(rows * (columns + 1))
    for i in 0..<rows {
      out.append(contentsOf: values[(i * columns)..<((i + 1) * columns)])
      out.append(value)
    }
    return Matrix(rows: rows, columns: columns + 1, values: out)
  }

  /// A copy without the last row (dropping a folded bias row from a weight matrix).
  public func droppingLastRow() -> Matrix {
    Matrix(rows: rows - 1, columns: columns, values: Array(values[0..<((rows - 1) * columns)]))
  }

  /// The rows at `indices`, in that order (a mini-batch).
  public func selectingRows(_ indices: some Collection<Int>) -> Matrix {
    var out = [Double]()
    out.reserveCapacity(indices.count * columns)
    for i in indices { out.append(contentsOf: values[(i * columns)..<((i + 1) * columns)]) }
    return Matrix(rows: indices.count, columns: columns, values: out)
  }

  /// The row `index` as a 1 × columns matrix.
  public func row(_ index: Int) -> Matrix { selectingRows([index]) }

  /// Nested arrays, as numpy's `.tolist()`.
  public var nestedRows: [[Double]] {
    (0..<rows).map { Array(values[($0 * columns)..<(($0 + 1) * columns)]) }
  }

  /// numpy's `pairwise_sum` (see `Kernels.pairwiseSum`).
  static func pairwiseSum(_ a: ArraySlice<Double>) -> Double {
    a.withUnsafeBufferPointer { p in p.baseAddress.map { Kernels.pairwiseSum($0, p.count) } ?? 0 }
  }
}
