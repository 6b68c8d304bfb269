import Foundation
import Testing

/// `downhill` as a user runs it: train with a history, report it, compare runs, and the errors.
/// Runs the debug executable beside this test bundle (`swift build` builds it).
@Suite struct CommandLineTests {
  struct Result {
    var status: Int32
    var output: String
    var errors: String
  }

  static let executable: URL = {
    var dir = Bundle.module.bundleURL
    while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("downhill").path),
      dir.path != "/"
    {
      dir.deleteLastPathComponent()
    }
    return dir.appendingPathComponent("downhill")
  }()

  func downhill(_ arguments: String...) throws -> Result { try downhill(arguments) }

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
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
      errors: String(decoding: errors, as: UTF8.self))
  }

  @Test func trainReportAndCompare() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "downhill-cli-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = dir.appendingPathComponent("xor").path
    let train = try downhill(
      "train", "--problem", "xor", "--layers", "2,3,1", "--bias", "folded", "--alpha", "1",
      "--iterations", "300", "--history", run, "--history-every", "3")
    #expect(train.status == 0, "\(train.errors)")
    #expect(train.output.contains("History: \(run) (300 steps, 100 recorded)"))
    let report = try downhill("report", run, "--grid", "7")
    #expect(report.status == 0, "\(report.errors)")
    #expect(report.output == "wrote \(run)/report/index.html (10 figures)\n")
    #expect(report.errors.split(separator: "\n").count == 10)
    let files = try FileManager.default.contentsOfDirectory(atPath: run + "/report/data").sorted()
    #expect(files.count == 10 && files.contains("landscape.csv"))
    let loss = try String(contentsOfFile: run + "/report/data/loss.csv", encoding: .utf8)
    let rows = loss.split(separator: "\n")
    #expect(rows.first == "step,loss,learning_rate" && rows.count == 301)
    #expect(
      rows.dropFirst().allSatisfy { $0.split(separator: ",").compactMap { Double($0) }.count == 3 })
    let svg = dir.appendingPathComponent("land.svg").path
    let one = try downhill("report", run, "--only", "landscape", "--grid", "5", "--out", svg)
    #expect(one.status == 0 && FileManager.default.fileExists(atPath: svg), "\(one.errors)")
    let compare = try downhill(
      "compare", run, run, "--out", dir.appendingPathComponent("c.png").path)
    #expect(compare.status == 0, "\(compare.errors)")
  }

  @Test func errorsAreOneLineWithANonZeroStatus() throws {
    let missing = try downhill("report", "/nonexistent/run")
    #expect(missing.status != 0)
    #expect(
      missing.errors.hasPrefix("Error: /nonexistent/run/meta.json: No such file or directory"))
    #expect(missing.errors.split(separator: "\n").count == 1)
    let empty = try downhill("train", "--problem", "xor", "--history", "")
    #expect(empty.status != 0 && empty.errors.contains("--history needs a folder name"))
    let figure = try downhill("report", "/tmp", "--only", "nope")
    #expect(figure.status != 0 && figure.errors.contains("unknown figure 'nope'"))
  }
}
