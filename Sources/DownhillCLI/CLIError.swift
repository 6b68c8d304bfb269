import ArgumentParser

/// A one-line user error: ArgumentParser prints it as `Error: …` and exits non-zero.
struct CLIError: Error, CustomStringConvertible {
  let description: String
  init(_ message: String) { description = message }
}
