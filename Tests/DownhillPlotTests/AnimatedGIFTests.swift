import Foundation
import Testing

@testable import DownhillPlot

@Suite struct AnimatedGIFTests {
  /// An image from a packed-colour function of (x, y).
  static func image(_ w: Int, _ h: Int, _ color: (Int, Int) -> UInt32) -> RasterImage {
    var pixels: [UInt8] = []
    pixels.reserveCapacity(w * h * 4)
    for y in 0..<h {
      for x in 0..<w {
        let c = color(x, y)
        pixels += [UInt8(c >> 16 & 0xff), UInt8(c >> 8 & 0xff), UInt8(c & 0xff), 255]
      }
    }
    return RasterImage(width: w, height: h, pixels: pixels)
  }

  static func packed(_ image: RasterImage) -> [UInt32] {
    stride(from: 0, to: image.pixels.count, by: 4).map { i in
      UInt32(image.pixels[i]) << 16 | UInt32(image.pixels[i + 1]) << 8 | UInt32(image.pixels[i + 2])
    }
  }

  /// A continuous viridis ramp that scrolls by `shift` pixels, with a 1-px red line and a black
  /// 3×3 "text" dot: far more than 256 colours, a few of them rare.
  static func ramp(shift: Int, width: Int = 512, height: Int = 48) -> RasterImage {
    image(width, height) { x, y in
      if y == 40, x >= 100, x < 140 { return 0xd6_2728 }
      if (44..<47).contains(y), (10..<13).contains(x) { return 0x000000 }
      if y >= 36 { return 0xff_ffff }
      let t = Double((x + shift) % width) / Double(width) * 255
      let a = Colormap.viridis.color(at: t.rounded(.down) / 256)
      let b = Colormap.viridis.color(at: min(255, t.rounded(.down) + 1) / 256)
      let f = t - t.rounded(.down)
      func mix(_ p: Double, _ q: Double) -> UInt32 { UInt32((255 * (p + (q - p) * f)).rounded()) }
      return mix(a.red, b.red) << 16 | mix(a.green, b.green) << 8 | mix(a.blue, b.blue)
    }
  }

  static func maxChannelError(_ a: [UInt32], _ b: [UInt32]) -> Int {
    zip(a, b).map { p, q in
      [16, 8, 0].map { s in abs(Int(p >> UInt32(s) & 0xff) - Int(q >> UInt32(s) & 0xff)) }.max()!
    }.max() ?? 0
  }

  static func threeFrames() throws -> AnimatedGIF {
    var gif = try AnimatedGIF(width: 40, height: 30, delay: 0.07, loopCount: 3)
    for step in 0..<3 {
      // A moving 4×4 square on a flat background, with a static border.
      try gif.append(
        image(40, 30) { x, y in
          if x == 0 || y == 0 { return 0x1f_77b4 }
          return (step * 8..<step * 8 + 4).contains(x) && (10..<14).contains(y)
            ? 0xff_7f0e : 0xff_ffff
        })
    }
    return gif
  }

  @Test func headerScreenLoopDelayAndFrames() throws {
    let bytes = try Self.threeFrames().encoded()
    #expect(String(decoding: bytes.prefix(6), as: UTF8.self) == "GIF89a")
    #expect(Int(bytes[6]) | Int(bytes[7]) << 8 == 40)
    #expect(Int(bytes[8]) | Int(bytes[9]) << 8 == 30)
    let gif = try #require(DecodedGIF(bytes))
    #expect(gif.width == 40 && gif.height == 30)
    #expect(gif.frames.count == 3)
    #expect(gif.loops == 3)
    #expect(gif.delays == [7, 7, 7])
  }

  @Test func fewColoursRoundTripExactlyAndLaterFramesStoreOnlyTheChange() throws {
    let gif = try #require(DecodedGIF(Self.threeFrames().encoded()))
    for step in 0..<3 {
      let expected = Self.image(40, 30) { x, y in
        if x == 0 || y == 0 { return 0x1f_77b4 }
        return (step * 8..<step * 8 + 4).contains(x) && (10..<14).contains(y)
          ? 0xff_7f0e : 0xff_ffff
      }
      #expect(gif.frames[step] == Self.packed(expected))
    }
    #expect(gif.imageRects[0].width == 40 && gif.imageRects[0].height == 30)
    // Square moves from x 0…3 to 8…11: the changed rectangle spans 0…11 × 10…13.
    #expect(gif.imageRects[1] == (x: 1, y: 10, width: 11, height: 4))
  }

