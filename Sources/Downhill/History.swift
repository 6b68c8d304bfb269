import CNumpyMath
import Foundation

/// What a `History` keeps, and where.
public struct HistoryOptions: Sendable {
  /// How weights and gradients are stored (flip counts are always Int32).
  public enum Precision: String, Sendable, Codable {
    case float32, float64
    var element: NPY.Element { self == .float32 ? .float32 : .float64 }
  }

  /// Record every k-th step (step 0 is always recorded).
  public var every: Int
  /// The layers to record (nil: all).
  public var layers: [Int]?
  /// Float32 halves the memory and files; Double keeps every bit.
  public var precision: Precision
  /// Stream the arrays and loss.csv to this folder as they are recorded (another thread writes
  /// them) instead of keeping them in memory. They stay under temporary names until the history
  /// is saved into this folder or released.
  public var streamingDirectory: URL?
  /// The most bytes an in-memory history may grow to; a run whose length is known and would
  /// exceed it is refused up front (stream it, record less often, or use float32).
  public var memoryBudget: Int?

  public init(
    every: Int = 1, layers: [Int]? = nil, precision: Precision = .float64,
    streamingDirectory: URL? = nil, memoryBudget: Int? = nil
  ) {
    self.every = max(every, 1)
    self.layers = layers
    self.precision = precision
    self.streamingDirectory = streamingDirectory
    self.memoryBudget = memoryBudget
  }
}

/// Everything about a run that is not a number per step.
public struct RunMetadata: Codable, Sendable, Equatable {
  /// The `meta.json` format this version writes and reads.
  public static let currentFormatVersion = 1
  /// The history folder format (`load` refuses other versions).
  public var formatVersion = RunMetadata.currentFormatVersion
  // The run: network, cost, optimizer and data, as given.
  public var layerSizes: [Int]
  public var activations: [String]
  public var bias: String
  public var cost: String
  public var seed: UInt32?
  public var optimizer: String
  public var hyperParameters: [String: Double]
  public var dataset: String
  public var examples: Int
  public var batchSize: Int?
  // What was recorded, and how.
  /// Every k-th step was recorded.
  public var every: Int
  /// The layers whose weights, gradients and flips were recorded.
  public var recordedLayers: [Int]
  /// Each recorded layer's weight shape (rows, columns).
  public var layerShapes: [[Int]]
  /// "float32" or "float64".
  public var precision: String
  /// Records in each array (rows of loss.csv).
  public var recordedSteps: Int = 0
  /// Training time, from the history's creation to the end of the run.
  public var wallTimeSeconds: Double = 0

  public init(
    layerSizes: [Int], activations: [String], bias: String, cost: String, seed: UInt32?,
    optimizer: String, hyperParameters: [String: Double], dataset: String, examples: Int,
    batchSize: Int?, every: Int, recordedLayers: [Int], layerShapes: [[Int]], precision: String
  ) {
    self.layerSizes = layerSizes
    self.activations = activations
    self.bias = bias
    self.cost = cost
    self.seed = seed
    self.optimizer = optimizer
    self.hyperParameters = hyperParameters
    self.dataset = dataset
    self.examples = examples
    self.batchSize = batchSize
    self.every = every
    self.recordedLayers = recordedLayers
    self.layerShapes = layerShapes
    self.precision = precision
  }
}

/// The full record of a training run: per recorded step the loss, learning rate, every weight,
/// every gradient and each weight's running count of update sign flips.
///
/// Sign flips are counted at every step, recorded or not: a flip is a change, between consecutive
/// updates, of whether the update moved the weight up: the tutorials' `(update > 0)` test. A step
/// too small to move the weight counts by its descent direction −g, as numpy sees it before the
/// addition absorbs it.
public final class History {
  /// The run this history belongs to.
  public private(set) var metadata: RunMetadata
  /// The step number of each record.
  public var steps: [Int] { readLog().steps }
  /// The loss at each recorded step (before that step's update).
  public var losses: [Double] { readLog().losses }
  /// The learning rate at each recorded step.
  public var learningRates: [Double] { readLog().rates }

  /// Each record's step, loss and learning rate (24 bytes), as `observe` appends them; the
  /// arrays above are copied from it when read.
  private let log = RecordBuffer.make(recordBytes: 24)
  private var logged: (steps: [Int], losses: [Double], rates: [Double]) = ([], [], [])

