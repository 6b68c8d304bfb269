import CTemporaryFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file so that readers see either the old file or the complete new one, never a
/// partial write: the bytes go to a temporary file in the same folder, which is then renamed.
public enum AtomicFile {
  public static func write(_ bytes: [UInt8], to path: String) throws {
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    var template = ((folder.isEmpty ? "" : folder) + "/.downhill-XXXXXX").utf8CString
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw PlotError.cannotWrite(path: path, reason: lastError()) }
    let tmp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    let slot = downhill_temporary_add(tmp)  // deleted if a signal ends the process meanwhile
    var ok = false
    defer {
      if !ok { unlink(tmp) }
      downhill_temporary_remove(slot)
    }
    var written = 0
    let failure: String? = bytes.withUnsafeBytes { raw in
      while written < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          return lastError()
        }
        written += n
      }
      return nil
    }
    // mkstemp creates 0600; a figure is an ordinary document.
    fchmod(fd, 0o644)
    if close(fd) != 0, failure == nil {
      throw PlotError.cannotWrite(path: path, reason: lastError())
    }
    if let failure { throw PlotError.cannotWrite(path: path, reason: failure) }
    guard rename(tmp, path) == 0 else {
      throw PlotError.cannotWrite(path: path, reason: lastError())
    }
    ok = true
  }

  private static func lastError() -> String { String(cString: strerror(errno)) }
}
