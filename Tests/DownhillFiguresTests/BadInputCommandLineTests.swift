import Foundation
import Testing

/// "Nothing lost, nothing crashes": bad input to `downhill` is a one-line error naming the problem
/// and the way out, with a non-zero exit status — never a trap, a crash, a hang or a silent wrong
/// answer. Runs the debug executable beside this test bundle (`swift build` builds it).
@Suite struct BadInputCommandLineTests {
  struct Result {
    var status: Int32
    var exited: Bool
    var output: String
    var errors: String
  }

  static let executable = CommandLineTests.executable

  static let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
    "downhill-bad-input-\(UUID().uuidString)")

  func downhill(_ arguments: [String]) throws -> Result {
    try #require(
      FileManager.default.isExecutableFile(atPath: Self.executable.path),
      "no downhill executable beside the tests: run `swift build` first")
    let process = Process()
    process.executableURL = Self.executable
    process.arguments = arguments
    let (out, err) = (Pipe(), Pipe())
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // A hang is a failure too: stopped after a minute.
    let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    watchdog.cancel()
    return Result(
      status: process.terminationStatus, exited: process.terminationReason == .exit,
      output: String(decoding: output, as: UTF8.self),
      errors: String(decoding: errors, as: UTF8.self))
  }

  /// Runs `arguments` and expects a one-line `Error: …` containing `message`, and exit status 1.
  func refuses(
    _ arguments: [String], saying message: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let result = try downhill(arguments)
    #expect(
      result.exited && result.status != 0,
      "\(arguments): status \(result.status) (exited: \(result.exited))",
      sourceLocation: sourceLocation)
    // One line, besides ArgumentParser's own usage hint after a validation error.
    let lines = result.errors.split(separator: "\n").filter {
      !$0.hasPrefix("Usage: ") && !$0.hasPrefix("  See '")
    }
    #expect(
      result.errors.hasPrefix("Error: ") && result.errors.contains(message) && lines.count == 1,
      "\(arguments): \(result.errors.prefix(2000))", sourceLocation: sourceLocation)
  }

  func file(_ name: String, _ contents: String) throws -> String {
    try FileManager.default.createDirectory(at: Self.temporary, withIntermediateDirectories: true)
    let url = Self.temporary.appendingPathComponent(name)
    try Data(contents.utf8).write(to: url)
    return url.path
  }

  @Test func trainOptionsOutOfRange() throws {
    let history = Self.temporary.appendingPathComponent("h").path
    let xor = ["train", "--problem", "xor"]
    try refuses(
      xor + ["--history-every", "\(Int.max)", "--history", history],
      saying: "--history-every must be 1…")
    try refuses(xor + ["--iterations", "\(Int.max)"], saying: "--iterations must be 1…")
    try refuses(xor + ["--report-every", "\(Int.max)"], saying: "--report-every must be 1…")
    try refuses(
      xor + ["--epochs", "4611686018427387904", "--batch-size", "1"], saying: "--epochs must be 1…")
    try refuses(
      xor + ["--epochs", "10000000000", "--batch-size", "1"], saying: "give fewer epochs")
    try refuses(
      xor + ["--history-budget", "10000000000000", "--history", history],
      saying: "--history-budget must be 1…")
    try refuses(xor + ["--layers", "4294967296,4294967296,1"], saying: "--layers must be integers")
    try refuses(xor + ["--layers", "2,100000,100000,1"], saying: "use smaller layers")
    try refuses(xor + ["--blas-threads", "\(Int.max)"], saying: "--blas-threads must be 1…")
  }

  @Test func trainShapesAreCheckedAgainstTheDataFirst() throws {
    try refuses(
      ["train", "--problem", "xor", "--layers", "100000,100000,1"],
      saying: "the first layer takes 100000 inputs")
  }

  @Test func trainRefusesWhatWouldBeASilentWrongResult() throws {
    let xor = ["train", "--problem", "xor"]
    try refuses(xor + ["--layers", "3,,1"], saying: "--layers must be integers")
    try refuses(xor + ["--iterations", "0"], saying: "would train nothing")
  }

  /// Runs `arguments` and expects a normal exit with status 0.
  func succeeds(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let result = try downhill(arguments)
    #expect(
      result.exited && result.status == 0, "\(arguments): \(result.errors.prefix(2000))",
      sourceLocation: sourceLocation)
  }

  @Test func drawingHugeOrDivergingValuesDoesNotTrap() throws {
    let out = Self.temporary.appendingPathComponent("s.png").path
    try FileManager.default.createDirectory(at: Self.temporary, withIntermediateDirectories: true)
    try succeeds(["surface", "--starts", "3", "--alpha", "1e13", "--out", out])
    try succeeds(["contour", "--starts", "3", "--alpha", "1e20", "--out", out])
    try succeeds(["contour", "--range=-1e300:1e300", "--starts", "2", "--out", out])
    try refuses(
      ["surface", "--range=-9e307:9e307", "--out", out], saying: "a finite MAX − MIN")
  }

  @Test func deeplyNestedFunctionIsRefused() throws {
    let minus = "0+" + String(repeating: "-", count: 30_000) + "x"
    try refuses(
      ["descend", "--function=" + minus, "--start", "1"], saying: "nested more than 200 levels")
    let sum = Array(repeating: "x", count: 30_000).joined(separator: "+")
    try refuses(["descend", "--function", sum, "--start", "1"], saying: "nested more than")
  }

  @Test func hugeFiguresAndPathsAreRefusedNotDrawn() throws {
    let csv = try file("p.csv", "x,y\n1,2\n2,3\n")
    let png = Self.temporary.appendingPathComponent("p.png").path
    try refuses(
      ["plot", csv, "--out", png, "--width", "32767", "--height", "32767"],
      saying: "67108864 px in all")
    try refuses(
      ["surface", "--starts", "50", "--steps", "1000000", "--out", png],
      saying: "--steps must be 1…200000")
    try refuses(
      ["surface", "--starts", "50", "--steps", "10000", "--out", png],
      saying: "50 paths × 10000 steps is over 200000 path points")
    try refuses(
      ["contour", "--starts", "1", "--steps", "1000000", "--out", png], saying: "--steps must be 1…"
    )
  }

  @Test func silentWrongResultsAreRefused() throws {
    for (name, text, message) in [
      ("empty.csv", "a,b,y\n0,0,0\n0,1,\n1,0,1\n", "data row 2, column \"y\" is empty or nan"),
      ("nan.csv", "a,b,y\n0,0,0\n0,1,nan\n", "data row 2, column \"y\" is empty or nan"),
      ("inf.csv", "a,b,y\n0,0,0\n0,inf,1\n", "data row 2, column \"b\" is inf"),
      ("nul.csv", "a,b,y\n0,0,0\n0,2\u{0}abc,1\n", "is not a number"),
    ] {
      try refuses(
        ["train", "--data", try file(name, text), "--layers", "2,3,1", "--iterations", "10"],
        saying: message)
    }
    let out = Self.temporary.appendingPathComponent("figs").path
    try refuses(["figures", "--format", "", "--out", out], saying: "unknown format ''")
  }
}
