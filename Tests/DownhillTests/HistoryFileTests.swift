import CTemporaryFiles
import Foundation
import Testing

@testable import Downhill

/// How histories reach their folder: atomically replaced files, streamed files published.
struct HistoryFileTests {
  func trainXOR(_ options: HistoryOptions, iterations: Int, hidden: Int = 4, alpha: Double = 1)
    throws -> History
  {
    try trainT4XOR(options: options, iterations: iterations, hidden: hidden, alpha: alpha).history
  }

  func tempDir(_ name: String) -> URL {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("downhill-tests-\(name)-\(UUID().uuidString)")
  }

  let files = [
    "layer0_flips.npy", "layer0_gradients.npy", "layer0_weights.npy", "layer1_flips.npy",
    "layer1_gradients.npy", "layer1_weights.npy", "loss.csv", "meta.json",
  ]

  func listing(_ dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
  }

  /// Runs `body` with a new folder for a streamed history and one for an in-memory history's
  /// save, deleted afterwards.
  func withStreamedAndMemoryFolders(_ name: String, _ body: (URL, URL) throws -> Void) throws {
    let (streamed, memory) = (tempDir("\(name)-streamed"), tempDir("\(name)-memory"))
    defer {
      try? FileManager.default.removeItem(at: streamed)
      try? FileManager.default.removeItem(at: memory)
    }
    try body(streamed, memory)
  }

  /// Every file of `files` but meta.json (whose wall time differs) is the same in both folders.
  func expectSameFiles(_ one: URL, _ other: URL, _ files: [String]) throws {
    for file in files where file != "meta.json" {
      let a = try Data(contentsOf: one.appendingPathComponent(file))
      let b = try Data(contentsOf: other.appendingPathComponent(file))
      #expect(a == b, "\(file) differs")
    }
  }

  @Test func savingOverAHistoryReplacesEveryFileAndLeavesNoTemporaries() throws {
    let dir = tempDir("replace")
    defer { try? FileManager.default.removeItem(at: dir) }
    try trainXOR(HistoryOptions(every: 7), iterations: 100).save(to: dir)
    let second = try trainXOR(HistoryOptions(every: 3, precision: .float32), iterations: 90)
    try second.save(to: dir)
    #expect(try listing(dir) == files)
    let loaded = try History(contentsOf: dir)
    #expect(loaded.steps == second.steps && loaded.metadata == second.metadata)
  }

