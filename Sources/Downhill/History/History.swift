import AtomicFiles
import Foundation

/// One of the arrays a history records per layer.
public enum HistoryArray: String, CaseIterable, Sendable {
  /// The weights each recorded step started from.
  case weights
  /// Each recorded step's gradient.
  case gradients
  /// Each weight's running count of update sign flips.
  case flips
}

/// The full record of a training run: per recorded step the loss, learning rate, every weight,
/// every gradient and each weight's running count of update sign flips (`StepRecorder` says how
/// flips are counted).
///
/// A history records a run as `Network.train` hands it each step (`observe`), keeping the arrays
/// in memory or streaming them to disk (`HistoryOptions`); `save(to:)` writes a history folder
/// (`HistoryFolder` describes it) and `init(contentsOf:)` reads one back. The queries work the
/// same on a recording and on a loaded history.
public final class History {
  /// The run this history belongs to.
  public private(set) var metadata: RunMetadata
  // Appended to at every step, from one thread at a time (a history is not Sendable): without
  // Swift's exclusivity checks on a class's mutable properties, recording costs less.
  /// Every observed step's number (loss.csv's rows), recorded or not.
  @exclusivity(unchecked) public private(set) var loggedSteps: [Int] = []
  /// Every observed step's loss (before that step's update).
  @exclusivity(unchecked) public private(set) var loggedLosses: [Double] = []
  /// Every observed step's learning rate.
  @exclusivity(unchecked) public private(set) var loggedLearningRates: [Double] = []
  /// The row of the log of each record.
  @exclusivity(unchecked) private var recordRows: [Int] = []
  /// The parameters after the last step, layer by layer (`finish(parameters:)`), if given.
  public private(set) var finalParameters: [Double]?
  /// Test-set metrics at the end of each epoch, for runs that have a test set.
  public private(set) var epochs: [EpochMetrics] = []

  /// The step number of each record.
  public var steps: [Int] { recordRows.map { loggedSteps[$0] } }
  /// The loss at each recorded step (before that step's update).
  public var losses: [Double] { recordRows.map { loggedLosses[$0] } }
  /// The learning rate at each recorded step.
  public var learningRates: [Double] { recordRows.map { loggedLearningRates[$0] } }

  /// Each recorded layer's arrays, by layer index.
  private var arrays: [Int: (weights: RecordArray, gradients: RecordArray, flips: RecordArray)]
  /// Recording: what each step leaves. Nil for a loaded history.
  private let recorder: StepRecorder?
  /// Streaming: the folder the arrays are written into, swapped in by `save`; loss.csv there,
  /// its rows so far, and the thread that writes them.
  private var streaming: AtomicFolder?
  private var lossStream: (file: OpenFile, rows: Int, writer: StreamWriter)?
  private let startTime = Date()

  /// A history for a run of `network` under `optimizer` on `dataset`, recording as `options` say.
  /// In memory, a run whose `training.iterations` would exceed `options.memoryBudget` is refused
  /// here, before it starts.
  public convenience init(
    network: Network, optimizer: some Optimizer, dataset: Dataset, training: TrainingOptions,
    seed: UInt32?, options: HistoryOptions = HistoryOptions()
  ) throws {
    try self.init(
      network: network,
      metadata: RunMetadata(
        network: network, optimizer: optimizer, dataset: dataset, training: training, seed: seed,
        options: options), options: options, expectedSteps: training.iterations)
  }

