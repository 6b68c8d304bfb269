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
  /// Elements per record (kept, not divided out per record: a division per append showed).
  let width: Int
  /// In memory: every record. Streaming: the records after the first `written`.
  private(set) var base: UnsafeMutableRawPointer?
  private(set) var capacity = 0
  private(set) var held = 0
  private(set) var written = 0
  /// Streaming: where full buffers go, by `writer`, so that the records never all sit in memory.
  var sink: (writer: BackgroundWriter, file: StreamedFile)?

  init(recordBytes: Int, width: Int) {
    self.recordBytes = recordBytes
    self.width = width
  }

  var count: Int { written + held }

  static func make(recordBytes: Int, width: Int = 1) -> UnsafeMutablePointer<RecordBuffer> {
    let p = UnsafeMutablePointer<RecordBuffer>.allocate(capacity: 1)
    p.initialize(to: RecordBuffer(recordBytes: recordBytes, width: width))
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

  /// How many records fit before the next flush (making room first if none does).
  @inline(__always) mutating func room() -> Int {
    if held == capacity { makeRoom() }
    return capacity - held
  }

  /// Where the next `k` records go (k ≤ `room()`).
  @inline(__always) mutating func take(_ k: Int) -> UnsafeMutableRawPointer {
    held += k
    return base! + (held - k) * recordBytes
  }

  /// Record `r` (in memory, or streaming before a flush).
  func record(_ r: Int) -> UnsafeRawPointer {
    precondition(r >= written && r < count, "record \(r) is not in memory")
    return UnsafeRawPointer(base! + (r - written) * recordBytes)
  }

  var bytes: UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: base, count: held * recordBytes)
  }

  /// All the memory the buffer has, held or not.
  var reserved: UnsafeMutableRawBufferPointer {
    UnsafeMutableRawBufferPointer(start: base, count: capacity * recordBytes)
  }

  /// Faults in the pages of `region` for writing (Linux's MADV_POPULATE_WRITE), without changing
  /// a byte of it: in one call, rather than a page fault at each page's first store. Nothing
  /// where the kernel cannot.
  static func prefault(_ region: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
      guard let base = region.baseAddress, region.count > 0 else { return }
      let start = Int(bitPattern: base) & ~4095
      _ = madvise(
        UnsafeMutableRawPointer(bitPattern: start), Int(bitPattern: base) + region.count - start,
        23)  // MADV_POPULATE_WRITE
    #endif
  }

  @inline(never) private mutating func makeRoom() {
    if sink != nil, held > 0 {
      flush()
    } else {
      // Doubling, from about 64 KB: a first 64 records of an MNIST layer were already 78 MB.
      reserve(records: max(capacity, (1 << 16) / recordBytes, 1))
    }
  }

  /// Makes room for `records` more (in transparent huge pages if `huge` and large enough).
  mutating func reserve(records: Int, huge: Bool = true) {
    guard held + records > capacity else { return }
    let grown = Self.allocate(bytes: (held + records) * recordBytes, huge: huge)
    if let base {
      grown.copyMemory(from: base, byteCount: held * recordBytes)
      base.deallocate()
    }
    base = grown
    capacity = held + records
  }

  /// Streaming: starts with one of the writer's chunks (one record, if a record is larger).
  mutating func stream(to file: StreamedFile, by writer: BackgroundWriter) {
    precondition(base == nil, "a buffer streams from its start")
    sink = (writer, file)
    capacity = max(BackgroundWriter.chunkBytes / recordBytes, 1)
    base = writer.takeChunk(bytes: chunkBytes)
  }

  private var chunkBytes: Int { capacity * recordBytes }

  /// Streaming: hands the held records to the writer and goes on in a fresh chunk.
  mutating func flush() {
    guard let sink, held > 0, let full = base else { return }
    let (bytes, chunkBytes) = (held * recordBytes, self.chunkBytes)
    sink.writer.submit {
      defer { sink.writer.recycle(full, bytes: chunkBytes) }
      try FileOutput.writeAll(
        sink.file.descriptor, [UnsafeRawBufferPointer(start: full, count: bytes)],
        sink.file.destination)
    }
    base = sink.writer.takeChunk(bytes: chunkBytes)
    written += held
    held = 0
  }

  private static let hugePage = 2 << 20

  /// Memory for records. From 512 KB on it is 2 MB-aligned, rounded up to whole 2 MB and asked
  /// for transparent huge pages: a T4 history touches 24 MB, and faulting that in 4 KB pages
  /// took about 5 ms.
  static func allocate(bytes: Int, huge: Bool = true) -> UnsafeMutableRawPointer {
    guard huge, bytes >= hugePage / 4 else {
      return UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: 16)
    }
    let rounded = (bytes + hugePage - 1) / hugePage * hugePage
    let p = UnsafeMutableRawPointer.allocate(byteCount: rounded, alignment: hugePage)
    #if os(Linux)
      _ = madvise(p, rounded, MADV_HUGEPAGE)
    #endif
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
  /// Streaming: the file, written under a temporary name until saved into its folder.
  private let file: StreamedFile?
  private let writer: BackgroundWriter?

  init(element: NPY.Element, recordShape: [Int], streamingTo url: URL?, writer: BackgroundWriter?)
    throws
  {
    self.element = element
    self.recordShape = recordShape
    self.width = recordShape.reduce(1, *)
    self.writer = writer
    buffer = RecordBuffer.make(recordBytes: width * element.size, width: width)
    guard let url, let writer else {
      file = nil
      return
    }
    do {
      let file = try StreamedFile(url)
      try NPY.header(element: element, shape: [0] + recordShape).withUnsafeBytes {
        try FileOutput.writeAll(file.descriptor, [$0], file.destination)
      }
      self.file = file
    } catch {
      RecordBuffer.destroy(buffer)
      throw DownhillError.io("cannot create \(url.path)")
    }
    buffer.pointee.stream(to: file!, by: writer)
  }

  /// Loaded from a saved file: everything in memory.
  init(element: NPY.Element, recordShape: [Int], values: [Double]) {
    self.element = element
    self.recordShape = recordShape
    self.width = recordShape.reduce(1, *)
    file = nil
    writer = nil
    buffer = RecordBuffer.make(recordBytes: width * element.size, width: width)
    let records = width == 0 ? 0 : values.count / width
    reserve(records: records)
    values.withUnsafeBufferPointer { v in
      for r in 0..<records { Self.append(v.baseAddress! + r * width, to: buffer, as: element) }
    }
  }

  deinit {
    // A file put in place is complete: finishing it again cost a wait for the writer and a
    // header write per store at the end of every saved run.
    if file?.published != true { try? finishFile() }
    RecordBuffer.destroy(buffer)
  }

  var count: Int { buffer.pointee.count }
  var bytesPerRecord: Int { width * element.size }

  /// Makes room for `records` more in memory (streaming holds one buffer at a time).
  func reserve(records: Int) {
    guard file == nil else { return }
    buffer.pointee.reserve(records: records)
  }

  /// Appends one record of `element`s converted from `values` (which holds as many as a record),
  /// as a loaded file's values are.
  private static func append(
    _ values: UnsafePointer<Double>, to buffer: UnsafeMutablePointer<RecordBuffer>,
    as element: NPY.Element
  ) {
    let slot = buffer.pointee.append()
    let width = buffer.pointee.width
    switch element {
    case .float64:
      let out = slot.assumingMemoryBound(to: Double.self)
      for i in 0..<width { out[i] = values[i] }
    case .float32:
      let out = slot.assumingMemoryBound(to: Float.self)
      for i in 0..<width { out[i] = Float(values[i]) }
    case .int32:
      let out = slot.assumingMemoryBound(to: Int32.self)
      for i in 0..<width { out[i] = Int32(values[i]) }
    }
  }

  /// Element `index` of record `record`.
  func value(record: Int, index: Int) -> Double {
    if file != nil, let data = mapped() {
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
    if file != nil, let data = mapped() {
      return (0..<count).map {
        NPY.read(data, element, offset: NPY.headerLength, index: $0 * width + index)
      }
    }
    return (0..<count).map { value(record: $0, index: index) }
  }

  func record(_ r: Int) -> [Double] {
    if file != nil, let data = mapped() {
      return (0..<width).map {
        NPY.read(data, element, offset: NPY.headerLength, index: r * width + $0)
      }
    }
    return (0..<width).map { value(record: r, index: $0) }
  }

  private func mapped() -> Data? {
    guard let file, (try? finishFile()) != nil else { return nil }
    return try? Data(contentsOf: URL(fileURLWithPath: file.path), options: .alwaysMapped)
  }

  /// Streaming: every record so far in the file, and its header saying how many.
  private func finishFile() throws {
    guard let writer else { return }
    submitTail()
    try writer.drain()
    try patchHeader()
  }

  /// Streaming: hands the last records to the writer, without waiting for it.
  func submitTail() { buffer.pointee.flush() }

  /// Streaming, once the writer has written everything: the final shape into the header.
  private func patchHeader() throws {
    guard let file else { return }
    let header = NPY.header(element: element, shape: [count] + recordShape)
    let patched = header.withUnsafeBytes { pwrite(file.descriptor, $0.baseAddress, $0.count, 0) }
    guard patched == header.count else { throw FileOutput.failure(file.destination) }
  }

  /// Streaming: whether putting the file in place replaces one.
  var replacesAFile: Bool {
    guard let file else { return false }
    return access(file.destination, F_OK) == 0
  }

  /// Streaming into its destination, once the writer has written everything: completes the
  /// file and puts it in place.
  func complete() throws {
    try patchHeader()
    try file?.publish()
  }

  /// Writes the array to `destination`. Streamed (to another folder: `complete` puts a file in
  /// its own place), it is completed and copied.
  func save(to destination: URL) throws {
    guard let file else {
      let header = NPY.header(element: element, shape: [count] + recordShape)
      return try FileOutput.write(header: header, body: buffer.pointee.bytes, to: destination)
    }
    try finishFile()
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: file.path), options: .alwaysMapped)
    } catch {
      throw DownhillError.io("cannot read \(file.path)")
    }
    try FileOutput.write(data, to: destination)
  }

  /// Streaming: completes the file and puts it in place, saved or not.
  func close() {
    guard let file, !file.published else { return }
    try? finishFile()
    try? file.publish()
  }
}
