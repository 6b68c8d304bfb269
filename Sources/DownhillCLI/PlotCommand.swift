import ArgumentParser

// TODO: implemented by its issue; a stub so the command tree is fixed.
struct PlotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plot", abstract: "(not yet implemented)")

  func run() throws {
    throw ValidationError("'downhill plot' is not implemented yet")
  }
}
