import ArgumentParser

/// A one-line runtime failure: a file that cannot be read, a computation that failed.
/// ArgumentParser prints it as `Error: …` and exits with status 1.
///
/// A mistake in the command line itself (an option's value, an unknown name, options that do
/// not go together) is a `ValidationError` instead: status 64 (EX_USAGE), with the usage.
struct CLIError: Error, CustomStringConvertible {
  let description: String
  init(_ message: String) { description = message }
}
