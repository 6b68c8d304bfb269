/// An RGBA raster, row-major from the top-left, 8 bits per channel, straight alpha.
public struct RasterImage: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public var pixels: [UInt8]

  public init(width: Int, height: Int, pixels: [UInt8]) {
    precondition(width > 0 && height > 0 && pixels.count == width * height * 4)
    self.width = width
    self.height = height
    self.pixels = pixels
  }
}

/// The few primitives a figure needs from an output device, as matplotlib's `RendererBase`:
/// paths, images and text. Everything else (markers, ticks, legends) is built from these, so a
/// new backend implements only this protocol.
///
/// Coordinates are display units (pixels at scale 1) with y pointing down.
public protocol Renderer: AnyObject {
  /// Fills and/or strokes a path.
  func draw(_ path: Path, style: PathStyle)
  /// Draws an image stretched into `rect`; `smooth` false keeps hard pixel edges (heatmaps).
  func draw(_ image: RasterImage, in rect: Rect, smooth: Bool)
  /// Draws a single line of text, rotated by `rotation` radians (counter-clockwise) about `point`.
  func draw(
    text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double)
  /// Measures a single line of text as `draw(text:…)` would lay it out.
  func measure(text: String, font: Font) -> TextMetrics
  /// Restricts drawing to `rect` until the matching `popClip`.
  func pushClip(_ rect: Rect)
  func popClip()
}
