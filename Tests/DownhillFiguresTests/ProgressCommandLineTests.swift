import Foundation
import Testing

/// What `train`, `figures` and `report` say while they work, and the names of train's numbers.
extension CommandLineTests {
  /// AND as a CSV: two inputs and a 0/1 target, so that accuracy means something.
  func andGate(in dir: URL, target: [Double] = [0, 0, 0, 1]) throws -> String {
    let path = dir.appendingPathComponent("and.csv").path
    let rows = zip([(0, 0), (0, 1), (1, 0), (1, 1)], target).map { "\($0.0),\($0.1),\($1)" }
    try (["a,b,y"] + rows).joined(separator: "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// The report lines and the summary name each number: cost, mean |error|, accuracy.
  @Test func trainNamesItsNumbers() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = dir.appendingPathComponent("run").path
    let train = try downhill(
      "train", "--data", andGate(in: dir), "--layers", "2,4,1", "--bias", "folded",
      "--alpha", "2", "--iterations", "2000", "--report-every", "1000", "--history", run)
    #expect(train.status == 0, "\(train.errors)")
    let lines = train.output.split(separator: "\n").map(String.init)
    #expect(lines.count == 7, "\(train.output)")
    #expect(lines[0].hasPrefix("Step 0: cost "))
    #expect(lines[0].contains(", mean |error| ") && lines[0].hasSuffix(" %"))
    #expect(lines[1].hasPrefix("Step 1000: cost "))
    #expect(lines[2].hasPrefix("Final cost (half-sse): "))
    #expect(lines[3].hasPrefix("Final mean |error|: "))
    #expect(lines[4] == "Training accuracy: 100.00 %")
    #expect(lines[5].hasPrefix("Time: ") && lines[6].hasPrefix("History: "))
    // The reported cost is the one the history records for that step (the cost, not |error|).
    let loss = try String(contentsOfFile: run + "/loss.csv", encoding: .utf8)
      .split(separator: "\n")
    let step1000 = try #require(loss.first { $0.hasPrefix("1000,") }).split(separator: ",")
    let cost = lines[1].dropFirst("Step 1000: cost ".count).prefix { $0 != "," }
    #expect(Double(cost) == Double(step1000[1]))
    // At step 0 the four examples' outputs are all near the middle: accuracy is one of 0, 25,
    // 50, 75 or 100 %, and the report shows it in percent.
    let first = try #require(lines[0].split(separator: " ").dropLast().last)
    #expect(["0.00", "25.00", "50.00", "75.00", "100.00"].contains(String(first)))

    // Targets that are not 0 or 1 have no accuracy.
    let regression = try downhill(
      "train", "--data", andGate(in: dir, target: [0.1, 0.2, 0.3, 0.4]), "--layers", "2,4,1",
      "--bias", "folded", "--iterations", "10", "--quiet")
    #expect(regression.status == 0, "\(regression.errors)")
    #expect(!regression.output.contains("accuracy"), "\(regression.output)")
  }

  /// Not on a terminal: one whole line per epoch on standard error, no bar; --quiet, none.
  @Test func trainProgressWithoutATerminal() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = try andGate(in: dir)
    let train = try downhill(
      "train", "--data", data, "--layers", "2,4,1", "--bias", "folded", "--batch-size", "2",
      "--epochs", "3")
    #expect(train.status == 0, "\(train.errors)")
    let lines = train.errors.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 4 && lines[3].isEmpty, "\(train.errors)")
    for (i, line) in lines.prefix(3).enumerated() {
      #expect(line.hasPrefix("Epoch \(i + 1)/3  2/2  cost "), "\(line)")
      #expect(line.contains(" %  ") && line.hasSuffix(" it/s"), "\(line)")
    }
    #expect(!train.errors.contains("\r") && !train.errors.contains("\u{1B}"))
    // The full batch, where each update is an epoch: a line per tenth of the run.
    let full = try downhill("train", "--data", data, "--layers", "2,4,1", "--iterations", "50")
    #expect(full.errors.split(separator: "\n").map { $0.prefix(10) }.first == "Epoch 5/50")
    #expect(full.errors.split(separator: "\n").count == 10, "\(full.errors)")
    let quiet = try downhill(
      "train", "--data", data, "--layers", "2,4,1", "--bias", "folded", "--epochs", "3",
      "--batch-size", "2", "--quiet")
    #expect(quiet.status == 0 && quiet.errors.isEmpty, "\(quiet.errors)")
    let verbose = try downhill(
      "train", "--data", data, "--layers", "2,4,1", "--bias", "folded", "--iterations", "10",
      "--verbose")
    #expect(verbose.errors.hasPrefix("Training 2-4-1 "), "\(verbose.errors)")
  }

  /// On a 45-column terminal (a pty under `script`), no progress line is wider than 44 columns,
  /// and the lines that stay and the report lines start lines of their own, never glued onto a
  /// bar.
  @Test func trainProgressOnANarrowTerminal() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = dir.appendingPathComponent("points.csv").path
    let rows = (0..<400).map { "\($0 % 20),\($0 / 20),\($0 % 20 < $0 / 20 ? 1 : 0)" }
    try (["a,b,y"] + rows).joined(separator: "\n").write(
      toFile: data, atomically: true, encoding: .utf8)
    let command =
      "stty cols 45; \(Self.executable.path) train --data \(data) --layers 2,16,1 --bias folded"
      + " --batch-size 1 --epochs 3 --report-every 100"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
    let out = Pipe()
    process.standardOutput = out
    process.standardInput = Pipe()
    try process.run()
    // The terminal's \r\n as \n: Swift counts "\r\n" as one Character.
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .replacingOccurrences(of: "\r\n", with: "\n")
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text)")
    #expect(text.contains("\u{1B}[K"), "no live line drawn: \(text.prefix(300))")
    // What the terminal shows: each \r or \n starts a line; \e[K erases to its end.
    let shown = text.replacingOccurrences(of: "\u{1B}[K", with: "")
      .split(whereSeparator: { $0 == "\r" || $0 == "\n" })
    let progress = shown.filter { $0.hasPrefix("Epoch ") }
    #expect(progress.count > 3 && progress.allSatisfy { $0.count <= 44 }, "\(progress)")
    #expect(progress.contains { $0.hasPrefix("Epoch 3/3  cost ") }, "\(progress.suffix(3))")
    // A line of its own: at the start of a line, or after the bar was erased.
    var reports = 0
    for piece in text.components(separatedBy: "\n")
    where piece.contains(": cost ") || piece.contains("/3  cost ") {
      let marker = piece.contains(": cost ") ? "Step " : "Epoch "
      let before = piece.components(separatedBy: marker).dropLast().joined(separator: marker)
      #expect(before.isEmpty || before.hasSuffix("\r\u{1B}[K"), "\(piece)")
      reports += 1
    }
    #expect(reports == 12 + 3)
  }

  /// `figures` writes a counted, timed line per figure as soon as it is done.
  @Test func figuresCountsItsFigures() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try downhill(
      [
        "figures", "--only", "xor-learning-rates", "--only", "descent", "--format", "svg", "--out",
        "out", "--frames", "2",
      ], in: dir)
    #expect(result.status == 0, "\(result.errors)")
    let lines = result.output.split(separator: "\n")
    #expect(lines.count == 3, "\(result.output)")
    #expect(lines[0].hasPrefix("[1/2] xor-learning-rates  ") && lines[0].hasSuffix(" s"))
    #expect(lines[1].hasPrefix("[2/2] descent.gif  ") && lines[1].hasSuffix(" s"))
  }
}
