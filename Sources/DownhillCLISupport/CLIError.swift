import ArgumentParser

/// A one-line user error: ArgumentParser prints it as `Error: …` and exits non-zero.
public struct CLIError: Error, CustomStringConvertible {
  public let description: String
  public init(_ message: String) { description = message }
}
