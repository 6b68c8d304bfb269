import Foundation

/// A 3D plot: a box seen from an azimuth and elevation (matplotlib's `Axes3D` conventions),
/// with shaded back panes, grid lines, ticks and labels on all three axes, and marks that are
/// depth-sorted and occluded together.
public final class Axes3D {
  public var title: String?
  public var xLabel: String?
  public var yLabel: String?
  public var zLabel: String?
  public var view = View3D()
  /// Relative lengths of the box's x, y and z sides (matplotlib's default 4:4:3).
  public var boxAspect = Vector3(4, 4, 3)
  public var xLimits: ClosedRange<Double>?
  public var yLimits: ClosedRange<Double>?
  public var zLimits: ClosedRange<Double>?
  /// A colorbar for the first mark that colours by value, with this label ("" for none).
  public var colorbarLabel: String?
  public var showsLegend = true
  /// Keeps the box one size from every view (for turning animations) instead of filling the
  /// plot area for the current one.
  public var keepsScaleWhileTurning = false
  public private(set) var marks: [any Mark3D] = []

  let theme: Theme
  private var nextColorIndex = 0

  init(theme: Theme) { self.theme = theme }

  public func nextColor() -> Color {
    defer { nextColorIndex += 1 }
    return theme.cycle[nextColorIndex % theme.cycle.count]
  }

  @discardableResult
  public func add(_ mark: any Mark3D) -> Axes3D {
    marks.append(mark)
    return self
  }

  /// A surface over a grid: `z[r * x.count + c]` is the height at (x[c], y[r]).
  @discardableResult
  public func surface(
    x: [Double], y: [Double], z: [Double], colormap: Colormap = .viridis, alpha: Double = 1,
    shaded: Bool = false, edgeColor: Color? = nil, rasterized: Bool = false, label: String? = nil
  ) -> Axes3D {
    guard z.count == x.count * y.count else { return self }
    var vertices: [Vector3] = []
    vertices.reserveCapacity(z.count)
    for r in y.indices {
      for c in x.indices { vertices.append(Vector3(x[c], y[r], z[r * x.count + c])) }
    }
    var mark = SurfaceMark(
      vertices: vertices, topology: .grid(rows: y.count, columns: x.count), colormap: colormap,
      label: label,
      alpha: alpha, shaded: shaded, edgeColor: edgeColor)
    mark.rasterized = rasterized
    return add(mark)
  }

  /// A surface through scattered points, Delaunay-triangulated in the xy plane (`plot_trisurf`).
  @discardableResult
  public func triangulatedSurface(
    x: [Double], y: [Double], z: [Double], colormap: Colormap = .viridis, alpha: Double = 1,
    shaded: Bool = false, edgeColor: Color? = nil, edgeWidth: Double = 0.3, label: String? = nil
  ) -> Axes3D {
    let n = min(x.count, y.count, z.count)
    let triangles = DelaunayTriangulation(points: (0..<n).map { Point(x[$0], y[$0]) }).triangles
    return add(
      SurfaceMark(
        vertices: (0..<n).map { Vector3(x[$0], y[$0], z[$0]) }, topology: .triangles(triangles),
        colormap: colormap,
        label: label, alpha: alpha, shaded: shaded, edgeColor: edgeColor, edgeWidth: edgeWidth))
  }

  /// A path through 3D points, marked at start and end. `draped` lays it on the surface as
  /// drawn (the first surface added; see `SurfaceMark.draped`), so a path computed on the exact
  /// function is not lost under a coarse mesh's triangles.
  @discardableResult
  public func trajectory(
    _ points: [Vector3], label: String? = nil, color: Color? = nil, width: Double = 1.75,
    marker: Marker? = nil, draped: Bool = false
  ) -> Axes3D {
    let surface = draped ? marks.lazy.compactMap { $0 as? SurfaceMark }.first : nil
    return add(
      Line3DMark(
        points: surface?.draped(points) ?? points, label: label, color: color ?? nextColor(),
        width: width, marker: marker, marksEnds: true))
  }

  @discardableResult
  public func line(
    _ points: [Vector3], label: String? = nil, color: Color? = nil, width: Double = 1.75
  ) -> Axes3D {
    add(Line3DMark(points: points, label: label, color: color ?? nextColor(), width: width))
  }

  @discardableResult
  public func scatter(
    _ points: [Vector3], label: String? = nil, color: Color? = nil, size: Double = 6
  ) -> Axes3D {
    add(Scatter3DMark(points: points, label: label, color: color ?? nextColor(), size: size))
  }

  var colorMapping: ColorMapping? { marks.lazy.compactMap(\.colorMapping).first }

  /// True when the surfaces leave `p` in sight from the current view, with `margin` (a
  /// fraction of the box's size on screen) around it: to choose a view that shows a point of
  /// interest, marker and all, rather than one that hides it behind a wall of the surface.
  public func shows(_ p: Vector3, margin: Double = 0.015) -> Bool {
    // Visibility does not depend on the box's size or place on the page.
    let t = Transform3D(
      limits: limits(), aspect: boxAspect, view: view, center: Point(0, 0), scale: 500)
    var scene = Scene3D()
    scene.eyeDistance = t.distance
    for mark in marks where mark is SurfaceMark {
      mark.addPrimitives(to: &scene, transform: t, theme: theme)
    }
    scene.addMarker(p, marker: .circle, size: 1, fill: .black, edge: nil, transform: t)
    let index = FaceIndex(scene: scene)
    let (at, depth) = t.project(p)
    let r = margin * 500
    return [(0.0, 0.0), (r, 0), (-r, 0), (0, r), (0, -r)].allSatisfy { (dx, dy) in
      index.isVisible((Point(at.x + dx, at.y + dy), depth), tolerance: scene.tolerance)
    }
  }

  /// Axis limits: explicit, or the data's range (matplotlib draws 3D data edge to edge); z's
  /// rounded out to whole ticks, so the height axis starts and ends on a labelled value.
  func limits() -> (x: ClosedRange<Double>, y: ClosedRange<Double>, z: ClosedRange<Double>) {
    let e = marks.reduce(Extent3D(x: nil, y: nil, z: nil)) { $0.union($1.extent()) }
    func resolve(_ explicit: ClosedRange<Double>?, _ data: ClosedRange<Double>?) -> ClosedRange<
      Double
    > {
      if let explicit, explicit.lowerBound.isFinite, explicit.upperBound.isFinite,
        explicit.lowerBound < explicit.upperBound
      {
        return explicit
      }
      guard let data,
        let l = AxisScale.dataLimits([data.lowerBound, data.upperBound], kind: .linear, margin: 0)
      else { return 0...1 }
      return l.lower...l.upper
    }
    var z = resolve(zLimits, e.z)
    if zLimits == nil {
      let (lo, hi) = TickLocator.niceLimits(z.lowerBound, z.upperBound, maxTicks: 7)
      if lo < hi { z = lo...hi }
    }
    return (resolve(xLimits, e.x), resolve(yLimits, e.y), z)
  }
}
