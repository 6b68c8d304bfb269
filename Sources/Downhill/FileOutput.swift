import Foundation

/// Writes whole files with plain POSIX calls. Foundation's `createFile` and atomic writes fsync
/// and rename every file, which made saving a 60,000-step history wait on the disk for longer
/// than the training took.
enum FileOutput {
  /// Writes `header` followed by the raw bytes of `values`, without copying them first.
  static func write<T>(header: Data, values: [T], to url: URL) throws {
    try withFile(url) { fd in
      try header.withUnsafeBytes { try writeAll(fd, $0, url) }
      try values.withUnsafeBytes { try writeAll(fd, $0, url) }
    }
  }

  /// Writes the chunks one after another.
  static func write(_ chunks: [Data], to url: URL) throws {
    try withFile(url) { fd in
      for chunk in chunks { try chunk.withUnsafeBytes { try writeAll(fd, $0, url) } }
    }
  }

  private static func withFile(_ url: URL, _ body: (Int32) throws -> Void) throws {
    let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
      throw DownhillError.io("cannot write \(url.path): \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    try body(fd)
  }

  private static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer, _ url: URL) throws {
    var offset = 0
    while offset < raw.count {
      let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
      guard n > 0 else {
        throw DownhillError.io("cannot write \(url.path): \(String(cString: strerror(errno)))")
      }
      offset += n
    }
  }
}
