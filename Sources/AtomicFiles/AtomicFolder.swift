import CTemporaryFiles
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A folder written complete under a temporary name beside its destination
/// (`.name.PID-TAG.partial`) and then swapped in as a whole, so that a reader, an interrupted
/// run or a full disk never leaves a mix of old and new files: the old folder stays as it was
/// until `commit()`, which exchanges the two in one rename and then deletes the old one. Never
/// committed, the temporary folder is deleted (also when a signal such as SIGINT, SIGTERM,
/// SIGHUP, SIGQUIT or SIGPIPE ends the process; a SIGKILLed writer's is deleted by the next
/// writer of the same destination).
///
/// One writer per destination: while an `AtomicFolder` lives it holds a lock on its temporary
/// folder, and a second one for the same destination, in this process or another, is refused
/// when it is created (`FileError`, "another process is writing it"), before any work is done
/// for it.
public final class AtomicFolder {
  public let destination: String
  /// Where the files go until `commit()`.
  public let path: String
  private let slot: Int32
  /// The temporary folder, open: its lock marks the writer as alive.
  private let lock: Int32
  private var committed = false

  /// Creates the temporary folder (and the destination's missing parents).
  /// - Parameter purpose: what the folder is, for errors ("history folder").
  public init(destination: String, purpose: String) throws {
    var trimmed = destination
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
    guard !trimmed.isEmpty else {
      throw FileError(path: "''", reason: "give a folder name", verb: "create \(purpose)")
    }
    self.destination = trimmed
    let parent = Folders.parent(of: trimmed)
    do { try Folders.create(parent, purpose: purpose) } catch var error as FileError {
      error.path = trimmed  // the folder asked for, not the parent in the way
      throw error
    }
    var info = stat()
    if stat(trimmed, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
      throw FileError(
        path: trimmed, reason: "it is a file, not a folder; choose another path",
        verb: "create \(purpose)")
    }
    // Checking for a live writer and creating this one's folder happen under the parent's
    // lock, so that of two writers starting together exactly one sees the other.
    let parentLock = Folders.lock(parent)
    defer { Folders.unlock(parentLock) }
    if let writer = TemporaryName.sweep(beside: trimmed, suffix: "partial").first {
      throw FileError(
        path: trimmed,
        reason:
          "another process (\(writer.process == getpid() ? "this one" : "pid \(writer.process)")) is writing it; wait for it to finish or choose another folder",
        verb: "write \(purpose)")
    }
    // Registered for the signal handler before it exists, so that no signal finds it
    // unregistered.
    var slot: Int32 = -1
    (_, path) = try TemporaryName.create(beside: trimmed, suffix: "partial") { name in
      slot = downhill_temporary_add(name)
      let made = mkdir(name, 0o777)
      if made != 0 { TemporaryName.unregister(slot) }
      return made
    }
    self.slot = slot
    lock = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    TemporaryName.claim(lock)
  }

  deinit {
    if !committed { Folders.remove(path) }
    downhill_temporary_remove(slot)
    if lock >= 0 { close(lock) }
  }

  /// The path of `file` inside the folder being written.
  public func file(_ name: String) -> String { path + "/" + name }

  /// `error` naming its file as it will be once committed (`run/loss.csv`), not inside the
  /// temporary folder the user never asked for.
  public func naming(_ error: FileError) -> FileError {
    var error = error
    if error.path == path {
      error.path = destination
    } else if error.path.hasPrefix(path + "/") {
      error.path = destination + error.path.dropFirst(path.count)
    }
    return error
  }

  /// Swaps the written folder in for the destination and deletes the old one.
  public func commit() throws {
    let replaced = try swapIn()
    committed = true
    if replaced { Folders.remove(path) }  // now the old folder
    downhill_temporary_remove(slot)
  }

  /// Puts the folder in place under the parent's lock (deleting the old one need not hold
  /// it); returns whether it replaced a folder, which is now at `path`.
  private func swapIn() throws -> Bool {
    let parentLock = Folders.lock(Folders.parent(of: destination))
    defer { Folders.unlock(parentLock) }
    var info = stat()
    guard lstat(destination, &info) == 0 else {
      guard rename(path, destination) == 0 else { throw FileError.system(destination) }
      return false
    }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      throw FileError(path: destination, reason: "it is a file, not a folder")
    }
    guard Folders.exchange(path, destination) else { throw FileError.system(destination) }
    return true
  }
}

/// Folder operations with one-line errors.
public enum Folders {
  /// Creates `path` and any missing parents, like `mkdir -p`.
  /// - Parameter purpose: what the folder is, for errors ("output folder").
  public static func create(_ path: String, purpose: String) throws {
    if path.isEmpty || mkdir(path, 0o777) == 0 || (errno == EEXIST && isFolder(path)) { return }
    var built = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      built += (built.isEmpty || built.hasSuffix("/") ? "" : "/") + component
      if mkdir(built, 0o777) == 0 { continue }
      let reason = errno
      if reason == EEXIST {
        if isFolder(built) { continue }
        throw FileError(
          path: path, reason: "\(built) is a file, not a folder; choose another path",
          verb: "create \(purpose)")
      }
      let at = built == path ? "" : "\(built): "
      throw FileError(
        path: path, reason: at + String(cString: strerror(reason)), verb: "create \(purpose)")
    }
  }

  public static func isFolder(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }

  /// Why the file at `path` could not be read, in the system's words ("No such file or
  /// directory", "Is a directory").
  public static func whyUnreadable(_ path: String) -> String {
    var info = stat()
    if stat(path, &info) != 0 { return String(cString: strerror(errno)) }
    if info.st_mode & S_IFMT == S_IFDIR { return String(cString: strerror(EISDIR)) }
    if access(path, R_OK) != 0 { return String(cString: strerror(errno)) }
    return "it could not be read"
  }

  /// Takes the exclusive lock of the folder at `path` (waiting for it); returns the descriptor
  /// holding it, -1 if the folder cannot be opened.
  static func lock(_ path: String) -> Int32 {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 { flock(fd, LOCK_EX) }
    return fd
  }

  /// Releases a lock `lock(_:)` took.
  static func unlock(_ fd: Int32) { if fd >= 0 { close(fd) } }

  static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Deletes a folder and everything in it.
  static func remove(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }

  private typealias RenameAt2 =
    @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

  /// glibc's `renameat2`, which Swift's Glibc module does not declare (a GNU extension).
  private static let renameAt2: RenameAt2? = dlsym(nil, "renameat2").map {
    unsafeBitCast($0, to: RenameAt2.self)
  }

  /// Exchanges two paths atomically (`renameat2(RENAME_EXCHANGE)`).
  static func exchange(_ a: String, _ b: String) -> Bool {
    guard let renameAt2 else {
      errno = ENOSYS
      return false
    }
    return renameAt2(AT_FDCWD, a, AT_FDCWD, b, 2) == 0
  }
}
