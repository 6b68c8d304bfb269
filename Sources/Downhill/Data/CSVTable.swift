import AtomicFiles
import Foundation

/// A CSV file with a header row, read into named numeric columns.
///
/// The dialect is RFC 4180 with the leniencies real log files need:
/// - fields separated by commas, optionally quoted with `"` (a doubled `""` inside quotes is a
///   literal quote; quoted fields may span lines);
/// - `\n`, `\r\n` or a lone `\r` end a record; a UTF-8 byte-order mark is ignored;
/// - blank (or whitespace-only) lines are skipped, so trailing newlines are harmless;
/// - spaces around names and numbers are trimmed;
/// - numbers are anything Swift's `Double(_:)` accepts, including `nan`, `inf` and `-inf`;
///   an empty field is a missing value and reads as `nan` (as pandas does), so a column logged
///   only every few epochs still loads;
/// - a blank column name becomes `column<N>` (N counted from 1): pandas writes its index column
///   with an empty name.
///
/// Every error names the line (1-based, counting physical lines) and, where there is one, the
/// column, in a one-line message.
public struct CSVTable: Equatable, Sendable {
  /// The column names, in file order.
  public let columnNames: [String]
  /// The values, one array per column, each `rowCount` long.
  public let columns: [[Double]]
  /// Each column's index by name (a linear search per name was quadratic in a wide table).
  private let indexByName: [String: Int]

  /// The number of data rows (the header is not counted).
  public var rowCount: Int { columns.first?.count ?? 0 }

  /// Builds a table from already-parsed columns.
  /// - Throws: `CSVError` if a name is repeated or the columns differ in length.
  public init(columnNames: [String], columns: [[Double]]) throws {
    guard columnNames.count == columns.count, !columnNames.isEmpty else {
      throw CSVError.noHeader(line: 1)
    }
    try Self.checkUnique(columnNames)
    if let first = columns.first, let bad = columns.firstIndex(where: { $0.count != first.count }) {
      throw CSVError.raggedRow(
        line: columns[bad].count + 2, fields: bad, expected: columnNames.count)
    }
    self.columnNames = columnNames
    self.columns = columns
    self.indexByName = Self.indices(columnNames)
  }

  /// Reads and parses a UTF-8 CSV file.
  /// - Throws: `CSVError.unreadable` if the file cannot be read, or any parse error.
  public init(contentsOf url: URL) throws {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw CSVError.unreadable(path: url.path, reason: Folders.whyUnreadable(url.path))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CSVError.unreadable(path: url.path, reason: "not UTF-8 text")
    }
    try self.init(parsing: text)
  }

  /// Parses CSV text whose first non-blank record is the header.
  /// - Throws: `CSVError` naming the line (and column) of the first problem.
  public init(parsing text: String) throws {
    var records = try CSVTokenizer.records(in: text)
    guard !records.isEmpty else { throw CSVError.empty }
    let header = records.removeFirst()
    let names = header.fields.enumerated().map { index, raw in
      let name = String(raw.trimmingSpaces)
      return name.isEmpty ? "column\(index + 1)" : name
    }
    // A header made only of numbers is a data row: the file has no header.
    if header.fields.allSatisfy({ Self.number(from: $0) != nil && !$0.isBlank }) {
      throw CSVError.noHeader(line: header.line)
    }
    try Self.checkUnique(names)
    guard !records.isEmpty else { throw CSVError.noDataRows(header: header.line) }

    var columns = Array(repeating: [Double](), count: names.count)
    for index in columns.indices { columns[index].reserveCapacity(records.count) }
    for record in records {
      guard record.fields.count == names.count else {
        throw CSVError.raggedRow(
          line: record.line, fields: record.fields.count, expected: names.count)
      }
      for (index, field) in record.fields.enumerated() {
        guard let value = Self.number(from: field) else {
          throw CSVError.notANumber(line: record.line, column: names[index], text: field)
        }
        columns[index].append(value)
      }
    }
    self.columnNames = names
    self.columns = columns
    self.indexByName = Self.indices(names)
  }

  /// The values of the column called `name`, or `nil` if there is no such column.
  public func column(named name: String) -> [Double]? {
    indexByName[name].map { columns[$0] }
  }

  /// Names to indices (names are unique: both initialisers check).
  private static func indices(_ names: [String]) -> [String: Int] {
    Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// Row `index` across all columns.
  public func row(_ index: Int) -> [Double] { columns.map { $0[index] } }

  private static func checkUnique(_ names: [String]) throws {
    var seen: [String: Int] = [:]
    for (index, name) in names.enumerated() {
      if let first = seen[name] {
        throw CSVError.duplicateColumn(name: name, first: first + 1, second: index + 1)
      }
      seen[name] = index
    }
  }

  /// A field's numeric value: blank is missing (`nan`); otherwise `Double(_:)` after trimming.
  static func number(from field: String) -> Double? {
    let trimmed = field.trimmingSpaces
    if trimmed.isEmpty { return .nan }
    // Double(_:) stops at a NUL byte ("2\0abc" would read as 2): such a field is no number.
    if trimmed.utf8.contains(0) { return nil }
    return Double(trimmed)
  }
}

/// Why a CSV file could not be read as a numeric table. Each `description` is one line.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be opened or decoded.
  case unreadable(path: String, reason: String)
  /// The text holds no records at all.
  case empty
  /// The first record is all numbers, so there is no header row.
  case noHeader(line: Int)
  /// Only a header: nothing to read.
  case noDataRows(header: Int)
  /// Two columns share a name (columns counted from 1).
  case duplicateColumn(name: String, first: Int, second: Int)
  /// A record's field count differs from the header's.
  case raggedRow(line: Int, fields: Int, expected: Int)
  /// A field that does not parse as a number.
  case notANumber(line: Int, column: String, text: String)
  /// A quoted field runs to the end of the text.
  case unterminatedQuote(line: Int)
  /// Something other than a separator or line end follows a closing quote, or a quote
  /// appears inside an unquoted field.
  case strayQuote(line: Int)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
    case .empty: "the CSV text is empty"
    case .noHeader(let line):
      "line \(line) is all numbers: the CSV needs a header row naming its columns"
    case .noDataRows(let line): "the CSV has a header (line \(line)) but no data rows"
    case .duplicateColumn(let name, let first, let second):
      "column name \"\(name)\" is used twice (columns \(first) and \(second))"
    case .raggedRow(let line, let fields, let expected):
      "line \(line) has \(fields) field\(fields == 1 ? "" : "s"), header has \(expected)"
    case .notANumber(let line, let column, let text):
      "line \(line), column \"\(column)\": \"\(text)\" is not a number"
    case .unterminatedQuote(let line): "line \(line): quoted field is never closed"
    case .strayQuote(let line): "line \(line): misplaced quote character"
    }
  }
}

extension String {
  fileprivate var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
