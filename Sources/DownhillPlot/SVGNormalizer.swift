/// Cairo names each SVG surface `surfaceN` from a process-wide counter, so the same figure
/// rendered twice in one process differs in those ids. Renumbering them in order of appearance
/// makes the bytes depend only on the figure.
enum SVGNormalizer {
  static func renumberSurfaceIDs(_ bytes: [UInt8]) -> [UInt8] {
    let word = Array("surface".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var mapping: [Int: Int] = [:]
    var i = 0
    while i < bytes.count {
      if bytes[i] == word[0], i + word.count < bytes.count,
        bytes[i..<(i + word.count)].elementsEqual(word), isDigit(bytes[i + word.count])
      {
        var j = i + word.count
        var n = 0
        while j < bytes.count, isDigit(bytes[j]), n < 100_000_000 {
          n = n * 10 + Int(bytes[j] - 48)
          j += 1
        }
        let renumbered = mapping[n] ?? (mapping.count + 1)
        mapping[n] = renumbered
        out.append(contentsOf: word)
        out.append(contentsOf: Array(String(renumbered).utf8))
        i = j
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return out
  }

  private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}
