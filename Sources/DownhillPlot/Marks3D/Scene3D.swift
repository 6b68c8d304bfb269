import Foundation

/// Everything an `Axes3D` draws inside its box, reduced to projected faces, segments and points,
/// and drawn with correct occlusion between them.
///
/// matplotlib sorts whole artists, so a path over a surface is entirely in front or entirely
/// behind. Here faces are sorted among themselves (painter's algorithm, far to near), and each
/// segment is cut where it passes behind a face: the pieces in front of every face are drawn on
/// top, the pieces behind some face are drawn first (so they show through translucent faces
/// and nowhere else). Cut points are found by bisection to a hundredth of a display unit.
public struct Scene3D {
  /// Faces stored flat (a 200×200 surface is 40,000 of them): face `i` has the corners
  /// `facePoints[faceStarts[i]..<faceStarts[i + 1]]`.
  var facePoints: [Point] = []
  var faceDepths: [Double] = []
  var faceStarts: [Int] = [0]
  var faceFills: [Color] = []
  /// Mean depth, the painter's sort key.
  var faceKeys: [Double] = []
  var faceCount: Int { faceFills.count }

  struct Segment {
    var a: (point: Point, depth: Double)
    var b: (point: Point, depth: Double)
    var style: StrokeStyle
  }

  struct Marker3D {
    var at: (point: Point, depth: Double)
    var marker: Marker
    var size: Double
    var fill: Color
    var edge: Color?
  }

  var segments: [Segment] = []
  var markers: [Marker3D] = []
  /// Outline width for faces in their own colour (hides antialiasing seams), and an optional
  /// common edge colour for visible mesh edges.
  var faceEdgeWidth = 0.0
  /// Draw the faces as one image inside vector output (matplotlib's `rasterized=True`): a
  /// 200×200 surface as 40,000 vector paths is megabytes of SVG; as an image, a few hundred KB.
  var rasterizeFaces = false
  /// Pixels per display unit of that image.
  static let rasterScale = 2.0
  /// How far each face is grown outwards to close antialiasing seams, in display units.
  var seamOverlap = 0.3
  var faceEdgeColor: Color?
  /// How much nearer than a face a segment must be to count as in front: paths computed on a
  /// surface lie on it, and their chords dip slightly below it.
  var tolerance = 0.01

  func draw(on r: Renderer) {
    let order = (0..<faceCount).sorted { faceKeys[$0] < faceKeys[$1] }
    let index = FaceIndex(scene: self)
    var behind: [(Path, StrokeStyle, Double)] = []
    var front: [(Path, StrokeStyle, Double)] = []
    for s in segments {
      for run in index.runs(s, tolerance: tolerance) {
        let path = Path(polyline: [run.from, run.to])
        (run.visible ? { front.append($0) } : { behind.append($0) })((path, s.style, run.depth))
      }
    }
    let translucent = faceFills.contains { $0.alpha < 1 }
    if translucent || faceCount == 0 {
      for (p, style, _) in merged(behind).sorted(by: { $0.2 < $1.2 }) {
        r.draw(p, style: PathStyle(stroke: style))
      }
    }
    var batch = PolygonBatch()
    batch.edgeWidth = faceEdgeColor == nil ? 0 : faceEdgeWidth
    batch.edgeColor = faceEdgeColor
    batch.points.reserveCapacity(facePoints.count)
    batch.starts.reserveCapacity(faceCount + 1)
    batch.fills.reserveCapacity(faceCount)
    // Antialiased neighbours leave a faint seam of background between them. Growing each face
    // by a third of a unit, drawn far to near, closes it at no extra drawing cost (an outline
    // stroke in the face colour, matplotlib's fix, doubles the time).
    let grow = faceEdgeColor == nil ? seamOverlap : 0
    for i in order {
      let range = faceStarts[i]..<faceStarts[i + 1]
      var cx = 0.0
      var cy = 0.0
      for k in range {
        cx += facePoints[k].x
        cy += facePoints[k].y
      }
      cx /= Double(range.count)
      cy /= Double(range.count)
      for k in range {
        let p = facePoints[k]
        let l = hypot(p.x - cx, p.y - cy)
        batch.points.append(
          grow > 0 && l > 1e-9 ? Point(p.x + (p.x - cx) / l * grow, p.y + (p.y - cy) / l * grow) : p
        )
      }
      batch.starts.append(batch.points.count)
      batch.fills.append(faceFills[i])
    }
    if batch.count > 0 {
      if rasterizeFaces, let (image, rect) = Self.rasterized(batch) {
        r.draw(image, in: rect, smooth: true)
      } else {
        r.drawPolygons(batch)
      }
    }
    // Joined along each path first, then sorted: sorting the pieces first interleaves two
    // paths' pieces and leaves each a two-point fragment.
    for (p, style, _) in merged(front).sorted(by: { $0.2 < $1.2 }) {
      r.draw(p, style: PathStyle(stroke: style))
    }
    for m in markers.sorted(by: { $0.at.depth < $1.at.depth })
    where index.isVisible(m.at, tolerance: tolerance) {
      let style =
        m.marker.isFilled
        ? PathStyle(fill: m.fill, stroke: m.edge.map { StrokeStyle(color: $0, width: 0.8) })
        : PathStyle(stroke: StrokeStyle(color: m.fill, width: 1.5))
      r.draw(m.marker.path(at: m.at.point, size: m.size), style: style)
    }
  }

