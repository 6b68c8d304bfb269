import Foundation

/// Loads the committed numpy outputs (scripts/oracle) from the `Data` resource folder.
enum OracleData {
  struct Missing: Error, CustomStringConvertible {
    let name: String
    var description: String { "test resource Data/\(name) is missing" }
  }

  static func url(_ name: String) throws -> URL {
    let base = (name as NSString).deletingPathExtension
    let ext = (name as NSString).pathExtension
    guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Data")
    else { throw Missing(name: name) }
    return url
  }

  static func text(_ name: String) throws -> String {
    try String(contentsOf: url(name), encoding: .utf8)
  }

}

/// Compares two printed outputs: the text between numbers must be identical, and each number must
/// agree to `relativeTolerance` (numpy and Swift may format the same double differently, and
/// numpy's SIMD `exp` can differ from glibc's in the last bit).
func numbersAgree(_ actual: String, _ expected: String, relativeTolerance: Double = 1e-10)
  -> String?
{
  let a = tokenize(actual)
  let e = tokenize(expected)
  guard a.count == e.count else {
    return "token count \(a.count) ≠ \(e.count)\nactual:\n\(actual)\nexpected:\n\(expected)"
  }
  for (x, y) in zip(a, e) {
    switch (x, y) {
    case (.text(let s), .text(let t)) where s == t: continue
    case (.number(let u), .number(let v)):
      let scale = max(abs(u), abs(v))
      if u == v || abs(u - v) <= relativeTolerance * scale { continue }
      return "number \(u) ≠ \(v) (relative \(abs(u - v) / scale))"
    default:
      return "text differs: \(x) vs \(y)"
    }
  }
  return nil
}

enum Token: Equatable {
  case text(String)
  case number(Double)
}

func tokenize(_ s: String) -> [Token] {
  var tokens: [Token] = []
  var text = ""
  let chars = Array(s)
  var i = 0
  func isDigit(_ c: Character) -> Bool { c >= "0" && c <= "9" }
  while i < chars.count {
    let c = chars[i]
    let startsNumber =
      isDigit(c) || (c == "-" && i + 1 < chars.count && (isDigit(chars[i + 1])))
    if startsNumber {
      var j = i + 1
      while j < chars.count,
        isDigit(chars[j]) || chars[j] == "." || chars[j] == "e" || chars[j] == "E"
          || ((chars[j] == "-" || chars[j] == "+") && (chars[j - 1] == "e" || chars[j - 1] == "E"))
      {
        j += 1
      }
      if !text.isEmpty { tokens.append(.text(text)) }
      text = ""
      tokens.append(.number(Double(String(chars[i..<j])) ?? .nan))
      i = j
    } else {
      text.append(c)
      i += 1
    }
  }
  if !text.isEmpty { tokens.append(.text(text)) }
  return tokens
}
