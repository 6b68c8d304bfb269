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
  /// Stream the arrays to this folder as they are recorded instead of keeping them in memory.
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
  public private(set) var steps: [Int] = []
  /// The loss at each recorded step (before that step's update).
  public private(set) var losses: [Double] = []
  /// The learning rate at each recorded step.
  public private(set) var learningRates: [Double] = []

  private var weights: [Int: HistoryStore] = [:]
  private var gradients: [Int: HistoryStore] = [:]
  private var flips: [Int: HistoryStore] = [:]
  private let layerOffsets: [Int]
  private var flipCounts: [Int32]
  /// The recorded layers' stores in layer order, for the per-step path.
  private struct Recording {
    let offset: Int
    // Unowned: the dictionaries above keep the stores alive, and reference counting them on
    // every step was a tenth of a T4 run's time.
    unowned(unsafe) let weights: HistoryStore
    unowned(unsafe) let gradients: HistoryStore
    unowned(unsafe) let flips: HistoryStore
  }
  private let recording: [Recording]
  private var lastUp: [Bool]
  private var previous: [Double]
  private var observedSteps = 0
  private let every: Int
  private let startTime = Date()

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
    flipCounts = Array(repeating: 0, count: offset)
    lastUp = Array(repeating: false, count: offset)
    previous = network.parameters
    every = options.every
    self.metadata = metadata
    self.metadata.every = options.every
    self.metadata.recordedLayers = recorded
    self.metadata.layerShapes = recorded.map {
      [network.layers[$0].weights.rows, network.layers[$0].weights.columns]
    }
    self.metadata.precision = options.precision.rawValue
    if let dir = options.streamingDirectory {
      do {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      } catch {
        throw DownhillError.io("cannot create history folder \(dir.path)")
      }
    }
    for l in recorded {
      let shape = [network.layers[l].weights.rows, network.layers[l].weights.columns]
      let dir = options.streamingDirectory
      weights[l] = try HistoryStore(
        element: options.precision.element, recordShape: shape,
        streamingTo: dir?.appendingPathComponent(History.fileName(layer: l, kind: "weights")))
      gradients[l] = try HistoryStore(
        element: options.precision.element, recordShape: shape,
        streamingTo: dir?.appendingPathComponent(History.fileName(layer: l, kind: "gradients")))
      flips[l] = try HistoryStore(
        element: .int32, recordShape: shape,
        streamingTo: dir?.appendingPathComponent(History.fileName(layer: l, kind: "flips")))
    }
    var recording: [Recording] = []
    for l in recorded {
      recording.append(
        Recording(
          offset: offsets[l], weights: weights[l]!, gradients: gradients[l]!, flips: flips[l]!))
    }
    self.recording = recording
    if let expectedSteps, expectedSteps > 0 {
      let records = (expectedSteps + options.every - 1) / options.every
      let needed = records * bytesPerRecord
      if let budget = options.memoryBudget, options.streamingDirectory == nil, needed > budget {
        throw DownhillError.invalidArgument(
          "recording \(records) steps needs \(needed / 1_000_000) MB, over the \(budget / 1_000_000) MB history budget: stream it to disk, record less often or use float32"
        )
      }
      steps.reserveCapacity(records)
      losses.reserveCapacity(records)
      learningRates.reserveCapacity(records)
      for l in recorded {
        weights[l]!.reserve(records: records)
        gradients[l]!.reserve(records: records)
        flips[l]!.reserve(records: records)
      }
    }
  }

  /// The in-memory bytes one recorded step takes (what `every` divides).
  public var bytesPerRecord: Int {
    metadata.recordedLayers.reduce(24) {
      $0 + weights[$1]!.bytesPerRecord + gradients[$1]!.bytesPerRecord
        + flips[$1]!.bytesPerRecord
    }
  }

  static func fileName(layer: Int, kind: String) -> String { "layer\(layer)_\(kind).npy" }

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
    precondition(after.count == previous.count, "parameter count changed during training")
    let record = step % every == 0
    if record {
      steps.append(step)
      losses.append(loss)
      learningRates.append(learningRate)
      previous.withUnsafeBufferPointer { before in
        gradient.withUnsafeBufferPointer { g in
          for r in recording {
            r.weights.append(before.baseAddress! + r.offset)
            r.gradients.append(g.baseAddress! + r.offset)
          }
        }
      }
    }
    previous.withUnsafeMutableBufferPointer { before in
      after.withUnsafeBufferPointer { now in
        gradient.withUnsafeBufferPointer { g in
          flipCounts.withUnsafeMutableBufferPointer { counts in
            lastUp.withUnsafeMutableBufferPointer { last in
              for i in 0..<now.count {
                // A step too small to move the weight (or a zero gradient) still has the
                // descent direction -g: numpy's `update > 0` sees it before it is absorbed.
                let moved = now[i] - before[i]
                let up = moved != 0 ? moved > 0 : g[i] < 0
                if observedSteps > 0 && up != last[i] { counts[i] += 1 }
                last[i] = up
                before[i] = now[i]
              }
            }
          }
        }
      }
    }
    observedSteps += 1
    guard record else { return }
    for r in recording { r.flips.append(flipCounts[r.offset..<(r.offset + r.weights.width)]) }
  }

  /// Ends the run: stamps wall time and the number of records.
  public func finish() {
    metadata.wallTimeSeconds = Date().timeIntervalSince(startTime)
    metadata.recordedSteps = steps.count
  }

  // MARK: Queries

  private func store(_ stores: [Int: HistoryStore], layer: Int) throws -> HistoryStore {
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
      values: flipCounts[start..<(start + s.width)].map(Double.init))
  }

  /// The L2 norm of `layer`'s gradient at every recorded step (vanishing gradients show here).
  public func gradientNorms(layer: Int) throws -> [Double] {
    let s = try store(gradients, layer: layer)
    return (0..<s.count).map { r in s.record(r).reduce(0) { $0 + $1 * $1 }.squareRoot() }
  }

  /// The recorded layers' weights, flattened in layer order, at training step `step`.
  public func parameters(atStep step: Int) throws -> [Double] {
    guard let r = steps.firstIndex(of: step) else {
      throw DownhillError.invalidArgument(
        "step \(step) was not recorded (every \(metadata.every) steps, 0…\(steps.last ?? 0))")
    }
    return metadata.recordedLayers.flatMap { weights[$0]!.record(r) }
  }

  /// The weights of `layer` at training step `step`.
  public func weights(layer: Int, step: Int) throws -> Matrix {
    let s = try store(weights, layer: layer)
    guard let r = steps.firstIndex(of: step) else {
      throw DownhillError.invalidArgument("step \(step) was not recorded")
    }
    return Matrix(rows: s.recordShape[0], columns: s.recordShape[1], values: s.record(r))
  }

  /// (step, loss) at every recorded step.
  public var lossSeries: [(step: Int, loss: Double)] {
    zip(steps, losses).map { ($0, $1) }
  }

  // MARK: Saving and loading

  /// Writes `meta.json`, `loss.csv` and one NPY file per recorded layer and kind.
  public func save(to directory: URL) throws {
    if metadata.recordedSteps != steps.count { finish() }
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch { throw DownhillError.io("cannot create \(directory.path)") }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
      try FileOutput.write(
        [encoder.encode(metadata)], to: directory.appendingPathComponent("meta.json"))
      var csv = "step,loss,learning_rate\n"
      csv.reserveCapacity(steps.count * 40)
      // The learning rate rarely changes: format it once per change, not once per line.
      var rate = Double.nan
      var rateText = ""
      for i in steps.indices {
        if learningRates[i].bitPattern != rate.bitPattern {
          rate = learningRates[i]
          rateText = "\(rate)"
        }
        csv += "\(steps[i]),\(losses[i]),\(rateText)\n"
      }
      try FileOutput.write([Data(csv.utf8)], to: directory.appendingPathComponent("loss.csv"))
    } catch { throw DownhillError.io("cannot write history to \(directory.path): \(error)") }
    for l in metadata.recordedLayers {
      try weights[l]!.save(
        to: directory.appendingPathComponent(History.fileName(layer: l, kind: "weights")))
      try gradients[l]!.save(
        to: directory.appendingPathComponent(History.fileName(layer: l, kind: "gradients")))
      try flips[l]!.save(
        to: directory.appendingPathComponent(History.fileName(layer: l, kind: "flips")))
    }
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
    flipCounts = []
    lastUp = []
    previous = []
    recording = []

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
      steps.append(s)
      losses.append(l)
      learningRates.append(r)
    }
    guard steps.count == meta.recordedSteps else {
      throw DownhillError.corruptFile(
        path: lossURL.path,
        reason: "has \(steps.count) rows but meta.json records \(meta.recordedSteps) steps")
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
    for s in weights.values { s.close() }
    for s in gradients.values { s.close() }
    for s in flips.values { s.close() }
  }
}