  private var weights: [Int: HistoryStore] = [:]
  private var gradients: [Int: HistoryStore] = [:]
  private var flips: [Int: HistoryStore] = [:]
  private let layerOffsets: [Int]
  /// Records steps into the stores. The writer's thread, recording an offloaded run, works from
  /// its own copy of it: reading these fields from the history each step, beside `observedSteps`
  /// that the training thread writes each step, bounced their cache line between the cores.
  private let recorder: StepRecorder
  private var parameterCount: Int { recorder.parameterCount }
  private var observedSteps = 0
  /// Streaming every step: each step's step number, loss, learning rate, parameters and
  /// gradient, handed to the writer's thread to record (`recordRing`), log and format into
  /// loss.csv while training goes on. That thread then owns the stores' buffers, the recorder's
  /// state, the log and loss.csv until `settleOffload`, after which steps are recorded here.
  private var producer: UnsafeMutablePointer<StepRing.Producer>?
  /// Streaming every step: the ring starts at the first step (`startRing`), once the trainer
  /// has said how it updates (`expectDescent`).
  private var ringPlanned = false
  /// Plain gradient descent's learning rate, if the trainer said it updates so: the ring then
  /// carries only each step's gradient, and the writer's thread rebuilds the parameters.
  private var descentRate: Double?
  private let every: Int
  private let startTime = Date()
  /// Streaming: the folder, the thread writing to it, and loss.csv with how many rows it has.
  private let streaming: (folder: URL, writer: BackgroundWriter, csv: StreamedFile)?
  private var csvRows = 0

  /// A history for `network`, recording as `options` say.
  /// - Parameter expectedSteps: the run's length, if known, to reserve memory up front.
  public init(
    network: Network, options: HistoryOptions = HistoryOptions(), metadata: RunMetadata,
    expectedSteps: Int? = nil
  ) throws {
    let recorded = options.layers ?? Array(network.layers.indices)
    for l in recorded where !network.layers.indices.contains(l) {
      throw DownhillError.invalidArgument(
        "cannot record layer \(l): the network has layers 0..<\(network.layers.count)")
    }
    var offsets: [Int] = []
    var offset = 0
    for layer in network.layers {
      offsets.append(offset)
      offset += layer.weights.values.count
    }
    layerOffsets = offsets
    every = options.every
    self.metadata = metadata
    self.metadata.every = options.every
    self.metadata.recordedLayers = recorded
    self.metadata.layerShapes = recorded.map {
      [network.layers[$0].weights.rows, network.layers[$0].weights.columns]
    }
    self.metadata.precision = options.precision.rawValue
    var stream: (folder: URL, writer: BackgroundWriter, csv: StreamedFile)?
    if let dir = options.streamingDirectory {
      try FileOutput.makeFolder(dir, purpose: "history folder")
      do {
        let csv = try StreamedFile(dir.appendingPathComponent("loss.csv", isDirectory: false))
        try Data(History.csvHeader.utf8).withUnsafeBytes {
          try FileOutput.writeAll(csv.descriptor, [$0], csv.destination)
        }
        let writer = BackgroundWriter()
        stream = (dir, writer, csv)
      } catch {
        throw DownhillError.io("cannot create history folder \(dir.path)")
      }
    }
    streaming = stream
    for l in recorded {
      let shape = [network.layers[l].weights.rows, network.layers[l].weights.columns]
      func store(_ kind: String, _ element: NPY.Element) throws -> HistoryStore {
        try HistoryStore(
          element: element, recordShape: shape,
          streamingTo: stream?.folder.appendingPathComponent(
            History.fileName(layer: l, kind: kind), isDirectory: false),
          writer: stream?.writer)
      }
      weights[l] = try store("weights", options.precision.element)
      gradients[l] = try store("gradients", options.precision.element)
      flips[l] = try store("flips", .int32)
    }
    // Allocated last, so that no error above can leave it unfreed.
    let (weights, gradients, flips) = (weights, gradients, flips)
    recorder = StepRecorder(
      layers: recorded.map {
        .init(
          offset: offsets[$0], weights: weights[$0]!.buffer, gradients: gradients[$0]!.buffer,
          flips: flips[$0]!.buffer)
      }, element: options.precision.element, parameters: network.parameters)
    // Recording every step cost the training thread about 45 ns a step (a T4 step is 180):
    // streamed, the writer's thread records them instead, from a copy of each step.
    ringPlanned = stream != nil && every == 1
    if let expectedSteps, expectedSteps > 0 {
      let records = (expectedSteps + options.every - 1) / options.every
      let needed = records * bytesPerRecord
      if let budget = options.memoryBudget, options.streamingDirectory == nil, needed > budget {
        throw DownhillError.invalidArgument(
          "recording \(records) steps needs \(needed / 1_000_000) MB, over the \(budget / 1_000_000) MB history budget: stream it to disk, record less often or use float32"
        )
      }
      // Streamed every step, the writer's thread fills the log: in 4 KB pages, as it goes. A
      // huge page's first touch there could stall it for milliseconds (THP compaction), and
      // the training thread with it, once the ring was full.
      log.pointee.reserve(records: records, huge: !ringPlanned)
      for l in recorded {
        weights[l]!.reserve(records: records)
        gradients[l]!.reserve(records: records)
        flips[l]!.reserve(records: records)
      }
    }
    // Streamed every step, the writer's thread waits for the ring's first records meanwhile: it
    // faults in the memory it will fill, the log and each store's chunk, now rather than at
    // each page's first store while the training thread waits on it (T4 saved, six rounds of
    // alternating runs: 0.12-0.44 ms sooner, about 15.6 → 15.3 ms).
    if ringPlanned, let writer = stream?.writer {
      let regions = [log.pointee.reserved] + allStores.map { $0.buffer.pointee.reserved }
      writer.submit { for region in regions { RecordBuffer.prefault(region) } }
    }
  }

