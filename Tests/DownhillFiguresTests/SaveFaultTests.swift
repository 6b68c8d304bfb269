import Downhill
import Foundation
import Testing

/// A history survives what can happen to the process saving over it: a second writer, a
/// signal, SIGKILL, a full disk. Child processes of the debug `downhill`; the old history's
/// bytes are compared after each fault.
@Suite struct SaveFaultTests {
  static let executable = CommandLineTests.executable

  /// A running `downhill` whose standard output is a pipe nobody reads until `finish()`: with
  /// `--report-every 1` it blocks mid-run once the pipe is full, holding its history folder.
  struct Child {
    let process = Process()
    let out = Pipe()
    let err = Pipe()

    /// `shell`: commands run before `downhill` replaces the shell (same process id); no core
    /// dumps after SIGQUIT in any case. Every signal's action is reset to the default first: a
    /// test runner may ignore some, and its children would inherit that.
    init(_ arguments: [String], shell: String = "") throws {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments =
        [
          "--default-signal", "/bin/sh", "-c", "ulimit -c 0; \(shell) exec \"$0\" \"$@\"",
          executable.path,
        ] + arguments
      // The Swift runtime's backtracer, where it is on, takes SIGQUIT to print the threads'
      // stacks and lets the run go on; off, SIGQUIT ends the run, the case to test.
      process.environment = ProcessInfo.processInfo.environment.merging(
        ["SWIFT_BACKTRACE": "enable=no"], uniquingKeysWith: { $1 })
      process.standardOutput = out
      process.standardError = err
      try process.run()
    }

    /// Reads everything the child writes, waits for it to end; (status, stdout, stderr).
    func finish(readingOutput: Bool = true)
      -> (status: Int32, signalled: Bool, output: String, errors: String)
    {
      // Errors are a line or two: the pipe holds them while the output is read.
      let output = readingOutput ? out.fileHandleForReading.readDataToEndOfFile() : Data()
      let text = err.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return (
        process.terminationStatus, process.terminationReason == .uncaughtSignal,
        String(decoding: output, as: UTF8.self), String(decoding: text, as: UTF8.self)
      )
    }
  }

