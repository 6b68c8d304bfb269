import Foundation

/// Everything about a run that is not a number per step: `meta.json` of a history folder.
public struct RunMetadata: Codable, Sendable, Equatable {
  /// The `meta.json` format this version writes. Version 1 (before loss.csv held every step)
  /// is read too.
  public static let currentFormatVersion = 2
  static let readableFormatVersions = 1...2
  /// The history folder format (loading refuses other versions).
  public var formatVersion = RunMetadata.currentFormatVersion
  // The run: network, cost, optimizer and data, as given.
  public var layerSizes: [Int]
  public var activations: [Activation]
  public var bias: BiasMode
  public var cost: Cost
  public var seed: UInt32?
  public var optimizer: String
  /// The optimizer's settings, and the run's iterations and batch size.
  public var hyperParameters: [String: Double]
  public var dataset: String
  /// Where the data came from, when it can be loaded again (nil for data built in memory).
  public var datasetSource: DatasetSource?
  public var examples: Int
  public var batchSize: Int?
  // What was recorded, and how.
  /// Every k-th step was recorded.
  public var every: Int
  /// The layers whose weights, gradients and flips were recorded.
  public var recordedLayers: [Int]
  /// Each recorded layer's weight shape (rows, columns).
  public var layerShapes: [[Int]]
  public var precision: HistoryOptions.Precision
  /// Records in each array.
  public var recordedSteps: Int = 0
  /// Steps observed: rows of loss.csv (version 1 logged only the recorded steps).
  public var loggedSteps: Int? = 0
  /// Training time, from the history's creation to the end of the run.
  public var wallTimeSeconds: Double = 0

  /// The record of a run of `network` under `optimizer` on `dataset`, recorded as `options` say.
  public init(
    network: Network, optimizer: some Optimizer, dataset: Dataset, training: TrainingOptions,
    seed: UInt32?, options: HistoryOptions
  ) {
    layerSizes = network.sizes
    activations = network.layers.map(\.activation)
    bias = network.bias
    cost = network.cost
    self.seed = seed
    self.optimizer = optimizer.name
    var settings = optimizer.hyperParameters
    settings["iterations"] = Double(training.iterations)
    if let batchSize = training.batchSize { settings["batchSize"] = Double(batchSize) }
    hyperParameters = settings
    self.dataset = dataset.name
    datasetSource =
      dataset.source
      ?? Dataset.builtIn(named: dataset.name).flatMap {
        $0.inputs == dataset.inputs && $0.targets == dataset.targets ? $0.source : nil
      }
    examples = dataset.inputs.rows
    batchSize = training.batchSize
    every = options.every
    recordedLayers = options.layers ?? Array(network.layers.indices)
    layerShapes = recordedLayers.map {
      network.layers.indices.contains($0)
        ? [network.layers[$0].weights.rows, network.layers[$0].weights.columns] : []
    }
    precision = options.precision
  }

  /// Checks what a loaded `meta.json` (at `path`) says against itself.
  func validate(path: String) throws {
    func fail(_ reason: String) -> DownhillError { .corruptFile(path: path, reason: reason) }
    guard every >= 1 else { throw fail("every must be ≥ 1, got \(every)") }
    guard recordedSteps >= 0, (loggedSteps ?? 0) >= 0 else {
      throw fail("recordedSteps and loggedSteps must be ≥ 0")
    }
    guard layerShapes.count == recordedLayers.count,
      layerShapes.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0 >= 0 } })
    else { throw fail("layer shapes do not match recorded layers") }
    guard Set(recordedLayers).count == recordedLayers.count else {
      throw fail("recordedLayers lists a layer twice")
    }
  }
}

extension Activation: Codable {
  /// As its name (`sigmoid`, `sigmoid:0.01`, `leaky-relu:0.1`), which `init(name:)` reads back.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(name)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    try self.init(name: try container.decode(String.self))
  }
}

extension Cost: Codable {}

/// A run's test-set metrics at the end of one epoch (epochs.csv of a history folder).
public struct EpochMetrics: Sendable, Equatable {
  public var epoch: Int
  /// The last step of the epoch.
  public var step: Int
  public var testLoss: Double
  /// The fraction of test examples classified right (nil for a single-output network).
  public var testAccuracy: Double?

  public init(epoch: Int, step: Int, testLoss: Double, testAccuracy: Double?) {
    self.epoch = epoch
    self.step = step
    self.testLoss = testLoss
    self.testAccuracy = testAccuracy
  }
}

extension RunMetadata {
  /// Every layer's weight shape (rows, the bias row included when folded; columns), in the
  /// order of the flat parameter vector: the one statement of the network's layout.
  var weightShapes: [(rows: Int, columns: Int)] {
    zip(layerSizes, layerSizes.dropFirst()).map { ($0 + (bias == .folded ? 1 : 0), $1) }
  }

  /// The number of parameters of the whole network.
  var parameterCount: Int { weightShapes.reduce(0) { $0 + $1.rows * $1.columns } }

  /// Where `layer`'s weights start in the flat parameter vector.
  func parameterOffset(layer: Int) -> Int? {
    guard weightShapes.indices.contains(layer) else { return nil }
    return weightShapes[..<layer].reduce(0) { $0 + $1.rows * $1.columns }
  }

  /// The run's network with these parameters (layer by layer, as `Network.parameters`).
  public func network(parameters: [Double]) throws -> Network {
    guard activations.count == layerSizes.count - 1 else {
      throw DownhillError.invalidArgument(
        "meta.json lists \(activations.count) activations for \(layerSizes.count - 1) layers")
    }
    guard parameters.count == parameterCount else {
      throw DownhillError.shapeMismatch(
        "\(parameters.count) parameters do not fit layers \(layerSizes) with \(bias.rawValue) bias")
    }
    var offset = 0
    let layers = zip(weightShapes, activations).map { shape, activation in
      defer { offset += shape.rows * shape.columns }
      let weights = Matrix(
        rows: shape.rows, columns: shape.columns,
        values: Array(parameters[offset..<(offset + shape.rows * shape.columns)]))
      return DenseLayer(weights: weights, activation: activation, foldedBias: bias == .folded)
    }
    return Network(layers: layers, bias: bias, cost: cost)
  }
}
