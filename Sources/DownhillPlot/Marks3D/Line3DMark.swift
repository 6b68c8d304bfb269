import Foundation

/// A polyline in 3D — a descent trajectory — with optional markers at its points and at its
/// start and end.
public struct Line3DMark: Mark3D {
  public var points: [Vector3]
  public var label: String?
  public var color: Color
  public var width: Double
  public var marker: Marker?
  public var markerSize: Double
  /// Marks where the path starts (a circle) and ends (a square), as trajectory figures do.
  public var marksEnds: Bool

  public init(
    points: [Vector3], label: String? = nil, color: Color, width: Double = 1.75,
    marker: Marker? = nil,
    markerSize: Double = 4, marksEnds: Bool = false
  ) {
    self.points = points
    self.label = label
    self.color = color
    self.width = width
    self.marker = marker
    self.markerSize = markerSize
    self.marksEnds = marksEnds
  }

  public func extent() -> Extent3D { Extent3D(points.filter(\.isFinite)) }

  public func addPrimitives(to scene: inout Scene3D, transform: Transform3D, theme: Theme) {
    let style = StrokeStyle(color: color, width: width, cap: .round, join: .round)
    // Only what lies inside the box is drawn, as matplotlib's `axlim_clip=True`.
    let box = transform.limits
    for (a, b) in zip(points, points.dropFirst()) {
      guard let (p, q) = Self.clipped(a, b, to: box) else { continue }
      scene.addSegment(p, q, style: style, transform: transform)
    }
    let inside = { (p: Vector3) in Self.clipped(p, p, to: box) != nil }
    if let marker {
      for p in Marker.thinned(points.indices).map({ points[$0] }) where inside(p) {
        scene.addMarker(
          p, marker: marker, size: markerSize, fill: color, edge: nil, transform: transform)
      }
    }
    if marksEnds, let first = points.first(where: \.isFinite),
      let last = points.last(where: \.isFinite)
    {
      let edge = Self.edge(against: color)
      for (p, shape) in [(first, Marker.circle), (last, .square)] where inside(p) {
        scene.addMarker(p, marker: shape, size: 8, fill: color, edge: edge, transform: transform)
      }
    }
  }

  /// An outline that sets a marker of this fill off from any background: dark round a light
  /// fill (a white marker on a white plateau), white round a dark one.
  static func edge(against fill: Color) -> Color {
    let luminance = 0.2126 * fill.red + 0.7152 * fill.green + 0.0722 * fill.blue
    return luminance > 0.5 ? Color(hex: 0x1a1a1a) : .white
  }

  /// The part of segment a–b inside the box (Liang–Barsky), nil when none is.
  static func clipped(
    _ a: Vector3, _ b: Vector3,
    to box: (x: ClosedRange<Double>, y: ClosedRange<Double>, z: ClosedRange<Double>)
  ) -> (Vector3, Vector3)? {
    guard a.isFinite, b.isFinite else { return nil }
    var (t0, t1) = (0.0, 1.0)
    let d = b - a
    let axes = [(a.x, d.x, box.x), (a.y, d.y, box.y), (a.z, d.z, box.z)]
    for (start, delta, range) in axes {
      // A hair of slack keeps points exactly on a face (a path on the box's floor) inside.
      let slack = 1e-9 * (range.upperBound - range.lowerBound)
      let (lo, hi) = (range.lowerBound - slack, range.upperBound + slack)
      if delta == 0 {
        guard start >= lo, start <= hi else { return nil }
        continue
      }
      var (enter, leave) = ((lo - start) / delta, (hi - start) / delta)
      if enter > leave { swap(&enter, &leave) }
      t0 = max(t0, enter)
      t1 = min(t1, leave)
      guard t0 <= t1 else { return nil }
    }
    return (a + d * t0, a + d * t1)
  }

  public func drawLegendSwatch(in rect: Rect, renderer: Renderer) {
    let y = rect.minY + rect.height / 2
    let line = Path(polyline: [Point(rect.minX, y), Point(rect.maxX, y)])
    // A grey casing keeps light paths (white on a jet surface) visible on the legend's white.
    renderer.draw(line, style: .stroked(Color(hex: 0x808080), width: width + 1.5))
    renderer.draw(line, style: .stroked(color, width: width))
    if marksEnds {
      renderer.draw(
        Marker.circle.path(at: Point(rect.minX + 3, y), size: 7),
        style: PathStyle(fill: color, stroke: StrokeStyle(color: Color(hex: 0x808080), width: 0.8)))
      renderer.draw(
        Marker.square.path(at: Point(rect.maxX - 3, y), size: 7),
        style: PathStyle(fill: color, stroke: StrokeStyle(color: Color(hex: 0x808080), width: 0.8)))
    }
  }
}

/// Points in 3D, each occluded by the surfaces in front of it, outlined to stand out on any
/// surface colour.
public struct Scatter3DMark: Mark3D {
  public var points: [Vector3]
  public var label: String?
  public var color: Color
  public var size: Double
  public var marker: Marker

  public init(
    points: [Vector3], label: String? = nil, color: Color, size: Double = 6,
    marker: Marker = .circle
  ) {
    self.points = points
    self.label = label
    self.color = color
    self.size = size
    self.marker = marker
  }

  public func extent() -> Extent3D { Extent3D(points.filter(\.isFinite)) }

  public func addPrimitives(to scene: inout Scene3D, transform: Transform3D, theme: Theme) {
    for p in points {
      scene.addMarker(
        p, marker: marker, size: size, fill: color, edge: Line3DMark.edge(against: color),
        transform: transform)
    }
  }

  public func drawLegendSwatch(in rect: Rect, renderer: Renderer) {
    renderer.draw(marker.path(at: Point(rect.midX, rect.midY), size: size), style: .filled(color))
  }
}
