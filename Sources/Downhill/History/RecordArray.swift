import AtomicFiles
import Foundation

/// One growing array of a history, records × a fixed record shape (a layer's weights at each
/// recorded step), as one NPY file's data: held in memory, streamed to an NPY file as it grows,
/// or read from a saved file (memory-mapped once).
final class RecordArray {
  let element: NPY.Element
  /// The shape of one record (rows, columns of a weight matrix).
  let recordShape: [Int]
  /// Elements per record.
  let width: Int
  // Appended to at every recorded step, from one thread at a time: without the exclusivity
  // checks Swift makes on a class's mutable properties, recording costs a third less.
  @exclusivity(unchecked) private(set) var count = 0

  /// In memory: every record. Streamed: the records not yet written to the file.
  @exclusivity(unchecked) private var buffer: [UInt8] = []
  /// Streamed: the file, and the thread that writes to it.
  private let stream: (file: OpenFile, writer: StreamWriter)?
  /// Streamed, once read: the file mapped, and how many records it held then. Loaded: the file.
  /// Both NPY files: the records start after the header.
  private var mapped: (data: Data, header: Int, records: Int)?

  /// Records kept in memory before a streamed array writes them out.
  private var streamChunk: Int { max(1 << 16 / max(width * element.size, 1), 1) }

  var bytesPerRecord: Int { width * element.size }

  /// An empty array in memory, or streamed to `file` (whose header `finish` completes).
  init(
    element: NPY.Element, recordShape: [Int],
    streamingTo stream: (file: OpenFile, writer: StreamWriter)? = nil
  ) throws {
    self.element = element
    self.recordShape = recordShape
    width = recordShape.reduce(1, *)
    if let stream {
      try NPY.header(element: element, shape: [0] + recordShape).withUnsafeBytes {
        try stream.file.append($0)
      }
    }
    self.stream = stream
  }

  /// A saved NPY file's array, checked against what `meta.json` expects.
  init(contentsOf url: URL, element: NPY.Element, records: Int, recordShape: [Int]) throws {
    self.element = element
    self.recordShape = recordShape
    width = recordShape.reduce(1, *)
    stream = nil
    let data: Data
    do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
      throw DownhillError.io("cannot read \(url.path): \(Folders.whyUnreadable(url.path))")
    }
    let header = try NPY.parseHeader(data, path: url.path)
    guard header.element == element else {
      throw DownhillError.corruptFile(
        path: url.path, reason: "dtype \(header.element.rawValue), expected \(element.rawValue)")
    }
    guard header.shape == [records] + recordShape else {
      throw DownhillError.corruptFile(
        path: url.path,
        reason: "shape \(header.shape), expected \([records] + recordShape) from meta.json")
    }
    count = records
    mapped = (data, header.dataOffset, records)
  }

  func reserve(records: Int) {
    buffer.reserveCapacity((stream == nil ? records : min(records, streamChunk)) * bytesPerRecord)
  }

  /// Appends one record: `width` values, stored as the element type.
  func append(_ values: UnsafePointer<Double>) {
    switch element {
    case .float64:
      buffer.append(contentsOf: UnsafeRawBufferPointer(start: values, count: width * 8))
    case .float32:
      for i in 0..<width { withUnsafeBytes(of: Float(values[i])) { buffer.append(contentsOf: $0) } }
    case .int32:
      preconditionFailure("flip counts are appended as Int32")
    }
    appended()
  }

  /// Appends one record of Int32 counts.
  func append(_ values: UnsafePointer<Int32>) {
    precondition(element == .int32, "a \(element) array")
    buffer.append(contentsOf: UnsafeRawBufferPointer(start: values, count: width * 4))
    appended()
  }

  private func appended() {
    count += 1
    if stream != nil && buffer.count >= streamChunk * bytesPerRecord { flush() }
  }

  /// Streamed: hands the records held in memory to the writer's thread.
  private func flush() {
    guard let stream, !buffer.isEmpty else { return }
    stream.writer.append(buffer, to: stream.file)
    buffer = []
    buffer.reserveCapacity(streamChunk * bytesPerRecord)
  }

  /// Streamed: every record in the file and its header saying how many (a complete NPY file).
  func finish() throws {
    guard let stream else { return }
    flush()
    try stream.writer.wait()
    try NPY.header(element: element, shape: [count] + recordShape).withUnsafeBytes {
      try stream.file.write($0, at: 0)
    }
  }

  /// Every record's bytes, in order.
  func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
    if let stream {
      if mapped?.records != count {
        try finish()
        let url = URL(fileURLWithPath: stream.file.path)
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
          throw DownhillError.io("cannot read \(stream.file.path)")
        }
        // A streamed file shorter than its records (cut by something else) is an error, not a
        // read past the end.
        guard data.count >= NPY.headerLength + count * bytesPerRecord else {
          throw DownhillError.corruptFile(
            path: stream.file.path,
            reason:
              "holds \((data.count - NPY.headerLength) / max(bytesPerRecord, 1)) of \(count) records"
          )
        }
        mapped = (data, NPY.headerLength, count)
      }
    }
    if let mapped {
      return try mapped.data.withUnsafeBytes {
        try body(UnsafeRawBufferPointer(rebasing: $0[mapped.header...]))
      }
    }
    return try buffer.withUnsafeBytes(body)
  }

  /// Record `r`'s values.
  func record(_ r: Int) throws -> [Double] {
    try withBytes { raw in (0..<width).map { value(raw, r * width + $0) } }
  }

  /// Element `index` of every record (one weight's series).
  func series(index: Int) throws -> [Double] {
    try withBytes { raw in (0..<count).map { value(raw, $0 * width + index) } }
  }

  private func value(_ raw: UnsafeRawBufferPointer, _ i: Int) -> Double {
    switch element {
    case .float64: raw.loadUnaligned(fromByteOffset: i * 8, as: Double.self)
    case .float32: Double(raw.loadUnaligned(fromByteOffset: i * 4, as: Float.self))
    case .int32: Double(raw.loadUnaligned(fromByteOffset: i * 4, as: Int32.self))
    }
  }

  /// Writes the array as an NPY file at `path` (in a folder being written whole).
  func write(to path: String) throws {
    let header = NPY.header(element: element, shape: [count] + recordShape)
    try withBytes { body in
      try header.withUnsafeBytes { head in try AtomicFile.write([head, body], to: path) }
    }
  }
}
