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
    let path = url.path
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw failure(path) }
    do {
      defer { close(fd) }
      try writeAll(fd, buffers, path)
    } catch {
      unlink(temporary)
      throw error
    }
    var existing = stat()
    if lstat(path, &existing) == 0, existing.st_mode & S_IFMT == S_IFREG,
      let exchange = renameExchange, exchange(AT_FDCWD, temporary, AT_FDCWD, path, 2) == 0
    {
      unlink(temporary)  // now the old file
      return
    }
    // No regular file to replace, or a file system without RENAME_EXCHANGE (2).
    guard rename(temporary, path) == 0 else {
      let error = failure(path)
      unlink(temporary)
      throw error
    }
  }

  private static func failure(_ path: String) -> DownhillError {
    .io("cannot write \(path): \(String(cString: strerror(errno)))")
  }

  /// Writes every byte, in as few `writev` calls as the kernel allows.
  private static func writeAll(_ fd: Int32, _ buffers: [UnsafeRawBufferPointer], _ path: String)
    throws
  {
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

  private struct Unchecked<Value>: @unchecked Sendable { let value: Value }

  private typealias RenameAt2 =
    @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

  /// glibc's `renameat2`, which Swift's Glibc module does not declare (it is a GNU extension).
  private static let renameExchange: RenameAt2? = dlsym(nil, "renameat2").map {
    unsafeBitCast($0, to: RenameAt2.self)
  }
}
