import CTemporaryFiles
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A folder written complete under a temporary name beside its destination
/// (`.name.XXXXXX.partial`) and then swapped in as a whole, so that a reader, an interrupted
/// run or a full disk never leaves a mix of old and new files: the old folder stays as it was
/// until `commit()`, which exchanges the two in one rename and then deletes the old one. Never
/// committed, the temporary folder is deleted (also when SIGINT, SIGTERM or SIGHUP ends the
/// process). Commits into one parent folder are serialised, so two writers each leave a
/// complete folder, the later one winning.
public final class AtomicFolder {
  public let destination: String
  /// Where the files go until `commit()`.
  public let path: String
  private let slot: Int32
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
    (_, path) = try TemporaryName.create(beside: trimmed, suffix: "partial") { name in
      mkdir(name, 0o777)
    }
    slot = downhill_temporary_add(path)
  }

  deinit {
    if !committed { Folders.remove(path) }
    downhill_temporary_remove(slot)
  }

  /// The path of `file` inside the folder being written.
  public func file(_ name: String) -> String { path + "/" + name }

  /// Swaps the written folder in for the destination and deletes the old one.
  public func commit() throws {
    let parent = Folders.parent(of: destination)
    let lock = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if lock >= 0 { flock(lock, LOCK_EX) }
    defer { if lock >= 0 { close(lock) } }  // closing releases the lock
    var info = stat()
    if lstat(destination, &info) == 0 {
      guard info.st_mode & S_IFMT == S_IFDIR else {
        throw FileError(path: destination, reason: "it is a file, not a folder")
      }
      guard Folders.exchange(path, destination) else { throw FileError.system(destination) }
      committed = true
      Folders.remove(path)  // now the old folder
    } else {
      guard rename(path, destination) == 0 else { throw FileError.system(destination) }
      committed = true
    }
    downhill_temporary_remove(slot)
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
