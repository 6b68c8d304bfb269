import AtomicFiles
import Foundation

/// numpy's `.npy` format, version 1.0, for the element types a `History` stores.
///
/// The header is padded to a fixed 128 bytes so a streamed file can be written before its length
/// is known and its shape patched in when it is closed.
enum NPY {
  enum Element: String, Sendable {
    case float64 = "<f8"
    case float32 = "<f4"
    case int32 = "<i4"

    var size: Int { self == .float64 ? 8 : 4 }
  }

  static let headerLength = 128
  static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

  static func header(element: Element, shape: [Int]) -> Data {
    let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
    var dict = "{'descr': '\(element.rawValue)', 'fortran_order': False, 'shape': (\(dims)), }"
    let room = headerLength - 10 - 1
    precondition(dict.utf8.count <= room, "NPY shape too long for the fixed header")
    dict += String(repeating: " ", count: room - dict.utf8.count) + "\n"
    var data = Data(magic)
    data.append(contentsOf: [1, 0])
    let length = UInt16(dict.utf8.count)
    data.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
    data.append(contentsOf: Array(dict.utf8))
    return data
  }

  /// A parsed header: element type, shape, and where the data starts.
  struct Header: Equatable {
    var element: Element
    var shape: [Int]
    var dataOffset: Int
    var count: Int { shape.contains(0) ? 0 : shape.reduce(1, *) }
  }

  static func parseHeader(_ data: Data, path: String) throws -> Header {
    func corrupt(_ reason: String) -> DownhillError { .corruptFile(path: path, reason: reason) }
    let bytes = [UInt8](data.prefix(12))
    guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
      throw corrupt("not an NPY file (bad magic)")
    }
    let major = bytes[6]
    let headerSize: Int
    let start: Int
    switch major {
    case 1:
      headerSize = Int(bytes[8]) | Int(bytes[9]) << 8
      start = 10
    case 2, 3:
      guard bytes.count >= 12 else { throw corrupt("truncated NPY header") }
      headerSize =
        Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
      start = 12
    default: throw corrupt("unsupported NPY version \(major).\(bytes[7])")
    }
    guard data.count >= start + headerSize else { throw corrupt("truncated NPY header") }
    let text = String(
      decoding: data[(data.startIndex + start)..<(data.startIndex + start + headerSize)],
      as: UTF8.self)
    guard let descr = field(text, "descr"), let element = Element(rawValue: descr) else {
      throw corrupt("unsupported or missing dtype in NPY header")
    }
    guard text.firstRange(of: "'fortran_order': False") != nil else {
      throw corrupt("Fortran-ordered NPY arrays are not supported")
    }
    guard let open = text.firstRange(of: "'shape': ("),
      let close = text[open.upperBound...].firstRange(of: ")")
    else { throw corrupt("missing shape in NPY header") }
    let dims = text[open.upperBound..<close.lowerBound].split(separator: ",")
      .map { $0.trimmingSpaces }.filter { !$0.isEmpty }
    let shape = try dims.map { d -> Int in
      guard let n = Int(d), n >= 0 else { throw corrupt("bad dimension '\(d)' in NPY shape") }
      return n
    }
    let header = Header(element: element, shape: shape, dataOffset: start + headerSize)
    let available = data.count - header.dataOffset
    // Checked: a corrupt shape's product may not fit in an Int.
    var needed = shape.contains(0) ? 0 : element.size
    for n in shape where needed > 0 {
      let (product, overflow) = needed.multipliedReportingOverflow(by: n)
      guard !overflow else {
        throw corrupt("shape \(shape) is too large (its size overflows), the file is damaged")
      }
      needed = product
    }
    guard available >= needed else {
      throw corrupt("truncated: expected \(needed) data bytes, found \(available)")
    }
    guard available == needed else {
      throw corrupt("\(available - needed) unexpected bytes after the array data")
    }
    return header
  }

  private static func field(_ text: String, _ key: String) -> String? {
    guard let k = text.firstRange(of: "'\(key)': '") else { return nil }
    guard let end = text[k.upperBound...].firstRange(of: "'") else { return nil }
    return String(text[k.upperBound..<end.lowerBound])
  }

  static func encode(_ values: [Double], as element: Element) -> Data {
    switch element {
    case .float64: return values.withUnsafeBufferPointer { Data(buffer: $0) }
    case .float32: return values.map { Float($0) }.withUnsafeBufferPointer { Data(buffer: $0) }
    case .int32: return values.map { Int32($0) }.withUnsafeBufferPointer { Data(buffer: $0) }
    }
  }

  /// Element `index` of the array whose data starts at `offset`, as a Double.
  static func read(_ data: Data, _ element: Element, offset: Int, index: Int) -> Double {
    let at = offset + index * element.size
    return data.withUnsafeBytes { raw in
      switch element {
      case .float64:
        Double(
          bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
      case .float32:
        Double(
          Float(
            bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))
          ))
      case .int32:
        Double(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int32.self)))
      }
    }
  }

  static func write(_ values: [Double], element: Element, shape: [Int], to url: URL) throws {
    try write(data: encode(values, as: element), element: element, shape: shape, to: url)
  }

  /// Writes the header and already-encoded little-endian element bytes.
  static func write(data: Data, element: Element, shape: [Int], to url: URL) throws {
    let head = header(element: element, shape: shape)
    do {
      try head.withUnsafeBytes { h in
        try data.withUnsafeBytes { try AtomicFile.write([h, $0], to: url.path) }
      }
    } catch let error as FileError { throw DownhillError.io(error.description) }
  }

  static func readAll(from url: URL) throws -> (header: Header, values: [Double]) {
    let data: Data
    do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
      throw DownhillError.io("cannot read \(url.path): \(Folders.whyUnreadable(url.path))")
    }
    let h = try parseHeader(data, path: url.path)
    let values = (0..<h.count).map { read(data, h.element, offset: h.dataOffset, index: $0) }
    return (h, values)
  }
}