  init(network: Network, metadata: RunMetadata, options: HistoryOptions, expectedSteps: Int?)
    throws
  {
    for l in metadata.recordedLayers where !network.layers.indices.contains(l) {
      throw DownhillError.invalidArgument(
        "cannot record layer \(l): the network has layers 0..<\(network.layers.count)")
    }
    self.metadata = metadata
    var folder: AtomicFolder?
    if let dir = options.streamingDirectory {
      do {
        folder = try AtomicFolder(destination: dir.path, purpose: "history folder")
      } catch let error as FileError { throw DownhillError.io(error.description) }
    }
    streaming = folder
    let writer = folder.map { _ in StreamWriter() }
    if let folder, let writer {
      let csv = try OpenFile(creating: folder.file("loss.csv"))
      try Array(HistoryFolder.csvHeader.utf8).withUnsafeBytes { try csv.append($0) }
      lossStream = (csv, 0, writer)
    }
    var arrays: [Int: (weights: RecordArray, gradients: RecordArray, flips: RecordArray)] = [:]
    var layers: [StepRecorder.Layer] = []
    for (l, shape) in zip(metadata.recordedLayers, metadata.layerShapes) {
      func array(_ kind: HistoryFolder.Kind, _ element: NPY.Element) throws -> RecordArray {
        let stream = try folder.map {
          (try OpenFile(creating: $0.file(HistoryFolder.fileName(layer: l, kind: kind))), writer!)
        }
        return try RecordArray(element: element, recordShape: shape, streamingTo: stream)
      }
      let element = metadata.precision.element
      let set = (
        weights: try array(.weights, element), gradients: try array(.gradients, element),
        flips: try array(.flips, .int32)
      )
      arrays[l] = set
      layers.append(
        .init(
          offset: metadata.parameterOffset(layer: l)!, weights: set.0, gradients: set.1,
          flips: set.2))
    }
    self.arrays = arrays
    recorder = StepRecorder(layers: layers, parameters: network.parameters)
    if let expectedSteps, expectedSteps > 0 {
      // Rounded up without forming expectedSteps + every − 1 (which overflows near Int.max).
      let records =
        expectedSteps / metadata.every + (expectedSteps % metadata.every == 0 ? 0 : 1)
      let (needed, overflow) = records.multipliedReportingOverflow(by: bytesPerRecord)
      if streaming == nil, overflow, options.memoryBudget == nil {
        throw DownhillError.invalidArgument(
          "recording \(records) steps needs more memory than can be addressed: stream it to disk or record less often"
        )
      }
      if let budget = options.memoryBudget, streaming == nil, overflow || needed > budget {
        throw DownhillError.invalidArgument(
          "recording \(records) steps needs \(overflow ? "more than \(Int.max / 1_000_000)" : "\(needed / 1_000_000)") MB, over the \(budget / 1_000_000) MB history budget: stream it to disk, record less often or use float32"
        )
      }
      for set in arrays.values {
        for array in [set.weights, set.gradients, set.flips] { array.reserve(records: records) }
      }
      // Reserved up to a bound: a streamed run's length is not limited by the budget.
      let reserve = min(expectedSteps, 1 << 24)
      loggedSteps.reserveCapacity(reserve)
      loggedLosses.reserveCapacity(reserve)
      loggedLearningRates.reserveCapacity(reserve)
      recordRows.reserveCapacity(min(records, 1 << 24))
    }
  }

  /// The in-memory bytes one recorded step takes (what `every` divides).
  public var bytesPerRecord: Int {
    arrays.values.reduce(24) {
      $0 + $1.weights.bytesPerRecord + $1.gradients.bytesPerRecord + $1.flips.bytesPerRecord
    }
  }

  /// Called by the trainer once per step, after the update, with the new parameters and the
  /// gradient the update used. The record holds the weights the step started from (which the
  /// history keeps itself), matching the step's loss and gradient.
  ///
  /// `gradient` is the flat gradient, layer by layer as the parameters.
  public func observe(
    step: Int, loss: Double, learningRate: Double, parameters after: [Double],
    gradient: [Double]
  ) {
    guard let recorder else { preconditionFailure("a loaded history records nothing") }
    let record = step % metadata.every == 0
    recorder.observe(after: after, gradient: gradient, record: record)
    if record { recordRows.append(loggedSteps.count) }
    loggedSteps.append(step)
    loggedLosses.append(loss)
    loggedLearningRates.append(learningRate)
    if let lossStream, loggedSteps.count - lossStream.rows >= 4096 { streamLoss() }
  }

  /// Records the test-set metrics at the end of an epoch (`TrainingRun` does, for runs with a
  /// test set).
  public func recordEpoch(_ metrics: EpochMetrics) { epochs.append(metrics) }

  /// Streaming: hands the loss rows not yet in loss.csv to the writer's thread, which formats and
  /// appends them while training goes on.
  private func streamLoss() {
    guard let (file, first, writer) = lossStream, first < loggedSteps.count else { return }
    let rows = first..<loggedSteps.count
    // Copies: slices would share the arrays, which the next append would then copy whole.
    let (s, l, r) = (
      Array(loggedSteps[rows]), Array(loggedLosses[rows]), Array(loggedLearningRates[rows])
    )
    writer.submit { [file = Unchecked(file)] in
      let lines = HistoryFolder.lossLines(steps: s[...], losses: l[...], rates: r[...])
      try lines.withUnsafeBytes { try file.value.append($0) }
    }
    lossStream!.rows = loggedSteps.count
  }