  private static func rasterized(_ batch: PolygonBatch) -> (RasterImage, Rect)? {
    let bounds = Rect.bounding(batch.points)
    let rect = Rect(
      x: bounds.minX.rounded(.down), y: bounds.minY.rounded(.down),
      width: bounds.width.rounded(.up) + 1, height: bounds.height.rounded(.up) + 1)
    var shifted = batch
    shifted.points = batch.points.map { Point($0.x - rect.minX, $0.y - rect.minY) }
    guard
      let image = try? CairoCanvas.rasterize(
        width: rect.width, height: rect.height, scale: rasterScale,
        draw: { $0.drawPolygons(shifted) })
    else { return nil }
    return (image, rect)
  }

  /// Joins consecutive runs (in the order the marks added their segments) of the same style
  /// that meet end to start into one path, so a visible stretch of trajectory is one polyline
  /// rather than many two-point paths; its depth is the mean of its pieces'. A piece of no
  /// length adds nothing to a polyline and is dropped from it.
  private func merged(_ runs: [(Path, StrokeStyle, Double)]) -> [(Path, StrokeStyle, Double)] {
    var out: [(Path, StrokeStyle, Double)] = []
    var pieces = 0
    for run in runs {
      if let last = out.last, last.1 == run.1, case .line(let end)? = last.0.elements.last,
        case .move(let start)? = run.0.elements.first, abs(end.x - start.x) < 1e-9,
        abs(end.y - start.y) < 1e-9
      {
        var p = last.0
        for e in run.0.elements.dropFirst() {
          if case .line(let to) = e, abs(to.x - start.x) < 1e-9, abs(to.y - start.y) < 1e-9 {
            continue
          }
          p.elements.append(e)
        }
        pieces += 1
        out[out.count - 1] = (p, last.1, last.2 + (run.2 - last.2) / Double(pieces))
      } else {
        out.append(run)
        pieces = 1
      }
    }
    return out
  }
}

/// Faces bucketed by display position, to ask "is this point behind a face?" quickly.
struct FaceIndex {
  private let points: [Point]
  private let depths: [Double]
  private let starts: [Int]
  private let bins: [[Int32]]
  private let origin: Point
  private let cell: Double
  private let columns: Int
  private let rows: Int

  init(scene: Scene3D) {
    points = scene.facePoints
    depths = scene.faceDepths
    starts = scene.faceStarts
    let count = scene.faceCount
    var lo = Point(.infinity, .infinity)
    var hi = Point(-.infinity, -.infinity)
    // Only segments and markers ask; without them the index is not needed.
    let needed = !scene.segments.isEmpty || !scene.markers.isEmpty
    for p in points where needed {
      lo = Point(min(lo.x, p.x), min(lo.y, p.y))
      hi = Point(max(hi.x, p.x), max(hi.y, p.y))
    }
    guard lo.x <= hi.x else {
      (origin, cell, columns, rows, bins) = (Point(0, 0), 1, 0, 0, [])
      return
    }
    // About four faces per bin on average.
    let area = max(1, (hi.x - lo.x) * (hi.y - lo.y))
    let c = max(2, (area * 4 / Double(max(1, count))).squareRoot())
    let cols = clampedInt((hi.x - lo.x) / c, 0...1023) + 1
    let rws = clampedInt((hi.y - lo.y) / c, 0...1023) + 1
    var b = [[Int32]](repeating: [], count: cols * rws)
    for i in 0..<count {
      var (x0, x1, y0, y1) = (Double.infinity, -Double.infinity, Double.infinity, -Double.infinity)
      for k in starts[i]..<starts[i + 1] {
        x0 = min(x0, points[k].x)
        x1 = max(x1, points[k].x)
        y0 = min(y0, points[k].y)
        y1 = max(y1, points[k].y)
      }
      let c0 = clampedInt((x0 - lo.x) / c, 0...(cols - 1))
      let c1 = clampedInt((x1 - lo.x) / c, c0...(cols - 1))
      let r0 = clampedInt((y0 - lo.y) / c, 0...(rws - 1))
      let r1 = clampedInt((y1 - lo.y) / c, r0...(rws - 1))
      for row in r0...r1 { for col in c0...c1 { b[row * cols + col].append(Int32(i)) } }
    }
    (origin, cell, columns, rows, bins) = (lo, c, cols, rws, b)
  }

