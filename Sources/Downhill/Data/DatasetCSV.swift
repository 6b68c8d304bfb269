import Foundation

extension Dataset {
  /// A dataset from a CSV file with a header: the `targetColumns` are the targets and every other
  /// column, in file order, is an input. By default the last column is the target.
  ///
  /// - Throws: `CSVError` for a malformed file, `DatasetError` for unknown or unusable columns.
  public static func csv(url: URL, targetColumns: [String]? = nil) throws -> Dataset {
    let table = try CSVTable(contentsOf: url)
    var dataset = try csv(
      table: table, targetColumns: targetColumns,
      name: url.deletingPathExtension().lastPathComponent)
    dataset.source = .csv(
      path: url.standardizedFileURL.path, sha256: try DatasetSource.sha256(of: url),
      targets: targetColumns)
    return dataset
  }

  /// A dataset from an already-parsed table; see `csv(url:targetColumns:)`.
  public static func csv(table: CSVTable, targetColumns: [String]? = nil, name: String = "csv")
    throws(DatasetError)
    -> Dataset
  {
    let targets = targetColumns ?? [table.columnNames.last!]
    guard !targets.isEmpty else { throw DatasetError.noTargets }
    for target in targets where !table.columnNames.contains(target) {
      throw DatasetError.unknownColumn(target, available: table.columnNames)
    }
    let inputs = table.columnNames.filter { !targets.contains($0) }
    guard !inputs.isEmpty else { throw DatasetError.noInputs }
    func matrix(_ names: [String]) -> Matrix {
      let columns = names.map { table.column(named: $0)! }
      var values = [Double]()
      values.reserveCapacity(table.rowCount * names.count)
      for row in 0..<table.rowCount { for column in columns { values.append(column[row]) } }
      return Matrix(rows: table.rowCount, columns: names.count, values: values)
    }
    // An empty cell reads as nan (fine for plotting); training on it would only give nan.
    for name in inputs + targets {
      let column = table.column(named: name)!
      if let row = column.firstIndex(where: { !$0.isFinite }) {
        throw DatasetError.notFinite(row: row + 1, column: name, value: column[row])
      }
    }
    return Dataset(name: name, inputs: matrix(inputs), targets: matrix(targets))
  }
}

/// Why a table could not be turned into a dataset.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
  case unknownColumn(String, available: [String])
  case noTargets
  case noInputs
  /// A missing (empty), nan or infinite value, which training cannot use. Rows count from 1,
  /// the header not counted.
  case notFinite(row: Int, column: String, value: Double)

  public var description: String {
    switch self {
    case .unknownColumn(let name, let available):
      "no column named \"\(name)\" (columns: \(available.joined(separator: ", ")))"
    case .noTargets: "at least one target column is needed"
    case .noInputs: "every column is a target: no input columns are left"
    case .notFinite(let row, let column, let value):
      "data row \(row), column \"\(column)\" is \(value.isNaN ? "empty or nan" : "\(value)"): training needs finite numbers; fill in or drop that row"
    }
  }
}
