extension StringProtocol {
  /// Without leading and trailing spaces and tabs, as Foundation's `trimmingCharacters(in:
  /// .whitespaces)` for the ASCII this project reads (which linked all of Foundation, with
  /// ICU's data, into the command-line tool).
  package var trimmingSpaces: SubSequence {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !blank($0) }) else { return self[endIndex...] }
    let last = lastIndex(where: { !blank($0) })!
    return self[first...last]
  }
}
