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
}

extension Network {
  /// Trains on `dataset` with any optimizer on the flattened parameters.
  ///
  /// Mini-batches follow numpy's idiom: each epoch draws `permutation(examples)` from `generator`
  /// and takes consecutive slices of it; a last short slice is used as is.
  /// - Returns: the final loss on the last batch.
  @discardableResult
  public mutating func train(
    on dataset: Dataset, optimizer: inout any Optimizer, options: TrainingOptions,
    generator: inout SeededGenerator, history: History? = nil,
    learningRate: Double = .nan, progress: ((StepReport) -> Void)? = nil
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
    var order: [Int] = []
    var cursor = n
    var lastLoss = Double.nan
    var parameters = self.parameters
    var gradient = [Double](repeating: 0, count: parameters.count)
    if let sgd = optimizer as? SGD { history?.expectDescent(learningRate: sgd.learningRate) }
    let end = options.firstStep + options.iterations
    let lastStep = end - 1
    // Plain gradient descent on a full batch runs in C (TrainingWorkspace.descend) from one step
    // this loop must see to the next: the first (it loads the batch) and each reported one. A
    // history in memory observes every step here instead.
    let inC = fullBatch && !parameters.isEmpty && (history?.takesRingRecords ?? true)
    let descentRate = inC ? (optimizer as? SGD)?.learningRate : nil
    var step = options.firstStep
    while step < end {
      defer { step += 1 }
      if let rate = descentRate, step > options.firstStep {
        var next = end
        if let every = options.reportEvery, progress != nil {
          next = min((step + every - 1) / every * every, next)
          if options.reportLastStep { next = min(next, lastStep) }
        }
        let ran = descend(
          from: step, to: next, rate: rate, workspace: workspace, parameters: &parameters,
          gradient: &gradient, history: history, learningRate: learningRate)
        if ran.steps > 0 {
          lastLoss = ran.loss
          step += ran.steps - 1
          continue
        }
      }
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
          StepReport(step: step, loss: loss, meanAbsoluteError: workspace.meanAbsoluteError()))
      }
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
    history?.finish()
    return lastLoss
  }

  /// Steps `from..<to` of plain gradient descent in C, as far as the history lets them run
  /// there: without one, all at once; streamed every step through the ring, in runs written
  /// straight into its slots; otherwise none (each step is observed). Returns how many steps
  /// ran and the last one's loss.
  private func descend(
    from: Int, to: Int, rate: Double, workspace: TrainingWorkspace, parameters: inout [Double],
    gradient: inout [Double], history: History?, learningRate: Double
  ) -> (steps: Int, loss: Double) {
    var step = from
    var loss = Double.nan
    parameters.withUnsafeMutableBufferPointer { p in
      gradient.withUnsafeMutableBufferPointer { g in
        while step < to {
          var records: (slots: UnsafeMutableRawPointer, bytes: Int, firstStep: Int, rate: Double)?
          var run = to - step
          if let history {
            guard let slots = history.ringSlots(upTo: min(run, History.ringRun)) else { return }
            records = (slots.start, slots.recordBytes, step, learningRate)
            run = slots.count
          }
          loss = workspace.descend(
            parameters: p.baseAddress!, gradient: g.baseAddress!, count: p.count, rate: rate,
            steps: run, records: records)
          history?.commitRingSlots(run)
          step += run
        }
      }
    }
    return (step - from, loss)
  }

  /// The fraction of rows whose largest output is at the target's largest entry, computed 1,024
  /// rows at a time so that scoring 60,000 MNIST images does not need gigabytes.
  public func accuracy(on dataset: Dataset) throws -> Double {
    try check(targets: dataset.targets, examples: dataset.inputs.rows)
    let n = dataset.inputs.rows
    guard n > 0 else { return 0 }
    var correct = 0
    var start = 0
    while start < n {
      let rows = start..<min(start + 1024, n)
      let output = try predict(dataset.inputs.selectingRows(rows))
      for (r, row) in rows.enumerated()
      where Network.argmax(output, row: r) == Network.argmax(dataset.targets, row: row) {
        correct += 1
      }
      start = rows.upperBound
    }
    return Double(correct) / Double(n)
  }

  static func argmax(_ m: Matrix, row: Int) -> Int {
    var best = 0
    for c in 1..<max(m.columns, 1) where m[row, c] > m[row, best] { best = c }
    return best
  }
}
