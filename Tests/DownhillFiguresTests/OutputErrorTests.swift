import Foundation
import Testing

/// Errors said plainly and nothing left behind: `figures --out` on a file, `--check` creating
/// nothing, a failed run leaving no folder, `--only` taking what `--list` prints, `descend` where
/// f is not finite, CRLF files, escape sequences in column names, input from a pipe.
@Suite struct OutputErrorTests {
  let cli = CommandLineTests()
  let bad = BadInputCommandLineTests()

  func folder() throws -> URL { try cli.temporaryFolder() }

  func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

  @Test func figuresOutOnAFileIsOneLine() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("occupied")
    try Data("x".utf8).write(to: file)
    try bad.refuses(
      ["figures", "--out", file.path, "--only", "descent.gif", "--frames", "1"],
      saying:
        "cannot create output folder \(file.path): \(file.path) is a file, not a folder; choose another path"
    )
    try bad.refuses(
      ["figures", "--out", file.path + "/sub", "--only", "descent", "--frames", "1"],
      saying: "\(file.path) is a file, not a folder")
  }

  @Test func figuresOnlyTakesTheNamesListPrints() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let listed = try cli.downhill("figures", "--list").output
    #expect(listed.contains("\ndescent.gif  "))
    let out = dir.appendingPathComponent("out")
    let result = try cli.downhill(
      ["figures", "--only", "descent.gif", "--frames", "1", "--out", out.path])
    #expect(result.status == 0, "\(result.errors)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["descent.gif"])
  }

  @Test func checkCreatesNoFolderAndAFailedRunLeavesNone() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let new = dir.appendingPathComponent("new")
    let check = try cli.downhill(
      ["figures", "--check", "--only", "descent.gif", "--frames", "1", "--out", new.path])
    #expect(check.status == 1 && check.errors.contains("out of date"))
    #expect(!exists(new))
    // A data folder without the figure's data: the run fails after making --out's folders.
    let empty = dir.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    try bad.refuses(
      [
        "figures", "--only", "xor-learning-rates", "--data", empty.path, "--out",
        new.appendingPathComponent("deeper").path,
      ], saying: "No such file or directory")
    #expect(!exists(new))
  }

  @Test func descendWhereFIsNotFiniteSaysSo() throws {
    try bad.refuses(
      ["descend", "--function", "log(x)", "--start", "-1"],
      saying: "f is not a number (NaN) at the start -1.0: start where f and its gradient are")
    try bad.refuses(
      ["descend", "--function", "1/x", "--start", "0"], saying: "f is infinite at the start 0.0")
    try bad.refuses(
      ["descend", "--function", "x^2", "--start", "1", "--step", "1e200"],
      saying: "try a smaller --step")
  }

  /// Windows line ends read as Unix ones: the same figure.
  @Test func crlfFilesReadLikeLFFiles() throws {
    let lf = "step,loss\n0,1.5\n1,0.75\n2,0.5\n"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    func svg(_ text: String) throws -> String {
      let result = try cli.downhill(
        ["plot", "-", "--out", "-", "--format", "svg"], input: text)
      #expect(result.status == 0, "\(result.errors)")
      return result.output
    }
    #expect(try svg(crlf) == svg(lf))
  }

  /// A column name that carries a terminal escape sequence is echoed escaped.
  @Test func columnNamesAreEscapedInErrors() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("esc.csv")
    try Data("step,\u{1B}[31mred\u{1B}[0m\n1,2\n2,3\n".utf8).write(to: file)
    let result = try cli.downhill(
      [
        "plot", file.path, "--y", "nope\u{1B}[2J", "--out",
        dir.appendingPathComponent("a.svg").path,
      ]
    )
    #expect(result.status == 64)
    #expect(
      result.errors.hasPrefix(
        "Error: no column named 'nope\\u{1B}[2J'; the columns are: step, \\u{1B}[31mred\\u{1B}[0m\n"
      ))
    #expect(!result.errors.contains("\u{1B}"))
  }

  /// `tutorial` has `train`'s ranges: --iterations near Int.max ran for ever.
  @Test func tutorialOptionsHaveRanges() throws {
    try bad.refuses(
      ["tutorial", "t4", "--iterations", "\(Int.max)"], saying: "--iterations must be 1…")
    try bad.refuses(["tutorial", "t4", "--hidden", "0"], saying: "--hidden must be 1…")
  }

  /// Escaping errors leaves ArgumentParser's own alone: help is help.
  @Test func helpIsStillHelp() throws {
    let help = try cli.downhill("surface", "--help")
    #expect(help.status == 0 && help.output.contains("--starts") && help.errors.isEmpty)
  }

  /// A FIFO (and so `<(command)`) is read like a file.
  @Test func plotReadsAFIFO() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("fifo")
    #expect(mkfifo(fifo.path, 0o600) == 0)
    let writer = Thread {
      if let handle = FileHandle(forWritingAtPath: fifo.path) {
        handle.write(Data("step,loss\n0,1\n1,0.5\n".utf8))
        try? handle.close()
      }
    }
    writer.start()
    let result = try cli.downhill(["plot", fifo.path, "--out", "-", "--format", "svg"])
    #expect(result.status == 0, "\(result.errors)")
    #expect(result.output.hasPrefix("<?xml"))
  }
}
