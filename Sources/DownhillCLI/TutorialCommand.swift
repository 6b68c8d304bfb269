import ArgumentParser

// TODO: implemented by its issue; a stub so the command tree is fixed.
struct TutorialCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tutorial", abstract: "(not yet implemented)")

  func run() throws {
    throw ValidationError("'downhill tutorial' is not implemented yet")
  }
}
