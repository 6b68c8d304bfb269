/// A grid surface drawn as its grid lines only (`plot_wireframe`); the lines are occluded by
/// any surface in front of them, like every 3D segment.
public struct WireframeMark: Mark3D {
  public var vertices: [Vector3]
  public var rows: Int
  public var columns: Int
  public var label: String?
  public var color: Color
  public var width: Double
  /// Draw every k-th grid line, as matplotlib's `rstride`/`cstride`.
  public var stride: Int

  public init(
    vertices: [Vector3], rows: Int, columns: Int, label: String? = nil, color: Color,
    width: Double = 0.8, stride: Int = 1
  ) {
    self.vertices = vertices
    self.rows = rows
    self.columns = columns
    self.label = label
    self.color = color
    self.width = width
    self.stride = max(1, stride)
  }

  public func extent() -> Extent3D { Extent3D(vertices.filter(\.isFinite)) }

  public func addPrimitives(to scene: inout Scene3D, transform: Transform3D, theme: Theme) {
    guard rows > 0, columns > 0, rows * columns <= vertices.count else { return }
    let style = StrokeStyle(color: color, width: width, cap: .round)
    for r in Swift.stride(from: 0, to: rows, by: stride) {
      for c in 0..<(columns - 1) {
        scene.addSegment(
          vertices[r * columns + c], vertices[r * columns + c + 1], style: style,
          transform: transform)
      }
    }
    for c in Swift.stride(from: 0, to: columns, by: stride) {
      for r in 0..<(rows - 1) {
        scene.addSegment(
          vertices[r * columns + c], vertices[(r + 1) * columns + c], style: style,
          transform: transform)
      }
    }
  }

  public func drawLegendSwatch(in rect: Rect, renderer: Renderer) {
    renderer.draw(
      Path(polyline: [Point(rect.minX, rect.midY), Point(rect.maxX, rect.midY)]),
      style: .stroked(color, width: width))
  }
}

extension Axes3D {
  /// Grid lines of z over (x, y): `z[r * x.count + c]` at (x[c], y[r]).
  @discardableResult
  public func wireframe(
    x: [Double], y: [Double], z: [Double], color: Color? = nil, stride: Int = 1,
    label: String? = nil
  ) -> Axes3D {
    guard z.count == x.count * y.count else { return self }
    var vertices: [Vector3] = []
    for r in y.indices {
      for c in x.indices { vertices.append(Vector3(x[c], y[r], z[r * x.count + c])) }
    }
    return add(
      WireframeMark(
        vertices: vertices, rows: y.count, columns: x.count, label: label,
        color: color ?? nextColor(), stride: stride))
  }
}
