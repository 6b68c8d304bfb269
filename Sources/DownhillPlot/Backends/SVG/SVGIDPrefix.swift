import COpenSSL

/// The id prefix an SVG gets unless `SVGOptions.idPrefix` sets one: derived from the document
/// itself, so the same figure always gets the same bytes and two figures inlined in one HTML
/// page do not share ids.
enum SVGIDPrefix {
  /// Six characters and a hyphen from the SHA-256 of the document (its ids still unprefixed): a
  /// letter, since an id cannot start with a digit, then five of a–z and 0–9. Two different
  /// figures share a prefix with odds of one in 1.5 billion.
  static func derived(from document: [UInt8]) -> String {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    document.withUnsafeBytes {
      _ = EVP_Digest($0.baseAddress, $0.count, &digest, &length, EVP_sha256(), nil)
    }
    var v = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    let alphanumerics = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    var prefix = String(alphanumerics[Int(v % 26)])
    v /= 26
    for _ in 0..<5 {
      prefix.append(alphanumerics[Int(v % 36)])
      v /= 36
    }
    return prefix + "-"
  }
}