  /// Ends the run (for now): stamps the wall time and the number of records, and keeps the
  /// parameters after the last step if given (the records hold those each step started from).
  public func finish(parameters: [Double]? = nil) {
    metadata.wallTimeSeconds = Date().timeIntervalSince(startTime)
    metadata.recordedSteps = recordRows.count
    metadata.loggedSteps = loggedSteps.count
    if let parameters { finalParameters = parameters }
  }

  // MARK: Queries

  private func arrays(layer: Int) throws -> (
    weights: RecordArray, gradients: RecordArray, flips: RecordArray
  ) {
    guard let set = arrays[layer] else {
      throw DownhillError.invalidArgument(
        "layer \(layer) was not recorded (recorded: \(metadata.recordedLayers))")
    }
    return set
  }

  private func index(_ array: RecordArray, row: Int, column: Int) throws -> Int {
    let (rows, columns) = (array.recordShape[0], array.recordShape[1])
    guard (0..<rows).contains(row), (0..<columns).contains(column) else {
      throw DownhillError.invalidArgument(
        "weight (\(row), \(column)) is outside the layer's \(rows)×\(columns) weights")
    }
    return row * columns + column
  }

  /// One weight's value at every recorded step.
  public func weightSeries(layer: Int, row: Int, column: Int) throws -> [Double] {
    let a = try arrays(layer: layer).weights
    return try a.series(index: try index(a, row: row, column: column))
  }

  /// One weight's gradient at every recorded step.
  public func gradientSeries(layer: Int, row: Int, column: Int) throws -> [Double] {
    let a = try arrays(layer: layer).gradients
    return try a.series(index: try index(a, row: row, column: column))
  }

  /// How often each weight of `layer` had flipped its update direction by recorded step
  /// `record` (the last by default).
  public func flipCounts(layer: Int, record: Int? = nil) throws -> Matrix {
    let a = try arrays(layer: layer).flips
    let (rows, columns) = (a.recordShape[0], a.recordShape[1])
    guard a.count > 0 else { return Matrix(rows: rows, columns: columns) }
    return Matrix(rows: rows, columns: columns, values: try a.record(record ?? a.count - 1))
  }

  /// Each weight's flip count over every step so far (not only recorded ones); for a loaded
  /// history, the last record's counts.
  public func runningFlipCounts(layer: Int) throws -> Matrix {
    guard let recorder else { return try flipCounts(layer: layer) }
    let a = try arrays(layer: layer).flips
    let offset = metadata.parameterOffset(layer: layer)!
    return Matrix(
      rows: a.recordShape[0], columns: a.recordShape[1],
      values: recorder.flipCounts[offset..<(offset + a.width)].map(Double.init))
  }

  /// The L2 norm of `layer`'s gradient at every recorded step (vanishing gradients show here).
  public func gradientNorms(layer: Int) throws -> [Double] {
    let a = try arrays(layer: layer).gradients
    return try (0..<a.count).map { try a.record($0).reduce(0) { $0 + $1 * $1 }.squareRoot() }
  }

  /// The recorded layers' weights, flattened in layer order, at training step `step`.
  public func parameters(atStep step: Int) throws -> [Double] {
    let r = try record(ofStep: step)
    return try metadata.recordedLayers.flatMap { try arrays[$0]!.weights.record(r) }
  }

  /// Record `index` (0 ..< `steps.count`) of one of `layer`'s arrays, flattened row by row.
  public func record(_ array: HistoryArray, layer: Int, at index: Int) throws -> [Double] {
    let set = try arrays(layer: layer)
    let a = array == .weights ? set.weights : array == .gradients ? set.gradients : set.flips
    guard (0..<a.count).contains(index) else {
      throw DownhillError.invalidArgument("record \(index) is outside 0..<\(a.count)")
    }
    return try a.record(index)
  }

  /// The shape (rows, columns) of `layer`'s weights, if recorded.
  public func shape(layer: Int) -> (rows: Int, columns: Int)? {
    arrays[layer].map { ($0.weights.recordShape[0], $0.weights.recordShape[1]) }
  }

  /// The weights of `layer` after the last step, if the run gave them (`finish(parameters:)`).
  public func finalWeights(layer: Int) throws -> Matrix? {
    let a = try arrays(layer: layer).weights
    guard let finalParameters, let offset = metadata.parameterOffset(layer: layer) else {
      return nil
    }
    return Matrix(
      rows: a.recordShape[0], columns: a.recordShape[1],
      values: Array(finalParameters[offset..<(offset + a.width)]))
  }