  /// Tells a history that each step will update the parameters by plain gradient descent,
  /// p ← p − `learningRate` · gradient (SGD's `downhill_np_descent_step`). Streamed every step,
  /// the training thread then hands over only the gradient, and the writer's thread rebuilds
  /// the parameters with the same function, so bit for bit: T4's ring records shrink from 280
  /// to 152 bytes, and the run, saved, takes about 1 ms less. No effect once a step is observed.
  func expectDescent(learningRate: Double) {
    guard observedSteps == 0 else { return }
    descentRate = learningRate
  }

  /// Starts handing steps to the writer's thread through a ring.
  private func startRing() {
    guard let stream = streaming else { return }
    ringPlanned = false
    let rate = descentRate
    let n = parameterCount
    let ring = StepRing(recordBytes: History.ringRecordBytes(parameters: n, descentRate: rate))
    let csv = RingCSV(file: stream.csv, buffer: stream.writer.takeChunk())
    // The recorder is copied here: read from this object per batch, beside `observedSteps`
    // that the training thread writes per step, its cache line bounced between the cores.
    stream.writer.submit { [unowned(unsafe) self, writer = stream.writer, recorder, log] in
      var lines = csv
      defer { writer.recycle(lines.buffer) }
      ring.consume { records, count, first in
        History.recordRing(
          records, count: count, first: first, recorder: recorder, descentRate: rate, log: log,
          csv: &lines)
      }
      // The last partial chunks too, while on this thread: saving would otherwise wake it
      // again for them.
      for store in self.allStores { store.submitTail() }
      try lines.finish()
    }
    producer = .allocate(capacity: 1)
    producer!.initialize(to: ring.producer())
  }

  /// The in-memory bytes one recorded step takes (what `every` divides).
  public var bytesPerRecord: Int {
    metadata.recordedLayers.reduce(24) {
      $0 + weights[$1]!.bytesPerRecord + gradients[$1]!.bytesPerRecord
        + flips[$1]!.bytesPerRecord
    }
  }

  static func fileName(layer: Int, kind: String) -> String { "layer\(layer)_\(kind).npy" }

  /// Every store, layer by layer (those made so far, if an initializer failed).
  private var allStores: [HistoryStore] {
    metadata.recordedLayers.flatMap { [weights[$0], gradients[$0], flips[$0]].compactMap { $0 } }
  }

  /// Called by the trainer once per step, after the update, with the new parameters and the
  /// gradient the update used. The history keeps the previous parameters itself (in a buffer it
  /// reuses), so the trainer copies nothing and the step's record holds the weights the step
  /// started from, matching its loss and gradient.
  ///
  /// - Parameter gradient: the flat gradient, layer by layer as the parameters.
  public func observe(
    step: Int, loss: Double, learningRate: Double, parameters after: [Double],
    gradient: [Double]
  ) {
    precondition(after.count == parameterCount, "parameter count changed during training")
    precondition(gradient.count == parameterCount, "gradient and parameters differ in length")
    let record = every == 1 || step % every == 0
    // A run going on after `finish` ended the ring: the writer hands the recording back.
    if let producer, producer.pointee.ended { try? settleOffload() }
    if producer == nil && ringPlanned { startRing() }
    if let producer {
      let slot = producer.pointee.next()
      gradient.withUnsafeBufferPointer { g in
        after.withUnsafeBufferPointer { now in
          downhill_step_record(
            slot, step, loss, learningRate, g.baseAddress!,
            descentRate == nil ? now.baseAddress! : nil, parameterCount)
        }
      }
      producer.pointee.commit()
      // The writer's thread keeps the log too (`recordRing`): here it cost this thread 0.4 ms
      // of a T4 run.
      observedSteps += 1
      return
    }
    after.withUnsafeBufferPointer { now in
      gradient.withUnsafeBufferPointer { g in
        recorder.record(
          now: now.baseAddress!, gradient: g.baseAddress!, record: record,
          counting: observedSteps > 0)
      }
    }
    observedSteps += 1
    guard record else { return }
    let slot = log.pointee.append()
    slot.storeBytes(of: step, as: Int.self)
    slot.storeBytes(of: loss, toByteOffset: 8, as: Double.self)
    slot.storeBytes(of: learningRate, toByteOffset: 16, as: Double.self)
    if streaming != nil && producer == nil && log.pointee.count - csvRows >= History.csvRowsPerChunk
    {
      streamLossCSV()
    }
  }

