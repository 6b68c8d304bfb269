import Foundation
import Testing

@testable import Downhill

@Suite struct CSVTableTests {
  @Test func parsesNamedColumns() throws {
    let table = try CSVTable(parsing: "epoch,loss\n0,1.5\n1,0.25\n2,1e-3\n")
    #expect(table.columnNames == ["epoch", "loss"])
    #expect(table.rowCount == 3)
    #expect(table.column(named: "loss") == [1.5, 0.25, 0.001])
    #expect(table.columns == [[0, 1, 2], [1.5, 0.25, 0.001]])
    #expect(table.column(named: "nope") == nil)
    #expect(table.row(1) == [1, 0.25])
  }

  @Test func handlesCRLFQuotesBOMAndBlankLines() throws {
    let text = "\u{FEFF}\"step\", \"the \"\"loss\"\"\"\r\n1,\"2.5\"\r\n\r\n2, 3 \r\n\r\n\n"
    let table = try CSVTable(parsing: text)
    #expect(table.columnNames == ["step", "the \"loss\""])
    #expect(table.columns == [[1, 2], [2.5, 3]])
  }

  @Test func quotedFieldMaySpanLinesAndLineNumbersFollow() throws {
    let text = "\"a\nb\",c\n1,2\n3,x\n"
    #expect(throws: CSVError.notANumber(line: 4, column: "c", text: "x")) {
      try CSVTable(parsing: text)
    }
    let table = try CSVTable(parsing: "\"a\nb\",c\n1,2\n")
    #expect(table.columnNames == ["a\nb", "c"])
  }

  @Test func acceptsNaNAndInfinityLiteralsAndEmptyAsMissing() throws {
    let table = try CSVTable(parsing: "a,b,c,d\nnan,inf,-inf,\nNaN,Infinity,-1,2\n")
    let a = try #require(table.column(named: "a"))
    #expect(a.allSatisfy { $0.isNaN })
    #expect(table.column(named: "b") == [.infinity, .infinity])
    #expect(table.column(named: "c") == [-.infinity, -1])
    #expect(table.column(named: "d")![0].isNaN)
    #expect(table.column(named: "d")![1] == 2)
  }

  @Test func blankColumnNamesAreNumbered() throws {
    let table = try CSVTable(parsing: ",loss\n0,1\n")
    #expect(table.columnNames == ["column1", "loss"])
  }

  @Test(arguments: [
    ("a,b\n1,2\n3,abc\n", "line 3, column \"b\": \"abc\" is not a number"),
    (
      "a,b,c,d\n" + String(repeating: "1,2,3,4\n", count: 10) + "1,2,3\n",
      "line 12 has 3 fields, header has 4"
    ),
    ("", "the CSV text is empty"),
    ("\n\r\n  \n", "the CSV text is empty"),
    ("a,b\n", "the CSV has a header (line 1) but no data rows"),
    ("1,2\n3,4\n", "line 1 is all numbers: the CSV needs a header row naming its columns"),
    ("loss,acc,loss\n1,2,3\n", "column name \"loss\" is used twice (columns 1 and 3)"),
    ("a,b\n1,\"2\n", "line 2: quoted field is never closed"),
    ("a,b\n1,\"2\"x\n", "line 2: misplaced quote character"),
    ("a,b\n1,2\"\n", "line 2: misplaced quote character"),
  ])
  func reportsErrorsWithLineAndColumn(text: String, message: String) {
    do {
      _ = try CSVTable(parsing: text)
      Issue.record("expected an error for \(text.debugDescription)")
    } catch {
      #expect("\(error)" == message)
      #expect(!"\(error)".contains("\n"))
    }
  }

  @Test func readsFilesAndReportsMissingOnes() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("log.csv")
    try "x,y\n1,2\n".write(to: url, atomically: true, encoding: .utf8)
    #expect(try CSVTable(contentsOf: url).column(named: "y") == [2])
    #expect(throws: CSVError.self) {
      try CSVTable(contentsOf: directory.appendingPathComponent("missing.csv"))
    }
  }

  @Test func datasetFromCSVUsesLastColumnAsTargetByDefault() throws {
    let table = try CSVTable(parsing: "x1,x2,y\n0,1,1\n1,1,0\n")
    let data = try Dataset.csv(table: table)
    #expect(data.inputs == Matrix([[0, 1], [1, 1]]))
    #expect(data.targets == Matrix([[1], [0]]))
    let swapped = try Dataset.csv(table: table, targetColumns: ["x1", "y"])
    #expect(swapped.inputs == Matrix([[1], [1]]))
    #expect(swapped.targets == Matrix([[0, 1], [1, 0]]))
    #expect(throws: DatasetError.unknownColumn("z", available: ["x1", "x2", "y"])) {
      try Dataset.csv(table: table, targetColumns: ["z"])
    }
    #expect(throws: DatasetError.noInputs) {
      try Dataset.csv(table: table, targetColumns: ["x1", "x2", "y"])
    }
  }
}
