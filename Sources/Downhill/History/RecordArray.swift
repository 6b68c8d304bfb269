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
  private(set) var count = 0

  /// In memory: every record. Streamed: the records not yet written to the file.
  private var buffer = [UInt8]()
  /// Streamed: the file, its records written so far, and the first write error.
  private var stream: (file: OpenFile, written: Int, failure: Error?)?
  /// Streamed, once read: the file mapped, and how many records it held then. Loaded: the file.
  private var mapped: (data: Data, records: Int)?

  /// Records kept in memory before a streamed array writes them out.
  private var streamChunk: Int { max(1 << 20 / max(width * element.size, 1), 1) }

  var bytesPerRecord: Int { width * element.size }

  /// An empty array in memory, or streamed to `file` (whose header `finish` completes).
  init(element: NPY.Element, recordShape: [Int], streamingTo file: OpenFile? = nil) throws {
    self.element = element
    self.recordShape = recordShape
    width = recordShape.reduce(1, *)
    if let file {
      try NPY.header(element: element, shape: [0] + recordShape).withUnsafeBytes {
        try file.append($0)
      }
      stream = (file, 0, nil)
    }
  }

  /// A saved NPY file's array, checked against what `meta.json` expects.
  init(contentsOf url: URL, element: NPY.Element, records: Int, recordShape: [Int]) throws {
    self.element = element
    self.recordShape = recordShape
    width = recordShape.reduce(1, *)
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
    mapped = (data.subdata(in: header.dataOffset..<data.count), records)
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

  /// Streamed: writes the records held in memory to the file.
  private func flush() {
    guard var s = stream, !buffer.isEmpty else { return }
    if s.failure == nil {
      do { try buffer.withUnsafeBytes { try s.file.append($0) } } catch { s.failure = error }
    }
    s.written += buffer.count / max(bytesPerRecord, 1)
    buffer.removeAll(keepingCapacity: true)
    stream = s
  }

  /// Streamed: every record in the file and its header saying how many (a complete NPY file).
  func finish() throws {
    guard stream != nil else { return }
    flush()
    if let failure = stream!.failure { throw failure }
    try NPY.header(element: element, shape: [count] + recordShape).withUnsafeBytes {
      try stream!.file.write($0, at: 0)
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
        mapped = (data.subdata(in: NPY.headerLength..<data.count), count)
      }
    }
    if let mapped { return try mapped.data.withUnsafeBytes(body) }
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
