import ArgumentParser

// TODO: implemented by its issue; a stub so the command tree is fixed.
struct DescendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "descend", abstract: "(not yet implemented)")

  func run() throws {
    throw ValidationError("'downhill descend' is not implemented yet")
  }
}
