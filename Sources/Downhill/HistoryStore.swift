import Foundation

/// Records of one fixed size in raw memory: what a `HistoryStore` holds, and `History`'s own
/// per-step log of step, loss and learning rate.
///
/// A T4 run appends seven records per step for 60,000 steps. Through Swift arrays or class
/// methods each append paid for uniqueness, capacity and exclusivity checks and reference
/// counting, more than for the copy itself; `History` appends through a pointer to this struct
/// instead, which its owner allocates once.
struct RecordBuffer {
  let recordBytes: Int
  /// In memory: every record. Streaming: the records after the first `written`.
  private(set) var base: UnsafeMutableRawPointer?
  private(set) var capacity = 0
  private(set) var held = 0
  private(set) var written = 0
  /// Streaming: the file that full buffers are written to.
  var descriptor: Int32 = -1

  init(recordBytes: Int) { self.recordBytes = recordBytes }

  var count: Int { written + held }

  static func make(recordBytes: Int) -> UnsafeMutablePointer<RecordBuffer> {
    let p = UnsafeMutablePointer<RecordBuffer>.allocate(capacity: 1)
    p.initialize(to: RecordBuffer(recordBytes: recordBytes))
    return p
  }

  static func destroy(_ p: UnsafeMutablePointer<RecordBuffer>) {
    p.pointee.base?.deallocate()
    p.deinitialize(count: 1)
    p.deallocate()
  }

  /// Where the next record goes.
  @inline(__always) mutating func append() -> UnsafeMutableRawPointer {
    if held == capacity { makeRoom() }
    held += 1
    return base! + (held - 1) * recordBytes
  }

  /// Record `r` (in memory, or streaming before a flush).
  func record(_ r: Int) -> UnsafeRawPointer {
    precondition(r >= written && r < count, "record \(r) is not in memory")
    return UnsafeRawPointer(base! + (r - written) * recordBytes)
  }

  var bytes: UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: base, count: held * recordBytes)
  }

  @inline(never) private mutating func makeRoom() {
    if descriptor >= 0, held > 0 {
      try? flush()
    } else {
      reserve(records: max(capacity, 64))
    }
  }

  /// Makes room for `records` more.
  mutating func reserve(records: Int) {
    guard held + records > capacity else { return }
    let grown = Self.allocate(bytes: (held + records) * recordBytes)
    if let base {
      grown.copyMemory(from: base, byteCount: held * recordBytes)
      base.deallocate()
    }
    base = grown
    capacity = held + records
  }

  /// Streaming: writes the held records to the file.
  mutating func flush() throws {
    guard descriptor >= 0 else { return }
    var done = 0
    let all = bytes
    while done < all.count {
      let n = Foundation.write(descriptor, all.baseAddress! + done, all.count - done)
      guard n > 0 else { throw DownhillError.io(String(cString: strerror(errno))) }
      done += n
    }
    written += held
    held = 0
  }

  private static let hugePage = 2 << 20

  /// Memory for records. From 512 KB on it is 2 MB-aligned, rounded up to whole 2 MB and asked
  /// for transparent huge pages: a T4 history touches 24 MB, and faulting that in 4 KB pages
  /// took about 5 ms.
  static func allocate(bytes: Int) -> UnsafeMutableRawPointer {
    guard bytes >= hugePage / 4 else {
      return UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: 16)
    }
    let rounded = (bytes + hugePage - 1) / hugePage * hugePage
    let p = UnsafeMutableRawPointer.allocate(byteCount: rounded, alignment: hugePage)
    _ = madvise(p, rounded, MADV_HUGEPAGE)
    return p
  }
}

/// One growing 2-D array of a `History` (records × width), held in memory or streamed to an NPY
/// file whose header is patched with the final shape when the run ends.
final class HistoryStore {
  let element: NPY.Element
  let width: Int
  /// The shape of one record as saved (e.g. [rows, columns] of a weight matrix).
  let recordShape: [Int]
  /// The records; `History` appends through it directly.
  let buffer: UnsafeMutablePointer<RecordBuffer>
  private let url: URL?

  init(element: NPY.Element, recordShape: [Int], streamingTo url: URL?) throws {
    self.element = element
    self.recordShape = recordShape
    self.width = recordShape.reduce(1, *)
    self.url = url
    buffer = RecordBuffer.make(recordBytes: width * element.size)
    if let url {
      let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      let header = NPY.header(element: element, shape: [0] + recordShape)
      guard fd >= 0, header.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == 128
      else {
        if fd >= 0 { _ = Foundation.close(fd) }
        RecordBuffer.destroy(buffer)
        throw DownhillError.io("cannot create \(url.path)")
      }
      buffer.pointee.descriptor = fd
      // Streamed records reach the file a buffer at a time, not in a write per record.
      reserve(records: max(1, (1 << 16) / max(bytesPerRecord, 1)))
    }
  }

