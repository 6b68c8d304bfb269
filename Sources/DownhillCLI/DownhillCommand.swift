import ArgumentParser
import Downhill

@main
enum Main {
  static func main() {
    // One OpenBLAS thread unless `train --blas-threads` asks for more; this stops the workers
    // OpenBLAS started at load before they spin through the command.
    BLAS.setThreads(1)
    DownhillCommand.main()
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
        downhill train --problem xor --layers 3,4,1 --alpha 1 --iterations 60000
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
