import CGif

/// A GIF decoded with giflib's `DGifSlurp`, frames composited as a viewer shows them.
struct DecodedGIF {
  var width = 0
  var height = 0
  var loops: Int?  // NETSCAPE2.0 loop count, nil when absent
  var delays: [Int] = []  // centiseconds
  var frames: [[UInt32]] = []  // packed 0xRRGGBB, full screen
  var imageRects: [(x: Int, y: Int, width: Int, height: Int)] = []

  init?(_ bytes: [UInt8]) {
    let source = Source(bytes: bytes)
    var error: Int32 = 0
    let opened = withExtendedLifetime(source) {
      DGifOpen(Unmanaged.passUnretained(source).toOpaque(), readSource, &error)
    }
    guard let file = opened else { return nil }
    defer { DGifCloseFile(file, nil) }
    guard DGifSlurp(file) == GIF_OK, let map = file.pointee.SColorMap else { return nil }
    width = Int(file.pointee.SWidth)
    height = Int(file.pointee.SHeight)
    let palette = (0..<Int(map.pointee.ColorCount)).map { i in
      let c = map.pointee.Colors[i]
      return UInt32(c.Red) << 16 | UInt32(c.Green) << 8 | UInt32(c.Blue)
    }
    var canvas = [UInt32](repeating: 0, count: width * height)
    for n in 0..<Int(file.pointee.ImageCount) {
      let image = file.pointee.SavedImages[n]
      for e in 0..<Int(image.ExtensionBlockCount) {
        let block = image.ExtensionBlocks[e]
        if block.Function == APPLICATION_EXT_FUNC_CODE, block.ByteCount == 11,
          String(decoding: UnsafeBufferPointer(start: block.Bytes, count: 11), as: UTF8.self)
            == "NETSCAPE2.0",
          e + 1 < image.ExtensionBlockCount
        {
          let data = image.ExtensionBlocks[e + 1].Bytes!
          loops = Int(data[1]) | Int(data[2]) << 8
        }
      }
      var gcb = GraphicsControlBlock()
      if DGifSavedExtensionToGCB(file, Int32(n), &gcb) == GIF_OK {
        delays.append(Int(gcb.DelayTime))
      }
      let d = image.ImageDesc
      imageRects.append((Int(d.Left), Int(d.Top), Int(d.Width), Int(d.Height)))
      for y in 0..<Int(d.Height) {
        for x in 0..<Int(d.Width) {
          let index = Int(image.RasterBits[y * Int(d.Width) + x])
          canvas[(Int(d.Top) + y) * width + Int(d.Left) + x] = palette[index]
        }
      }
      frames.append(canvas)
    }
  }
}

private final class Source {
  let bytes: [UInt8]
  var offset = 0
  init(bytes: [UInt8]) { self.bytes = bytes }
}

private func readSource(
  _ file: UnsafeMutablePointer<GifFileType>?, _ out: UnsafeMutablePointer<GifByteType>?,
  _ length: Int32
) -> Int32 {
  guard let file, let out, let user = file.pointee.UserData else { return 0 }
  let source = Unmanaged<Source>.fromOpaque(user).takeUnretainedValue()
  let n = min(Int(length), source.bytes.count - source.offset)
  for i in 0..<n { out[i] = source.bytes[source.offset + i] }
  source.offset += n
  return Int32(n)
}
