import Foundation

/// Everything `downhill train` needs, so the command stays a thin parser.
public struct TrainingRun: Sendable {
  public var dataset: Dataset
  public var testSet: Dataset?
  public var sizes: [Int]
  public var bias: BiasMode
  public var activations: [Activation]
  public var cost: Cost
  public var optimizerName: String
  public var learningRate: Double
  public var iterations: Int
  public var batchSize: Int?
  public var seed: UInt32
  public var initialization: Initialization
  public var reportEvery: Int?
  /// Also report the last step, whatever `reportEvery` says.
  public var reportLastStep = false
  public var history: HistoryOptions?

  public init(
    dataset: Dataset, testSet: Dataset? = nil, sizes: [Int], bias: BiasMode,
    activations: [Activation], cost: Cost, optimizerName: String, learningRate: Double,
    iterations: Int, batchSize: Int?, seed: UInt32, initialization: Initialization,
    reportEvery: Int?, history: HistoryOptions?
  ) {
    self.dataset = dataset
    self.testSet = testSet
    self.sizes = sizes
    self.bias = bias
    self.activations = activations
    self.cost = cost
    self.optimizerName = optimizerName
    self.learningRate = learningRate
    self.iterations = iterations
    self.batchSize = batchSize
    self.seed = seed
    self.initialization = initialization
    self.reportEvery = reportEvery
    self.history = history
  }

  /// The result of a run.
  public struct Outcome {
    public var network: Network
    public var finalLoss: Double
    public var history: History?
    public var trainAccuracy: Double?
    public var testAccuracy: Double?
    public var seconds: Double
  }

  /// Builds the network, validates it against the data, trains, and records.
  public func run(progress: ((StepReport) -> Void)? = nil) throws -> Outcome {
    guard learningRate.isFinite, learningRate > 0 else {
      throw DownhillError.invalidArgument("the learning rate must be a positive number")
    }
    try Network.checkShapes(
      sizes: sizes, bias: bias, columns: dataset.inputs.columns, targets: dataset.targets.columns)
    var generator = SeededGenerator(seed: seed)
    var network = try Network(
      sizes: sizes, activations: activations, bias: bias, cost: cost,
      initialization: initialization, generator: &generator)
    // Validate shapes before anything long starts.
    let inputs = try network.prepare(inputs: dataset.inputs)
    try network.check(targets: dataset.targets, examples: inputs.rows)
    var optimizer = try OptimizerNames.make(optimizerName, learningRate: learningRate)
    let training = TrainingOptions(
      iterations: iterations, batchSize: batchSize, reportEvery: reportEvery,
      reportLastStep: reportLastStep)
    let recorder = try history.map {
      try History(
        network: network, optimizer: optimizer, dataset: dataset, training: training, seed: seed,
        options: $0)
    }
    let start = Date()
    var loss = Double.nan
    if let testSet, let batchSize, iterations > 0 {
      // Epoch by epoch, scoring the test set after each (TensorBoard's per-epoch metrics).
      let perEpoch = (dataset.inputs.rows + batchSize - 1) / batchSize
      let testLoss = try network.lossFunction(inputs: testSet.inputs, targets: testSet.targets)
      var done = 0
      while done < iterations {
        var part = training
        part.iterations = min(perEpoch, iterations - done)
        part.firstStep = done
        loss = try network.train(
          on: dataset, using: &optimizer, options: part, generator: &generator,
          history: recorder, progress: progress)
        done += part.iterations
        recorder?.recordEpoch(
          EpochMetrics(
            epoch: (done + perEpoch - 1) / perEpoch, step: done - 1,
            testLoss: testLoss(network.parameters),
            testAccuracy: testSet.targets.columns > 1 ? try network.accuracy(on: testSet) : nil))
      }
    } else {
      loss = try network.train(
        on: dataset, using: &optimizer, options: training, generator: &generator,
        history: recorder, progress: progress)
    }
    let seconds = Date().timeIntervalSince(start)
    let classes = dataset.hasClasses
    return Outcome(
      network: network, finalLoss: loss, history: recorder,
      trainAccuracy: classes ? try network.accuracy(on: dataset) : nil,
      testAccuracy: try testSet.flatMap { $0.hasClasses ? try network.accuracy(on: $0) : nil },
      seconds: seconds)
  }
}
