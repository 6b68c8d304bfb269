import AtomicFiles
import Foundation

/// A saved history on disk, one folder:
///
///     meta.json              RunMetadata (what ran, what was recorded)
///     loss.csv               step,loss,learning_rate — one row per step (format 1: per record)
///     final_parameters.npy   float64, every parameter after the last step, layer by layer
///     epochs.csv             epoch,step,test_loss,test_accuracy — runs with a test set only
///     layer<L>_weights.npy   (records, rows, columns) float32 or float64: the weights each
///                            recorded step started from
///     layer<L>_gradients.npy the same shape: each recorded step's gradient
///     layer<L>_flips.npy     the same shape, int32: each weight's running count of sign flips
///
/// numpy reads every array with `np.load`, pandas the CSV.
enum HistoryFolder {
  typealias Kind = HistoryArray

  static func fileName(layer: Int, kind: Kind) -> String { "layer\(layer)_\(kind.rawValue).npy" }

  static let csvHeader = "step,loss,learning_rate\n"

  /// loss.csv's lines for these rows (numbers as Swift's `description` spells them, which
  /// reads back exactly).
  static func lossLines(
    steps: ArraySlice<Int>, losses: ArraySlice<Double>, rates: ArraySlice<Double>
  )
    -> [UInt8]
  {
    var csv: [UInt8] = []
    csv.reserveCapacity(steps.count * 48)
    // The learning rate rarely changes: its text is made once per change.
    var rate = (value: Double.nan, text: Array(",nan\n".utf8))
    for (step, (loss, r)) in zip(steps, zip(losses, rates)) {
      if r.bitPattern != rate.value.bitPattern { rate = (r, Array(",\(r)\n".utf8)) }
      var text = String(step)
      text.withUTF8 { csv.append(contentsOf: $0) }
      csv.append(UInt8(ascii: ","))
      text = loss.description
      text.withUTF8 { csv.append(contentsOf: $0) }
      csv.append(contentsOf: rate.text)
    }
    return csv
  }

  /// Writes `loss.csv` (unless it was streamed) and `meta.json` of `history` into the folder
  /// being written.
  static func writeLog(of history: History, into folder: AtomicFolder, lossStreamed: Bool) throws {
    if !lossStreamed {
      let lines = lossLines(
        steps: history.loggedSteps[...], losses: history.loggedLosses[...],
        rates: history.loggedLearningRates[...])
      try AtomicFile.write(Array(csvHeader.utf8) + lines, to: folder.file("loss.csv"))
    }
    if let final = history.finalParameters {
      try NPY.write(
        final, element: .float64, shape: [final.count],
        to: URL(fileURLWithPath: folder.file("final_parameters.npy")))
    }
    if !history.epochs.isEmpty {
      var csv = "epoch,step,test_loss,test_accuracy\n"
      for e in history.epochs {
        csv += "\(e.epoch),\(e.step),\(e.testLoss),\(e.testAccuracy.map { "\($0)" } ?? "")\n"
      }
      try AtomicFile.write(csv.utf8, to: folder.file("epochs.csv"))
    }
    try AtomicFile.write(try encode(history.metadata), to: folder.file("meta.json"))
  }