  /// Steps a trainer writes into the ring at a time (`ringSlots`): the ring publishes records in
  /// batches of this many. Each run is a call into C whose set-up, and whose last step on the
  /// generic pass, cost more at 32 steps a run (T4 in a C loop: 124.5 → 118 ns a step; saved
  /// 0.16-0.34 ms sooner, alternating medians of 60-80, five rounds).
  static let ringRun = 256

  /// Up to `count` consecutive ring slots for the next steps' records (at least one, waiting for
  /// the writer if the ring is full), when this history streams every step of an SGD run
  /// (`expectDescent`): a trainer then writes them in place (`downhill_step_record`)
  /// and hands them over with `commitRingSlots`. Nil when each step must go through `observe`.
  func ringSlots(upTo count: Int) -> (start: UnsafeMutableRawPointer, count: Int, recordBytes: Int)?
  {
    guard takesRingRecords else { return nil }
    if producer == nil { startRing() }
    guard let producer else { return nil }
    let (start, slots) = producer.pointee.reserve(upTo: count)
    return (start, slots, producer.pointee.recordBytes)
  }

  /// Whether `ringSlots` can give slots: an SGD run streamed every step, not yet ended.
  var takesRingRecords: Bool {
    descentRate != nil && (ringPlanned || producer.map { !$0.pointee.ended } ?? false)
  }

  /// Hands the writer the `count` records written at the last `ringSlots`.
  func commitRingSlots(_ count: Int) {
    guard let producer else { return }
    producer.pointee.commit(count)
    observedSteps += count
  }

  /// A ring record: step, loss and learning rate (as a log record), then the step's gradient
  /// and, unless the writer rebuilds them (`descentRate`), the parameters after it.
  static let ringHeader = 24

  static func ringRecordBytes(parameters n: Int, descentRate: Double?) -> Int {
    ringHeader + (descentRate == nil ? 16 : 8) * n
  }

  /// On the writer's thread: `count` ring records, the first of them step `first` of the run,
  /// into the stores and loss.csv.
  private static func recordRing(
    _ records: UnsafeRawPointer, count: Int, first: Int, recorder: StepRecorder,
    descentRate: Double?, log: UnsafeMutablePointer<RecordBuffer>, csv: inout RingCSV
  ) {
    let n = recorder.parameterCount
    let stride = ringRecordBytes(parameters: n, descentRate: descentRate)
    let gradient = (records + History.ringHeader).assumingMemoryBound(to: Double.self)
    recorder.record(
      now: descentRate == nil ? UnsafePointer(gradient + n) : nil, gradient: gradient,
      stride: stride / 8, count: count, countingFirst: first > 0, descentRate: descentRate ?? 0)
    var done = 0
    while done < count {
      let run = min(log.pointee.room(), count - done)
      let to = log.pointee.take(run)
      // Three words each, not a memmove call per record (60,000 calls of a T4 run).
      for r in 0..<run {
        let (from, at) = (records + (done + r) * stride, to + r * 24)
        for w in 0..<3 {
          at.storeBytes(
            of: from.load(fromByteOffset: w * 8, as: UInt64.self), toByteOffset: w * 8,
            as: UInt64.self)
        }
      }
      done += run
    }
    csv.append(records, stride: stride, rows: count)
  }

  /// Streaming every step: ends the ring and waits until the writer has recorded every step;
  /// the stores, the recorder and loss.csv are then this thread's again, and later steps are
  /// recorded here.
  private func settleOffload() throws {
    guard let producer, let streaming else { return }
    producer.pointee.finish()
    defer {
      producer.deallocate()
      self.producer = nil
      // The writer logged and formatted every row the ring carried.
      csvRows = log.pointee.count
    }
    try streaming.writer.drain()
  }

