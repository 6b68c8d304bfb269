import CGif

/// A thin, checked wrapper over giflib's encoder writing into memory. Every giflib call reports
/// failure through its return value, which becomes a `PlotError.gif`.
final class GIFEncoder {
  private var bytes: [UInt8] = []
  private var file: UnsafeMutablePointer<GifFileType>?

  /// Starts a GIF89a with a global `palette` (packed `0xRRGGBB`, 1…256 colours) and the
  /// NETSCAPE2.0 loop extension.
  init(width: Int, height: Int, palette: [UInt32], loopCount: Int) throws {
    var error: Int32 = 0
    // giflib hands the pointer back to `appendOutput`; `self` outlives `file` (closed in
    // `finish` or `deinit`).
    file = EGifOpen(Unmanaged.passUnretained(self).toOpaque(), appendOutput, &error)
    guard let file else { throw PlotError.gif(Self.message(error)) }
    // Without this giflib writes a GIF87a header, which has no extensions.
    EGifSetGifVersion(file, true)

    // Colour tables hold a power of two entries; pad with black.
    let bits = max(1, Int.bitWidth - (palette.count - 1).leadingZeroBitCount)
    var colors = [GifColorType](
      repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: 1 << bits)
    for (i, c) in palette.enumerated() {
      colors[i] = GifColorType(
        Red: UInt8(c >> 16 & 0xff), Green: UInt8(c >> 8 & 0xff), Blue: UInt8(c & 0xff))
    }
    guard let map = GifMakeMapObject(Int32(colors.count), colors) else {
      throw PlotError.gif(Self.message(E_GIF_ERR_NOT_ENOUGH_MEM))
    }
    defer { GifFreeMapObject(map) }  // EGifPutScreenDesc keeps its own copy
    try check(EGifPutScreenDesc(file, Int32(width), Int32(height), 8, 0, map))

    let loops = UInt16(clamping: loopCount)
    try check(EGifPutExtensionLeader(file, APPLICATION_EXT_FUNC_CODE))
    try check(EGifPutExtensionBlock(file, 11, Array("NETSCAPE2.0".utf8)))
    try check(EGifPutExtensionBlock(file, 3, [1, UInt8(loops & 0xff), UInt8(loops >> 8)]))
    try check(EGifPutExtensionTrailer(file))
  }

  deinit {
    guard let file else { return }
    // Closing still writes a trailer; with no user data the callback drops it instead of
    // reaching back into an object that is going away.
    file.pointee.UserData = nil
    EGifCloseFile(file, nil)
  }

  /// Adds one image: `indices` cover the rectangle at (`left`, `top`) row by row, shown for
  /// `delay` centiseconds and left in place for the next frame to draw over.
  func addFrame(indices: [UInt8], left: Int, top: Int, width: Int, height: Int, delay: Int) throws {
    guard let file else { throw PlotError.gif("encoder already finished") }
    var gcb = GraphicsControlBlock(
      DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false, DelayTime: Int32(delay),
      TransparentColor: NO_TRANSPARENT_COLOR)
    var extensionBytes = [UInt8](repeating: 0, count: 4)
    let length = EGifGCBToExtension(&gcb, &extensionBytes)
    try check(EGifPutExtension(file, GRAPHICS_EXT_FUNC_CODE, Int32(length), extensionBytes))
    try check(
      EGifPutImageDesc(file, Int32(left), Int32(top), Int32(width), Int32(height), false, nil))
    // EGifPutLine masks pixels in place, so it gets a private copy.
    var pixels = indices
    try check(EGifPutLine(file, &pixels, Int32(pixels.count)))
  }

  /// Writes the trailer and returns the whole file.
  func finish() throws -> [UInt8] {
    guard let open = file else { throw PlotError.gif("encoder already finished") }
    file = nil
    var error: Int32 = 0
    // EGifCloseFile frees the handle even when it fails.
    guard EGifCloseFile(open, &error) == GIF_OK else { throw PlotError.gif(Self.message(error)) }
    return bytes
  }

  fileprivate func append(_ data: UnsafePointer<GifByteType>, count: Int) {
    bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: count))
  }

  private func check(_ status: Int32) throws {
    guard status == GIF_OK else { throw PlotError.gif(Self.message(file?.pointee.Error ?? 0)) }
  }

  private static func message(_ code: Int32) -> String {
    GifErrorString(code).map { String(cString: $0) } ?? "error \(code)"
  }
}

/// giflib's output callback: appends to the encoder named by the handle's user data.
private func appendOutput(
  _ file: UnsafeMutablePointer<GifFileType>?, _ data: UnsafePointer<GifByteType>?, _ length: Int32
) -> Int32 {
  guard let file, let data, let user = file.pointee.UserData, length >= 0 else { return 0 }
  Unmanaged<GIFEncoder>.fromOpaque(user).takeUnretainedValue().append(data, count: Int(length))
  return length
}
