import Foundation

/// A point or direction in 3D.
public struct Vector3: Equatable, Sendable {
  public var x: Double
  public var y: Double
  public var z: Double
  public init(_ x: Double, _ y: Double, _ z: Double) {
    self.x = x
    self.y = y
    self.z = z
  }
  static func + (a: Vector3, b: Vector3) -> Vector3 { Vector3(a.x + b.x, a.y + b.y, a.z + b.z) }
  static func - (a: Vector3, b: Vector3) -> Vector3 { Vector3(a.x - b.x, a.y - b.y, a.z - b.z) }
  static func * (a: Vector3, s: Double) -> Vector3 { Vector3(a.x * s, a.y * s, a.z * s) }
  func dot(_ b: Vector3) -> Double { x * b.x + y * b.y + z * b.z }
  func cross(_ b: Vector3) -> Vector3 {
    Vector3(y * b.z - z * b.y, z * b.x - x * b.z, x * b.y - y * b.x)
  }
  var length: Double { dot(self).squareRoot() }
  var normalized: Vector3 {
    let l = length
    return l > 0 ? self * (1 / l) : self
  }
  var isFinite: Bool { x.isFinite && y.isFinite && z.isFinite }
}

/// How the 3D box is seen, with matplotlib's conventions: azimuth about the z axis from the
/// x axis, elevation above the xy plane, both in degrees (defaults −60 and 30).
public struct View3D: Equatable, Sendable {
  public enum Projection: Equatable, Sendable {
    case orthographic
    /// Perspective with the eye this many box half-diagonals from the centre.
    case perspective(distance: Double)

    /// matplotlib's default `proj_type='persp'` (focal length 1): its eye stands 10 units from
    /// the centre of a box whose diagonal is 1.8294640721620434 · 25/24 units, about 10.5
    /// half-diagonals.
    public static let matplotlibPerspective = Projection.perspective(
      distance: 10 / (0.5 * 1.8294640721620434 * 25 / 24))
  }
  public var azimuth: Double
  public var elevation: Double
  public var projection: Projection

  public init(
    azimuth: Double = -60, elevation: Double = 30,
    projection: Projection = .matplotlibPerspective
  ) {
    self.azimuth = azimuth
    self.elevation = elevation
    self.projection = projection
  }

  /// Unit vector from the box centre towards the eye.
  var eye: Vector3 {
    let a = azimuth * .pi / 180
    let e = elevation * .pi / 180
    return Vector3(cos(e) * cos(a), cos(e) * sin(a), sin(e))
  }
}

/// Maps data coordinates to display coordinates (and a depth, larger = nearer the eye) for an
/// `Axes3D`: data → unit box scaled by the box aspect → view rotation → projection → display.
public struct Transform3D: Sendable {
  let limits: (x: ClosedRange<Double>, y: ClosedRange<Double>, z: ClosedRange<Double>)
  let aspect: Vector3
  let right: Vector3
  let up: Vector3
  let toward: Vector3
  let distance: Double?
  let center: Point
  let scale: Double

  init(
    limits: (x: ClosedRange<Double>, y: ClosedRange<Double>, z: ClosedRange<Double>),
    aspect: Vector3,
    view: View3D, center: Point, scale: Double
  ) {
    self.limits = limits
    let a = aspect.normalized
    self.aspect = a
    toward = view.eye
    // Straight up or down, z × eye vanishes: fall back to the azimuth's own right direction.
    let r = Vector3(0, 0, 1).cross(toward)
    let az = view.azimuth * .pi / 180
    right = r.length > 1e-9 ? r.normalized : Vector3(-sin(az), cos(az), 0)
    up = toward.cross(right)
    if case .perspective(let d) = view.projection {
      distance = max(1.5, d) * 0.5
    } else {
      distance = nil
    }
    self.center = center
    self.scale = scale
  }

  /// For a perspective view the eye's foot on the xy plane (box coordinates); for an
  /// orthographic one the horizontal direction towards the eye.
  var eyeFoot: Point {
    Point(toward.x * (distance ?? 1), toward.y * (distance ?? 1))
  }

  /// Box coordinates: the data box as a cuboid centred on the origin, half-diagonal ½.
  func box(_ p: Vector3) -> Vector3 {
    func unit(_ v: Double, _ r: ClosedRange<Double>) -> Double {
      r.upperBound > r.lowerBound ? (v - r.lowerBound) / (r.upperBound - r.lowerBound) - 0.5 : 0
    }
    return Vector3(
      unit(p.x, limits.x) * aspect.x, unit(p.y, limits.y) * aspect.y, unit(p.z, limits.z) * aspect.z
    )
  }

  /// Display point and depth of a data point.
  public func project(_ p: Vector3) -> (point: Point, depth: Double) {
    projectBox(box(p))
  }

  func projectBox(_ b: Vector3) -> (point: Point, depth: Double) {
    let depth = b.dot(toward)
    var f = 1.0
    if let distance { f = distance / max(1e-6, distance - depth) }
    return (Point(center.x + b.dot(right) * f * scale, center.y - b.dot(up) * f * scale), depth)
  }
}
