import Foundation
import Testing

@testable import Downhill

struct HistoryTests {
  func tempDir(_ name: String) -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("downhill-tests-\(name)-\(UUID().uuidString)")
    return url
  }

  @Test func recordsEveryStepAndAnswersQueries() throws {
    let (h, _) = try trainT4XOR(options: HistoryOptions())
    #expect(h.steps == Array(0..<200))
    #expect(h.losses.count == 200 && h.lossSeries.last?.step == 199)
    // Recorded weights are the ones each step started from: step 0 is the seeded draw.
    var g = SeededGenerator(seed: 1)
    let s0 = g.random(rows: 3, columns: 4).map { 2 * $0 - 1 }
    #expect(try h.weightSeries(layer: 0, row: 1, column: 2)[0] == s0[1, 2])
    #expect(try h.weights(layer: 0, step: 0) == s0)
    // SGD: w(t+1) = w(t) − α·g(t).
    let w = try h.weightSeries(layer: 1, row: 2, column: 0)
    let grad = try h.gradientSeries(layer: 1, row: 2, column: 0)
    #expect(w[1] == w[0] - 1 * grad[0])
    #expect(try h.parameters(atStep: 5).count == 16)
    #expect(try h.gradientNorms(layer: 0).count == 200)
    #expect(throws: DownhillError.self) { try h.parameters(atStep: 1000) }
    #expect(throws: DownhillError.self) { try h.weightSeries(layer: 3, row: 0, column: 0) }
    #expect(throws: DownhillError.self) { try h.weightSeries(layer: 0, row: 9, column: 0) }
  }

  @Test func everyKthStepChosenLayersFloat32() throws {
    let (h, net) = try trainT4XOR(
      options: HistoryOptions(every: 10, layers: [1], precision: .float32))
    #expect(h.steps == Array(stride(from: 0, to: 200, by: 10)))
    #expect(h.metadata.recordedLayers == [1])
    #expect(throws: DownhillError.self) { try h.weightSeries(layer: 0, row: 0, column: 0) }
    let series = try h.weightSeries(layer: 1, row: 0, column: 0)
    #expect(series.allSatisfy { Double(Float($0)) == $0 })
    #expect(net.parameterCount == 16)
  }

  @Test func savesAndLoadsAFolder() throws {
    let (h, _) = try trainT4XOR(options: HistoryOptions(every: 7))
    let dir = tempDir("roundtrip")
    defer { try? FileManager.default.removeItem(at: dir) }
    try h.save(to: dir)
    for f in [
      "meta.json", "loss.csv", "layer0_weights.npy", "layer1_gradients.npy", "layer0_flips.npy",
    ] {
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(f).path))
    }
    let loaded = try History(contentsOf: dir)
    #expect(loaded.steps == h.steps)
    #expect(loaded.losses == h.losses)
    #expect(loaded.metadata == h.metadata)
    #expect(
      try loaded.weightSeries(layer: 0, row: 2, column: 3)
        == h.weightSeries(layer: 0, row: 2, column: 3))
    #expect(try loaded.flipCounts(layer: 1) == h.flipCounts(layer: 1))
  }

  @Test func npyHeaderIsWhatNumpyExpects() throws {
    let header = NPY.header(element: .float64, shape: [20, 3, 4])
    #expect(header.count == 128)
    #expect(Array(header.prefix(8)) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
    #expect(Int(header[8]) | Int(header[9]) << 8 == 118)
    let text = String(decoding: header.dropFirst(10), as: UTF8.self)
    #expect(text.hasPrefix("{'descr': '<f8', 'fortran_order': False, 'shape': (20, 3, 4), }"))
    #expect(text.hasSuffix(" \n"))
    #expect(NPY.header(element: .int32, shape: [5]).count == 128)
  }

  @Test func streamsToDiskWithTheSameAnswers() throws {
    let dir = tempDir("stream")
    defer { try? FileManager.default.removeItem(at: dir) }
    let (streamed, _) = try trainT4XOR(options: HistoryOptions(every: 3, streamingDirectory: dir))
    let (memory, _) = try trainT4XOR(options: HistoryOptions(every: 3))
    #expect(
      try streamed.weightSeries(layer: 0, row: 0, column: 1)
        == memory.weightSeries(layer: 0, row: 0, column: 1))
    try streamed.save(to: dir)
    let loaded = try History(contentsOf: dir)
    #expect(
      try loaded.gradientSeries(layer: 1, row: 3, column: 0)
        == memory.gradientSeries(layer: 1, row: 3, column: 0))
  }

  /// Each kind of damage gives a clear error naming the file.
  @Test func corruptFoldersFailClearly() throws {
    let (h, _) = try trainT4XOR(options: HistoryOptions(every: 50), iterations: 100)
    func damaged(_ damage: (URL) throws -> Void) throws -> String {
      let dir = tempDir("corrupt")
      defer { try? FileManager.default.removeItem(at: dir) }
      try h.save(to: dir)
      try damage(dir)
      do {
        _ = try History(contentsOf: dir)
        return "loaded"
      } catch let error as DownhillError {
        return error.description
      }
    }
    let weights = "layer0_weights.npy"
    let truncated = try damaged { dir in
      let url = dir.appendingPathComponent(weights)
      let data = try Data(contentsOf: url)
      try data.prefix(data.count - 8).write(to: url)
    }
    #expect(truncated.contains("truncated") && truncated.contains(weights))
    let badMagic = try damaged { dir in
      try Data("hello".utf8).write(to: dir.appendingPathComponent(weights))
    }
    #expect(badMagic.contains("not an NPY file"))
    let wrongShape = try damaged { dir in
      try NPY.write(
        [0, 0, 0], element: .float64, shape: [1, 3, 1], to: dir.appendingPathComponent(weights))
    }
    #expect(wrongShape.contains("shape"))
    let wrongVersion = try damaged { dir in
      let url = dir.appendingPathComponent("meta.json")
      let text = try String(contentsOf: url, encoding: .utf8)
        .replacingOccurrences(of: "\"formatVersion\" : 2", with: "\"formatVersion\" : 99")
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    #expect(wrongVersion.contains("version 99"))
    let missingMeta = try damaged { dir in
      try FileManager.default.removeItem(at: dir.appendingPathComponent("meta.json"))
    }
    #expect(missingMeta.contains("meta.json"))
    let badCSV = try damaged { dir in
      try "step,loss,learning_rate\n0,abc,1\n".write(
        to: dir.appendingPathComponent("loss.csv"), atomically: true, encoding: .utf8)
    }
    #expect(badCSV.contains("loss.csv"))
    let extraBytes = try damaged { dir in
      let url = dir.appendingPathComponent("layer1_flips.npy")
      var data = try Data(contentsOf: url)
      data.append(contentsOf: [1, 2, 3])
      try data.write(to: url)
    }
    #expect(extraBytes.contains("unexpected bytes"))
  }

  /// An optimizer without a learning rate (L-BFGS) records NaN, which loss.csv spells "nan" and
  /// reads back; meta.json names it and its settings, and every activation by a name that reads
  /// back.
  @Test func anyOptimizerSavesAHistoryThatLoads() throws {
    let dir = tempDir("lbfgs")
    defer { try? FileManager.default.removeItem(at: dir) }
    var g = SeededGenerator(seed: 2)
    var net = try Network(
      sizes: [2, 3, 1], activations: [.leakyReLU(0.1), .scaledSigmoid(0.5)], bias: .folded,
      cost: .meanSquared, initialization: .symmetricUniform, generator: &g)
    var lbfgs = LBFGS()
    let training = TrainingOptions(iterations: 30)
    let h = try History(
      network: net, optimizer: lbfgs, dataset: .xor, training: training, seed: 2)
    try net.train(on: .xor, using: &lbfgs, options: training, history: h)
    try h.save(to: dir)
    let csv = try String(contentsOf: dir.appendingPathComponent("loss.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 31 && lines[0] == "step,loss,learning_rate")
    #expect(lines[1].hasPrefix("0,") && lines[1].hasSuffix(",nan"))
    let meta = try String(contentsOf: dir.appendingPathComponent("meta.json"), encoding: .utf8)
    #expect(meta.contains("\"leaky-relu:0.1\"") && meta.contains("\"sigmoid:0.5\""))
    #expect(meta.contains("\"optimizer\" : \"lbfgs\"") && meta.contains("\"iterations\" : 30"))
    let loaded = try History(contentsOf: dir)
    #expect(loaded.metadata == h.metadata)
    #expect(loaded.metadata.activations == [.leakyReLU(0.1), .scaledSigmoid(0.5)])
    #expect(loaded.losses == h.losses && loaded.learningRates.allSatisfy(\.isNaN))
  }

  @Test func flipCountsMatchTheTutorialDefinition() throws {
    // Counted by hand: a flip is a change of (update < 0) between consecutive steps.
    // Every weight of both layers, at records early, midway and last (the counts accumulate).
    let (h, _) = try trainT4XOR(options: HistoryOptions(), iterations: 300)
    var nonZero = 0
    for layer in 0..<2 {
      let last = try h.flipCounts(layer: layer)
      for row in 0..<last.rows {
        for column in 0..<last.columns {
          let w = try h.weightSeries(layer: layer, row: row, column: column)
          for record in [2, 37, 150, w.count - 1] {
            var flips = 0
            for t in stride(from: 2, through: record, by: 1)
            where (w[t] < w[t - 1]) != (w[t - 1] < w[t - 2]) {
              flips += 1
            }
            let recorded = try h.flipCounts(layer: layer, record: record)
            #expect(
              Int(recorded[row, column]) == flips,
              "layer \(layer) (\(row), \(column)) at record \(record)")
            if record == w.count - 1 && flips > 0 { nonZero += 1 }
          }
        }
      }
    }
    #expect(nonZero > 4, "too few weights flip for the comparison to mean anything")
  }
}

struct HistoryBudgetTests {
  @Test func refusesARunOverItsMemoryBudget() throws {
    var g = SeededGenerator(seed: 1)
    let net = try Tutorials.t4Network(hidden: 4, generator: &g)
    func history(budget: Int) throws -> History {
      try History(
        network: net, optimizer: SGD(learningRate: 1), dataset: .t4XOR,
        training: TrainingOptions(iterations: 60000), seed: 1,
        options: HistoryOptions(memoryBudget: budget))
    }
    // 60,000 steps × (16 weights + 16 gradients) × 8 bytes + 16 flips × 4 + 24 ≈ 20 MB.
    #expect(throws: DownhillError.self) { _ = try history(budget: 10_000_000) }
    let fits = try history(budget: 30_000_000)
    #expect(fits.bytesPerRecord == 16 * 8 * 2 + 16 * 4 + 24)
  }
}

/// Format 2: every step's loss, the final parameters, test metrics per epoch, the data's source;
/// and format 1 folders still load.
struct HistoryFormatTests {
  func tempDir(_ name: String) -> URL {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("downhill-tests-\(name)-\(UUID().uuidString)")
  }

  @Test func everyStepsLossAndTheFinalWeightsAreKept() throws {
    let (h, net) = try trainT4XOR(options: HistoryOptions(every: 7), iterations: 100)
    #expect(h.loggedSteps == Array(0..<100))
    #expect(h.steps == Array(stride(from: 0, to: 100, by: 7)))
    #expect(h.losses == h.steps.map { h.loggedLosses[$0] })
    // The records hold the weights each step started from; the final ones are after step 99.
    #expect(try h.finalWeights(layer: 1) == net.layers[1].weights)
    #expect(try h.finalWeights(layer: 0) == net.layers[0].weights)
    let dir = tempDir("format2")
    defer { try? FileManager.default.removeItem(at: dir) }
    try h.save(to: dir)
    let csv = try String(contentsOf: dir.appendingPathComponent("loss.csv"), encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 101)
    let loaded = try History(contentsOf: dir)
    #expect(loaded.loggedLosses == h.loggedLosses && loaded.steps == h.steps)
    #expect(loaded.finalParameters == net.parameters)
    #expect(loaded.metadata.datasetSource == .builtIn(name: "t4-xor"))
    #expect(try loaded.metadata.datasetSource?.load().inputs == Dataset.t4XOR.inputs)
  }

  @Test func aFormatOneFolderLoads() throws {
    let dir = try #require(
      Bundle.module.url(forResource: "history-v1", withExtension: nil, subdirectory: "Data"))
    let h = try History(contentsOf: dir)
    #expect(h.metadata.formatVersion == 1 && h.metadata.every == 3)
    #expect(h.steps == [0, 3, 6, 9, 12, 15, 18] && h.loggedSteps == h.steps)
    #expect(h.finalParameters == nil)
    // np.load(...)["layer1_weights.npy"][-1].ravel(), by numpy.
    #expect(
      try h.weights(layer: 1, step: 18).values == [
        -0.5732510051694447, -0.15337261611802122, 0.16822543799496126,
      ])
  }

  @Test func testMetricsAreRecordedPerEpoch() throws {
    let dir = tempDir("epochs")
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = TrainingRun(
      dataset: .xor, testSet: .xor, sizes: [2, 4, 1], bias: .folded, activations: [.sigmoid],
      cost: .binaryCrossEntropy, optimizerName: "adam", learningRate: 0.05, iterations: 10,
      batchSize: 2, seed: 1, initialization: .symmetricUniform, reportEvery: nil,
      history: HistoryOptions())
    let outcome = try run.run()
    let h = try #require(outcome.history)
    // Four examples in batches of two: an epoch is two steps; ten steps are five epochs.
    #expect(h.epochs.map(\.epoch) == [1, 2, 3, 4, 5] && h.epochs.map(\.step) == [1, 3, 5, 7, 9])
    let loss = try outcome.network.lossFunction(
      inputs: Dataset.xor.inputs, targets: Dataset.xor.targets)
    #expect(h.epochs.last?.testLoss == loss(outcome.network.parameters))
    try h.save(to: dir)
    #expect(try History(contentsOf: dir).epochs == h.epochs)
  }

  @Test func aChangedCSVIsRefusedByItsHash() throws {
    let dir = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("points.csv")
    try "x,y\n0,1\n1,0\n".write(to: url, atomically: true, encoding: .utf8)
    let data = try Dataset.csv(url: url)
    guard case .csv(_, let sha, _) = try #require(data.source) else {
      Issue.record("not a CSV source")
      return
    }
    // `printf 'x,y\n0,1\n1,0\n' | sha256sum`
    #expect(sha == "7d778fbe3c2ac8097c016a90b94a7e6554a671d6182ad0a8aef597995bd4ecbd")
    #expect(try data.source!.load().targets == data.targets)
    try "x,y\n0,1\n1,1\n".write(to: url, atomically: true, encoding: .utf8)
    #expect {
      try data.source!.load()
    } throws: { error in
      "\(error)".contains("changed since the run") && "\(error)".contains("--data PATH")
    }
  }
}
