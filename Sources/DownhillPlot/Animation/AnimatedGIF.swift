import Foundation

/// An animated GIF built frame by frame from raster images or figures.
///
/// All frames share one palette of at most 256 colours, chosen from every frame together, so a
/// colormap keeps the same colours across the animation. After the first frame, each frame stores
/// only the rectangle that changed since the previous one. The same frames always give the same
/// bytes.
///
/// ```swift
/// var gif = try AnimatedGIF(width: 640, height: 480, delay: 0.05)
/// for step in 0..<60 { try gif.append(figure(at: step)) }
/// try gif.write(to: "descent.gif")
/// ```
///
/// GIF has on/off transparency only, so frames are composited over white first.
public struct AnimatedGIF: Sendable {
  /// Pixel width of every frame.
  public let width: Int
  /// Pixel height of every frame.
  public let height: Int
  /// Seconds each frame is shown, stored in centiseconds as GIF requires.
  public let delay: Double
  /// How many times viewers repeat the animation; 0 repeats forever.
  public let loopCount: Int
  /// Ordered (Bayer) dithering when the frames need more than 256 colours. Off by default:
  /// flat-shaded surfaces and colormaps look cleaner as bands than as a dot pattern.
  public var dithering = false

  /// Frames composited over white and packed as `0xRRGGBB`.
  private var frames: [[UInt32]] = []

  /// The number of frames appended so far.
  public var frameCount: Int { frames.count }

  /// The largest width or height a GIF can describe.
  public static let maximumSide = 65535

  /// Starts an empty animation.
  ///
  /// - Throws: `PlotError.animation` when a side is outside 1…65535, `delay` is not a number of
  ///   seconds in (0, 655.35], or `loopCount` is outside 0…65535.
  public init(width: Int, height: Int, delay: Double, loopCount: Int = 0) throws {
    guard (1...Self.maximumSide).contains(width), (1...Self.maximumSide).contains(height) else {
      throw PlotError.animation(
        "GIF size \(width)×\(height) is not encodable: "
          + "width and height must be 1…\(Self.maximumSide) px")
    }
    guard delay.isFinite, delay > 0, delay <= 655.35 else {
      throw PlotError.animation(
        "GIF frame delay \(delay) s is not usable: "
          + "give seconds per frame above 0 and at most 655.35, e.g. 0.05")
    }
    guard (0...65535).contains(loopCount) else {
      throw PlotError.animation(
        "GIF loop count \(loopCount) is out of range: use 0 to loop forever, or 1…65535")
    }
    self.width = width
    self.height = height
    self.delay = delay
    self.loopCount = loopCount
  }

  /// Appends an image of exactly the animation's size.
  ///
  /// - Throws: `PlotError.animation` when the image's size differs from the animation's.
  public mutating func append(_ frame: RasterImage) throws {
    guard frame.width == width, frame.height == height, frame.pixels.count == width * height * 4
    else {
      throw sizeMismatch("\(frame.width)×\(frame.height) px")
    }
    frames.append(Self.packOverWhite(frame.pixels))
  }

  /// Renders `figure` at its size and scale and appends it.
  ///
  /// - Throws: `PlotError.animation` when the rendered size differs from the animation's, or
  ///   the figure's own rendering errors.
  public mutating func append(_ figure: Figure) throws {
    let w = (figure.width * figure.scale).rounded()
    let h = (figure.height * figure.scale).rounded()
    guard w == Double(width), h == Double(height) else {
      throw sizeMismatch("\(figure.width)×\(figure.height) at scale \(figure.scale)")
    }
    let image = try figure.raster()
    try append(image)
  }

  /// The GIF file's bytes.
  ///
  /// - Throws: `PlotError.animation` when no frame was appended, `PlotError.gif` when giflib fails.
  public func encoded() throws -> [UInt8] {
    guard !frames.isEmpty else {
      throw PlotError.animation("the animation has no frames: append at least one before encoding")
    }
    var quantizer = ColorQuantizer(frames: frames)
    let encoder = try GIFEncoder(
      width: width, height: height, palette: quantizer.palette, loopCount: loopCount)
    let centiseconds = max(1, Int((delay * 100).rounded()))
    var previous: [UInt8] = []
    for frame in frames {
      let indices = quantizer.indices(of: frame, width: width, dithering: dithering)
      let r = FrameDifference.changedRect(from: previous, to: indices, width: width, height: height)
      try encoder.addFrame(
        indices: FrameDifference.crop(indices, width: width, to: r), left: r.x, top: r.y,
        width: r.width, height: r.height, delay: centiseconds)
      previous = indices
    }
    return try encoder.finish()
  }

  /// Writes the GIF to `path`. The file appears complete or not at all.
  public func write(to path: String) throws {
    try writeAtomically(encoded(), to: path)
  }

  /// Writes the GIF to a file URL, as `write(to:)` does to its path.
  public func write(to url: URL) throws {
    try write(to: filePath(of: url))
  }

  private func sizeMismatch(_ frameSize: String) -> PlotError {
    .animation(
      "frame \(frames.count) is \(frameSize) but the animation is \(width)×\(height) px: "
        + "render every frame at the animation's size")
  }

  private static func packOverWhite(_ rgba: [UInt8]) -> [UInt32] {
    [UInt32](unsafeUninitializedCapacity: rgba.count / 4) { out, initialized in
      rgba.withUnsafeBufferPointer { p in
        for i in 0..<out.count {
          let a = UInt32(p[i * 4 + 3])
          // Straight alpha over white: c·a + 255·(1 − a), rounded.
          func over(_ c: UInt8) -> UInt32 { (UInt32(c) * a + 255 * (255 - a) + 127) / 255 }
          out[i] = over(p[i * 4]) << 16 | over(p[i * 4 + 1]) << 8 | over(p[i * 4 + 2])
        }
      }
      initialized = out.count
    }
  }
}