  /// The weights of `layer` at training step `step`.
  public func weights(layer: Int, step: Int) throws -> Matrix {
    let a = try arrays(layer: layer).weights
    let r = try record(ofStep: step)
    return Matrix(rows: a.recordShape[0], columns: a.recordShape[1], values: try a.record(r))
  }

  /// The record holding training step `step` (steps are recorded in increasing order).
  private func record(ofStep step: Int) throws -> Int {
    var low = 0
    var high = recordRows.count
    while low < high {
      let middle = (low + high) / 2
      if loggedSteps[recordRows[middle]] < step { low = middle + 1 } else { high = middle }
    }
    guard low < recordRows.count, loggedSteps[recordRows[low]] == step else {
      throw DownhillError.invalidArgument(
        "step \(step) was not recorded (every \(metadata.every) steps, 0…\(recordRows.last.map { loggedSteps[$0] } ?? 0))"
      )
    }
    return low
  }

  /// (step, loss) at every recorded step.
  public var lossSeries: [(step: Int, loss: Double)] {
    zip(steps, losses).map { ($0, $1) }
  }

  // MARK: Saving and loading

  /// Writes the history folder: `meta.json`, `loss.csv` and one NPY file per recorded layer and
  /// kind. The folder is written complete under a temporary name and then swapped in, so an
  /// existing history at `directory` stays whole until the new one is. A streamed history saved
  /// into its own folder completes the files it streamed; afterwards it is read from there and
  /// records no more.
  ///
  /// - Throws: `DownhillError.io` when the folder cannot be written, or when another writer is
  ///   writing it (the history stays in memory, to be saved elsewhere).
  public func save(to directory: URL) throws {
    if let streaming, Self.samePath(streaming.destination, directory.path) {
      try save(into: streaming)
      return
    }
    let folder: AtomicFolder
    do {
      folder = try AtomicFolder(destination: directory.path, purpose: "history folder")
    } catch let error as FileError { throw DownhillError.io(error.description) }
    try save(into: folder)
  }

  /// Writes the history folder into `folder` and commits it: a folder made before the run
  /// (`AtomicFolder(destination:purpose:)`) checks that the destination can be written, and
  /// keeps other writers away, before any time is spent training.
  public func save(into folder: AtomicFolder) throws {
    if metadata.recordedSteps != recordRows.count || metadata.loggedSteps != loggedSteps.count {
      finish()
    }
    let directory = URL(fileURLWithPath: folder.destination)
    do {
      if let streaming, streaming === folder {
        streamLoss()
        for set in arrays.values {
          for array in [set.weights, set.gradients, set.flips] { try array.finish() }
        }
        try lossStream?.writer.wait()
        try HistoryFolder.writeLog(of: self, into: streaming, lossStreamed: lossStream != nil)
        lossStream = nil
        try streaming.commit()
        self.streaming = nil
        // The streamed files are in place now: read them from there.
        let saved = try HistoryFolder.readArrays(of: metadata, in: directory)
        arrays = saved
        return
      }
      for (l, set) in arrays {
        for (kind, array) in [
          (HistoryFolder.Kind.weights, set.weights), (.gradients, set.gradients),
          (.flips, set.flips),
        ] {
          try array.write(to: folder.file(HistoryFolder.fileName(layer: l, kind: kind)))
        }
      }
      try HistoryFolder.writeLog(of: self, into: folder, lossStreamed: false)
      try folder.commit()
    } catch let error as FileError {
      throw DownhillError.io(folder.naming(error).description)
    }
  }

  private static func samePath(_ a: String, _ b: String) -> Bool {
    URL(fileURLWithPath: a).standardizedFileURL.path
      == URL(fileURLWithPath: b).standardizedFileURL.path
  }

  /// Loads a saved history folder, checking the format version, every array's shape against
  /// `meta.json`, and that no file is truncated. The arrays are memory-mapped, not read.
  public init(contentsOf directory: URL) throws {
    let folder = try HistoryFolder.read(directory)
    metadata = folder.metadata
    (loggedSteps, loggedLosses, loggedLearningRates) = folder.log
    recordRows = folder.recordRows
    arrays = folder.arrays
    finalParameters = folder.finalParameters
    epochs = folder.epochs
    recorder = nil
  }
}
