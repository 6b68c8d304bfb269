/// Data ranges a 3D mark covers, for autoscaling.
public struct Extent3D: Sendable {
  public var x: ClosedRange<Double>?
  public var y: ClosedRange<Double>?
  public var z: ClosedRange<Double>?

  init(_ points: [Vector3]) {
    x = Extent.range(points.map(\.x), log: false)
    y = Extent.range(points.map(\.y), log: false)
    z = Extent.range(points.map(\.z), log: false)
  }

  init(x: ClosedRange<Double>?, y: ClosedRange<Double>?, z: ClosedRange<Double>?) {
    self.x = x
    self.y = y
    self.z = z
  }

  func union(_ o: Extent3D) -> Extent3D {
    Extent3D(x: Extent.join(x, o.x), y: Extent.join(y, o.y), z: Extent.join(z, o.z))
  }
}

/// Anything drawn inside an `Axes3D`: it adds projected faces, segments and markers to the
/// scene, which sorts and occludes them all together.
public protocol Mark3D {
  var label: String? { get }
  func extent() -> Extent3D
  func addPrimitives(to scene: inout Scene3D, transform: Transform3D, theme: Theme)
  func drawLegendSwatch(in rect: Rect, renderer: Renderer)
  var colorMapping: ColorMapping? { get }
}

extension Mark3D {
  public func drawLegendSwatch(in rect: Rect, renderer: Renderer) {}
  public var colorMapping: ColorMapping? { nil }
}

extension Scene3D {
  /// Adds a face from data-space corners; faces with a non-finite corner are holes.
  mutating func addFace(_ corners: [Vector3], fill: Color, transform: Transform3D) {
    guard corners.allSatisfy(\.isFinite) else { return }
    let projected = corners.map(transform.project)
    addFace(projected.indices, projected: projected, fill: fill)
  }

  /// Adds a face whose corners are already projected: `corners` index into `projected`.
  mutating func addFace<C: Collection<Int>>(
    _ corners: C, projected: [(point: Point, depth: Double)], fill: Color
  ) {
    var key = 0.0
    for i in corners {
      facePoints.append(projected[i].point)
      faceDepths.append(projected[i].depth)
      key += projected[i].depth
    }
    faceStarts.append(facePoints.count)
    faceFills.append(fill)
    faceKeys.append(key / Double(corners.count))
  }

  mutating func addSegment(_ a: Vector3, _ b: Vector3, style: StrokeStyle, transform: Transform3D) {
    guard a.isFinite, b.isFinite else { return }
    segments.append(Segment(a: transform.project(a), b: transform.project(b), style: style))
  }

  mutating func addMarker(
    _ p: Vector3, marker: Marker, size: Double, fill: Color, edge: Color?, transform: Transform3D
  ) {
    guard p.isFinite else { return }
    markers.append(
      Marker3D(at: transform.project(p), marker: marker, size: size, fill: fill, edge: edge))
  }
}