  func folder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "downhill-faults-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  func listing(_ dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
  }

  /// Every file of a history folder and its bytes.
  func snapshot(_ dir: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try listing(dir) {
      files[name] = try Data(contentsOf: dir.appendingPathComponent(name))
    }
    return files
  }

  /// Waits (up to a minute) until a temporary folder for `history` exists beside it.
  func waitForTemporary(of history: URL) throws {
    let parent = history.deletingLastPathComponent()
    let prefix = "." + history.lastPathComponent + "."
    for _ in 0..<6000 {
      if try listing(parent).contains(where: { $0.hasPrefix(prefix) && $0.hasSuffix(".partial") }) {
        return
      }
      usleep(10_000)
    }
    Issue.record("no temporary folder beside \(history.path)")
  }

  /// An old history at `history`, and its bytes.
  func oldHistory(_ history: URL) throws -> [String: Data] {
    let made = try Child(
      ["train", "--problem", "xor", "--iterations", "20", "--history", history.path]
    ).finish()
    #expect(made.status == 0, "\(made.errors)")
    return try snapshot(history)
  }

  /// Runs `body` with a fresh folder, the path of an old history in it (`run`) and that
  /// history's bytes; deletes the folder afterwards.
  func withOldHistory(_ body: (URL, URL, [String: Data]) throws -> Void) throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let history = dir.appendingPathComponent("run")
    try body(dir, history, try oldHistory(history))
  }

  /// A run that blocks mid-training (see `Child`) with its history folder claimed.
  func blockedRun(_ history: URL, stream: Bool, layers: String = "2,4,1", shell: String = "")
    throws -> Child
  {
    try Child(
      [
        "train", "--problem", "xor", "--layers", layers, "--bias", "folded", "--iterations",
        "20000", "--report-every", "1", "--history", history.path,
        // No progress lines: standard error stays the one error line `finish()` reads last.
        "--quiet",
      ] + (stream ? ["--stream"] : []), shell: shell)
  }

  @Test(arguments: [false, true])
  func aSecondWriterIsRefusedUpFrontWhileTheFirstCompletes(stream: Bool) throws {
    try withOldHistory { dir, history, old in
      let first = try blockedRun(history, stream: stream)
      try waitForTemporary(of: history)
      let second = try Child(
        ["train", "--problem", "xor", "--iterations", "5", "--history", history.path]
      ).finish()
      #expect(second.status == 1)
      #expect(
        second.errors
          == "Error: cannot write history folder \(history.path): another process (pid \(first.process.processIdentifier)) is writing it; wait for it to finish or choose another folder\n"
      )
      #expect(second.output == "", "refused before training")
      #expect(try snapshot(history) == old, "the old history is untouched while the first writes")
      let done = first.finish()
      #expect(done.status == 0, "\(done.errors)")
      #expect(try History(contentsOf: history).loggedSteps.count == 20000)
      #expect(try listing(dir) == ["run"])
    }
  }

  /// A signal while the new history is written: the old one stays byte for byte, and nothing
  /// is left beside it.
  @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGQUIT])
  func aSignalLeavesTheOldHistoryAndNoTemporaries(signal: Int32) throws {
    try withOldHistory { dir, history, old in
      let run = try blockedRun(history, stream: true)
      try waitForTemporary(of: history)
      kill(run.process.processIdentifier, signal)
      let end = run.finish()
      #expect(end.signalled && end.status == signal)
      #expect(try snapshot(history) == old)
      let left = try listing(dir)
      #expect(left == ["run"])
    }
  }

  /// `train … | head -2`: the reader goes away and SIGPIPE ends the run.
  @Test func aClosedPipeLeavesTheOldHistoryAndNoTemporaries() throws {
    try withOldHistory { dir, history, old in
      let run = try blockedRun(history, stream: true)
      try waitForTemporary(of: history)
      _ = run.out.fileHandleForReading.readData(ofLength: 100)
      try run.out.fileHandleForReading.close()
      let end = run.finish(readingOutput: false)
      #expect(end.signalled && end.status == SIGPIPE)
      #expect(try snapshot(history) == old)
      #expect(try listing(dir) == ["run"])
    }
  }

  /// SIGKILL cannot be caught: the killed run's temporary folder stays until the next run of
  /// the same history deletes it.
  @Test func theNextRunDeletesWhatAKilledRunLeft() throws {
    try withOldHistory { dir, history, old in
      let run = try blockedRun(history, stream: true)
      try waitForTemporary(of: history)
      kill(run.process.processIdentifier, SIGKILL)
      _ = run.finish()
      #expect(try snapshot(history) == old)
      #expect(try listing(dir).count == 2, "the killed run's temporary folder")
      let next = try Child(
        ["train", "--problem", "xor", "--iterations", "7", "--history", history.path]
      ).finish()
      #expect(next.status == 0, "\(next.errors)")
      #expect(try listing(dir) == ["run"])
      #expect(try History(contentsOf: history).loggedSteps.count == 7)
    }
  }

  /// A network of 26 layers streams 78 arrays and loss.csv: a signal still leaves nothing.
  @Test func aDeepStreamedRunLeavesNothingOnASignal() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let history = dir.appendingPathComponent("run")
    let layers = (["2"] + Array(repeating: "3", count: 25) + ["1"]).joined(separator: ",")
    let run = try blockedRun(history, stream: true, layers: layers)
    try waitForTemporary(of: history)
    kill(run.process.processIdentifier, SIGINT)
    let end = run.finish()
    #expect(end.signalled && end.status == SIGINT)
    #expect(try listing(dir) == [])
  }

  /// A disk that fills up (a file size limit: `write` fails with EFBIG as with ENOSPC): one
  /// line, status 1, the old history byte for byte and nothing beside it.
  @Test(arguments: [false, true])
  func aFullDiskLeavesTheOldHistory(stream: Bool) throws {
    try withOldHistory { dir, history, old in
      // 256 KB per file, the shell ignoring SIGXFSZ so that the run sees the failed write.
      let run = try blockedRun(history, stream: stream, shell: "ulimit -f 256; trap '' XFSZ;")
      let end = run.finish()
      #expect(end.status == 1)
      #expect(
        end.errors.hasPrefix("Error: cannot write ") && end.errors.hasSuffix("File too large\n"))
      #expect(end.errors.split(separator: "\n").count == 1, "\(end.errors)")
      #expect(try snapshot(history) == old)
      #expect(try listing(dir) == ["run"])
    }
  }
}