  /// Loaded from a saved file: everything in memory.
  init(element: NPY.Element, recordShape: [Int], values: [Double]) {
    self.element = element
    self.recordShape = recordShape
    self.width = recordShape.reduce(1, *)
    self.url = nil
    buffer = RecordBuffer.make(recordBytes: width * element.size)
    let records = width == 0 ? 0 : values.count / width
    reserve(records: records)
    values.withUnsafeBufferPointer { v in
      for r in 0..<records { Self.append(v.baseAddress! + r * width, to: buffer, as: element) }
    }
  }

  deinit {
    close()
    RecordBuffer.destroy(buffer)
  }

  var count: Int { buffer.pointee.count }
  var bytesPerRecord: Int { width * element.size }

  func reserve(records: Int) { buffer.pointee.reserve(records: records) }

  /// Appends one record of `element`s converted from `values` (which holds as many as a record).
  @inline(__always) static func append(
    _ values: UnsafePointer<Double>, to buffer: UnsafeMutablePointer<RecordBuffer>,
    as element: NPY.Element
  ) {
    let slot = buffer.pointee.append()
    let width = buffer.pointee.recordBytes / element.size
    switch element {
    case .float64: slot.copyMemory(from: values, byteCount: width * 8)
    case .float32:
      let out = slot.assumingMemoryBound(to: Float.self)
      for i in 0..<width { out[i] = Float(values[i]) }
    case .int32:
      let out = slot.assumingMemoryBound(to: Int32.self)
      for i in 0..<width { out[i] = Int32(values[i]) }
    }
  }

  /// Appends one record of Int32 counts.
  @inline(__always) static func append(
    _ values: UnsafePointer<Int32>, to buffer: UnsafeMutablePointer<RecordBuffer>
  ) {
    buffer.pointee.append().copyMemory(from: values, byteCount: buffer.pointee.recordBytes)
  }

  /// Element `index` of record `record`.
  func value(record: Int, index: Int) -> Double {
    if url != nil, let data = mapped() {
      return NPY.read(data, element, offset: NPY.headerLength, index: record * width + index)
    }
    precondition(index < width, "index \(index) out of range")
    let p = buffer.pointee.record(record)
    switch element {
    case .float64: return p.load(fromByteOffset: index * 8, as: Double.self)
    case .float32: return Double(p.load(fromByteOffset: index * 4, as: Float.self))
    case .int32: return Double(p.load(fromByteOffset: index * 4, as: Int32.self))
    }
  }

  /// One column of every record (a single weight's series).
  func series(index: Int) -> [Double] {
    if url != nil, let data = mapped() {
      return (0..<count).map {
        NPY.read(data, element, offset: NPY.headerLength, index: $0 * width + index)
      }
    }
    return (0..<count).map { value(record: $0, index: index) }
  }

  func record(_ r: Int) -> [Double] {
    if url != nil, let data = mapped() {
      return (0..<width).map {
        NPY.read(data, element, offset: NPY.headerLength, index: r * width + $0)
      }
    }
    return (0..<width).map { value(record: r, index: $0) }
  }

  private func mapped() -> Data? {
    guard let url else { return nil }
    try? buffer.pointee.flush()
    return try? Data(contentsOf: url, options: .alwaysMapped)
  }

  /// Writes the array to `destination`, or, when streaming, patches the header in place.
  func save(to destination: URL) throws {
    let header = NPY.header(element: element, shape: [count] + recordShape)
    if let url {
      let fd = buffer.pointee.descriptor
      do { try buffer.pointee.flush() } catch { throw DownhillError.io("cannot write \(url.path)") }
      let patched = header.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
      guard patched == header.count else { throw DownhillError.io("cannot write \(url.path)") }
      if url.standardizedFileURL != destination.standardizedFileURL {
        try? FileManager.default.removeItem(at: destination)
        do { try FileManager.default.copyItem(at: url, to: destination) } catch {
          throw DownhillError.io("cannot copy \(url.path) to \(destination.path)")
        }
      }
      return
    }
    try FileOutput.write(header: header, body: buffer.pointee.bytes, to: destination)
  }

  func close() {
    let fd = buffer.pointee.descriptor
    guard fd >= 0 else { return }
    try? buffer.pointee.flush()
    _ = Foundation.close(fd)
    buffer.pointee.descriptor = -1
  }
}
