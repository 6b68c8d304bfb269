import CTemporaryFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Hidden temporary names beside a destination, `.name.PID-TAG.suffix`, and the clean-up of the
/// ones a killed process left behind.
///
/// A writer holds an exclusive `flock` on its temporary for as long as it writes, and the name
/// carries its process id. A temporary is stale, and deleted by the next writer beside the same
/// destination, only when nobody holds its lock and its process is gone: the lock alone could
/// be free for a moment after a live writer created the file, and the process id alone could
/// belong to another process namespace. SIGKILL, which no handler sees, leaves such temporaries.
enum TemporaryName {
  /// Calls `make` with `.name.PID-TAG.suffix` beside `destination` until a name is free;
  /// returns what `make` returned (≥ 0) and the name.
  static func create(
    beside destination: String, suffix: String, _ make: (String) -> Int32
  ) throws -> (Int32, String) {
    let (folder, name) = try split(destination)
    while true {
      let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
      let candidate = "\(folder).\(name).\(getpid())-\(tag).\(suffix)"
      let result = make(candidate)
      if result >= 0 { return (result, candidate) }
      guard errno == EEXIST else { throw FileError.system(destination) }
    }
  }

  /// A temporary beside `destination` whose writer is still at work.
  struct Writer {
    var path: String
    var process: pid_t
  }

  /// Deletes the stale temporaries beside `destination` and returns the live ones (their
  /// writers hold their locks).
  @discardableResult
  static func sweep(beside destination: String, suffix: String) -> [Writer] {
    guard let (folder, name) = try? split(destination) else { return [] }
    guard let directory = opendir(folder.isEmpty ? "." : folder) else { return [] }
    defer { closedir(directory) }
    var live: [Writer] = []
    while let entry = readdir(directory) {
      let entryName = withUnsafeBytes(of: entry.pointee.d_name) {
        String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      guard let process = owner(of: entryName, name: name, suffix: suffix) else { continue }
      let path = folder + entryName
      switch state(of: path, process: process) {
      case .live: live.append(Writer(path: path, process: process))
      case .stale: Folders.remove(path)
      case .unknown: break
      }
    }
    return live
  }

  /// The process id in `entry` if it is a temporary of `name` (`.name.PID-TAG.suffix`).
  static func owner(of entry: String, name: String, suffix: String) -> pid_t? {
    let prefix = ".\(name).", ending = ".\(suffix)"
    guard entry.hasPrefix(prefix), entry.hasSuffix(ending),
      entry.count > prefix.count + ending.count
    else { return nil }
    let middle = entry.dropFirst(prefix.count).dropLast(ending.count)
    let parts = middle.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy({ $0.isNumber || $0.isLetter }),
      let process = pid_t(parts[0]), process > 0
    else { return nil }
    return process
  }

  private enum State { case live, stale, unknown }

  /// Live while a writer holds the lock; stale when nobody does and the process is gone.
  private static func state(of path: String, process: pid_t) -> State {
    var info = stat()
    guard lstat(path, &info) == 0 else { return .unknown }
    let kind = info.st_mode & S_IFMT
    guard kind == S_IFREG || kind == S_IFDIR else { return .unknown }
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (kind == S_IFDIR ? O_DIRECTORY : 0))
    guard fd >= 0 else { return .unknown }
    defer { close(fd) }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 { return errno == EWOULDBLOCK ? .live : .unknown }
    return isRunning(process) ? .unknown : .stale
  }

  static func isRunning(_ process: pid_t) -> Bool {
    kill(process, 0) == 0 || errno == EPERM
  }

  /// Forgets a registration whose file could not be made, keeping `errno` for the caller.
  static func unregister(_ slot: Int32) {
    let reason = errno
    downhill_temporary_remove(slot)
    errno = reason
  }

  /// Locks `fd` for its writer (see the type's comment).
  static func claim(_ fd: Int32) { _ = flock(fd, LOCK_EX | LOCK_NB) }

  /// The folder part (with its slash, or empty) and the name of `destination`.
  private static func split(_ destination: String) throws -> (String, String) {
    let slash = destination.lastIndex(of: "/")
    let folder = slash.map { String(destination[...$0]) } ?? ""
    let name = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
    guard !name.isEmpty else { throw FileError(path: destination, reason: "no file name") }
    return (folder, name)
  }
}
