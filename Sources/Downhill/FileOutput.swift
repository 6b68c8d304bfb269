import Atomics
import CTemporaryFiles
import Foundation

/// Writes whole files atomically with plain POSIX calls: the bytes go to a temporary file in the
/// same folder, which then takes the destination's place, so a reader sees the old file or the
/// new one, never a partial one.
///
/// Nothing is fsynced (Foundation's atomic writes do, and saving a 60,000-step history waited on
/// the disk for longer than the training took). Replacing an existing file swaps the two with
/// `renameat2(RENAME_EXCHANGE)` and then deletes the old one: on ext4 a plain `rename` over a
/// file, like truncating one, starts writeback of the new data at once (`auto_da_alloc`), which
/// made re-saving a T4 history ~12 ms slower.
enum FileOutput {
  /// Writes `header` followed by `body` in one `writev`.
  static func write(header: Data, body: UnsafeRawBufferPointer, to url: URL) throws {
    try header.withUnsafeBytes { head in
      try write([head, body], to: url)
    }
  }

  static func write(_ data: Data, to url: URL) throws {
    try data.withUnsafeBytes { try write([$0], to: url) }
  }

  static func write(_ buffers: [UnsafeRawBufferPointer], to url: URL) throws {
    // Unpublished, the temporary is deleted when `file` goes.
    let file = try StreamedFile(url)
    try writeAll(file.descriptor, buffers, file.destination)
    try file.publish()
  }

  /// Creates `url` and any missing parents, like `mkdir -p`. The error says which path failed
  /// and why (Foundation's said only "The operation could not be completed").
  static func makeFolder(_ url: URL, purpose: String) throws {
    let full = url.standardizedFileURL
    func isFolder(_ path: String) -> Bool {
      var info = stat()
      return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
    // Usually the parent exists: one call then, rather than one per component.
    if mkdir(full.path, 0o755) == 0 || (errno == EEXIST && isFolder(full.path)) { return }
    var path = ""
    for component in full.pathComponents {
      path = path.isEmpty || path == "/" ? path + component : path + "/" + component
      if mkdir(path, 0o755) == 0 { continue }
      let reason = errno
      var info = stat()
      if reason == EEXIST, stat(path, &info) == 0 {
        if info.st_mode & S_IFMT == S_IFDIR { continue }
        throw DownhillError.io(
          "cannot create \(purpose) \(url.path): \(path) is a file, not a folder; choose another path"
        )
      }
      let at = path == full.path ? "" : "\(path): "
      throw DownhillError.io(
        "cannot create \(purpose) \(url.path): \(at)\(String(cString: strerror(reason)))")
    }
  }

  /// Why the file at `path` could not be read, in the system's words ("No such file or
  /// directory", "Is a directory").
  static func whyUnreadable(_ path: String) -> String {
    var info = stat()
    if stat(path, &info) != 0 { return String(cString: strerror(errno)) }
    if info.st_mode & S_IFMT == S_IFDIR { return String(cString: strerror(EISDIR)) }
    if access(path, R_OK) != 0 { return String(cString: strerror(errno)) }
    return "it could not be read"
  }

  /// Whether two existing folders are the same one. Compared by device and inode, not by URL:
  /// `URL(fileURLWithPath:)` ends a path in "/" only if a folder is already there, so the URL a
  /// run streamed to and the one it is saved to could differ in spelling alone.
  static func sameFolder(_ a: URL, _ b: URL) -> Bool {
    var (x, y) = (stat(), stat())
    guard stat(a.path, &x) == 0, stat(b.path, &y) == 0 else { return false }
    return x.st_dev == y.st_dev && x.st_ino == y.st_ino
  }

  /// A new empty file beside `path`, named after it, opened for reading and writing, and
  /// registered for deletion if a signal ends the process (`slot`, to unregister it once the
  /// file is in place or deleted).
  ///
  /// By string operations on the path, and named from one random number per process and a
  /// counter, rather than through URL with a `getrandom` call per name (a T4 run saved into a
  /// new folder: 0.03–0.14 ms sooner). A name taken is skipped.
  static func createTemporary(for path: String) throws -> (
    descriptor: Int32, path: String, slot: Int32
  ) {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    while true {
      let suffix = String(
        temporarySeed &+ temporaryCounter.wrappingIncrementThenLoad(ordering: .relaxed), radix: 36)
      let temporary = "\(folder).\(name).\(suffix).tmp"
      let fd = open(temporary, O_RDWR | O_CREAT | O_EXCL, 0o644)
      if fd >= 0 { return (fd, temporary, downhill_temporary_add(temporary)) }
      guard errno == EEXIST else { throw failure(path) }
    }
  }

  private static let temporarySeed = UInt32.random(in: 0...UInt32.max)
  private static let temporaryCounter = ManagedAtomic<UInt32>(0)

  /// Puts the file at `temporary` in `path`'s place.
  static func replace(_ path: String, with temporary: String) throws {
    var existing = stat()
    if lstat(path, &existing) == 0, existing.st_mode & S_IFMT == S_IFREG,
      let exchange = renameExchange, exchange(AT_FDCWD, temporary, AT_FDCWD, path, 2) == 0
    {
      unlink(temporary)  // now the old file
      return
    }
    // No regular file to replace, or a file system without RENAME_EXCHANGE (2).
    guard rename(temporary, path) == 0 else { throw failure(path) }
  }

  static func failure(_ path: String) -> DownhillError {
    .io("cannot write \(path): \(String(cString: strerror(errno)))")
  }

  /// Writes every byte, in as few `writev` calls as the kernel allows.
  static func writeAll(_ fd: Int32, _ buffers: [UnsafeRawBufferPointer], _ path: String) throws {
    var vectors = buffers.filter { $0.count > 0 }.map {
      iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count)
    }
    var first = 0
    while first < vectors.count {
      // At most Linux's IOV_MAX (1024) vectors per call.
      let n = vectors[first...].withUnsafeBufferPointer {
        writev(fd, $0.baseAddress, Int32(min($0.count, 1024)))
      }
      guard n > 0 else { throw failure(path) }
      var left = n
      while first < vectors.count, left >= vectors[first].iov_len {
        left -= vectors[first].iov_len
        first += 1
      }
      if left > 0 {
        vectors[first].iov_base = vectors[first].iov_base! + left
        vectors[first].iov_len -= left
      }
    }
  }

