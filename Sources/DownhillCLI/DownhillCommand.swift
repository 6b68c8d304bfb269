import ArgumentParser
import Downhill
import Foundation

@main
enum Main {
  static func main() {
    // One OpenBLAS thread unless `train --blas-threads` asks for more; this stops the workers
    // OpenBLAS started at load before they spin through the command.
    BLAS.setThreads(1)
    // DownhillCommand.main(), except that a usage error found while running (a value only the
    // library can judge) shows the subcommand's usage, as one found while parsing does, rather
    // than the top-level one.
    var command: ParsableCommand
    do { command = try DownhillCommand.parseAsRoot() } catch {
      DownhillCommand.exit(withError: error)
    }
    do {
      try command.run()
    } catch let error as ValidationError {
      let usage = DownhillCommand.usageString(for: type(of: command))
      let name = path(to: type(of: command)).joined(separator: " ")
      FileHandle.standardError.write(
        Data(
          "Error: \(TerminalText.escaped(error.message))\nUsage: \(usage)\n  See '\(name) --help' for more information.\n"
            .utf8))
      DownhillCommand.exit(withError: ExitCode.validationFailure)
    } catch {
      // ArgumentParser's own (help, exit codes) as they are; ours, one line each, with
      // whatever they quote from the user's files escaped.
      let fromArgumentParser = String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
      DownhillCommand.exit(
        withError: fromArgumentParser ? error : CLIError(TerminalText.escaped("\(error)")))
    }
  }

  /// The command names from `root` down to `target`: ["downhill", "landscape", "compute"].
  static func path(
    to target: ParsableCommand.Type, from root: ParsableCommand.Type = DownhillCommand.self
  ) -> [String] {
    let name = root.configuration.commandName ?? "\(root)".lowercased()
    if ObjectIdentifier(root) == ObjectIdentifier(target) { return [name] }
    for sub in root.configuration.subcommands {
      let below = path(to: target, from: sub)
      if !below.isEmpty { return [name] + below }
    }
    return []
  }
}

/// The `downhill` command: thin wrappers over the Downhill libraries.
struct DownhillCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "downhill",
    abstract: "Train small networks, record their full history, and draw it.",
    discussion: """
      Examples:
        downhill figures
        downhill plot figures/data/xor-loss.csv --out loss.png --logy
        downhill train --problem xor --layers 2,4,1 --bias folded --history runs/xor
        downhill report runs/xor
        downhill tutorial t4
        downhill descend --function "x^4 - 3*x^3 + 2" --start 4 --step 0.01
      """,
    version: DownhillVersion.string,
    subcommands: [
      FiguresCommand.self, PlotCommand.self, SurfaceCommand.self, ContourCommand.self,
      TrainCommand.self, ReportCommand.self, LandscapeCommand.self, CompareCommand.self,
      TutorialCommand.self,
      DescendCommand.self,
    ]
  )
}
