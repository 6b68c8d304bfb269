/// A figure's words as a small text file, one string a line as `role: text`, in drawing order:
/// what figure tests and `downhill figures --check` compare exactly.
public struct TextRecord: Equatable, Sendable {
  public var lines: [String]

  public init(lines: [String]) { self.lines = lines }

  public init(_ texts: [FigureText]) {
    // A line break would split one string over two records.
    lines = texts.map { "\($0.role.rawValue): \($0.text.replacingNewlines)" }
  }

  /// Reads a file's contents (the format `contents` writes).
  public init(contents: String) {
    lines = contents.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
  }

  /// The file's contents: the lines, each ended by a line break.
  public var contents: String { lines.map { $0 + "\n" }.joined() }

  /// What changed from `expected` to `self`, one sentence per string, named by role and by
  /// its number among the strings of that role ("legend entry 3: expected 'α = 100', got
  /// 'α = 10'"); empty when the records are equal. At most `limit` sentences, then a count.
  public func differences(from expected: TextRecord, limit: Int = 12) -> [String] {
    guard self != expected else { return [] }
    let old = Self.byRole(expected.lines)
    let new = Self.byRole(lines)
    var roles = old.map(\.role)
    for (role, _) in new where !roles.contains(role) { roles.append(role) }
    var found: [String] = []
    for role in roles {
      let a = old.first { $0.role == role }?.texts ?? []
      let b = new.first { $0.role == role }?.texts ?? []
      if a.count == b.count {
        for i in a.indices where a[i] != b[i] {
          found.append("\(role) \(i + 1): expected '\(a[i])', got '\(b[i])'")
        }
        continue
      }
      // Strings added or removed: the standard library's diff says which.
      for change in b.difference(from: a) {
        switch change {
        case .remove(let offset, let text, _):
          found.append("\(role) \(offset + 1): expected '\(text)', missing")
        case .insert(let offset, let text, _):
          found.append("\(role) \(offset + 1): unexpected '\(text)'")
        }
      }
    }
    if found.isEmpty { found.append("the same strings in a different order") }
    guard found.count > limit else { return found }
    return found.prefix(limit) + ["and \(found.count - limit) more"]
  }

  /// The texts of each role, roles in the order they first appear.
  private static func byRole(_ lines: [String]) -> [(role: String, texts: [String])] {
    var groups: [(role: String, texts: [String])] = []
    for line in lines {
      let parts = line.split(separator: ":", maxSplits: 1)
      let role = String(parts[0])
      let text = parts.count > 1 ? String(parts[1].dropFirst()) : ""
      if let i = groups.firstIndex(where: { $0.role == role }) {
        groups[i].texts.append(text)
      } else {
        groups.append((role, [text]))
      }
    }
    return groups
  }
}

extension String {
  fileprivate var replacingNewlines: String {
    split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
  }
}
