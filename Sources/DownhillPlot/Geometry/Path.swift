/// A vector path in display space: the one shape every mark reduces to before it reaches a
/// `Renderer` (as matplotlib's `Path` before `draw_path`).
public struct Path: Equatable, Sendable {
  public enum Element: Equatable, Sendable {
    case move(Point)
    case line(Point)
    case curve(Point, Point, Point)
    case close
  }

  public var elements: [Element] = []

  public init() {}

  public init(polyline points: [Point]) {
    elements.reserveCapacity(points.count)
    for (i, p) in points.enumerated() { elements.append(i == 0 ? .move(p) : .line(p)) }
  }

  public var isEmpty: Bool { elements.isEmpty }

  public mutating func move(to p: Point) { elements.append(.move(p)) }
  public mutating func line(to p: Point) { elements.append(.line(p)) }
  public mutating func curve(to p: Point, control1: Point, control2: Point) {
    elements.append(.curve(control1, control2, p))
  }
  public mutating func close() { elements.append(.close) }

  public mutating func append(_ other: Path) { elements.append(contentsOf: other.elements) }

  public static func rectangle(_ r: Rect) -> Path {
    var p = Path()
    p.move(to: Point(r.minX, r.minY))
    p.line(to: Point(r.maxX, r.minY))
    p.line(to: Point(r.maxX, r.maxY))
    p.line(to: Point(r.minX, r.maxY))
    p.close()
    return p
  }

  public static func polygon(_ points: [Point]) -> Path {
    var p = Path(polyline: points)
    if !points.isEmpty { p.close() }
    return p
  }

  /// A circle from four cubic Béziers (the standard 0.5523 kappa), so every renderer draws the
  /// same curve without an arc primitive.
  public static func circle(center c: Point, radius r: Double) -> Path {
    let k = 0.5522847498 * r
    var p = Path()
    p.move(to: Point(c.x + r, c.y))
    p.curve(
      to: Point(c.x, c.y + r), control1: Point(c.x + r, c.y + k), control2: Point(c.x + k, c.y + r))
    p.curve(
      to: Point(c.x - r, c.y), control1: Point(c.x - k, c.y + r), control2: Point(c.x - r, c.y + k))
    p.curve(
      to: Point(c.x, c.y - r), control1: Point(c.x - r, c.y - k), control2: Point(c.x - k, c.y - r))
    p.curve(
      to: Point(c.x + r, c.y), control1: Point(c.x + k, c.y - r), control2: Point(c.x + r, c.y - k))
    p.close()
    return p
  }
}

public enum LineCap: Sendable { case butt, round, square }
public enum LineJoin: Sendable { case miter, round, bevel }

/// How a path's outline is drawn.
public struct StrokeStyle: Equatable, Sendable {
  public var color: Color
  public var width: Double
  /// On/off lengths in display units; empty for a solid line.
  public var dash: [Double]
  public var cap: LineCap
  public var join: LineJoin

  public init(
    color: Color, width: Double = 1, dash: [Double] = [], cap: LineCap = .butt,
    join: LineJoin = .round
  ) {
    self.color = color
    self.width = width
    self.dash = dash
    self.cap = cap
    self.join = join
  }
}

/// Fill and/or stroke, as matplotlib's `rgbFace` plus graphics context.
public struct PathStyle: Equatable, Sendable {
  public var fill: Color?
  public var stroke: StrokeStyle?
  /// Antialiasing off removes the light seams between adjacent same-coloured fills.
  public var antialias: Bool

  public init(fill: Color? = nil, stroke: StrokeStyle? = nil, antialias: Bool = true) {
    self.fill = fill
    self.stroke = stroke
    self.antialias = antialias
  }

  public static func filled(_ c: Color) -> PathStyle { PathStyle(fill: c) }
  public static func stroked(_ c: Color, width: Double = 1, dash: [Double] = []) -> PathStyle {
    PathStyle(stroke: StrokeStyle(color: c, width: width, dash: dash))
  }
}
