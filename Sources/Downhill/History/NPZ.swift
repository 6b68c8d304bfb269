import AtomicFiles
import CZlib
import Foundation

/// numpy's `.npz`: a zip archive of `.npy` files, as `np.savez` writes it (stored, not
/// compressed), which `np.load` reads into a dictionary of arrays.
///
/// Writing is deterministic: entries in the given order, every timestamp 1980-01-01 00:00, so
/// the same arrays always give the same bytes. Reading accepts stored entries only (the
/// compressed ones of `np.savez_compressed` are refused) and checks each entry's CRC-32.
enum NPZ {
  struct Array: Equatable {
    var name: String
    var element: NPY.Element
    var shape: [Int]
    var values: [Double]
  }

  /// The zip format's 32-bit fields, without the ZIP64 extension.
  private static let limit = Int(UInt32.max)

  static func encode(_ arrays: [Array]) throws -> [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    for array in arrays {
      let payload =
        [UInt8](NPY.header(element: array.element, shape: array.shape))
        + [UInt8](NPY.encode(array.values, as: array.element))
      let name = Swift.Array((array.name + ".npy").utf8)
      guard out.count + payload.count < limit else {
        throw DownhillError.invalidArgument("arrays of more than 4 GB do not fit in an npz")
      }
      let crc = payload.withUnsafeBufferPointer {
        UInt32(crc32(0, $0.baseAddress, UInt32($0.count)))
      }
      let offset = UInt32(out.count)
      // Version 2.0, no flags, stored, 00:00 on 1980-01-01 (DOS date 0x0021).
      let common: [UInt8] =
        le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc)
        + le32(UInt32(payload.count)) + le32(UInt32(payload.count)) + le16(UInt16(name.count))
        + le16(0)
      out += le32(0x0403_4b50) + common + name + payload
      central +=
        le32(0x0201_4b50) + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0)
        + le32(offset) + name
    }
    let centralOffset = UInt32(out.count)
    out += central
    out +=
      le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(arrays.count))
      + le16(UInt16(arrays.count)) + le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
    return out
  }

  static func write(_ arrays: [Array], to url: URL) throws {
    let bytes = try encode(arrays)
    do { try AtomicFile.write(bytes, to: url.path) } catch let error as FileError {
      throw DownhillError.io(error.description)
    }
  }

  /// The arrays of an npz file by name (without `.npy`), as float64 values whatever the stored
  /// element type.
  static func read(from url: URL) throws -> [String: Array] {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw DownhillError.io("cannot read \(url.path): \(Folders.whyUnreadable(url.path))")
    }
    return try decode([UInt8](data), path: url.path)
  }

  static func decode(_ bytes: [UInt8], path: String) throws -> [String: Array] {
    func corrupt(_ reason: String) -> DownhillError { .corruptFile(path: path, reason: reason) }
    func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
    // The end record is the last 22 bytes unless the archive has a comment (up to 64 KB).
    var end = bytes.count - 22
    let earliest = max(0, bytes.count - 22 - 65535)
    while end >= earliest && !(end >= 0 && u32(end) == 0x0605_4b50) { end -= 1 }
    guard end >= earliest, end >= 0 else { throw corrupt("not an npz (zip) file") }
    let entries = u16(end + 10)
    var at = u32(end + 16)
    var arrays: [String: Array] = [:]
    for _ in 0..<entries {
      guard at + 46 <= bytes.count, u32(at) == 0x0201_4b50 else {
        throw corrupt("damaged zip directory")
      }
      let method = u16(at + 10)
      let crc = u32(at + 16)
      let size = u32(at + 24)
      let nameLength = u16(at + 28)
      let skip = u16(at + 30) + u16(at + 32)
      let local = u32(at + 42)
      guard at + 46 + nameLength <= bytes.count else { throw corrupt("damaged zip directory") }
      let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
      at += 46 + nameLength + skip
      guard method == 0 else {
        throw corrupt("entry \(name) is compressed; only np.savez's stored entries are read")
      }
      guard size != limit, local + 30 <= bytes.count, u32(local) == 0x0403_4b50 else {
        throw corrupt("entry \(name) has a damaged or ZIP64 header")
      }
      let start = local + 30 + u16(local + 26) + u16(local + 28)
      guard start + size <= bytes.count else { throw corrupt("entry \(name) is truncated") }
      let payload = bytes[start..<(start + size)]
      let actual = payload.withUnsafeBufferPointer {
        Int(crc32(0, $0.baseAddress, UInt32($0.count)))
      }
      guard actual == crc else { throw corrupt("entry \(name) fails its CRC-32 check") }
      guard name.hasSuffix(".npy") else { continue }
      let npy = Data(payload)
      let header = try NPY.parseHeader(npy, path: "\(path): \(name)")
      let values = (0..<header.count).map {
        NPY.read(npy, header.element, offset: header.dataOffset, index: $0)
      }
      let key = String(name.dropLast(4))
      arrays[key] = Array(name: key, element: header.element, shape: header.shape, values: values)
    }
    return arrays
  }

  private static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
  private static func le32(_ v: UInt32) -> [UInt8] {
    [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)]
  }
}
