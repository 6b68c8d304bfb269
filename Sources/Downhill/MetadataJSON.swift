import Foundation

/// meta.json's bytes, as `JSONEncoder` with `.prettyPrinted` and `.sortedKeys` writes a
/// `RunMetadata`: keys in code-unit order, two-space indents, numbers as `description` without a
/// trailing ".0", strings with `"`, `\`, `/` and control characters escaped, nil fields left
/// out. Written directly: a process's first `JSONEncoder` call spent 0.8-0.9 ms looking up
/// Codable conformances, about a twentieth of a whole T4 run. `JSONDecoder` still reads it.
enum MetadataJSON {
  static func encode(_ m: RunMetadata) throws -> Data {
    var fields: [(String, String)] = [
      ("activations", array(m.activations.map(string), level: 1)),
      ("bias", string(m.bias)),
      ("cost", string(m.cost)),
      ("dataset", string(m.dataset)),
      ("every", String(m.every)),
      ("examples", String(m.examples)),
      ("formatVersion", String(m.formatVersion)),
      (
        "hyperParameters",
        try object(
          m.hyperParameters.map { ($0.key, try number($0.value, at: "hyperParameters")) },
          level: 1)
      ),
      (
        "layerShapes",
        array(m.layerShapes.map { array($0.map { String($0) }, level: 2) }, level: 1)
      ),
      ("layerSizes", array(m.layerSizes.map { String($0) }, level: 1)),
      ("optimizer", string(m.optimizer)),
      ("precision", string(m.precision)),
      ("recordedLayers", array(m.recordedLayers.map { String($0) }, level: 1)),
      ("recordedSteps", String(m.recordedSteps)),
      ("wallTimeSeconds", try number(m.wallTimeSeconds, at: "wallTimeSeconds")),
    ]
    if let batchSize = m.batchSize { fields.append(("batchSize", String(batchSize))) }
    if let seed = m.seed { fields.append(("seed", String(seed))) }
    return Data(object(fields, level: 0).utf8)
  }

  private static func indent(_ level: Int) -> String {
    String(repeating: "  ", count: level)
  }

  /// `items` (already written) one per line at `level` + 1; empty, a blank line.
  private static func array(_ items: [String], level: Int) -> String {
    guard !items.isEmpty else { return "[\n\n" + indent(level) + "]" }
    return "[\n" + items.map { indent(level + 1) + $0 }.joined(separator: ",\n") + "\n"
      + indent(level) + "]"
  }

  private static func object(_ fields: [(String, String)], level: Int) -> String {
    guard !fields.isEmpty else { return "{\n\n" + indent(level) + "}" }
    let sorted = fields.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    return "{\n"
      + sorted.map { indent(level + 1) + string($0.0) + " : " + $0.1 }.joined(separator: ",\n")
      + "\n" + indent(level) + "}"
  }

  private static func number(_ v: Double, at key: String) throws -> String {
    guard v.isFinite else {
      throw EncodingError.invalidValue(
        v,
        EncodingError.Context(
          codingPath: [], debugDescription: "\(key): \(v) cannot be written in JSON"))
    }
    let text = v.description
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }

  private static func string(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "/": out += "\\/"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{8}": out += "\\b"
      case "\u{c}": out += "\\f"
      case let c where c.value < 0x20:
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
