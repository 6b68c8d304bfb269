import AtomicFiles
import Foundation
import Testing

/// One writer per folder, and the temporaries a killed writer left deleted by the next one —
/// only those whose writer is gone.
struct WriterLockTests {
  func listing(_ dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
  }

  /// The id of a process that has ended (a child that ran `true` and was waited for).
  func endedProcess() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  @Test func aSecondWriterOfAFolderIsRefusedUntilTheFirstIsDone() throws {
    let dir = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let destination = dir.path + "/run"
    let first = try AtomicFolder(destination: destination, purpose: "history folder")
    #expect {
      try AtomicFolder(destination: destination, purpose: "history folder")
    } throws: { error in
      "\(error)"
        == "cannot write history folder \(destination): another process (this one) is writing it; wait for it to finish or choose another folder"
    }
    // Another folder in the same parent is not in the way.
    let other = try AtomicFolder(destination: dir.path + "/other", purpose: "history folder")
    try other.commit()
    try AtomicFile.write(Array("first".utf8), to: first.file("a.txt"))
    try first.commit()
    let second = try AtomicFolder(destination: destination, purpose: "history folder")
    try AtomicFile.write(Array("second".utf8), to: second.file("a.txt"))
    try second.commit()
    #expect(try String(contentsOfFile: destination + "/a.txt", encoding: .utf8) == "second")
    #expect(try listing(dir) == ["other", "run"])
  }

  /// Temporaries named for an ended process and unlocked are deleted by the next writer of the
  /// same destination; a locked one, one of a running process, and another destination's stay.
  @Test func theNextWriterDeletesOnlyStaleTemporaries() throws {
    let dir = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ended = try endedProcess()
    let fm = FileManager.default
    // Folders as a SIGKILLed writer leaves them, with files inside.
    for name in [".run.\(ended)-abc.partial", ".run.\(getpid())-def.partial"] {
      try fm.createDirectory(atPath: dir.path + "/" + name, withIntermediateDirectories: false)
      try Data("x".utf8).write(to: URL(fileURLWithPath: dir.path + "/" + name + "/loss.csv"))
    }
    // Files: stale, locked by a live writer (though its name says ended), running, another
    // destination's, and not a temporary name at all.
    let stale = ".a.png.\(ended)-1x.tmp", locked = ".a.png.\(ended)-2y.tmp"
    let running = ".a.png.\(getpid())-3z.tmp", elsewhere = ".b.png.\(ended)-4w.tmp"
    let odd = ".a.png.notapid-5v.tmp"
    for name in [stale, locked, running, elsewhere, odd] {
      try Data("x".utf8).write(to: URL(fileURLWithPath: dir.path + "/" + name))
    }
    let holder = open(dir.path + "/" + locked, O_RDONLY)
    defer { close(holder) }
    #expect(flock(holder, LOCK_EX | LOCK_NB) == 0)

    try AtomicFile.write(Array("new".utf8), to: dir.path + "/a.png")
    #expect(
      try listing(dir)
        == [
          locked, running, elsewhere, odd, ".run.\(ended)-abc.partial",
          ".run.\(getpid())-def.partial", "a.png",
        ].sorted())
    let folder = try AtomicFolder(destination: dir.path + "/run", purpose: "history folder")
    try folder.commit()
    #expect(
      try listing(dir)
        == [locked, running, elsewhere, odd, ".run.\(getpid())-def.partial", "a.png", "run"]
        .sorted())
  }

  /// Two processes: `flock` on the temporary folder is what keeps a writer in another process
  /// out; a shell holding it (flock(1)) stands for that process.
  @Test func aLockHeldByAnotherProcessRefusesTheWriter() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else { return }
    let dir = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let partial = dir.path + "/.run.1-abc.partial"  // pid 1: running, never stale
    try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: false)
    let holder = Process()
    // Default signal actions (a test runner may ignore SIGTERM), and no fork: `terminate()`
    // ends the process that holds the lock.
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    holder.arguments = ["--default-signal", "flock", "--no-fork", partial, "sleep", "30"]
    try holder.run()
    defer {
      holder.terminate()
      holder.waitUntilExit()
    }
    // Until the child has the lock the folder is merely a running process's, not refused.
    var refused = false
    for _ in 0..<200 where !refused {
      do {
        let folder = try AtomicFolder(destination: dir.path + "/run", purpose: "history folder")
        _ = consume folder
        usleep(10_000)
      } catch {
        refused = "\(error)".contains("another process (pid 1) is writing it")
      }
    }
    #expect(refused)
  }
}
