import CZlib

/// gzip compression through the system zlib.
///
/// `inflateInit2_`/`deflateInit2_` are called directly because their convenience macros
/// (`inflateInit2`, `deflateInit2`) are not imported into Swift; `16 + MAX_WBITS` selects the
/// gzip wrapper rather than the raw zlib one.
enum Gzip {
  /// Whether `bytes` start with the gzip magic number 1f 8b.
  static func isCompressed(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
  }

  /// Decompresses a gzip stream (several concatenated members are joined, as `gunzip` does).
  ///
  /// - Parameter maximum: inflate no more than this many bytes: the output is the stream's first
  ///   `maximum` bytes (so a small file cannot inflate without bound).
  static func decompress(_ input: [UInt8], maximum: Int = .max) throws(GzipError) -> [UInt8] {
    var stream = z_stream()
    guard
      inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        == Z_OK
    else { throw GzipError.zlib("inflateInit2 failed") }
    defer { inflateEnd(&stream) }

    // MNIST images inflate about 5×; start there and grow geometrically.
    var output = [UInt8](repeating: 0, count: min(maximum, max(1 << 16, input.count * 6)))
    var produced = 0
    return try input.withUnsafeBufferPointer { (inBuffer) throws(GzipError) -> [UInt8] in
      stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
      stream.avail_in = UInt32(inBuffer.count)
      while true {
        if produced == output.count {
          if produced >= maximum { return output }
          output.append(contentsOf: repeatElement(0, count: min(output.count, maximum - produced)))
        }
        let status = output.withUnsafeMutableBufferPointer { outBuffer in
          stream.next_out = outBuffer.baseAddress! + produced
          let room = min(outBuffer.count - produced, Int(UInt32.max))
          stream.avail_out = UInt32(room)
          let status = inflate(&stream, Z_NO_FLUSH)
          produced += room - Int(stream.avail_out)
          return status
        }
        switch status {
        case Z_STREAM_END:
          // Another gzip member may follow; anything else after the stream is ignored, as
          // gunzip ignores trailing zeros.
          if stream.avail_in >= 2, stream.next_in[0] == 0x1f, stream.next_in[1] == 0x8b {
            guard inflateReset(&stream) == Z_OK else { throw GzipError.zlib("inflateReset failed") }
            continue
          }
          output.removeSubrange(produced...)
          return output
        case Z_OK:
          continue
        case Z_BUF_ERROR:
          // No progress possible: either the output is full (grow it) or the input ran out.
          if stream.avail_out == 0 { continue }
          throw GzipError.truncated
        case Z_DATA_ERROR:
          let message = stream.msg.map { String(cString: $0) } ?? "invalid data"
          throw GzipError.corrupt(message)
        case Z_MEM_ERROR:
          throw GzipError.zlib("out of memory")
        default:
          throw GzipError.zlib("inflate returned \(status)")
        }
      }
    }
  }

  /// Compresses `input` into a single gzip member (used to write test fixtures).
  static func compress(_ input: [UInt8], level: Int32 = Z_DEFAULT_COMPRESSION) throws(GzipError)
    -> [UInt8]
  {
    var stream = z_stream()
    guard
      deflateInit2_(
        &stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
        Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { throw GzipError.zlib("deflateInit2 failed") }
    defer { deflateEnd(&stream) }
    let bound = Int(deflateBound(&stream, UInt(input.count))) + 32
    var output = [UInt8](repeating: 0, count: bound)
    let status = input.withUnsafeBufferPointer { inBuffer in
      output.withUnsafeMutableBufferPointer { outBuffer in
        stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
        stream.avail_in = UInt32(inBuffer.count)
        stream.next_out = outBuffer.baseAddress
        stream.avail_out = UInt32(outBuffer.count)
        return deflate(&stream, Z_FINISH)
      }
    }
    guard status == Z_STREAM_END else { throw GzipError.zlib("deflate returned \(status)") }
    output.removeSubrange(Int(stream.total_out)...)
    return output
  }
}

/// Why a gzip stream could not be decompressed.
public enum GzipError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The stream ends before its end marker.
  case truncated
  /// zlib rejected the data (its message is kept).
  case corrupt(String)
  /// zlib itself failed.
  case zlib(String)

  public var description: String {
    switch self {
    case .truncated: "gzip data is truncated"
    case .corrupt(let message): "gzip data is corrupt: \(message)"
    case .zlib(let message): "zlib error: \(message)"
    }
  }
}
