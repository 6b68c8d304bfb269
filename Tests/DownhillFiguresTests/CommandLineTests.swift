import Downhill
import Foundation
import Testing

/// `downhill` as a user runs it: train with a history, report it, compare runs, and the errors.
/// Runs the debug executable beside this test bundle (`swift build` builds it).
@Suite struct CommandLineTests {
  struct Result {
    var status: Int32
    var output: String
    var errors: String
    /// Standard output as bytes (a PNG written to `--out -`).
    var bytes = Data()
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

  func downhill(
    _ arguments: [String], in directory: URL? = nil, input: String? = nil,
    executable: URL = Self.executable
  ) throws -> Result {
    try #require(
      FileManager.default.isExecutableFile(atPath: executable.path),
      "no downhill executable beside the tests: run `swift build` first")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let (out, err) = (Pipe(), Pipe())
    process.standardOutput = out
    process.standardError = err
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    // Small inputs only: the pipe holds them whole before the process reads them.
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
      errors: String(decoding: errors, as: UTF8.self), bytes: output)
  }

  /// A fresh temporary folder, removed by the caller.
  func temporaryFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "downhill-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
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
    #expect(
      report.output.hasPrefix("wrote \(run)/report/index.html (10 figures drawn in ")
        && report.output.hasSuffix(" s)\n"), "\(report.output)")
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

  @Test func versionIsTheLibrarys() throws {
    let version = try downhill("--version")
    #expect(version.status == 0, "\(version.errors)")
    #expect(version.output == DownhillVersion.string + "\n")
  }

  /// 64 (EX_USAGE) for a bad option value, name or combination; 1 when the work itself fails.
  @Test func usageErrorsExit64AndFailuresExit1() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("in.csv").path
    try "x,y\n1,2\n2,3\n".write(toFile: csv, atomically: true, encoding: .utf8)
    let svg = dir.appendingPathComponent("out.svg").path
    let usage: [[String]] = [
      ["nope"],
      ["train", "--nope"],
      ["train", "--problem", "nope"],
      ["train", "--problem", "xor", "--layers", "3,x,1"],
      ["train", "--problem", "xor", "--data", csv],
      ["train", "--problem", "xor", "--activation", "nope"],
      ["train", "--problem", "xor", "--layers", "5,4,1"],
      ["surface", "--cost", "nope", "--out", svg],
      ["contour", "--range", "3:1", "--out", svg],
      ["descend", "--function", "x^2", "--start", "nope"],
      ["descend", "--function", "x^^2", "--start", "1"],
      ["tutorial", "nope"],
      ["tutorial"],
      ["report", "/nonexistent/run", "--only", "nope"],
      ["report", "/nonexistent/run", "--format", "gif"],
      ["landscape", "/nonexistent/run", "--range", "1:0", "--save", "x.npz"],
      ["landscape", "/nonexistent/run", "--shard", "9/8", "--save", "x.npz"],
      ["plot", csv, "--out", "out.txt"],
      ["plot", csv, "--y", "nope", "--out", svg],
      ["figures", "--only", "nope"],
    ]
    for arguments in usage {
      let result = try downhill(arguments)
      #expect(result.status == 64, "\(arguments): \(result.status) \(result.errors)")
      // One line saying what is wrong; the usage that follows it is ArgumentParser's.
      #expect(result.errors.hasPrefix("Error: "), "\(arguments): \(result.errors)")
    }
    // Found while running, shown with the subcommand's usage as when found while parsing.
    let problem = try downhill("train", "--problem", "nope")
    #expect(problem.errors.hasPrefix("Error: unknown problem 'nope'"))
    #expect(problem.errors.contains("Usage: downhill train "), "\(problem.errors)")
    #expect(problem.errors.contains("See 'downhill train --help'"), "\(problem.errors)")
    let failures: [[String]] = [
      ["report", "/nonexistent/run"],
      ["train", "--data", "/nonexistent/data.csv"],
      ["plot", "/nonexistent/data.csv", "--out", svg],
      ["compare", "/nonexistent/run", "--out", svg],
      ["landscape", "/nonexistent/run", "--save", dir.appendingPathComponent("x.npz").path],
      ["descend", "--function", "x", "--start", "0", "--max-steps", "5"],
      ["figures", "--data", "/nonexistent", "--only", "xor-learning-rates", "--out", dir.path],
    ]
    for arguments in failures {
      let result = try downhill(arguments)
      #expect(result.status == 1, "\(arguments): \(result.status) \(result.errors)")
      #expect(!result.errors.contains("Usage:"), "\(arguments): \(result.errors)")
      #expect(
        result.errors.hasPrefix("Error: ") && result.errors.split(separator: "\n").count == 1,
        "\(arguments): \(result.errors)")
    }
  }

  /// `--alpha -1` is the value -1, not a missing value followed by an option `-1`.
  @Test func negativeNumbersAreOptionValues() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let svg = dir.appendingPathComponent("out.svg").path
    let csv = dir.appendingPathComponent("in.csv").path
    try "x,y\n1,2\n2,3\n".write(toFile: csv, atomically: true, encoding: .utf8)
    let accepted: [[String]] = [
      [
        "surface", "--azimuth", "-60", "--elevation", "-20", "--range", "-30:30", "--points",
        "30", "--out", svg,
      ],
      ["contour", "--range", "-30:30", "--points", "30", "--out", svg],
      ["descend", "--function", "x^2", "--start", "-3"],
      ["tutorial", "t4", "--alpha", "-1", "--hidden", "2", "--iterations", "10"],
      ["plot", csv, "--xlim", "-1:3", "--ylim", "-5:5", "--out", svg],
    ]
    for arguments in accepted {
      let result = try downhill(arguments)
      #expect(result.status == 0, "\(arguments): \(result.errors)")
    }
    // Parsed, then refused for what the number is.
    let train = try downhill("train", "--problem", "xor", "--alpha", "-1", "--iterations", "10")
    #expect(train.status == 64 && train.errors.contains("learning rate must be a positive"))
    let step = try downhill("descend", "--function", "x^2", "--start", "1", "--step", "-0.1")
    #expect(step.status == 64 && step.errors.contains("--step must be a positive number"))
    let alpha = try downhill("surface", "--alpha", "-4", "--starts", "1", "--out", svg)
    #expect(!alpha.errors.contains("Missing value"), "\(alpha.errors)")
  }

  /// `plot` as a pipe: `-` reads stdin, `--out -` writes stdout in `--format`.
  @Test func plotReadsStandardInputAndWritesStandardOutput() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let text = "x,y\n1,2\n2,3\n"
    try text.write(to: dir.appendingPathComponent("in.csv"), atomically: true, encoding: .utf8)
    let piped = try downhill(["plot", "-", "--out", "-", "--format", "svg"], input: text)
    #expect(piped.status == 0, "\(piped.errors)")
    #expect(piped.output.hasPrefix("<?xml") || piped.output.hasPrefix("<svg"))
    let file = try downhill(["plot", "in.csv", "--out", "-", "--format", "svg"], in: dir)
    #expect(file.status == 0 && file.output == piped.output, "\(file.errors)")
    let png = try downhill(["plot", "-", "--out", "-", "--format", "png"], input: text)
    #expect(png.status == 0 && png.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    let pdf = try downhill(["plot", "-", "--out", "-", "--format", "pdf"], input: text)
    #expect(pdf.status == 0 && pdf.output.hasPrefix("%PDF"))
    let noFormat = try downhill(["plot", "-", "--out", "-"], input: text)
    #expect(noFormat.status == 64 && noFormat.errors.contains("--format"))
  }

  /// `--svg-id-prefix` and `--svg-text` reach the SVG; a prefix that cannot start an id is a
  /// usage error.
  @Test func svgOptions() throws {
    let text = "x,y\n1,2\n2,3\n"
    let svg = try downhill(
      [
        "plot", "-", "--out", "-", "--format", "svg", "--svg-id-prefix", "run1-", "--svg-text",
        "text",
      ],
      input: text)
    #expect(svg.status == 0, "\(svg.errors)")
    #expect(svg.output.contains("<clipPath id=\"run1-c1\">") && svg.output.contains("<text"))
    #expect(!svg.output.contains("<use"))
    let bad = try downhill(
      ["plot", "-", "--out", "-", "--format", "svg", "--svg-id-prefix", "1run"], input: text)
    #expect(bad.status == 64 && bad.errors.contains("SVG id prefix '1run'"), "\(bad.errors)")
  }

  /// The same numbers separated by commas, tabs or spaces draw the same figure.
  @Test func plotDelimiters() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    func svg(_ arguments: [String], input: String) throws -> String {
      let result = try downhill(
        ["plot", "-", "--out", "-", "--format", "svg"] + arguments, input: input)
      #expect(result.status == 0, "\(arguments): \(result.errors)")
      return result.output
    }
    let comma = try svg([], input: "step,loss\n1,0.5\n2,0.25\n3,0.2\n")
    let tab = "step\tloss\n1\t0.5\n2\t0.25\n3\t0.2\n"
    let spaces = "  step   loss\n 1 0.5\n2\t0.25\n\n3  0.2  \n"
    #expect(try svg([], input: tab) == comma)
    #expect(try svg(["--delimiter", "tab"], input: tab) == comma)
    #expect(try svg([], input: spaces) == comma)
    #expect(try svg(["--delimiter", "whitespace"], input: spaces) == comma)
    #expect(try svg(["--delimiter", "comma"], input: "step,loss\n1,0.5\n2,0.25\n3,0.2\n") == comma)
    #expect(try svg(["--delimiter", "auto"], input: tab) == comma)
    let bad = try downhill(["plot", "-", "--delimiter", "semicolon", "--out", "x.svg"], input: "")
    #expect(bad.status == 64)
  }

  /// Labels, a log x axis and limits change the figure; bad limits are usage errors.
  @Test func plotAxes() throws {
    let input = "x,y\n1,2\n2,3\n10,4\n"
    func svg(_ arguments: [String]) throws -> Result {
      try downhill(["plot", "-", "--out", "-", "--format", "svg"] + arguments, input: input)
    }
    let plain = try svg([]).output
    for arguments in [
      ["--xlabel", "time"], ["--ylabel", "height"], ["--logx"], ["--xlim", "-5:20"],
      ["--ylim", "0:5"], ["--xlim=-5:20"],
    ] {
      let result = try svg(arguments)
      #expect(result.status == 0 && result.output != plain, "\(arguments): \(result.errors)")
    }
    #expect(try svg(["--xlim", "-5:20"]).output == svg(["--xlim=-5:20"]).output)
    for bad in [["--xlim", "3:1"], ["--ylim", "nope"], ["--xlim", "1"]] {
      let result = try svg(bad)
      #expect(result.status == 64 && result.errors.contains(bad[0]), "\(bad): \(result.errors)")
    }
  }

  /// Several files on one axes, series named file:column where names clash; a history's
  /// loss.csv draws the loss, not the learning rate beside it.
  @Test func plotSeveralFilesAndAHistorysLoss() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    func write(_ text: String, _ name: String) throws {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    try write("x,y\n1,2\n2,3\n", "a.csv")
    try write("x,y\n1,5\n2,1\n", "b.csv")
    try write("x,a.csv:y,b.csv:y\n1,2,5\n2,3,1\n", "both.csv")
    try write("x,z\n1,4\n2,4\n", "c.csv")
    try write("x,y,z\n1,2,4\n2,3,4\n", "ac.csv")
    func svg(_ arguments: String...) throws -> String {
      let result = try downhill(
        ["plot"] + arguments + ["--out", "-", "--format", "svg"], in: dir)
      #expect(result.status == 0, "\(arguments): \(result.errors)")
      return result.output
    }
    #expect(try svg("a.csv", "b.csv") == svg("both.csv"))
    #expect(try svg("a.csv", "c.csv") == svg("ac.csv"))
    try write("step,loss,learning_rate\n0,0.7,0.5\n1,0.6,0.5\n2,0.55,0.5\n", "loss.csv")
    #expect(try svg("loss.csv") == svg("loss.csv", "--y", "loss"))
    #expect(try svg("loss.csv") != svg("loss.csv", "--y", "loss", "--y", "learning_rate"))
  }

  /// Outside the repository `figures` finds its data beside the package the executable was
  /// built in, and says how to point at it when there is none.
  @Test func figuresOutsideTheRepository() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let found = try downhill(
      ["figures", "--only", "xor-learning-rates", "--format", "svg", "--out", "out"], in: dir)
    #expect(found.status == 0, "\(found.errors)")
    #expect(FileManager.default.fileExists(atPath: dir.path + "/out/xor-learning-rates.svg"))
    // A copy outside any package's .build folder has no data to find.
    let copy = dir.appendingPathComponent("downhill")
    try FileManager.default.copyItem(at: Self.executable, to: copy)
    let missing = try downhill(
      ["figures", "--only", "xor-learning-rates", "--out", "out"], in: dir, executable: copy)
    #expect(missing.status == 1)
    #expect(missing.errors.contains("--data DIR"), "\(missing.errors)")
    #expect(!missing.errors.contains("cannot read"), "\(missing.errors)")
    let explicit = try downhill(
      ["figures", "--data", dir.path + "/nowhere", "--only", "xor-learning-rates", "--out", "out"],
      in: dir)
    #expect(explicit.status == 1 && explicit.errors.contains("--data DIR"), "\(explicit.errors)")
  }
}
