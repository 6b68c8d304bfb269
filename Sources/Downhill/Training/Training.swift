import Foundation

/// How long and on what batches to train.
public struct TrainingOptions: Sendable {
  /// Number of parameter updates.
  public var iterations: Int
  /// Examples per update; nil trains on the full batch every step.
  public var batchSize: Int?
  /// Call the progress callback every this many steps (and at step 0).
  public var reportEvery: Int?
  /// The number of the first step, so a run continued in several calls (one per epoch) numbers
  /// its steps and history records on from where it stopped.
  public var firstStep: Int
  /// Also report the last step (the tutorials print the final error).
  public var reportLastStep: Bool

  public init(
    iterations: Int, batchSize: Int? = nil, reportEvery: Int? = nil, firstStep: Int = 0,
    reportLastStep: Bool = false
  ) {
    self.iterations = iterations
    self.batchSize = batchSize
    self.reportEvery = reportEvery
    self.firstStep = firstStep
    self.reportLastStep = reportLastStep
  }
}

/// What the trainer tells its progress callback.
public struct StepReport: Sendable {
  public var step: Int
  public var loss: Double
  /// mean |output − target| over the batch, the tutorials' printed "Error".
  public var meanAbsoluteError: Double
  /// The fraction of the batch classified right (see `Network.accuracy(on:)`), or nil when the
  /// targets are not classes.
  public var accuracy: Double? = nil
}

extension Network {
  /// Trains on `dataset` with any optimizer on the flattened parameters, on the full batch at
  /// every step (`options.batchSize` must be nil: mini-batches need a `generator`).
  /// - Returns: the final loss.
  @discardableResult
  public mutating func train(
    on dataset: Dataset, using optimizer: inout some Optimizer, options: TrainingOptions,
    history: History? = nil, progress: ((StepReport) -> Void)? = nil
  ) throws -> Double {
    guard options.batchSize == nil else {
      throw DownhillError.invalidArgument(
        "mini-batches are drawn at random: pass a generator to train with a batch size")
    }
    var unused = SeededGenerator(seed: 0)
    return try train(
      on: dataset, using: &optimizer, options: options, generator: &unused, history: history,
      progress: progress)
  }

  /// Trains on `dataset` with any optimizer on the flattened parameters.
  ///
  /// Mini-batches follow numpy's idiom: each epoch draws `permutation(examples)` from `generator`
  /// and takes consecutive slices of it; a last short slice is used as is. Each step is handed
  /// to `history` (if any) after the update, whatever the optimizer.
  /// - Returns: the final loss on the last batch.
  @discardableResult
  public mutating func train(
    on dataset: Dataset, using optimizer: inout some Optimizer, options: TrainingOptions,
    generator: inout SeededGenerator, history: History? = nil,
    progress: ((StepReport) -> Void)? = nil
  ) throws -> Double {
    let inputs = try prepare(inputs: dataset.inputs)
    try check(targets: dataset.targets, examples: inputs.rows)
    guard options.iterations >= 0 else {
      throw DownhillError.invalidArgument("iterations must be ≥ 0")
    }
    if let b = options.batchSize, b <= 0 {
      throw DownhillError.invalidArgument("batch size must be positive, got \(b)")
    }
    let n = inputs.rows
    guard n > 0 else {
      throw DownhillError.invalidArgument("the dataset '\(dataset.name)' is empty")
    }
    let batch = min(options.batchSize ?? n, n)
    let fullBatch = options.batchSize == nil
    let workspace = TrainingWorkspace(network: self, capacity: batch)
    // For optimizers that probe other points (L-BFGS, annealing): the reference path on a copy.
    let snapshot = self
    let targets = dataset.targets
    let classes = dataset.hasClasses
    var order: [Int] = []
    var cursor = n
    var lastLoss = Double.nan
    var parameters = self.parameters
    var gradient = [Double](repeating: 0, count: parameters.count)
    let end = options.firstStep + options.iterations
    let lastStep = end - 1
    for step in options.firstStep..<end {
      var indices: ArraySlice<Int>? = nil
      if !fullBatch {
        if cursor >= n {
          order = generator.permutation(n)
          cursor = 0
        }
        indices = order[cursor..<min(cursor + batch, n)]
        cursor += batch
      }
      // A full batch stays loaded: the workspace never writes its input and target buffers.
      if !fullBatch || step == options.firstStep {
        workspace.load(inputs: inputs, targets: targets, indices: indices)
      }
      let loss = parameters.withUnsafeBufferPointer { p in
        gradient.withUnsafeMutableBufferPointer { g in
          workspace.pass(parameters: p.baseAddress!, gradient: g.baseAddress!)
        }
      }
      lastLoss = loss
      if let every = options.reportEvery, let progress,
        step % every == 0 || (options.reportLastStep && step == lastStep)
      {
        progress(
          StepReport(
            step: step, loss: loss, meanAbsoluteError: workspace.meanAbsoluteError(),
            accuracy: classes ? workspace.accuracy() : nil))
      }
      let learningRate = optimizer.learningRate
      let batchIndices = indices.map(Array.init)
      optimizer.step(&parameters, value: loss, gradient: gradient) { probe in
        var network = snapshot
        network.parameters = probe
        let x = batchIndices.map { inputs.selectingRows($0) } ?? inputs
        let y = batchIndices.map { targets.selectingRows($0) } ?? targets
        let e = network.evaluate(inputs: x, targets: y)
        return (e.loss, e.gradient)
      }
      history?.observe(
        step: step, loss: loss, learningRate: learningRate, parameters: parameters,
        gradient: gradient)
    }
    self.parameters = parameters
    history?.finish(parameters: parameters)
    return lastLoss
  }

  /// The fraction of rows classified right: the largest output at the target's largest entry
  /// (one-hot targets), or with one output, the output on the same side of 0.5 as its 0 or 1
  /// target. Computed 1,024 rows at a time so that scoring 60,000 MNIST images does not need
  /// gigabytes. Meaningful when `dataset.hasClasses`.
  public func accuracy(on dataset: Dataset) throws -> Double {
    try check(targets: dataset.targets, examples: dataset.inputs.rows)
    let n = dataset.inputs.rows
    guard n > 0 else { return 0 }
    let columns = dataset.targets.columns
    var correct = 0
    var start = 0
    while start < n {
      let rows = start..<min(start + 1024, n)
      let output = try predict(dataset.inputs.selectingRows(rows))
      for (r, row) in rows.enumerated()
      where Network.classifiedRight(
        columns: columns, output: { output[r, $0] }, target: { dataset.targets[row, $0] })
      {
        correct += 1
      }
      start = rows.upperBound
    }
    return Double(correct) / Double(n)
  }

  /// Whether one example is classified right (see `accuracy(on:)`): the one rule of the final
  /// accuracy and of the per-batch accuracy that progress shows.
  static func classifiedRight(
    columns: Int, output: (Int) -> Double, target: (Int) -> Double
  ) -> Bool {
    if columns == 1 { return (output(0) >= 0.5) == (target(0) >= 0.5) }
    func argmax(_ value: (Int) -> Double) -> Int {
      var best = 0
      for c in 1..<max(columns, 1) where value(c) > value(best) { best = c }
      return best
    }
    return argmax(output) == argmax(target)
  }
}