  @Test func gradientKeepsColoursCloseAndRareColoursExact() throws {
    var gif = try AnimatedGIF(width: 512, height: 48, delay: 0.05)
    let frames = [0, 64, 128].map { Self.ramp(shift: $0) }
    for f in frames { try gif.append(f) }
    let decoded = try #require(DecodedGIF(gif.encoded()))
    for (original, shown) in zip(frames, decoded.frames) {
      let expected = Self.packed(original)
      #expect(Self.maxChannelError(expected, shown) <= 4)
      #expect(shown[40 * 512 + 120] == 0xd6_2728, "thin red line lost its colour")
      #expect(shown[45 * 512 + 11] == 0x000000, "black text lost its colour")
      #expect(shown[47 * 512 + 500] == 0xff_ffff, "background not exactly white")
    }
  }

  @Test func ditheringStaysClose() throws {
    var gif = try AnimatedGIF(width: 512, height: 48, delay: 0.05)
    gif.dithering = true
    let frame = Self.ramp(shift: 0)
    try gif.append(frame)
    let decoded = try #require(DecodedGIF(gif.encoded()))
    #expect(Self.maxChannelError(Self.packed(frame), decoded.frames[0]) <= 16)
  }

  @Test func transparentPixelsAreCompositedOverWhite() throws {
    var gif = try AnimatedGIF(width: 2, height: 1, delay: 1)
    try gif.append(RasterImage(width: 2, height: 1, pixels: [0, 0, 0, 0, 0, 0, 0, 128]))
    let decoded = try #require(DecodedGIF(gif.encoded()))
    #expect(decoded.frames[0] == [0xff_ffff, 0x7f_7f7f])
  }

  @Test func sameFramesGiveSameBytes() throws {
    func build() throws -> [UInt8] {
      var gif = try AnimatedGIF(width: 512, height: 48, delay: 0.05)
      for shift in [0, 100] { try gif.append(Self.ramp(shift: shift)) }
      return try gif.encoded()
    }
    #expect(try build() == build())
    #expect(try Self.threeFrames().encoded() == Self.threeFrames().encoded())
  }

  @Test func figureFramesRenderAtTheirSize() throws {
    let figure = SampleFigures.lossCurves(width: 160, height: 120)
    var gif = try AnimatedGIF(width: 160, height: 120, delay: 0.1)
    try gif.append(figure)
    let decoded = try #require(DecodedGIF(gif.encoded()))
    #expect(decoded.frames.count == 1 && decoded.width == 160)
    #expect(throws: PlotError.self) {
      try gif.append(SampleFigures.lossCurves(width: 100, height: 120))
    }
  }

  @Test(arguments: [(0, 10), (10, 0), (-1, 10), (65536, 10), (10, 70000)])
  func badSizeIsRejected(size: (Int, Int)) {
    #expect(throws: PlotError.self) { try AnimatedGIF(width: size.0, height: size.1, delay: 0.1) }
  }

  @Test(arguments: [0, -0.1, .nan, .infinity, 1000])
  func badDelayIsRejected(delay: Double) {
    #expect(throws: PlotError.self) { try AnimatedGIF(width: 10, height: 10, delay: delay) }
  }

  @Test func badLoopCountAndEmptyAnimationAreRejected() throws {
    #expect(throws: PlotError.self) {
      try AnimatedGIF(width: 10, height: 10, delay: 0.1, loopCount: -1)
    }
    let empty = try AnimatedGIF(width: 10, height: 10, delay: 0.1)
    #expect(throws: PlotError.self) { try empty.encoded() }
    do {
      _ = try empty.encoded()
    } catch let error as PlotError {
      #expect(!error.description.contains("\n"))
      #expect(error.description.contains("no frames"))
    }
  }

  @Test func mismatchedFrameIsRejectedWithOneLine() throws {
    var gif = try AnimatedGIF(width: 10, height: 10, delay: 0.1)
    do {
      try gif.append(Self.image(10, 11) { _, _ in 0 })
      Issue.record("no error")
    } catch let error as PlotError {
      #expect(!error.description.contains("\n") && error.description.contains("10×11"))
    }
    #expect(gif.frameCount == 0)
  }

  @Test func failedWritesLeaveNoFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "downhill-gif-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let empty = try AnimatedGIF(width: 10, height: 10, delay: 0.1)
    #expect(throws: PlotError.self) {
      try empty.write(to: dir.appendingPathComponent("empty.gif").path)
    }
    let missing = dir.appendingPathComponent("no/such/folder/a.gif").path
    #expect(throws: PlotError.self) { try Self.threeFrames().write(to: missing) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)

    let path = dir.appendingPathComponent("ok.gif").path
    try Self.threeFrames().write(to: path)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["ok.gif"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(Self.threeFrames().encoded()))
  }

  @Test func writesToAFileURL() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "downhill-gif-url-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("ok.gif")
    try Self.threeFrames().write(to: url)
    #expect(try Data(contentsOf: url) == Data(Self.threeFrames().encoded()))
    #expect(throws: PlotError.self) {
      try Self.threeFrames().write(to: URL(string: "https://example.com/a.gif")!)
    }
  }
}
