import AtomicFiles
import Foundation

/// A file in the IDX format used by MNIST: a magic number `00 00 tt nn` (element type `tt`,
/// `nn` dimensions), `nn` big-endian 32-bit sizes, then the elements, big-endian, row-major.
///
/// The file may be gzip-compressed (detected by its magic bytes 1f 8b). The elements are kept as
/// raw bytes: MNIST's are `UInt8`, and converting 47 million pixels once, straight to the
/// scaled `Double`s a network wants, is faster than going through an intermediate array.
public struct IDXFile: Equatable, Sendable {
  /// The element types the format defines, with their type codes.
  public enum ElementType: UInt8, Sendable {
    case uint8 = 0x08, int8 = 0x09, int16 = 0x0B, int32 = 0x0C, float32 = 0x0D, float64 = 0x0E

    /// Bytes per element.
    public var size: Int {
      switch self {
      case .uint8, .int8: 1
      case .int16: 2
      case .int32, .float32: 4
      case .float64: 8
      }
    }
  }

  /// The magic number, e.g. 0x00000801 for MNIST labels and 0x00000803 for MNIST images.
  public var magic: UInt32 { UInt32(elementType.rawValue) << 8 | UInt32(dimensions.count) }
  public let elementType: ElementType
  /// The size of each dimension, outermost first (images: count, rows, columns).
  public let dimensions: [Int]
  /// The elements' raw big-endian bytes, exactly `count * elementType.size` of them.
  public let payload: [UInt8]

  /// The number of elements.
  public var count: Int { dimensions.reduce(1, *) }

  /// Reads an IDX file, gunzipping it first if it is compressed.
  public init(contentsOf url: URL) throws(IDXError) {
    let bytes: [UInt8]
    do {
      bytes = [UInt8](try Data(contentsOf: url))
    } catch {
      throw IDXError.unreadable(path: url.path, reason: Folders.whyUnreadable(url.path))
    }
    try self.init(bytes: bytes)
  }

  /// Parses IDX bytes, plain or gzip-compressed.
  public init(bytes input: [UInt8]) throws(IDXError) {
    var bytes = input
    if Gzip.isCompressed(input) {
      // The header first, then no more than it promises (and one byte to tell that there is
      // more): a small file that claims to be IDX cannot inflate without bound.
      do {
        let head = try Gzip.decompress(input, maximum: 4 + 4 * 255)
        let promised = Self.promisedSize(head)
        bytes = try Gzip.decompress(input, maximum: promised.map { $0 + 1 } ?? head.count)
        if let promised, bytes.count > promised {
          throw IDXError.inflatesPastHeader(
            dimensions: (0..<Int(head[3])).map { Int(Self.uint32(head, at: 4 + 4 * $0)) },
            promised: promised)
        }
      } catch let error as GzipError { throw IDXError.gzip(error) } catch let error as IDXError {
        throw error
      } catch { throw IDXError.invalid("\(error)") }
    }
    guard bytes.count >= 4 else { throw IDXError.tooShort(bytes.count) }
    let magic = Self.uint32(bytes, at: 0)
    guard bytes[0] == 0, bytes[1] == 0, let type = ElementType(rawValue: bytes[2]), bytes[3] > 0
    else { throw IDXError.badMagic(magic) }
    let rank = Int(bytes[3])
    let headerSize = 4 + 4 * rank
    guard bytes.count >= headerSize else { throw IDXError.tooShort(bytes.count) }
    let dimensions = (0..<rank).map { Int(Self.uint32(bytes, at: 4 + 4 * $0)) }
    var expected = type.size
    for dimension in dimensions {
      let (product, overflow) = expected.multipliedReportingOverflow(by: dimension)
      guard !overflow else {
        throw IDXError.truncated(
          dimensions: dimensions, expected: Int.max, found: bytes.count - headerSize)
      }
      expected = product
    }
    let found = bytes.count - headerSize
    guard found >= expected else {
      throw IDXError.truncated(dimensions: dimensions, expected: expected, found: found)
    }
    guard found == expected else {
      throw IDXError.trailingBytes(dimensions: dimensions, extra: found - expected)
    }
    self.elementType = type
    self.dimensions = dimensions
    self.payload = Array(bytes[headerSize...])
  }

  /// The whole file's size in bytes as the header at the start of `bytes` promises it, or nil
  /// when there is no complete valid header there (or its size overflows).
  static func promisedSize(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0,
      let type = ElementType(rawValue: bytes[2]), bytes[3] > 0
    else { return nil }
    let headerSize = 4 + 4 * Int(bytes[3])
    guard bytes.count >= headerSize else { return nil }
    var size = type.size
    for k in 0..<Int(bytes[3]) {
      let (product, overflow) = size.multipliedReportingOverflow(
        by: Int(Self.uint32(bytes, at: 4 + 4 * k)))
      guard !overflow else { return nil }
      size = product
    }
    let (total, overflow) = size.addingReportingOverflow(headerSize)
    return overflow ? nil : total
  }