  /// Ends the run: stamps wall time and the number of records. Streaming every step, the
  /// writer's thread is told that the steps have ended, so that it writes the last of them
  /// while the run's results are printed or saved.
  public func finish() {
    producer?.pointee.finish()
    metadata.wallTimeSeconds = Date().timeIntervalSince(startTime)
    metadata.recordedSteps = recordedCount
  }

  /// Records so far. With a ring, the log is the writer's until the ring ends, and the ring
  /// carries every step.
  private var recordedCount: Int { producer == nil ? log.pointee.count : observedSteps }

  // MARK: Queries

  private func store(_ stores: [Int: HistoryStore], layer: Int) throws -> HistoryStore {
    try settleOffload()
    guard let s = stores[layer] else {
      throw DownhillError.invalidArgument(
        "layer \(layer) was not recorded (recorded: \(metadata.recordedLayers))")
    }
    return s
  }

  private func index(_ s: HistoryStore, row: Int, column: Int) throws -> Int {
    let (rows, columns) = (s.recordShape[0], s.recordShape[1])
    guard (0..<rows).contains(row), (0..<columns).contains(column) else {
      throw DownhillError.invalidArgument(
        "weight (\(row), \(column)) is outside the layer's \(rows)×\(columns) weights")
    }
    return row * columns + column
  }

  /// One weight's value at every recorded step.
  public func weightSeries(layer: Int, row: Int, column: Int) throws -> [Double] {
    let s = try store(weights, layer: layer)
    return s.series(index: try index(s, row: row, column: column))
  }

  /// One weight's gradient at every recorded step.
  public func gradientSeries(layer: Int, row: Int, column: Int) throws -> [Double] {
    let s = try store(gradients, layer: layer)
    return s.series(index: try index(s, row: row, column: column))
  }

  /// How often each weight of `layer` had flipped its update direction by each recorded step.
  public func flipCounts(layer: Int, record: Int? = nil) throws -> Matrix {
    let s = try store(flips, layer: layer)
    guard s.count > 0 else { return Matrix(rows: s.recordShape[0], columns: s.recordShape[1]) }
    return Matrix(
      rows: s.recordShape[0], columns: s.recordShape[1], values: s.record(record ?? s.count - 1))
  }

  /// Each weight's flip count over every step so far (not only recorded ones); for a loaded
  /// history, the last record's counts.
  public func runningFlipCounts(layer: Int) throws -> Matrix {
    guard !layerOffsets.isEmpty else { return try flipCounts(layer: layer) }
    let s = try store(weights, layer: layer)
    let start = layerOffsets[layer]
    return Matrix(
      rows: s.recordShape[0], columns: s.recordShape[1],
      values: (start..<(start + s.width)).map { Double(recorder.flipCounts[$0]) })
  }

  /// The L2 norm of `layer`'s gradient at every recorded step (vanishing gradients show here).
  public func gradientNorms(layer: Int) throws -> [Double] {
    let s = try store(gradients, layer: layer)
    return (0..<s.count).map { r in s.record(r).reduce(0) { $0 + $1 * $1 }.squareRoot() }
  }

  /// The recorded layers' weights, flattened in layer order, at training step `step`.
  public func parameters(atStep step: Int) throws -> [Double] {
    try settleOffload()
    let r = try record(ofStep: step)
    return metadata.recordedLayers.flatMap { weights[$0]!.record(r) }
  }

  /// The weights of `layer` at training step `step`.
  public func weights(layer: Int, step: Int) throws -> Matrix {
    let s = try store(weights, layer: layer)
    let r = try record(ofStep: step)
    return Matrix(rows: s.recordShape[0], columns: s.recordShape[1], values: s.record(r))
  }

  /// The record holding training step `step`. Steps are recorded in increasing order, so a
  /// binary search: figures look up every recorded step, which a linear search made quadratic.
  private func record(ofStep step: Int) throws -> Int {
    let steps = self.steps
    var low = 0
    var high = steps.count
    while low < high {
      let middle = (low + high) / 2
      if steps[middle] < step { low = middle + 1 } else { high = middle }
    }
    guard low < steps.count, steps[low] == step else {
      throw DownhillError.invalidArgument(
        "step \(step) was not recorded (every \(metadata.every) steps, 0…\(steps.last ?? 0))")
    }
    return low
  }

  /// (step, loss) at every recorded step.
  public var lossSeries: [(step: Int, loss: Double)] {
    zip(steps, losses).map { ($0, $1) }
  }

  // MARK: Saving and loading