  /// Runs independent jobs (each writing its own files) on as many cores as there are, and
  /// rethrows the first job's error.
  static func concurrently(_ jobs: [() throws -> Void]) throws {
    let errors = UnsafeMutablePointer<Error?>.allocate(capacity: jobs.count)
    errors.initialize(repeating: nil, count: jobs.count)
    defer {
      errors.deinitialize(count: jobs.count)
      errors.deallocate()
    }
    // Each job touches only its own files and error slot.
    let shared = Unchecked(value: (jobs, errors))
    DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
      do { try shared.value.0[i]() } catch { shared.value.1[i] = error }
    }
    if let error = (0..<jobs.count).lazy.compactMap({ errors[$0] }).first { throw error }
  }

  private typealias RenameAt2 =
    @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

  /// glibc's `renameat2`, which Swift's Glibc module does not declare (it is a GNU extension).
  private static let renameExchange: RenameAt2? = {
    #if os(Linux)
      return dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    #else
      return nil
    #endif
  }()
}

/// Something handed to another thread whose safety the code around it guarantees.
struct Unchecked<Value>: @unchecked Sendable { let value: Value }

/// A file written under a temporary name in its folder until `publish()` puts it in place:
/// `FileOutput.write` in one go, or a streamed history while its run records. Never published,
/// the temporary is deleted.
final class StreamedFile {
  /// The path it goes to (a URL's path is worked out anew at each call: kept once).
  let destination: String
  let descriptor: Int32
  private let temporary: String
  private let slot: Int32
  private(set) var published = false

  init(_ url: URL) throws {
    destination = url.path
    (descriptor, temporary, slot) = try FileOutput.createTemporary(for: destination)
  }

  /// Where the file is now.
  var path: String { published ? destination : temporary }

  func publish() throws {
    guard !published else { return }
    try FileOutput.replace(destination, with: temporary)
    published = true
    downhill_temporary_remove(slot)
  }

  deinit {
    close(descriptor)
    if !published { unlink(temporary) }
    downhill_temporary_remove(slot)
  }
}

/// Runs file writes in order on one other thread, so that a run streaming its history keeps
/// training while the kernel copies the records (a T4 history is 21 MB). At most 8 jobs wait,
/// which bounds the memory their chunks hold.
final class BackgroundWriter: @unchecked Sendable {
  private let queue = DispatchQueue(label: "Downhill.BackgroundWriter")
  private let slots = DispatchSemaphore(value: 8)
  private let lock = Lock()
  // Guarded by `lock`:
  /// The first job's error.
  private var failure: Error?
  /// Chunks written and free again. Reused, their pages stay mapped and cached: faulting in a
  /// fresh page costs several copies of it (in a VM, far more).
  private var spare: [UnsafeMutableRawPointer] = []

  static let chunkBytes = 1 << 17

  deinit { for chunk in spare { chunk.deallocate() } }

  /// A chunk of `chunkBytes`, or of `bytes` if more (a record of a wide layer), which is not
  /// pooled.
  func takeChunk(bytes: Int = chunkBytes) -> UnsafeMutableRawPointer {
    guard bytes <= Self.chunkBytes else { return .allocate(byteCount: bytes, alignment: 64) }
    return lock.withLock { spare.popLast() }
      ?? .allocate(byteCount: Self.chunkBytes, alignment: 64)
  }

  func recycle(_ chunk: UnsafeMutableRawPointer, bytes: Int = chunkBytes) {
    guard bytes <= Self.chunkBytes else { return chunk.deallocate() }
    lock.withLock { spare.append(chunk) }
  }

  /// The thread running this writer's job, while it runs (0 otherwise). Not the queue's
  /// `setSpecific`: releasing a queue with a specific value disposes of it on another queue of
  /// libdispatch's, which started a new thread at the end of every streamed run.
  private let jobThread = ManagedAtomic<UInt>(0)
  private static var currentThread: UInt { UInt(pthread_self()) }

  /// Queues `job`; from a job of this writer it runs at once instead (waiting there for a slot
  /// that only the running jobs can free would never end).
  func submit(_ job: @escaping () throws -> Void) {
    if jobThread.load(ordering: .relaxed) == Self.currentThread {
      do { try job() } catch { lock.withLock { failure = failure ?? error } }
      return
    }
    slots.wait()
    let job = Unchecked(value: job)
    queue.async { [self] in
      jobThread.store(Self.currentThread, ordering: .relaxed)
      do { try job.value() } catch { lock.withLock { failure = failure ?? error } }
      jobThread.store(0, ordering: .relaxed)
      slots.signal()
    }
  }

  /// Waits for every job submitted so far, and rethrows the first error any job threw.
  func drain() throws {
    queue.sync {}
    if let failure = lock.withLock({ failure }) { throw failure }
  }
}
