import ArgumentParser
import Downhill
import Foundation

/// `downhill tutorial NAME`: runs a ported tutorial and prints what its Python printed.
struct TutorialCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tutorial",
    abstract: "Run a ported tutorial program and print exactly what the Python version printed.",
    discussion: """
      Examples:
        downhill tutorial --list
        downhill tutorial t2
        downhill tutorial t4 --hidden 32 --alpha 10
        downhill tutorial t4 --hidden 4 --alpha 1 --history runs/t4-alpha1
        downhill tutorial t3 --seed 7
      """)

  @Argument(
    help: "The tutorial to run (see --list).",
    completion: .list(Tutorials.catalogue.map(\.name)))
  var name: String?

  @Flag(help: "List the tutorials.")
  var list = false

  @Option(help: "Hidden units for t4 / t4-flips, 1…\(TrainCommand.maxLayerSize).")
  var hidden: Int?

  @Option(
    parsing: .unconditional,
    help: "Only this learning rate for t4 / t4-flips (default: the whole sweep).")
  var alpha: Double?

  @Option(help: "Iterations for t4 / t4-flips, 1…\(TrainCommand.maxUpdates) (default 60000).")
  var iterations: Int?

  @Option(help: "Seed for t3, t4-13line and t5 (the originals are unseeded or seed 1).")
  var seed: UInt32?

  @Option(help: "t4 only: record the full history of each run into this folder (one per α).")
  var history: String?

  @Option(
    help: "History storage precision with --history: float64 or float32.",
    completion: .list(["float64", "float32"]))
  var historyPrecision: String = "float64"

  func validate() throws {
    // The ranges `train` has, for the same reasons.
    for (name, value, range) in [
      ("iterations", iterations, 1...TrainCommand.maxUpdates),
      ("hidden", hidden, 1...TrainCommand.maxLayerSize),
    ] {
      if let value, !range.contains(value) {
        throw ValidationError(
          "--\(name) must be \(range.lowerBound)…\(range.upperBound), got \(value): give a number in that range"
        )
      }
    }
  }

  func run() throws {
    do {
      print(try output(), terminator: "")
    } catch DownhillError.invalidArgument(let message) {
      throw ValidationError(message)
    } catch let error as DownhillError {
      throw CLIError(error.description)
    }
  }

  func output() throws -> String {
    if list {
      return Tutorials.catalogue.map {
        $0.name + String(repeating: " ", count: max(12 - $0.name.count, 0)) + " \($0.summary)"
      }
      .joined(separator: "\n") + "\n"
    }
    guard let name else {
      throw ValidationError("give a tutorial name (see 'downhill tutorial --list')")
    }
    let alphas = alpha.map { [$0] } ?? Tutorials.t4Alphas
    switch name.lowercased() {
    case "t3": return Tutorials.t3(seed: seed ?? 1)
    case "t4", "t4-32":
      guard let precision = HistoryOptions.Precision(rawValue: historyPrecision.lowercased())
      else {
        throw ValidationError(
          "unknown --history-precision '\(historyPrecision)' (float32, float64)")
      }
      // One run streams its history to disk as it trains instead of holding 21 MB to write at
      // the end; a sweep's runs each save their own.
      let options = history.map {
        HistoryOptions(
          every: 1, precision: precision,
          streamingDirectory: alphas.count == 1 ? URL(fileURLWithPath: $0) : nil)
      }
      var saveError: Error?
      let text = try Tutorials.t4(
        hidden: hidden ?? (name == "t4-32" ? 32 : 4), iterations: iterations ?? 60000,
        alphas: alphas, history: options
      ) { a, recorded in
        guard let history else { return }
        let folder = alphas.count == 1 ? history : "\(history)/alpha-\(a)"
        do { try recorded.save(to: URL(fileURLWithPath: folder)) } catch { saveError = error }
      }
      if let saveError { throw saveError }
      return text
    case "t4-flips":
      return try Tutorials.t4Flips(
        hidden: hidden ?? 4, iterations: iterations ?? 60000, alphas: alphas)
    case "t4-13line": return Tutorials.t4ThirteenLine(seed: seed ?? 1)
    case "t5": return try Tutorials.t5(seed: seed ?? 1)
    default:
      guard let entry = Tutorials.entry(named: name) else {
        throw ValidationError(
          "unknown tutorial '\(name)' (known: \(Tutorials.catalogue.map(\.name).joined(separator: ", ")))"
        )
      }
      return try entry.run()
    }
  }
}