  /// Builds a file from its parts (the payload's size must match the dimensions).
  public init(elementType: ElementType, dimensions: [Int], payload: [UInt8]) {
    precondition(dimensions.reduce(elementType.size, *) == payload.count, "payload size")
    self.elementType = elementType
    self.dimensions = dimensions
    self.payload = payload
  }

  /// The file's bytes, uncompressed.
  public func encoded() -> [UInt8] {
    var bytes: [UInt8] = [0, 0, elementType.rawValue, UInt8(dimensions.count)]
    for dimension in dimensions {
      withUnsafeBytes(of: UInt32(dimension).bigEndian) { bytes.append(contentsOf: $0) }
    }
    return bytes + payload
  }

  /// Every element as a `Double`, in file order.
  public func values() -> [Double] {
    payload.withUnsafeBufferPointer { p in
      (0..<count).map { i -> Double in
        switch elementType {
        case .uint8: Double(p[i])
        case .int8: Double(Int8(bitPattern: p[i]))
        case .int16: Double(Int16(bitPattern: UInt16(p[2 * i]) << 8 | UInt16(p[2 * i + 1])))
        case .int32: Double(Int32(bitPattern: Self.uint32(p, at: 4 * i)))
        case .float32: Double(Float(bitPattern: Self.uint32(p, at: 4 * i)))
        case .float64:
          Double(
            bitPattern: UInt64(Self.uint32(p, at: 8 * i)) << 32
              | UInt64(Self.uint32(p, at: 8 * i + 4)))
        }
      }
    }
  }

  private static func uint32<C: RandomAccessCollection<UInt8>>(_ bytes: C, at offset: Int) -> UInt32
  where C.Index == Int {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
      | UInt32(bytes[offset + 3])
  }
}

/// Why an IDX (MNIST) file could not be read. Each `description` is one line.
public enum IDXError: Error, Equatable, Sendable, CustomStringConvertible {
  case unreadable(path: String, reason: String)
  case gzip(GzipError)
  /// Fewer bytes than the header needs.
  case tooShort(Int)
  /// The first four bytes are not `00 00 <type> <rank>` with a known type and rank > 0.
  case badMagic(UInt32)
  /// The magic number is valid IDX but not the one expected (e.g. labels where images belong).
  case unexpectedMagic(found: UInt32, expected: UInt32, role: String)
  /// The data is shorter than the dimensions promise.
  case truncated(dimensions: [Int], expected: Int, found: Int)
  /// Bytes left over after the data the dimensions promise.
  case trailingBytes(dimensions: [Int], extra: Int)
  /// A gzip stream that inflates to more than the `promised` bytes its IDX header says.
  case inflatesPastHeader(dimensions: [Int], promised: Int)
  /// Image and label files disagree, a label is not a digit, and similar.
  case invalid(String)
  /// None of the usual MNIST file names exist in the directory.
  case missingFile(directory: String, tried: [String])
  /// Adds the file name in front of another error.
  indirect case inFile(String, IDXError)

  public var description: String {
    func hex(_ value: UInt32) -> String {
      let digits = String(value, radix: 16)
      return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
    func shape(_ dimensions: [Int]) -> String { dimensions.map(String.init).joined(separator: "×") }
    switch self {
    case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
    case .gzip(let error): return error.description
    case .tooShort(let count):
      return "IDX data is only \(count) bytes long, shorter than its header"
    case .badMagic(let magic): return "bad IDX magic number \(hex(magic))"
    case .unexpectedMagic(let found, let expected, let role):
      return "magic number \(hex(found)) is not that of an MNIST \(role) file (\(hex(expected)))"
    case .truncated(let dimensions, let expected, let found):
      return "IDX data is truncated: \(shape(dimensions)) needs \(expected) bytes, found \(found)"
    case .trailingBytes(let dimensions, let extra):
      return "IDX data has \(extra) bytes after the \(shape(dimensions)) elements"
    case .inflatesPastHeader(let dimensions, let promised):
      return
        "gzip data inflates past the \(promised) bytes its IDX header (\(shape(dimensions))) promises: the file is damaged or not IDX"
    case .invalid(let message): return message
    case .missingFile(let directory, let tried):
      return
        "no \(tried.first ?? "MNIST") file in \(directory) (tried \(tried.joined(separator: ", ")))"
    case .inFile(let name, let error): return "\(name): \(error.description)"
    }
  }
}