  /// Writes `meta.json`, `loss.csv` and one NPY file per recorded layer and kind.
  public func save(to directory: URL) throws {
    // meta.json is encoded while the writer records a ring's last steps.
    if metadata.recordedSteps != recordedCount { finish() }
    try FileOutput.makeFolder(directory, purpose: "history folder")
    let meta: Data
    do { meta = try History.encode(metadata) } catch {
      throw DownhillError.io("cannot encode the history's metadata: \(error)")
    }
    try settleOffload()
    if let streaming, FileOutput.sameFolder(streaming.folder, directory) {
      // Everything but the last rows is written already: complete the files, put them in place.
      streamLossCSV()
      let stores = allStores
      for store in stores { store.submitTail() }
      try streaming.writer.drain()
      // Putting a file in place frees the pages of the one it replaces, about 2 ms for a T4
      // history's 21 MB: then half of the files go in place on the writer's thread. Into a new
      // folder, all here: waking the writer would take longer than the renames.
      let replacing = stores.contains { $0.replacesAFile }
      for (i, store) in stores.enumerated() {
        if replacing && i % 2 == 0 {
          streaming.writer.submit { try store.complete() }
        } else {
          try store.complete()
        }
      }
      try streaming.csv.publish()
      try streaming.writer.drain()
      return try FileOutput.write(meta, to: directory.appendingPathComponent("meta.json"))
    }
    // Formatting loss.csv takes about as long as writing all the arrays: the first job, so that
    // another core writes those meanwhile.
    var jobs: [() throws -> Void] = [
      { try self.writeLossCSV(to: directory.appendingPathComponent("loss.csv")) },
      { try FileOutput.write(meta, to: directory.appendingPathComponent("meta.json")) },
    ]
    for l in metadata.recordedLayers {
      for (kind, stores) in [("weights", weights), ("gradients", gradients), ("flips", flips)] {
        let store = stores[l]!
        let url = directory.appendingPathComponent(History.fileName(layer: l, kind: kind))
        jobs.append { try store.save(to: url) }
      }
    }
    try FileOutput.concurrently(jobs)
  }

  static func encode(_ metadata: RunMetadata) throws -> Data {
    try MetadataJSON.encode(metadata)
  }

  static let csvHeader = "step,loss,learning_rate\n"
  /// A line is at most two 24-character Doubles, a 20-character Int, two commas and a newline.
  static let csvLineBytes = 71
  static let csvRowsPerChunk = BackgroundWriter.chunkBytes / csvLineBytes