  static func encode(_ metadata: RunMetadata) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do { return try encoder.encode(metadata) } catch {
      throw DownhillError.invalidArgument("cannot encode the history's metadata: \(error)")
    }
  }

  /// Reads a history folder: meta.json, loss.csv, and the arrays mapped.
  static func read(_ directory: URL) throws -> (
    metadata: RunMetadata, log: ([Int], [Double], [Double]), recordRows: [Int],
    arrays: [Int: (weights: RecordArray, gradients: RecordArray, flips: RecordArray)],
    finalParameters: [Double]?, epochs: [EpochMetrics]
  ) {
    let metaURL = directory.appendingPathComponent("meta.json")
    guard let metaData = try? Data(contentsOf: metaURL) else {
      throw DownhillError.io(
        "\(metaURL.path): \(Folders.whyUnreadable(metaURL.path)) (is \(directory.path) a history folder?)"
      )
    }
    struct Version: Decodable { var formatVersion: Int }
    guard let version = try? JSONDecoder().decode(Version.self, from: metaData) else {
      throw DownhillError.corruptFile(path: metaURL.path, reason: "not a valid history meta.json")
    }
    guard RunMetadata.readableFormatVersions.contains(version.formatVersion) else {
      throw DownhillError.corruptFile(
        path: metaURL.path,
        reason:
          "history format version \(version.formatVersion) is not supported (this Downhill reads \(RunMetadata.readableFormatVersions.map(String.init).joined(separator: ", ")))"
      )
    }
    var meta: RunMetadata
    do { meta = try JSONDecoder().decode(RunMetadata.self, from: metaData) } catch {
      throw DownhillError.corruptFile(path: metaURL.path, reason: "not a valid history meta.json")
    }
    try meta.validate(path: metaURL.path)
    if meta.formatVersion == 1 { meta.loggedSteps = meta.recordedSteps }
    let log = try readLossCSV(directory.appendingPathComponent("loss.csv"), meta: meta)
    let recordRows =
      meta.formatVersion == 1
      ? Array(log.0.indices) : log.0.indices.filter { log.0[$0] % meta.every == 0 }
    guard recordRows.count == meta.recordedSteps else {
      throw DownhillError.corruptFile(
        path: directory.appendingPathComponent("loss.csv").path,
        reason:
          "its steps hold \(recordRows.count) multiples of \(meta.every) but meta.json records \(meta.recordedSteps) steps"
      )
    }
    return (
      meta, log, recordRows, try readArrays(of: meta, in: directory),
      try readFinalParameters(directory, meta: meta), try readEpochs(directory)
    )
  }

  private static func readFinalParameters(_ directory: URL, meta: RunMetadata) throws -> [Double]? {
    let url = directory.appendingPathComponent("final_parameters.npy")
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    let (header, values) = try NPY.readAll(from: url)
    let expected = meta.parameterCount
    guard header.element == .float64, header.shape == [expected] else {
      throw DownhillError.corruptFile(
        path: url.path,
        reason: "expected \(expected) float64 parameters, found shape \(header.shape)")
    }
    return values
  }

  private static func readEpochs(_ directory: URL) throws -> [EpochMetrics] {
    let url = directory.appendingPathComponent("epochs.csv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return try text.split(whereSeparator: \.isNewline).dropFirst().enumerated().map { n, line in
      let f = line.split(separator: ",", omittingEmptySubsequences: false)
      guard f.count == 4, let epoch = Int(f[0]), let step = Int(f[1]), let loss = Double(f[2])
      else {
        throw DownhillError.corruptFile(
          path: url.path, reason: "line \(n + 2) is not epoch,step,test_loss,test_accuracy")
      }
      return EpochMetrics(epoch: epoch, step: step, testLoss: loss, testAccuracy: Double(f[3]))
    }
  }

  static func readArrays(of meta: RunMetadata, in directory: URL) throws -> [Int: (
    weights: RecordArray, gradients: RecordArray, flips: RecordArray
  )] {
    var arrays: [Int: (weights: RecordArray, gradients: RecordArray, flips: RecordArray)] = [:]
    for (l, shape) in zip(meta.recordedLayers, meta.layerShapes) {
      func array(_ kind: Kind, _ element: NPY.Element) throws -> RecordArray {
        try RecordArray(
          contentsOf: directory.appendingPathComponent(fileName(layer: l, kind: kind)),
          element: element, records: meta.recordedSteps, recordShape: shape)
      }
      let element = meta.precision.element
      arrays[l] = (
        try array(.weights, element), try array(.gradients, element), try array(.flips, .int32)
      )
    }
    return arrays
  }

  private static func readLossCSV(_ url: URL, meta: RunMetadata) throws -> (
    [Int], [Double], [Double]
  ) {
    guard let csv = try? String(contentsOf: url, encoding: .utf8) else {
      throw DownhillError.io("\(url.path): \(Folders.whyUnreadable(url.path))")
    }
    var (steps, losses, rates) = ([Int](), [Double](), [Double]())
    for (n, line) in csv.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
      .dropFirst().enumerated()
    {
      let f = line.split(separator: ",")
      guard f.count == 3, let s = Int(f[0]), let l = Double(f[1]), let r = Double(f[2]) else {
        throw DownhillError.corruptFile(
          path: url.path, reason: "line \(n + 2) is not step,loss,learning_rate")
      }
      guard s > (steps.last ?? -1) else {
        throw DownhillError.corruptFile(
          path: url.path, reason: "line \(n + 2): steps must increase, got \(s)")
      }
      steps.append(s)
      losses.append(l)
      rates.append(r)
    }
    guard steps.count == meta.loggedSteps ?? meta.recordedSteps else {
      throw DownhillError.corruptFile(
        path: url.path,
        reason:
          "has \(steps.count) rows but meta.json logs \(meta.loggedSteps ?? meta.recordedSteps) steps"
      )
    }
    return (steps, losses, rates)
  }
}
