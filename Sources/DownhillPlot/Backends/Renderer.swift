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
/// new backend implements only this protocol, and a new file format is one entry in
/// `OutputFormat.allCases` that encodes with it.
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
  /// Draws a text as `draw(text:…)` does, saying what it is for (a tick label, a legend entry):
  /// the figure's code calls this one, so that ``Figure/textInventory()`` can list every
  /// string by meaning. Backends need not implement it; the default drops the role.
  func draw(
    text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double,
    role: TextRole)
  /// Measures a single line of text as `draw(text:…)` would lay it out.
  func measure(text: String, font: Font) -> TextMetrics
  /// Restricts drawing to `rect` until the matching `popClip`.
  func pushClip(_ rect: Rect)
  func popClip()
  /// Fills many polygons, each with its own colour, in order (later ones on top), optionally
  /// outlining each in its own colour — a mesh's faces (matplotlib's `draw_path_collection`).
  /// Backends batch this; the default draws one path per polygon.
  func drawPolygons(_ polygons: PolygonBatch)
  /// The width, in display units, of the columns a dense line is reduced to (one device pixel
  /// or less for raster output): finer columns cannot change what is drawn.
  var lineColumnWidth: Double { get }
}

/// Polygons stored flat: polygon `i` has the vertices `points[starts[i]..<starts[i + 1]]`.
public struct PolygonBatch: Sendable {
  public var points: [Point] = []
  /// Start index of each polygon in `points`, plus a final entry equal to `points.count`.
  public var starts: [Int] = [0]
  public var fills: [Color] = []
  /// Outline width in display units, in each polygon's own fill colour; 0 for none. A hairline
  /// in the face colour hides the seams antialiasing leaves between neighbouring faces.
  public var edgeWidth: Double = 0
  /// An outline colour for every polygon instead of its fill (the mesh's "thin edges").
  public var edgeColor: Color?
  public var antialias = true
  /// Neighbouring polygons of one surface: a raster backend draws them supersampled rather than
  /// antialiased one by one, which leaves a light seam of background along every shared edge
  /// and lets a far face show through a band of slivers seen edge-on.
  public var seamless = false

  public init() {}

  public var count: Int { fills.count }

  public mutating func append(_ polygon: [Point], fill: Color) {
    points.append(contentsOf: polygon)
    starts.append(points.count)
    fills.append(fill)
  }

  public func polygon(_ i: Int) -> ArraySlice<Point> { points[starts[i]..<starts[i + 1]] }
}

extension Renderer {
  public var lineColumnWidth: Double { 0.5 }

  public func draw(
    text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double,
    role: TextRole
  ) {
    draw(text: text, at: point, font: font, color: color, anchor: anchor, rotation: rotation)
  }

  public func drawPolygons(_ batch: PolygonBatch) {
    for i in 0..<batch.count {
      let color = batch.fills[i]
      let edge = batch.edgeColor ?? color
      let stroke =
        batch.edgeWidth > 0 ? StrokeStyle(color: edge, width: batch.edgeWidth, join: .round) : nil
      draw(
        .polygon(Array(batch.polygon(i))),
        style: PathStyle(fill: color, stroke: stroke, antialias: batch.antialias))
    }
  }
}