  /// Writes `loss.csv`'s lines for `rows` log records at `out`, which has room for
  /// `csvLineBytes` per row, and returns their length. Straight into memory: as a string
  /// interpolation per line, formatting took longer than writing all the NPY files, and
  /// `description` per loss still two thirds of it.
  static func lossCSVLines(
    _ records: UnsafeRawPointer, stride: Int = 24, rows: Int, to start: UnsafeMutableRawPointer
  ) -> Int {
    var out = ByteSink(at: start.assumingMemoryBound(to: UInt8.self))
    var rate = Double.nan
    // The learning rate rarely changes: formatted once per change, not once per line, and
    // copied as bytes (as a String, its copy per line took as long as formatting the step).
    var rateText: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var rateLength = 0
    // The step's digits, left-aligned: the next step is usually one more, counted up in place
    // (formatting each anew, and copying text byte by byte, were a sixth of a line's time).
    var stepText: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var (step, stepLength) = (-2, 0)
    ShortestDecimal.with { decimal in
      withUnsafeMutableBytes(of: &rateText) { rateText in
        withUnsafeMutableBytes(of: &stepText) { stepText in
          let digits = stepText.baseAddress!.assumingMemoryBound(to: UInt8.self)
          for r in 0..<rows {
            let record = records + r * stride
            let learningRate = record.load(fromByteOffset: 16, as: Double.self)
            if learningRate.bitPattern != rate.bitPattern {
              rate = learningRate
              let text = Array(",\(rate)\n".utf8)
              rateLength = text.count
              rateText.copyBytes(from: text)
            }
            let next = record.load(as: Int.self)
            if next == step &+ 1 && next > 0 {
              History.countUp(digits, length: &stepLength)
            } else {
              var sink = ByteSink(at: digits)
              sink.put(next)
              stepLength = sink.at - digits
            }
            step = next
            // Whole words, past the digits: the loss and the rate write over the rest. (A step
            // is at most 20 bytes, and a line has room for 71.)
            let o = UnsafeMutableRawPointer(out.at)
            for w in 0..<3 {
              o.storeBytes(
                of: stepText.load(fromByteOffset: w * 8, as: UInt64.self), toByteOffset: w * 8,
                as: UInt64.self)
            }
            out.at += stepLength
            out.put(UInt8(ascii: ","))
            let loss = record.load(fromByteOffset: 8, as: Double.self)
            let length = decimal.write(loss, to: out.at)
            if length > 0 { out.at += length } else { out.write(loss.description) }
            if rateLength <= 16 {
              // Two words (the line so far is at most 45 bytes, so within its 71).
              let o = UnsafeMutableRawPointer(out.at)
              o.storeBytes(of: rateText.load(as: UInt64.self), as: UInt64.self)
              o.storeBytes(
                of: rateText.load(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8,
                as: UInt64.self)
            } else {
              for i in 0..<rateLength { out.at[i] = rateText[i] }
            }
            out.at += rateLength
          }
        }
      }
    }
    return UnsafeMutableRawPointer(out.at) - start
  }

  /// Adds one to the decimal number in `digits` (`length` of them, no sign), in place.
  @inline(__always)
  static func countUp(_ digits: UnsafeMutablePointer<UInt8>, length: inout Int) {
    var i = length &- 1
    while i >= 0 && digits[i] == UInt8(ascii: "9") {
      digits[i] = UInt8(ascii: "0")
      i &-= 1
    }
    if i >= 0 {
      digits[i] &+= 1
    } else {
      // 99…9 + 1: a one and `length` zeros.
      digits[length] = UInt8(ascii: "0")
      digits[0] = UInt8(ascii: "1")
      length &+= 1
    }
  }

  private func writeLossCSV(to url: URL) throws {
    let rows = log.pointee.count
    let lines = RecordBuffer.allocate(bytes: max(rows * History.csvLineBytes, 1))
    defer { lines.deallocate() }
    let length = rows == 0 ? 0 : History.lossCSVLines(log.pointee.record(0), rows: rows, to: lines)
    try Data(History.csvHeader.utf8).withUnsafeBytes {
      try FileOutput.write([$0, UnsafeRawBufferPointer(start: lines, count: length)], to: url)
    }
  }

  /// Streaming: hands the log's rows not yet in loss.csv to the writer thread, which formats
  /// and appends them while training goes on.
  private func streamLossCSV() {
    guard let streaming else { return }
    var first = csvRows
    while first < log.pointee.count {
      let rows = min(log.pointee.count - first, History.csvRowsPerChunk)
      let (writer, csv) = (streaming.writer, streaming.csv)
      let records = writer.takeChunk()
      records.copyMemory(from: log.pointee.record(first), byteCount: rows * 24)
      writer.submit {
        let lines = writer.takeChunk()
        defer {
          writer.recycle(records)
          writer.recycle(lines)
        }
        let length = History.lossCSVLines(records, rows: rows, to: lines)
        try FileOutput.writeAll(
          csv.descriptor, [UnsafeRawBufferPointer(start: lines, count: length)], csv.destination)
      }
      first += rows
    }
    csvRows = first
  }

  /// The step, loss and learning rate arrays, brought up to date with the log.
  private func readLog() -> (steps: [Int], losses: [Double], rates: [Double]) {
    try? settleOffload()
    for r in logged.steps.count..<log.pointee.count {
      let record = log.pointee.record(r)
      logged.steps.append(record.load(as: Int.self))
      logged.losses.append(record.load(fromByteOffset: 8, as: Double.self))
      logged.rates.append(record.load(fromByteOffset: 16, as: Double.self))
    }
    return logged
  }

  /// Loads a saved history, checking the format version, every array's shape against
  /// `meta.json`, and that no file is truncated.
  public init(contentsOf directory: URL) throws {
    let metaURL = directory.appendingPathComponent("meta.json")
    guard let metaData = try? Data(contentsOf: metaURL) else {
      throw DownhillError.io("\(metaURL.path): missing or unreadable")
    }
    let meta: RunMetadata
    do { meta = try JSONDecoder().decode(RunMetadata.self, from: metaData) } catch {
      throw DownhillError.corruptFile(path: metaURL.path, reason: "not a valid history meta.json")
    }
    guard meta.formatVersion == RunMetadata.currentFormatVersion else {
      throw DownhillError.corruptFile(
        path: metaURL.path,
        reason:
          "history format version \(meta.formatVersion) is not supported (expected \(RunMetadata.currentFormatVersion))"
      )
    }
    guard meta.layerShapes.count == meta.recordedLayers.count,
      meta.layerShapes.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0 >= 0 } })
    else {
      throw DownhillError.corruptFile(
        path: metaURL.path, reason: "layer shapes do not match recorded layers")
    }
    metadata = meta
    every = meta.every
    layerOffsets = []
    recorder = StepRecorder(layers: [], element: .float64, parameters: [])
    streaming = nil

    let lossURL = directory.appendingPathComponent("loss.csv")
    guard let csv = try? String(contentsOf: lossURL, encoding: .utf8) else {
      throw DownhillError.io("\(lossURL.path): missing or unreadable")
    }
    let lines = csv.split(separator: "\n").dropFirst()
    for (n, line) in lines.enumerated() {
      let f = line.split(separator: ",")
      guard f.count == 3, let s = Int(f[0]), let l = Double(f[1]), let r = Double(f[2]) else {
        throw DownhillError.corruptFile(
          path: lossURL.path, reason: "line \(n + 2) is not step,loss,learning_rate")
      }
      let slot = log.pointee.append()
      slot.storeBytes(of: s, as: Int.self)
      slot.storeBytes(of: l, toByteOffset: 8, as: Double.self)
      slot.storeBytes(of: r, toByteOffset: 16, as: Double.self)
    }
    guard log.pointee.count == meta.recordedSteps else {
      throw DownhillError.corruptFile(
        path: lossURL.path,
        reason: "has \(log.pointee.count) rows but meta.json records \(meta.recordedSteps) steps")
    }
    let expectedElement = meta.precision == "float32" ? NPY.Element.float32 : .float64
    for (l, shape) in zip(meta.recordedLayers, meta.layerShapes) {
      for kind in ["weights", "gradients", "flips"] {
        let url = directory.appendingPathComponent(History.fileName(layer: l, kind: kind))
        let (header, values) = try NPY.readAll(from: url)
        let element = kind == "flips" ? NPY.Element.int32 : expectedElement
        guard header.element == element else {
          throw DownhillError.corruptFile(
            path: url.path, reason: "dtype \(header.element.rawValue), expected \(element.rawValue)"
          )
        }
        guard header.shape == [meta.recordedSteps] + shape else {
          throw DownhillError.corruptFile(
            path: url.path,
            reason: "shape \(header.shape), expected \([meta.recordedSteps] + shape) from meta.json"
          )
        }
        let store = HistoryStore(element: element, recordShape: shape, values: values)
        switch kind {
        case "weights": weights[l] = store
        case "gradients": gradients[l] = store
        default: flips[l] = store
        }
      }
    }
  }

  deinit {
    // Streaming: the files are completed and put in place, saved or not.
    try? settleOffload()
    streamLossCSV()
    for s in allStores { s.close() }
    try? streaming?.writer.drain()
    try? streaming?.csv.publish()
    recorder.deallocate()
    RecordBuffer.destroy(log)
  }
}

