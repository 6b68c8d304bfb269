import Foundation

/// Everything about a run that is not a number per step: `meta.json` of a history folder.
public struct RunMetadata: Codable, Sendable, Equatable {
  /// The `meta.json` format this version writes and reads.
  public static let currentFormatVersion = 1
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
  /// Records in each array (rows of loss.csv).
  public var recordedSteps: Int = 0
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

  /// Checks what a loaded `meta.json` says against itself; the message names the problem.
  func validate() throws {
    func fail(_ reason: String) -> DownhillError {
      .corruptFile(path: "meta.json", reason: reason)
    }
    guard every >= 1 else { throw fail("every must be ≥ 1, got \(every)") }
    guard recordedSteps >= 0 else { throw fail("recordedSteps must be ≥ 0") }
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
