import Foundation

/// A surface through 3D vertices: a grid (as `plot_surface`) or a triangle list (as
/// `plot_trisurf`), flat triangles coloured by their mean height through a colormap (unlit by
/// default, as matplotlib, so colours match the colorbar), drawn far to near in an order exact
/// for a height field. Faces touching a non-finite vertex are left out, so log(0) or an overflow
/// shows as a hole.
public struct SurfaceMark: Mark3D {
  public enum Topology: Sendable {
    /// `rows × columns` vertices, row-major; each grid cell becomes two triangles, split along
    /// the diagonal nearer the surface's smooth estimate (no sawtooth along a crease).
    case grid(rows: Int, columns: Int)
    /// Triangles as vertex index triples.
    case triangles([(Int, Int, Int)])
  }

  public var vertices: [Vector3]
  public var topology: Topology
  public var mapping: ColorMapping?
  public var label: String?
  public var alpha: Double
  /// Darkens faces turned away from a light up and to the left of the default view; colours then
  /// no longer match the colorbar, so it is off by default (matplotlib's `shade=False` for
  /// colormapped surfaces).
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

  public func addPrimitives(to scene: inout Scene3D, transform: Transform3D, theme: Theme) {
    // Light from the upper left of the default view, fixed in the data box like matplotlib's
    // LightSource(azdeg=225, altdeg=19.5), so a turning surface shows its shape.
    let light = Vector3(-0.67, -0.67, 0.33).normalized
    // Each vertex is projected once; faces refer to it by index.
    let projected = vertices.map(transform.project)
    let box = vertices.map(transform.box)
    let triangles = self.triangles()
    let meanDepth = triangles.map {
      (projected[$0.0].depth + projected[$0.1].depth + projected[$0.2].depth) / 3
    }
    let order = HeightFieldOrder.order(
      triangles: triangles, xy: box.map { Point($0.x, $0.y) }, eye: transform.eyeFoot,
      eyeAtInfinity: transform.distance == nil,
      fallbackKey: meanDepth.map { $0.isFinite ? $0 : 0 })
    // Faces go in far to near; the scene keeps that order unless another mark adds faces.
    let ordered = scene.faceCount == 0
    for t in order {
      let tri = triangles[t]
      let face = [tri.0, tri.1, tri.2]
      let meanZ = (vertices[tri.0].z + vertices[tri.1].z + vertices[tri.2].z) / 3
      // A non-finite corner makes a hole (log(0), overflow).
      guard meanZ.isFinite,
        face.allSatisfy({ projected[$0].point.x.isFinite && projected[$0].point.y.isFinite })
      else { continue }
      var c = mapping?.color(for: meanZ) ?? theme.cycle[0]
      if shaded {
        let n = (box[tri.1] - box[tri.0]).cross(box[tri.2] - box[tri.0]).normalized
        let k = 0.55 + 0.45 * abs(n.dot(light))
        c = Color(red: c.red * k, green: c.green * k, blue: c.blue * k)
      }
      scene.addFace(face, projected: projected, fill: c.withAlpha(alpha))
    }
    scene.facesInOrder = ordered ? scene.faceCount : 0
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
