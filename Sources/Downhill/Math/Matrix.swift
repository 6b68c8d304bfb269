/// A dense matrix of `Double`, stored row-major (as numpy's default C order), so that a matrix
/// filled from `SeededGenerator` draws the same numbers into the same places as numpy.
public struct Matrix: Equatable, Sendable {
  public let rows: Int
  public let columns: Int
  /// Row-major storage: element (i, j) lives at `i * columns + j`.
  public var values: [Double]

  public init(rows: Int, columns: Int, values: [Double]) {
    precondition(
      rows >= 0 && columns >= 0 && values.count == rows * columns,
      "Matrix(\(rows)×\(columns)) needs \(rows * columns) values, got \(values.count)")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
  }

  /// A matrix from nested rows, as `np.array([[…], […]])`.
  public init(_ rowsOfValues: [[Double]]) {
    let columns = rowsOfValues.first?.count ?? 0
    precondition(rowsOfValues.allSatisfy { $0.count == columns }, "ragged rows")
    self.init(rows: rowsOfValues.count, columns: columns, values: rowsOfValues.flatMap { $0 })
  }

  public subscript(row: Int, column: Int) -> Double {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  public var shape: (rows: Int, columns: Int) { (rows, columns) }
}
