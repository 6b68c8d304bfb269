import ArgumentParser
import DownhillCLISupport

/// `downhill-draw`: the drawing commands, which `downhill` hands over unchanged (see
/// `DrawingCommands`). Named `downhill` too, so that help and errors read as `downhill`'s.
@main
struct DrawCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "downhill",
    abstract: "Draw Downhill's figures (run through 'downhill').",
    subcommands: [
      FiguresCommand.self, PlotCommand.self, SurfaceCommand.self, ContourCommand.self,
    ]
  )
}
