import Foundation

/// One growing 2-D array of a `History` (records × width), held in memory or streamed to an NPY
/// file whose header is patched with the final shape when the run ends.
final class HistoryStore {
  let element: NPY.Element
  let width: Int
  /// The shape of one record as saved (e.g. [rows, columns] of a weight matrix).
  let recordShape: [Int]
  private(set) var count = 0
  private var doubles: [Double] = []
  private var floats: [Float] = []
  private var ints: [Int32] = []
  private let url: URL?
  private var handle: FileHandle?

  init(element: NPY.Element, recordShape: [Int], streamingTo url: URL?) throws {
    self.element = element
    self.recordShape = recordShape
    self.width = recordShape.reduce(1, *)
    self.url = url
    if let url {
      let created = FileManager.default.createFile(
        atPath: url.path, contents: NPY.header(element: element, shape: [0] + recordShape))
      guard created, let h = try? FileHandle(forWritingTo: url) else {
        throw DownhillError.io("cannot create \(url.path)")
      }
      h.seekToEndOfFile()
      handle = h
    }
  }

  /// Loaded from a saved file: everything in memory.
  init(element: NPY.Element, recordShape: [Int], values: [Double]) {
    self.element = element
    self.recordShape = recordShape
    self.width = recordShape.reduce(1, *)
    self.url = nil
    count = width == 0 ? 0 : values.count / width
    switch element {
    case .float64: doubles = values
    case .float32: floats = values.map(Float.init)
    case .int32: ints = values.map { Int32($0) }
    }
  }

  func reserve(records: Int) {
    guard url == nil else { return }
    switch element {
    case .float64: doubles.reserveCapacity(records * width)
    case .float32: floats.reserveCapacity(records * width)
    case .int32: ints.reserveCapacity(records * width)
    }
  }

  var bytesPerRecord: Int { width * element.size }

  func append(_ values: ArraySlice<Double>) {
    precondition(values.count == width)
    count += 1
    if let handle {
      handle.write(NPY.encode(Array(values), as: element))
      return
    }
    switch element {
    case .float64: doubles.append(contentsOf: values)
    case .float32: for v in values { floats.append(Float(v)) }
    case .int32: for v in values { ints.append(Int32(v)) }
    }
  }

  /// Appends `width` values starting at `start` (the hot path: no slices, no copies).
  func append(_ values: UnsafePointer<Double>) {
    count += 1
    if let handle {
      handle.write(NPY.encode(Array(UnsafeBufferPointer(start: values, count: width)), as: element))
      return
    }
    let buffer = UnsafeBufferPointer(start: values, count: width)
    switch element {
    case .float64: doubles.append(contentsOf: buffer)
    case .float32:
      // Grow once, then convert in place (appending element by element checks capacity each
      // time).
      let start = floats.count
      floats.append(contentsOf: repeatElement(0, count: width))
      floats.withUnsafeMutableBufferPointer { out in
        for i in 0..<width { out[start + i] = Float(buffer[i]) }
      }
    case .int32:
      let start = ints.count
      ints.append(contentsOf: repeatElement(0, count: width))
      ints.withUnsafeMutableBufferPointer { out in
        for i in 0..<width { out[start + i] = Int32(buffer[i]) }
      }
    }
  }

  func append(_ values: ArraySlice<Int32>) {
    precondition(values.count == width && element == .int32)
    count += 1
    if let handle {
      handle.write(values.withUnsafeBufferPointer { Data(buffer: $0) })
      return
    }
    ints.append(contentsOf: values)
  }

  /// Element `index` of record `record`.
  func value(record: Int, index: Int) -> Double {
    if url != nil, let data = mapped() {
      return NPY.read(data, element, offset: NPY.headerLength, index: record * width + index)
    }
    let at = record * width + index
    switch element {
    case .float64: return doubles[at]
    case .float32: return Double(floats[at])
    case .int32: return Double(ints[at])
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
    return try? Data(contentsOf: url, options: .alwaysMapped)
  }

  /// Writes the array to `destination`, or, when streaming, patches the header in place.
  func save(to destination: URL) throws {
    let shape = [count] + recordShape
    if let handle, let url {
      handle.seek(toFileOffset: 0)
      handle.write(NPY.header(element: element, shape: shape))
      handle.seekToEndOfFile()
      if url.standardizedFileURL != destination.standardizedFileURL {
        try? FileManager.default.removeItem(at: destination)
        do { try FileManager.default.copyItem(at: url, to: destination) } catch {
          throw DownhillError.io("cannot copy \(url.path) to \(destination.path)")
        }
      }
      return
    }
    let header = NPY.header(element: element, shape: shape)
    switch element {
    case .float64: try FileOutput.write(header: header, values: doubles, to: destination)
    case .float32: try FileOutput.write(header: header, values: floats, to: destination)
    case .int32: try FileOutput.write(header: header, values: ints, to: destination)
    }
  }

  func close() {
    try? handle?.close()
    handle = nil
  }
}
