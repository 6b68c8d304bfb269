/// Cairo names SVG surfaces, images and patterns (`surface12`, `image61`, `pattern3`) from
/// process-wide counters, so the same figure rendered twice in one process differs in those
/// ids. Renumbering them in order of appearance makes the bytes depend only on the figure.
///
/// Only ids in `id="…"` and references after `#` are touched, never image data.
enum SVGNormalizer {
  private static let prefixes = ["surface", "image", "pattern", "source", "mask", "clip"].map { Array($0.utf8) }

  static func renumberSurfaceIDs(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var mappings = [[Int: Int]](repeating: [:], count: prefixes.count)
    let idOpen = Array("id=\"".utf8)
    var i = 0
    while i < bytes.count {
      let atID = bytes[i] == UInt8(ascii: "#") || (i >= idOpen.count && bytes[(i - idOpen.count)..<i].elementsEqual(idOpen))
      if atID, let (k, number, end) = match(bytes, at: bytes[i] == UInt8(ascii: "#") ? i + 1 : i) {
        if bytes[i] == UInt8(ascii: "#") { out.append(bytes[i]) }
        let renumbered = mappings[k][number] ?? (mappings[k].count + 1)
        mappings[k][number] = renumbered
        out.append(contentsOf: prefixes[k])
        out.append(contentsOf: Array(String(renumbered).utf8))
        i = end
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return out
  }

  /// Which prefix starts at `start`, followed by digits: (prefix index, number, end index).
  private static func match(_ bytes: [UInt8], at start: Int) -> (Int, Int, Int)? {
    for (k, word) in prefixes.enumerated() {
      let end = start + word.count
      guard end < bytes.count, bytes[start..<end].elementsEqual(word), isDigit(bytes[end]) else { continue }
      var j = end
      var n = 0
      while j < bytes.count, isDigit(bytes[j]), n < 100_000_000 {
        n = n * 10 + Int(bytes[j] - 48)
        j += 1
      }
      return (k, n, j)
    }
    return nil
  }

  private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}
