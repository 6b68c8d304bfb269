import ArgumentParser
import DownhillCLISupport

/// The `downhill` command: thin wrappers over the Downhill libraries. The drawing commands run
/// in `downhill-draw` (see `DrawingCommands`): here they are only listed, for `--help`.
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
    subcommands: [
      ListedFigures.self, ListedPlot.self, ListedSurface.self, ListedContour.self,
      TrainCommand.self, TutorialCommand.self, DescendCommand.self,
    ]
  )
}

@main
enum Main {
  static func main() {
    DrawingCommands.forwardIfDrawing(CommandLine.arguments)
    DownhillCommand.main()
  }
}

// The drawing commands as `downhill --help` lists them; `Main` forwards them before parsing.
struct ListedFigures: ParsableCommand { static let configuration = DrawingCommands.figures }
struct ListedPlot: ParsableCommand { static let configuration = DrawingCommands.plot }
struct ListedSurface: ParsableCommand { static let configuration = DrawingCommands.surface }
struct ListedContour: ParsableCommand { static let configuration = DrawingCommands.contour }
