/// Text from the command line or a file, made safe to print on a terminal.
enum TerminalText {
  /// `text` with every control character written as an escape (`\u{1B}`, `\n`), so that a
  /// column name or a file name cannot move the cursor, recolour the terminal or break an error
  /// message over several lines.
  static func escaped(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      if scalar.properties.generalCategory == .control {
        result += scalar.escaped(asASCII: true)
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
