import ArgumentParser
import AtomicFiles
import Downhill
import DownhillPlot
import Foundation

/// `downhill train`: trains a dense network on a built-in problem, a CSV file or MNIST.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a dense network and optionally record its full history.",
    discussion: """
      Examples:
        downhill train --problem xor --layers 3,4,1 --bias input \\
          --alpha 1 --iterations 60000 --report-every 10000
        downhill train --problem xor --layers 2,8,1 --bias folded \\
          --activation tanh,sigmoid --cost bce --optimizer adam \\
          --alpha 0.05 --history runs/xor
        downhill train --data points.csv --layers 2,16,1 --bias folded
        downhill train --problem mnist --mnist data/mnist \\
          --layers 784,128,10 --bias folded --activation relu,softmax \\
          --cost cce --optimizer adam --alpha 0.001 --batch-size 64 \\
          --epochs 5 --history runs/mnist --history-every 100 \\
          --history-precision float32
      """)

  @Option(
    help: "Built-in problem: xor, and, or, not, t4 (XOR with a bias column), mnist.",
    completion: .list(["xor", "and", "or", "not", "t4", "mnist"]))
  var problem: String?

  @Option(
    help: "A CSV file with a header; the last column is the target.",
    completion: .file(extensions: ["csv"]))
  var data: String?

  @Option(
    help: "Folder with the four MNIST IDX files (plain or .gz), for --problem mnist.",
    completion: .directory)
  var mnist: String?

  @Option(
    help:
      "Layer sizes, input first, e.g. 3,4,1 (each 1…\(TrainCommand.maxLayerSize), at most \(Network.maximumParameters) weights in all)."
  )
  var layers: String = "3,4,1"

  @Option(
    help: "Bias: none, input (a ones column on the data), folded (a bias row per layer).",
    completion: .list(["none", "input", "folded"]))
  var bias: String = "input"

  @Option(
    help:
      "Activation(s), one or one per layer: sigmoid, sigmoid:C, tanh, relu, leaky-relu[:S], softmax, identity.",
    completion: .list(["sigmoid", "tanh", "relu", "leaky-relu", "softmax", "identity"]))
  var activation: String = "sigmoid"

  @Option(
    help: "Cost: mse, half-sse, sse, bce, cce.",
    completion: .list(["mse", "half-sse", "sse", "bce", "cce"]))
  var cost: String = "half-sse"

  @Option(
    help: "Optimizer: \(OptimizerNames.all.joined(separator: ", ")).",
    completion: .list(OptimizerNames.all))
  var optimizer: String = "sgd"

  @Option(parsing: .unconditional, help: "Learning rate.")
  var alpha: Double = 1

  @Option(help: "Number of updates, 1…\(TrainCommand.maxUpdates) (default: 10000).")
  var iterations: Int?

  @Option(
    help:
      "Epochs (with --batch-size): sets the number of updates (at most \(TrainCommand.maxUpdates) in all)."
  )
  var epochs: Int?

  @Option(help: "Examples per update, 1…\(TrainCommand.maxUpdates) (default: the full batch).")
  var batchSize: Int?

  @Option(help: "Random seed for the weights and the mini-batch order.")
  var seed: UInt32 = 1

  @Option(
    help: "Weight initialisation: uniform (2·rand − 1), dnn (rand in T5's shape), he.",
    completion: .list(["uniform", "dnn", "he"]))
  var initialization: String?

  @Option(
    help:
      "Print the cost, mean |error| and accuracy every N updates to standard output, 1…\(TrainCommand.maxUpdates)."
  )
  var reportEvery: Int?

  @Option(
    help: "Save the run's history (meta.json, loss.csv, NPY arrays) to this folder.",
    completion: .directory)
  var history: String?

  @Option(help: "Record every k-th step in the history, 1…\(TrainCommand.maxUpdates).")
  var historyEvery: Int = 1

  @Option(
    help: "History storage precision: float64 or float32.",
    completion: .list(["float64", "float32"]))
  var historyPrecision: String = "float64"

  @Option(
    help:
      "Refuse an in-memory history that would need more than this many MB, 1…\(TrainCommand.maxBudgetMB)."
  )
  var historyBudget: Int = 2000

  @Option(
    help:
      "OpenBLAS threads for the large products (MNIST-sized layers), 1…\(TrainCommand.maxThreads).")
  var blasThreads: Int = 1

  @Flag(help: "Stream the history to its folder while training instead of keeping it in memory.")
  var stream = false

  @Flag(
    name: [.short, .long],
    help: "No progress on standard error: only errors and the final result.")
  var quiet = false

  @Flag(name: [.short, .long], help: "Also say what is trained on what before it starts.")
  var verbose = false

  /// The ranges of the numeric options (said in --help): far beyond any real run, small enough
  /// that nothing formed from them overflows.
  static let maxUpdates = 10_000_000_000
  static let maxLayerSize = Network.maximumParameters
  static let maxBudgetMB = 1_000_000_000
  static let maxThreads = 1024

  private func check(_ value: Int?, _ name: String, _ range: ClosedRange<Int>) throws {
    if let value, !range.contains(value) {
      throw ValidationError(
        "--\(name) must be \(range.lowerBound)…\(range.upperBound), got \(value): give a number in that range"
      )
    }
  }

  func validate() throws {
    if problem == nil && data == nil {
      throw ValidationError("give --problem NAME or --data FILE.csv")
    }
    if problem != nil && data != nil {
      throw ValidationError("give either --problem or --data, not both")
    }
    if iterations == 0 || epochs == 0 {
      throw ValidationError(
        "--\(iterations == 0 ? "iterations" : "epochs") 0 would train nothing: give 1 or more")
    }
    try check(iterations, "iterations", 1...Self.maxUpdates)
    try check(epochs, "epochs", 1...Self.maxUpdates)
    try check(batchSize, "batch-size", 1...Self.maxUpdates)
    try check(reportEvery, "report-every", 1...Self.maxUpdates)
    try check(historyEvery, "history-every", 1...Self.maxUpdates)
    try check(historyBudget, "history-budget", 1...Self.maxBudgetMB)
    try check(blasThreads, "blas-threads", 1...Self.maxThreads)
    if quiet && verbose { throw ValidationError("give --quiet or --verbose, not both") }
    if stream && history == nil { throw ValidationError("--stream needs --history DIR") }
    if history?.isEmpty == true { throw ValidationError("--history needs a folder name") }
  }

  func run() throws {
    BLAS.ensureOptimizedKernels()
    BLAS.setThreads(blasThreads)
    do {
      try train()
    } catch DownhillError.invalidArgument(let message), DownhillError.shapeMismatch(let message) {
      throw ValidationError(message)  // a value the library refuses: --alpha, --cost, --layers…
    } catch let error as DownhillError {
      throw CLIError(error.description)
    } catch let error as ValidationError {
      throw error
    } catch let error as CLIError {
      throw error
    } catch {
      throw CLIError("\(error)")
    }
  }

  private func loadData() throws -> (Dataset, Dataset?) {
    if let data {
      do { return (try Dataset.csv(url: URL(fileURLWithPath: data)), nil) } catch {
        throw CLIError("\(data): \(error)")
      }
    }
    let name = problem!.lowercased()
    if name == "mnist" {
      guard let mnist else { throw ValidationError("--problem mnist needs --mnist DIR") }
      let dir = URL(fileURLWithPath: mnist)
      return (
        try Dataset.mnist(directory: dir, split: .train),
        try Dataset.mnist(directory: dir, split: .test)
      )
    }
    guard let dataset = Dataset.builtIn(named: name) else {
      throw ValidationError("unknown problem '\(name)' (xor, and, or, not, t4, mnist)")
    }
    return (dataset, nil)
  }

  private func train() throws {
    let sizes = try layers.split(separator: ",", omittingEmptySubsequences: false).map {
      part -> Int in
      guard let n = Int(part.trimmingSpaces), n > 0, n <= Self.maxLayerSize else {
        throw ValidationError(
          "--layers must be integers 1…\(Self.maxLayerSize) separated by commas, got '\(layers)'")
      }
      return n
    }
    guard let biasMode = BiasMode(rawValue: bias.lowercased()) else {
      throw ValidationError("unknown --bias '\(bias)' (none, input, folded)")
    }
    let activations = try activation.split(separator: ",").map { try Activation(name: String($0)) }
    guard let precision = HistoryOptions.Precision(rawValue: historyPrecision.lowercased()) else {
      throw ValidationError("unknown --history-precision '\(historyPrecision)' (float32, float64)")
    }
    let initMode: Initialization
    if let initialization {
      guard let mode = Initialization(rawValue: initialization.lowercased()) else {
        throw ValidationError("unknown --initialization '\(initialization)' (uniform, dnn, he)")
      }
      initMode = mode
    } else {
      initMode = sizes.max()! > 64 ? .he : .symmetricUniform
    }
    // The history folder is claimed before the data is read and the network trained: a folder
    // that cannot be written, or that another run is writing, is an error now, not after the
    // run. A streamed history claims its folder when recording starts.
    let claimed = try history.flatMap {
      stream ? nil : try AtomicFolder(destination: $0, purpose: "history folder")
    }
    let (dataset, testSet) = try loadData()
    var updates = iterations ?? 10000
    if let epochs {
      let batch = min(batchSize ?? dataset.inputs.rows, max(dataset.inputs.rows, 1))
      let (total, overflow) = epochs.multipliedReportingOverflow(
        by: (dataset.inputs.rows + batch - 1) / batch)
      guard !overflow, total <= Self.maxUpdates else {
        throw CLIError(
          "--epochs \(epochs) makes more than \(Self.maxUpdates) updates: give fewer epochs or a larger --batch-size"
        )
      }
      updates = total
    }
    let historyOptions = history.map {
      HistoryOptions(
        every: historyEvery, precision: precision,
        streamingDirectory: stream ? URL(fileURLWithPath: $0) : nil,
        memoryBudget: historyBudget * 1_000_000)
    }
    let miniBatch = batchSize.map { $0 < dataset.inputs.rows } ?? false
    let perEpoch = (dataset.inputs.rows + (batchSize ?? 1) - 1) / max(batchSize ?? 1, 1)
    let perLine = miniBatch ? perEpoch : reportEvery ?? max(updates / 10, 1)
    var runner = TrainingRun(
      dataset: dataset, testSet: testSet, sizes: sizes, bias: biasMode, activations: activations,
      cost: try Cost(name: cost), optimizerName: optimizer, learningRate: alpha,
      iterations: updates, batchSize: batchSize, seed: seed, initialization: initMode,
      // Mini-batches: every step, for the epoch's means. The last step for the summary.
      reportEvery: miniBatch
        ? 1 : TrainingProgress.tick(perLine: perLine, reportEvery: reportEvery, total: updates),
      history: historyOptions)
    runner.reportLastStep = true
    let display = ProgressLine(quiet: quiet)
    defer { display.finish() }  // before an error's message too
    var progress = TrainingProgress(
      display: display, total: updates, perLine: perLine, epochs: miniBatch)
    if verbose {
      for line in [
        "Training \(sizes.map(String.init).joined(separator: "-")) (\(activation), bias \(biasMode.rawValue), cost \(cost)) with \(optimizer) at α \(alpha)",
        "on \(dataset.name): \(dataset.inputs.rows) examples × \(dataset.inputs.columns) inputs\(testSet.map { ", \($0.inputs.rows) for testing" } ?? "")",
        "\(updates) updates\(miniBatch ? " of \(batchSize!) examples (\(perEpoch) per epoch)" : " on the full batch")",
      ] {
        display.line([line])
      }
    }
    var last: StepReport?
    let outcome = try runner.run { report in
      last = report
      if let reportEvery, report.step % reportEvery == 0 {
        display.aside { print("Step \(report.step): \(measures(report))") }
      }
      progress.record(report)
    }
    display.finish()
    // The last step's numbers: on mini-batches, those of its batch.
    if let last {
      print("Final cost (\(cost)\(miniBatch ? ", last batch" : "")): \(format(last.loss))")
      print(
        "Final mean |error|\(miniBatch ? " (last batch)" : ""): \(format(last.meanAbsoluteError))")
    }
    if let a = outcome.trainAccuracy { print("Training accuracy: \(percent(a))") }
    if let a = outcome.testAccuracy { print("Test accuracy: \(percent(a))") }
    print("Time: \(DecimalText.fixed(max(outcome.seconds, 0), decimals: 3)) s")
    if let history, let recorded = outcome.history {
      if let claimed {
        try recorded.save(into: claimed)
      } else {
        try recorded.save(to: URL(fileURLWithPath: history))
      }
      let steps = recorded.loggedSteps.count
      let records = recorded.steps.count
      print(
        "History: \(history) (\(steps) steps\(records == steps ? "" : ", \(records) recorded"))")
    }
  }

  /// A report line's numbers, named as the summary names them.
  private func measures(_ report: StepReport) -> String {
    "cost \(format(report.loss)), mean |error| \(format(report.meanAbsoluteError))"
      + (report.accuracy.map { ", accuracy \(percent($0))" } ?? "")
  }

  /// Full precision (the shortest representation that round-trips, ≥ 12 significant digits
  /// whenever the value needs them).
  private func format(_ x: Double) -> String { "\(x)" }

  /// An accuracy in percent (97.12 %).
  private func percent(_ x: Double) -> String { "\(DecimalText.fixed(100 * x, decimals: 2)) %" }
}
