import AtomicFiles
import CTemporaryFiles
import Foundation
import Testing

@testable import Downhill

/// How histories reach their folder: written whole beside it and swapped in; streamed arrays
/// equal to memory's; nothing left behind.
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
    "final_parameters.npy", "layer0_flips.npy", "layer0_gradients.npy", "layer0_weights.npy",
    "layer1_flips.npy", "layer1_gradients.npy", "layer1_weights.npy", "loss.csv", "meta.json",
  ]

  func listing(_ dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
  }

  /// Runs `body` with a new folder for a streamed history and one for an in-memory history's
  /// save, deleted afterwards; then checks that neither left anything beside it.
  func withStreamedAndMemoryFolders(_ name: String, _ body: (URL, URL) throws -> Void) throws {
    let parent = tempDir(name)
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: parent) }
    let (streamed, memory) = (
      parent.appendingPathComponent("streamed"), parent.appendingPathComponent("memory")
    )
    try body(streamed, memory)
    #expect(try listing(parent).allSatisfy { ["streamed", "memory"].contains($0) })
  }

  /// Every file of `files` but meta.json (whose wall time differs) is the same in both folders.
  func expectSameFiles(_ one: URL, _ other: URL, _ files: [String]) throws {
    for file in files where file != "meta.json" {
      let a = try Data(contentsOf: one.appendingPathComponent(file))
      let b = try Data(contentsOf: other.appendingPathComponent(file))
      #expect(a == b, "\(file) differs")
    }
  }

  @Test func savingOverAHistoryReplacesTheWholeFolder() throws {
    let dir = tempDir("replace")
    defer { try? FileManager.default.removeItem(at: dir) }
    // A three-layer run first: its layer2 files must not survive the two-layer run's save.
    var g = SeededGenerator(seed: 3)
    var deep = try Network(
      sizes: [3, 4, 4, 1], activations: [.sigmoid], bias: .input, cost: .halfSumSquared,
      initialization: .symmetricUniform, generator: &g)
    var sgd = SGD(learningRate: 1)
    let training = TrainingOptions(iterations: 20)
    let first = try History(
      network: deep, optimizer: sgd, dataset: .t4XOR, training: training, seed: 3)
    try deep.train(on: .t4XOR, using: &sgd, options: training, history: first)
    try first.save(to: dir)
    #expect(try listing(dir).contains("layer2_weights.npy"))
    let second = try trainXOR(HistoryOptions(every: 3, precision: .float32), iterations: 90)
    try second.save(to: dir)
    #expect(try listing(dir) == files)
    let loaded = try History(contentsOf: dir)
    #expect(loaded.steps == second.steps && loaded.metadata == second.metadata)
    #expect(
      try listing(dir.deletingLastPathComponent()).filter { $0.contains(dir.lastPathComponent) }
        == [dir.lastPathComponent])
  }

  /// Streamed and in memory, the same run writes the same bytes: all layers in float64, the
  /// second alone in float32, and at α = 0.7 (where α·g rounds); more records than a streamed
  /// array holds in memory before it writes them out.
  @Test(arguments: [
    (HistoryOptions.Precision.float64, nil, 1.0), (HistoryOptions.Precision.float32, [1], 1.0),
    (HistoryOptions.Precision.float64, nil, 0.7),
  ])
  func streamingWritesWhatMemoryWrites(
    precision: HistoryOptions.Precision, layers: [Int]?, alpha: Double
  ) throws {
    try withStreamedAndMemoryFolders("plain") { streamed, memory in
      let steps = 9000  // 9,000 × 12 doubles of layer 0 is over 1 MB
      let streamedHistory = try trainXOR(
        HistoryOptions(layers: layers, precision: precision, streamingDirectory: streamed),
        iterations: steps, alpha: alpha)
      let memoryHistory = try trainXOR(
        HistoryOptions(layers: layers, precision: precision), iterations: steps, alpha: alpha)
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

  /// Any optimizer records the same way: momentum, streamed and in memory.
  @Test func streamingAnotherOptimizerWritesWhatMemoryWrites() throws {
    try withStreamedAndMemoryFolders("momentum") { streamed, memory in
      func run(_ options: HistoryOptions) throws -> History {
        try trainT4XOR(
          options: options, iterations: 1500,
          optimizer: SGD(learningRate: 0.7, momentum: 0.9)
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
      #expect(try History(contentsOf: streamed).metadata.optimizer == "momentum")
    }
  }

  /// Queried between parts of a run (one `train` call per part), a streamed history answers
  /// with every record so far and goes on recording.
  @Test func aStreamQueriedMidRunGoesOnRecording() throws {
    try withStreamedAndMemoryFolders("midrun") { streamed, memory in
      func run(_ options: HistoryOptions) throws -> History {
        var g = SeededGenerator(seed: 1)
        var net = try Tutorials.t4Network(hidden: 4, generator: &g)
        var sgd = SGD(learningRate: 1)
        let h = try History(
          network: net, optimizer: sgd, dataset: .t4XOR,
          training: TrainingOptions(iterations: 4000), seed: 1, options: options)
        for (first, count, query) in [(0, 2500, true), (2500, 1000, false), (3500, 500, true)] {
          try net.train(
            on: .t4XOR, using: &sgd,
            options: TrainingOptions(iterations: count, firstStep: first), history: h)
          guard query else { continue }
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

  /// A record of 3 × 100,000 doubles is larger than what a streamed array holds in memory.
  @Test func streamingRecordsWiderThanAChunk() throws {
    try withStreamedAndMemoryFolders("wide") { streamed, memory in
      let options = HistoryOptions(streamingDirectory: streamed)
      try trainXOR(options, iterations: 3, hidden: 100_000).save(to: streamed)
      try trainXOR(HistoryOptions(), iterations: 3, hidden: 100_000).save(to: memory)
      try expectSameFiles(streamed, memory, files)
    }
  }

  /// Saved into the folder it streamed to, however its path is spelled, a history swaps its
  /// streamed folder in; afterwards it is read from there.
  @Test func savingIntoTheStreamedFolderSwapsItIn() throws {
    try withStreamedAndMemoryFolders("same-folder") { dir, _ in
      let history = try trainXOR(HistoryOptions(streamingDirectory: dir), iterations: 50)
      // Streaming, the destination does not exist yet: only its temporary folder beside it.
      #expect(!FileManager.default.fileExists(atPath: dir.path))
      try history.save(to: URL(fileURLWithPath: dir.path + "/"))
      #expect(try listing(dir) == files)
      #expect(try history.weightSeries(layer: 0, row: 0, column: 0).count == 50)
    }
  }

  @Test func anUnsavedStreamLeavesNothing() throws {
    try withStreamedAndMemoryFolders("unsaved") { dir, _ in
      do { _ = try trainXOR(HistoryOptions(streamingDirectory: dir), iterations: 50) }
      #expect(!FileManager.default.fileExists(atPath: dir.path))
    }
  }

  /// What SIGINT or SIGTERM would delete (the handler's table): a folder being written until it
  /// is swapped in, and a file being written until it is put in place.
  @Test func temporariesAreRegisteredForDeletionOnASignal() throws {
    let dir = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let folder = try AtomicFolder(destination: dir.path + "/run", purpose: "test folder")
    #expect(downhill_temporary_is_registered(folder.path) == 1)
    try AtomicFile.write(Array("x".utf8), to: folder.file("a.txt"))
    try folder.commit()
    #expect(downhill_temporary_is_registered(folder.path) == 0)
    #expect(try listing(dir) == ["run"])
    let file = try TemporaryFile(beside: dir.path + "/b.txt")
    let path = file.path
    #expect(downhill_temporary_is_registered(path) == 1)
    _ = consume file
    #expect(downhill_temporary_is_registered(path) == 0)
    #expect(try listing(dir) == ["run"])
  }

  /// A folder that cannot be made fails before training, naming the folder and what is in
  /// the way.
  @Test func aHistoryFolderUnderAFileIsRefusedClearly() throws {
    let dir = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("taken")
    try AtomicFile.write(Array("x".utf8), to: file.path)
    let folder = file.appendingPathComponent("run")
    let expected =
      "cannot create history folder \(folder.path): \(file.path) is a file, not a folder; choose another path"
    #expect {
      try trainXOR(HistoryOptions(streamingDirectory: folder), iterations: 5)
    } throws: { error in
      "\(error)" == expected
    }
    #expect {
      try trainXOR(HistoryOptions(), iterations: 5).save(to: folder)
    } throws: { error in
      "\(error)" == expected
    }
    #expect {
      try trainXOR(HistoryOptions(), iterations: 5).save(to: file)
    } throws: { error in
      "\(error)".contains("\(file.path): it is a file, not a folder")
    }
  }

  @Test func atomicWritesReplaceAFileKeepingItsPermissions() throws {
    let dir = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("a.txt").path
    try AtomicFile.write(Array("old".utf8), to: path)
    chmod(path, 0o600)
    try AtomicFile.write(Array("new".utf8), to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    #expect(try listing(dir) == ["a.txt"])
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  /// Two histories saved into one folder at once: one is refused while the other writes, or
  /// they come one after the other; the folder ends as one of them, whole.
  @Test func concurrentSavesLeaveOneWholeHistory() async throws {
    let dir = tempDir("concurrent")
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = try trainXOR(HistoryOptions(every: 2), iterations: 400)
    let b = try trainXOR(HistoryOptions(every: 5, layers: [1]), iterations: 400)
    for _ in 0..<10 {
      let (x, y, to) = (Unchecked(a), Unchecked(b), dir)
      async let one = Result { try x.value.save(to: to) }
      async let other = Result { try y.value.save(to: to) }
      let results = await [one, other]
      var saved = 0
      for result in results {
        switch result {
        case .success: saved += 1
        case .failure(let error):
          #expect("\(error)".contains("is writing it; wait for it to finish"), "\(error)")
        }
      }
      #expect(saved >= 1)
      let loaded = try History(contentsOf: dir)
      let expected = loaded.metadata.every == 2 ? a : b
      #expect(loaded.steps == expected.steps)
      #expect(
        try listing(dir) == (expected === a ? files : files.filter { !$0.hasPrefix("layer0") }))
    }
  }
}
