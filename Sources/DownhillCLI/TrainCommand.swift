import ArgumentParser

// TODO: implemented by its issue; a stub so the command tree is fixed.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train", abstract: "(not yet implemented)")

  func run() throws {
    throw ValidationError("'downhill train' is not implemented yet")
  }
}