  /// True when no face covers `p` nearer to the eye than `p.depth + tolerance`.
  func isVisible(_ p: (point: Point, depth: Double), tolerance: Double) -> Bool {
    guard columns > 0 else { return true }
    let x = ((p.point.x - origin.x) / cell).rounded(.down)
    let y = ((p.point.y - origin.y) / cell).rounded(.down)
    // Compared as doubles first: a non-finite or far-off point is outside every bin.
    guard x >= 0, y >= 0, x < Double(columns), y < Double(rows) else { return true }
    let (col, row) = (Int(x), Int(y))
    for i in bins[row * columns + col] {
      if let d = depth(ofFace: Int(i), at: p.point), d > p.depth + tolerance { return false }
    }
    return true
  }

  /// The face's depth at a display point inside it (fan triangulation), nil outside.
  private func depth(ofFace i: Int, at p: Point) -> Double? {
    let s = starts[i]
    let a = points[s]
    for k in (s + 1)..<(starts[i + 1] - 1) {
      let b = points[k]
      let c = points[k + 1]
      let det = (b.y - c.y) * (a.x - c.x) + (c.x - b.x) * (a.y - c.y)
      guard abs(det) > 1e-12 else { continue }
      let l1 = ((b.y - c.y) * (p.x - c.x) + (c.x - b.x) * (p.y - c.y)) / det
      let l2 = ((c.y - a.y) * (p.x - c.x) + (a.x - c.x) * (p.y - c.y)) / det
      let l3 = 1 - l1 - l2
      if l1 >= 0, l2 >= 0, l3 >= 0 {
        return l1 * depths[s] + l2 * depths[k] + l3 * depths[k + 1]
      }
    }
    return nil
  }

  struct Run {
    var from: Point
    var to: Point
    var visible: Bool
    var depth: Double
  }

  /// Splits a segment into stretches that are wholly visible or wholly hidden.
  func runs(_ s: Scene3D.Segment, tolerance: Double) -> [Run] {
    func at(_ t: Double) -> (point: Point, depth: Double) {
      (
        Point(
          s.a.point.x + (s.b.point.x - s.a.point.x) * t,
          s.a.point.y + (s.b.point.y - s.a.point.y) * t),
        s.a.depth + (s.b.depth - s.a.depth) * t
      )
    }
    let length = hypot(s.b.point.x - s.a.point.x, s.b.point.y - s.a.point.y)
    guard length.isFinite else { return [] }
    // Sample finely enough that no face edge is skipped, then bisect each change of visibility.
    let n = clampedInt(length / 0.5, 0...99_999) + 1
    var runs: [Run] = []
    var start = 0.0
    var visible = isVisible(at(0), tolerance: tolerance)
    var previous = 0.0
    for k in 1...n {
      let t = Double(k) / Double(n)
      let v = isVisible(at(t), tolerance: tolerance)
      if v != visible {
        var (lo, hi) = (previous, t)
        for _ in 0..<12 {
          let mid = (lo + hi) / 2
          if isVisible(at(mid), tolerance: tolerance) == visible { lo = mid } else { hi = mid }
        }
        let cut = (lo + hi) / 2
        runs.append(
          Run(
            from: at(start).point, to: at(cut).point, visible: visible,
            depth: at((start + cut) / 2).depth))
        start = cut
        visible = v
      }
      previous = t
    }
    runs.append(
      Run(
        from: at(start).point, to: at(1).point, visible: visible, depth: at((start + 1) / 2).depth))
    return runs
  }
}
