import ArgumentParser

/// How `plot` splits a line of its input into fields.
enum Delimiter: String, CaseIterable, ExpressibleByArgument {
  case comma, tab, whitespace, auto

  /// `auto`'s choice from the header (the first non-blank line): tab if it holds one, else
  /// comma if it holds one, else whitespace if its names are separated by spaces, else comma.
  func resolved(for text: String) -> Delimiter {
    guard self == .auto else { return self }
    let header =
      text.split(whereSeparator: \.isNewline).first {
        !$0.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
      } ?? ""
    if header.contains("\t") { return .tab }
    if header.contains(",") { return .comma }
    if header.split(separator: " ").count > 1 { return .whitespace }
    return .comma
  }

  /// `text` as comma-separated values for `CSVTable`, line for line so that its errors name the
  /// input's lines. Fields holding a comma or a quote are quoted.
  func commaSeparated(_ text: String) -> String {
    let split: (Substring) -> [Substring]
    switch resolved(for: text) {
    case .comma, .auto: return text
    case .tab: split = { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    case .whitespace: split = { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }) }
    }
    return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line in
      split(line).map { field in
        field.contains(where: { $0 == "," || $0 == "\"" })
          ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : String(field)
      }.joined(separator: ",")
    }.joined(separator: "\n")
  }
}