/// Text into memory sized beforehand.
private struct ByteSink {
  var at: UnsafeMutablePointer<UInt8>

  mutating func write(_ string: String) {
    var string = string
    string.withUTF8 {
      guard let start = $0.baseAddress else { return }
      at.update(from: start, count: $0.count)
      at += $0.count
    }
  }

  mutating func put(_ byte: UInt8) {
    at.pointee = byte
    at += 1
  }

  /// `n` in decimal, as `String(n)` writes it.
  mutating func put(_ n: Int) {
    guard n >= 0 else { return write(String(n)) }
    var digits = 1
    var power = 10
    while digits < 19 && n >= power {
      digits &+= 1
      power &*= 10
    }
    var rest = UInt64(n)
    var i = digits
    while i >= 2 {
      let (q, r) = rest.quotientAndRemainder(dividingBy: 100)
      at[i &- 2] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: r / 10)
      at[i &- 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: r % 10)
      rest = q
      i &-= 2
    }
    if i == 1 { at[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest) }
    at += digits
  }
}

/// loss.csv's lines, formatted on the writer's thread from a ring's records and written a chunk
/// at a time. After a failed write it formats nothing more (the ring must still be drained),
/// and `finish` throws the error.
private struct RingCSV {
  let file: StreamedFile
  let buffer: UnsafeMutableRawPointer
  private var length = 0
  private var failure: Error?

  init(file: StreamedFile, buffer: UnsafeMutableRawPointer) {
    self.file = file
    self.buffer = buffer
  }

  mutating func append(_ records: UnsafeRawPointer, stride: Int, rows: Int) {
    var done = 0
    while done < rows, failure == nil {
      let room = (BackgroundWriter.chunkBytes - length) / History.csvLineBytes
      guard room > 0 else {
        write()
        continue
      }
      let n = min(room, rows - done)
      length += History.lossCSVLines(
        records + done * stride, stride: stride, rows: n, to: buffer + length)
      done += n
    }
  }

  private mutating func write() {
    do {
      try FileOutput.writeAll(
        file.descriptor, [UnsafeRawBufferPointer(start: buffer, count: length)], file.destination)
    } catch { failure = error }
    length = 0
  }

  mutating func finish() throws {
    if length > 0 && failure == nil { write() }
    if let failure { throw failure }
  }
}