  /// More rows than one chunk of loss.csv, so that the writer thread formats several; all
  /// layers in float64, and the second alone in float32. Streamed, the writer's thread rebuilds
  /// SGD's parameters from the gradients (`History.expectDescent`), while memory records the
  /// trainer's: at α = 0.7, where α·g rounds, every bit must still agree.
  @Test(arguments: [
    (HistoryOptions.Precision.float64, nil, 1.0), (HistoryOptions.Precision.float32, [1], 1.0),
    (HistoryOptions.Precision.float64, nil, 0.7),
  ])
  func streamingWritesWhatMemoryWrites(
    precision: HistoryOptions.Precision, layers: [Int]?, alpha: Double
  ) throws {
    try withStreamedAndMemoryFolders("plain") { streamed, memory in
      let rows = History.csvRowsPerChunk * 2 + 5
      // Every step streamed: the writer's thread records them (History's ring).
      let streamedHistory = try trainXOR(
        HistoryOptions(layers: layers, precision: precision, streamingDirectory: streamed),
        iterations: rows, alpha: alpha)
      let memoryHistory = try trainXOR(
        HistoryOptions(layers: layers, precision: precision), iterations: rows, alpha: alpha)
      for layer in layers ?? [0, 1] {
        #expect(
          try streamedHistory.runningFlipCounts(layer: layer)
            == memoryHistory.runningFlipCounts(layer: layer))
        #expect(try memoryHistory.runningFlipCounts(layer: layer).values.contains { $0 > 0 })
      }
      try streamedHistory.save(to: streamed)
      try memoryHistory.save(to: memory)
      let files =
        layers == nil ? self.files : self.files.filter { !$0.hasPrefix("layer0") }
      #expect(try listing(streamed) == files)
      try expectSameFiles(streamed, memory, files)
    }
  }

  /// Queried mid-run, a history streamed every step takes the recording back from the writer's
  /// thread (its ring of steps ends) and goes on recording on the training thread: the files
  /// still equal memory's. 2,500 steps go round the ring (1,872 T4 records) before the query.
  /// Any other optimizer's steps cross to the writer's thread whole (gradient and parameters):
  /// streamed every step with momentum, the files still equal memory's.
  @Test func streamingAnotherOptimizerWritesWhatMemoryWrites() throws {
    try withStreamedAndMemoryFolders("momentum") { streamed, memory in
      func run(_ options: HistoryOptions) throws -> History {
        try trainT4XOR(
          options: options, iterations: 1500,
          optimizer: Momentum(learningRate: 0.7, momentum: 0.9)
        ).history
      }
      let streamedHistory = try run(HistoryOptions(streamingDirectory: streamed))
      let memoryHistory = try run(HistoryOptions())
      #expect(
        try streamedHistory.weightSeries(layer: 0, row: 1, column: 2)
          == memoryHistory.weightSeries(layer: 0, row: 1, column: 2))
      try streamedHistory.save(to: streamed)
      try memoryHistory.save(to: memory)
      try expectSameFiles(streamed, memory, files)
    }
  }

  @Test func aStreamQueriedMidRunGoesOnRecording() throws {
    try withStreamedAndMemoryFolders("midrun") { streamed, memory in
      func run(_ options: HistoryOptions) throws -> History {
        var g = SeededGenerator(seed: 1)
        var net = try Tutorials.t4Network(hidden: 4, generator: &g)
        let h = try History(
          network: net, options: options,
          metadata: Tutorials.t4Metadata(network: net, alpha: 1, iterations: 4000))
        var opt: any Optimizer = SGD(learningRate: 1)
        // The second part follows the first's `finish` (which ends the ring) with no query.
        for (first, count, query) in [(0, 2500, true), (2500, 1000, false), (3500, 500, true)] {
          try net.train(
            on: .t4XOR, optimizer: &opt,
            options: TrainingOptions(iterations: count, firstStep: first), generator: &g,
            history: h, learningRate: 1)
          guard query else { continue }
          // The steps (the writer keeps the log: reading it ends the ring), then a store.
          #expect(h.steps.count == first + count && h.steps.last == first + count - 1)
          #expect(try h.weightSeries(layer: 1, row: 2, column: 0).count == first + count)
        }
        return h
      }
      try run(HistoryOptions(streamingDirectory: streamed)).save(to: streamed)
      try run(HistoryOptions()).save(to: memory)
      #expect(try listing(streamed) == files)
      try expectSameFiles(streamed, memory, files)
    }
  }

  /// A record of 3 × 6000 doubles is larger than the writer's chunks.
  @Test func streamingRecordsWiderThanAChunk() throws {
    try withStreamedAndMemoryFolders("wide") { streamed, memory in
      let options = HistoryOptions(streamingDirectory: streamed)
      try trainXOR(options, iterations: 3, hidden: 6000).save(to: streamed)
      try trainXOR(HistoryOptions(), iterations: 3, hidden: 6000).save(to: memory)
      try expectSameFiles(streamed, memory, files)
    }
  }

  /// Saved into the folder it streamed to, a history puts its streamed files in place rather
  /// than copying them, however the folder's path is spelled: here a URL made before the folder
  /// existed (no trailing "/") and one made after (with it).
  @Test func savingIntoTheStreamedFolderPutsTheStreamedFilesInPlace() throws {
    let dir = tempDir("same-folder")
    defer { try? FileManager.default.removeItem(at: dir) }
    let history = try trainXOR(HistoryOptions(streamingDirectory: dir), iterations: 50)
    let later = URL(fileURLWithPath: dir.path)
    #expect(later.absoluteString.hasSuffix("/") && !dir.absoluteString.hasSuffix("/"))
    try history.save(to: later)
    // A copy would have left the streamed temporaries until the history is released.
    #expect(try listing(dir) == files)
    #expect(
      FileOutput.sameFolder(dir, URL(fileURLWithPath: dir.path + "/../" + dir.lastPathComponent)))
    #expect(!FileOutput.sameFolder(dir, dir.deletingLastPathComponent()))
  }

  @Test func anUnsavedStreamIsPublishedWhenReleased() throws {
    let dir = tempDir("unsaved")
    defer { try? FileManager.default.removeItem(at: dir) }
    do { _ = try trainXOR(HistoryOptions(streamingDirectory: dir), iterations: 50) }
    #expect(try listing(dir) == files.filter { $0 != "meta.json" })
    let (header, _) = try NPY.readAll(from: dir.appendingPathComponent("layer1_flips.npy"))
    #expect(header.shape == [50, 4, 1])
  }

  /// What SIGINT or SIGTERM would delete (the handler's table): a streamed file until it is put
  /// in place, and an atomic write's temporary only while it is written.
  @Test func temporariesAreRegisteredForDeletionOnASignal() throws {
    let dir = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let streamed = try StreamedFile(dir.appendingPathComponent("a.npy"))
    let temporary = streamed.path
    #expect(downhill_temporary_is_registered(temporary) == 1)
    try streamed.publish()
    #expect(downhill_temporary_is_registered(temporary) == 0)
    #expect(try listing(dir) == ["a.npy"])
    let unsaved = try StreamedFile(dir.appendingPathComponent("b.npy"))
    let unsavedPath = unsaved.path
    #expect(downhill_temporary_is_registered(unsavedPath) == 1)
    _ = consume unsaved
    #expect(downhill_temporary_is_registered(unsavedPath) == 0)
    try FileOutput.write(Data("x".utf8), to: dir.appendingPathComponent("c.txt"))
    #expect(try listing(dir) == ["a.npy", "c.txt"])
  }

  /// A folder that cannot be made fails before training, naming the path that is in the way.
  @Test func aHistoryFolderUnderAFileIsRefusedClearly() throws {
    let dir = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("taken")
    try FileOutput.write(Data("x".utf8), to: file)
    let folder = file.appendingPathComponent("run")
    #expect {
      try trainXOR(HistoryOptions(streamingDirectory: folder), iterations: 5)
    } throws: { error in
      "\(error)".contains("\(file.path) is a file, not a folder")
    }
    #expect {
      try trainXOR(HistoryOptions(), iterations: 5).save(to: folder)
    } throws: { error in
      "\(error)".contains("cannot create history folder \(folder.path)")
    }
  }

  @Test func atomicWritesReplaceAFileAndLeaveNoTemporaries() throws {
    let dir = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("a.txt")
    try FileOutput.write(Data("old".utf8), to: url)
    try FileOutput.write(Data("new".utf8), to: url)
    #expect(try String(contentsOf: url, encoding: .utf8) == "new")
    #expect(try listing(dir) == ["a.txt"])
  }
}
