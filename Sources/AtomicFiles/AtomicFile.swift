import CTemporaryFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file or folder could not be written or read: one line naming the path and the reason
/// in the system's words.
public struct FileError: Error, Equatable, CustomStringConvertible {
  public var path: String
  public var reason: String
  public var verb = "write"

  public init(path: String, reason: String, verb: String = "write") {
    self.path = path
    self.reason = reason
    self.verb = verb
  }

  /// The error `errno` describes now.
  static func system(_ path: String, verb: String = "write") -> FileError {
    FileError(path: path, reason: String(cString: strerror(errno)), verb: verb)
  }

  public var description: String { "cannot \(verb) \(path): \(reason)" }
}

/// Writes whole files so that a reader sees the old file or the complete new one, never a
/// partial one: the bytes go to a temporary file beside the destination, which is then renamed
/// over it. The temporary is deleted if writing fails, and if a signal such as SIGINT, SIGTERM or
/// SIGPIPE ends the process meanwhile (after SIGKILL, by the next write of the same file). A
/// replaced file keeps its permissions; a new one gets the umask's.
public enum AtomicFile {
  public static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
    let written: Void? = try bytes.withContiguousStorageIfAvailable {
      try write([UnsafeRawBufferPointer($0)], to: path)
    }
    if written == nil { try Array(bytes).withUnsafeBytes { try write([$0], to: path) } }
  }

  /// Writes the buffers one after another, as one file.
  public static func write(_ buffers: [UnsafeRawBufferPointer], to path: String) throws {
    let file = try TemporaryFile(beside: path)
    for buffer in buffers { try file.append(buffer) }
    try file.commit()
  }
}

/// A file open for writing, closed when it goes.
public final class OpenFile {
  public let path: String
  let descriptor: Int32

  /// Creates (or truncates) the file at `path`.
  public convenience init(creating path: String) throws {
    let fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
    guard fd >= 0 else { throw FileError.system(path) }
    self.init(descriptor: fd, path: path)
  }

  init(descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
  }

  deinit { close(descriptor) }

  /// Appends every byte of `buffer`.
  public func append(_ buffer: UnsafeRawBufferPointer) throws {
    var done = 0
    while done < buffer.count {
      let n = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw FileError.system(path) }
      done += n
    }
  }

  /// Writes `buffer` at byte `offset` (a header patched once the length is known).
  public func write(_ buffer: UnsafeRawBufferPointer, at offset: Int) throws {
    guard pwrite(descriptor, buffer.baseAddress, buffer.count, off_t(offset)) == buffer.count
    else { throw FileError.system(path) }
  }
}

/// A file being written under a temporary name beside `destination` (`.name.PID-TAG.tmp`), put
/// in place by `commit()`; never committed, it is deleted. Creating one deletes the temporaries
/// beside `destination` that killed processes left (`TemporaryName`).
public final class TemporaryFile {
  public let destination: String
  let file: OpenFile
  /// Where the file is while it is written.
  public var path: String { file.path }
  private let slot: Int32
  private var committed = false

  public init(beside destination: String) throws {
    self.destination = destination
    TemporaryName.sweep(beside: destination, suffix: "tmp")
    // Registered for the signal handler before it exists, so that no signal finds it
    // unregistered.
    var slot: Int32 = -1
    let (fd, path) = try TemporaryName.create(beside: destination, suffix: "tmp") { name in
      slot = downhill_temporary_add(name)
      let fd = open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if fd < 0 { TemporaryName.unregister(slot) }
      return fd
    }
    self.slot = slot
    TemporaryName.claim(fd)
    file = OpenFile(descriptor: fd, path: path)
  }

  deinit {
    if !committed { unlink(file.path) }
    downhill_temporary_remove(slot)
  }

  public func append(_ buffer: UnsafeRawBufferPointer) throws {
    do { try file.append(buffer) } catch { throw FileError.system(destination) }
  }

  /// Puts the file in place of `destination`, with the permissions of the file it replaces.
  public func commit() throws {
    var existing = stat()
    if stat(destination, &existing) == 0 {
      if existing.st_mode & S_IFMT == S_IFDIR {
        throw FileError(path: destination, reason: "it is a folder")
      }
      fchmod(file.descriptor, existing.st_mode & 0o7777)
    }
    guard rename(file.path, destination) == 0 else { throw FileError.system(destination) }
    committed = true
    downhill_temporary_remove(slot)
  }
}
