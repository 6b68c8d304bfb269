import AtomicFiles
import Dispatch
import Synchronization

/// Writes a streamed history's chunks of records to their files on one other thread, in the
/// order they come, so that training goes on while the kernel copies the bytes. At most eight
/// chunks wait, which bounds the memory they hold; the first failure is kept for `wait()`.
final class StreamWriter: Sendable {
  private let queue = DispatchQueue(label: "Downhill.History.StreamWriter")
  private let slots = DispatchSemaphore(value: 8)
  private let failure = Mutex<(any Error)?>(nil)

  /// Appends `bytes` to `file` on the writer's thread.
  func append(_ bytes: [UInt8], to file: OpenFile) {
    slots.wait()
    let file = Unchecked(file)  // only the writer's thread writes to it
    queue.async { [self] in
      defer { slots.signal() }
      guard failure.withLock({ $0 == nil }) else { return }
      do { try bytes.withUnsafeBytes { try file.value.append($0) } } catch {
        failure.withLock { $0 = error }
      }
    }
  }

  /// Runs `job` on the writer's thread after the chunks handed over before it.
  func submit(_ job: @escaping @Sendable () throws -> Void) {
    queue.async { [self] in
      guard failure.withLock({ $0 == nil }) else { return }
      do { try job() } catch { failure.withLock { $0 = error } }
    }
  }

  /// Waits until every chunk handed over is written; throws the first failure.
  func wait() throws {
    queue.sync {}
    if let error = failure.withLock({ $0 }) { throw error }
  }
}

/// A value handed to the writer's thread that nothing else touches meanwhile.
struct Unchecked<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
