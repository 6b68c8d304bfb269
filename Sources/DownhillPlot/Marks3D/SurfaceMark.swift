import Foundation

/// A surface through 3D vertices: a grid (as `plot_surface`) or a triangle list (as
/// `plot_trisurf`), flat-shaded faces coloured by their mean height through a colormap,
/// optionally lit. Faces touching a non-finite vertex are left out, so log(0) or an overflow
/// shows as a hole.
public struct SurfaceMark: Mark3D {
  public enum Topology: Sendable {
    /// `rows × columns` vertices, row-major; each grid cell becomes one quadrilateral face.
    case grid(rows: Int, columns: Int)
    /// Triangles as vertex index triples.
    case triangles([(Int, Int, Int)])
  }

  public var vertices: [Vector3]
  public var topology: Topology
  public var mapping: ColorMapping?
  public var label: String?
  public var alpha: Double
  /// Darkens faces turned away from a light up and to the left of the default view.
  public var shaded: Bool
  /// Visible mesh edges ("thin edges"); nil draws none.
  public var edgeColor: Color?
  public var edgeWidth: Double
  /// Drawn as an image inside SVG and PDF (axes and text stay vector), for huge meshes.
  public var rasterized = false

  public init(
    vertices: [Vector3], topology: Topology, colormap: Colormap = .viridis, label: String? = nil,
    alpha: Double = 1, shaded: Bool = false, edgeColor: Color? = nil, edgeWidth: Double = 0.3
  ) {
    self.vertices = vertices
    self.topology = topology
    self.mapping = ColorMapping(values: vertices.map(\.z), colormap: colormap)
    self.label = label
    self.alpha = alpha
    self.shaded = shaded
    self.edgeColor = edgeColor
    self.edgeWidth = edgeWidth
  }

  public var colorMapping: ColorMapping? { mapping }

  public func extent() -> Extent3D { Extent3D(vertices.filter(\.isFinite)) }

  /// Each face's corners, in drawing order round the face.
  func faces() -> [[Int]] {
    switch topology {
    case .grid(let rows, let columns):
      guard rows > 1, columns > 1, rows * columns <= vertices.count else { return [] }
      var out: [[Int]] = []
      out.reserveCapacity((rows - 1) * (columns - 1))
      for r in 0..<(rows - 1) {
        for c in 0..<(columns - 1) {
          let i = r * columns + c
          out.append([i, i + 1, i + columns + 1, i + columns])
        }
      }
      return out
    case .triangles(let triangles):
      return triangles.compactMap { t in
        [t.0, t.1, t.2].allSatisfy { $0 >= 0 && $0 < vertices.count } ? [t.0, t.1, t.2] : nil
      }
    }
  }

  public func addPrimitives(to scene: inout Scene3D, transform: Transform3D, theme: Theme) {
    // Light from the upper left of the default view, fixed in the data box like matplotlib's
    // LightSource(azdeg=225, altdeg=19.5), so a turning surface shows its shape.
    let light = Vector3(-0.67, -0.67, 0.33).normalized
    // Each vertex is projected once; faces refer to it by index.
    let projected = vertices.map(transform.project)
    let box = shaded ? vertices.map(transform.box) : []
    for face in faces() {
      var meanZ = 0.0
      for i in face { meanZ += vertices[i].z }
      meanZ /= Double(face.count)
      // A non-finite corner makes a hole (log(0), overflow).
      guard meanZ.isFinite,
        face.allSatisfy({ projected[$0].point.x.isFinite && projected[$0].point.y.isFinite })
      else { continue }
      var c = mapping?.color(for: meanZ) ?? theme.cycle[0]
      if shaded {
        let n = (box[face[1]] - box[face[0]]).cross(box[face[face.count - 1]] - box[face[0]])
          .normalized
        let k = 0.55 + 0.45 * abs(n.dot(light))
        c = Color(red: c.red * k, green: c.green * k, blue: c.blue * k)
      }
      scene.addFace(face, projected: projected, fill: c.withAlpha(alpha))
    }
    scene.faceEdgeColor = edgeColor
    scene.rasterizeFaces = scene.rasterizeFaces || rasterized
    scene.faceEdgeWidth = edgeWidth
  }

  public func drawLegendSwatch(in rect: Rect, renderer: Renderer) {
    let c = mapping?.colormap.color(at: 0.6) ?? .black
    renderer.draw(
      .rectangle(Rect(x: rect.minX, y: rect.minY + 2, width: rect.width, height: rect.height - 4)),
      style: .filled(c))
  }
}

/// A polyline in 3D — a descent trajectory — with optional markers at its points and at its
/// start and end.
public struct Line3DMark: Mark3D {
  public var points: [Vector3]
  public var label: String?
  public var color: Color
  public var width: Double
  public var marker: Marker?
  public var markerSize: Double
  /// Marks where the path starts (a circle) and ends (a star-like cross), as trajectory
  /// figures do.
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
    for (a, b) in zip(points, points.dropFirst()) {
      scene.addSegment(a, b, style: style, transform: transform)
    }
    if let marker {
      for p in Marker.thinned(points.indices).map({ points[$0] }) {
        scene.addMarker(
          p, marker: marker, size: markerSize, fill: color, edge: nil, transform: transform)
      }
    }
    if marksEnds, let first = points.first(where: \.isFinite),
      let last = points.last(where: \.isFinite)
    {
      scene.addMarker(
        first, marker: .circle, size: 8, fill: color, edge: .white, transform: transform)
      scene.addMarker(
        last, marker: .square, size: 8, fill: color, edge: .white, transform: transform)
    }
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

/// Points in 3D, each occluded by the surfaces in front of it.
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
      scene.addMarker(p, marker: marker, size: size, fill: color, edge: nil, transform: transform)
    }
  }

  public func drawLegendSwatch(in rect: Rect, renderer: Renderer) {
    renderer.draw(marker.path(at: Point(rect.midX, rect.midY), size: size), style: .filled(color))
  }
}
