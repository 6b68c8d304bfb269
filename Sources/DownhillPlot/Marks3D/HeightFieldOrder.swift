/// The drawing order, far to near, of the triangles of a height field (a surface over a
/// non-overlapping triangulation of the xy plane), exact for every view.
///
/// Sorting faces by mean depth (the painter's algorithm, as matplotlib does) draws a far face over
/// a near one wherever a long face's mean lies nearer than a short neighbour's. A height field
/// needs no depth at all: a ray from the eye moves steadily away from the eye's foot in the xy
/// plane, so of two triangles on one ray the one nearer the eye's foot in xy is in front. Across
/// each shared edge the triangle on the eye's side is drawn later; a topological sort of these
/// neighbour constraints orders a convex triangulation completely (Williams' MPVO, 1992), and a
/// Delaunay triangulation has no cycles from any viewpoint (Edelsbrunner 1989).
enum HeightFieldOrder {
  /// `triangles` index `xy` (box coordinates). `eye` is the eye's foot in the xy plane for a
  /// perspective view, or the horizontal direction towards the eye for an orthographic one.
  /// Any triangles left in a cycle follow in order of `fallbackKey` (mean depth), far first.
  static func order(
    triangles: [(Int, Int, Int)], xy: [Point], eye: Point, eyeAtInfinity: Bool,
    fallbackKey: [Double]
  ) -> [Int] {
    let n = triangles.count
    // Each edge's first triangle and that triangle's third corner, keyed by its corners.
    var firstSide: [Int64: (triangle: Int, opposite: Int)] = [:]
    firstSide.reserveCapacity(n * 2)
    var after: [[Int32]] = Array(repeating: [], count: n)
    var waiting = [Int](repeating: 0, count: n)
    for (t, tri) in triangles.enumerated() {
      for (p, q, r) in [(tri.0, tri.1, tri.2), (tri.1, tri.2, tri.0), (tri.2, tri.0, tri.1)] {
        let key = Int64(min(p, q)) << 32 | Int64(max(p, q))
        guard let other = firstSide[key] else {
          firstSide[key] = (t, r)
          continue
        }
        let (a, b) = (xy[p], xy[q])
        let ex = b.x - a.x
        let ey = b.y - a.y
        let towardEye = eyeAtInfinity ? eye : Point(eye.x - a.x, eye.y - a.y)
        let eyeSide = ex * towardEye.y - ey * towardEye.x
        let thisSide = ex * (xy[r].y - a.y) - ey * (xy[r].x - a.x)
        guard eyeSide.isFinite, thisSide.isFinite, eyeSide != 0, thisSide != 0 else { continue }
        // The triangle on the eye's side is nearer: the other one is drawn first.
        let (far, near) =
          (eyeSide > 0) == (thisSide > 0) ? (other.triangle, t) : (t, other.triangle)
        after[far].append(Int32(near))
        waiting[near] += 1
      }
    }
    var order: [Int] = []
    order.reserveCapacity(n)
    for t in 0..<n where waiting[t] == 0 { order.append(t) }
    var next = 0
    while next < order.count {
      for u in after[order[next]] {
        waiting[Int(u)] -= 1
        if waiting[Int(u)] == 0 { order.append(Int(u)) }
      }
      next += 1
    }
    if order.count < n {
      let left = (0..<n).filter { waiting[$0] > 0 }.sorted { fallbackKey[$0] < fallbackKey[$1] }
      order.append(contentsOf: left)
    }
    return order
  }
}
