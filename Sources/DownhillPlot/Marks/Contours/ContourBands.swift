import Foundation

/// Filled-contour geometry: the region `lower ≤ z ≤ upper` of a field as closed loops, outer
/// boundaries counter-clockwise and holes clockwise (for x and y increasing), so one nonzero fill
/// of all loops paints exactly the band.
///
/// Each cell is clipped against both levels (Sutherland–Hodgman, with crossings interpolated along
/// grid edges exactly as ``MarchingSquares`` does, so band edges meet contour lines). Cell edges
/// shared by two clipped cells cancel, and what is left is stitched into loops: the path holds the
/// band's outline, not one polygon per cell, which keeps vector output small and leaves no seams.
enum ContourBands {
  /// A polygon corner: where it is, the field value there, and the grid segment along which the
  /// edge leaving it runs (nil for a contour chord across a cell).
  private struct Vertex {
    var point: Point
    var value: Double
    var base: Segment?
  }

  /// A grid segment in a canonical direction, so both cells sharing it interpolate identically.
  private struct Segment {
    var p0: Point
    var v0: Double
    var p1: Point
    var v1: Double

    func crossing(_ level: Double) -> Point {
      let t = (level - v0) / (v1 - v0)
      return Point(p0.x + t * (p1.x - p0.x), p0.y + t * (p1.y - p0.y))
    }
  }

  private struct Key: Hashable {
    let x: UInt64
    let y: UInt64
    init(_ p: Point) {
      // +0.0 and −0.0 must meet.
      x = (p.x == 0 ? 0 : p.x).bitPattern
      y = (p.y == 0 ? 0 : p.y).bitPattern
    }
    var point: Point { Point(Double(bitPattern: x), Double(bitPattern: y)) }
  }

  private struct EdgeKey: Hashable {
    let a: Key
    let b: Key
  }

  /// The band's outline loops. Cells flagged in `split` (see ``saddleCells(_:levels:)``) are
  /// cut into four triangles about their centre; pass the same flags for every band of a plot
  /// so that neighbouring bands share their boundaries exactly.
  static func loops(_ f: ContourField, lower: Double, upper: Double, split: [Bool]? = nil)
    -> [[Point]]
  {
    let nx = f.nx
    let ny = f.ny
    guard lower <= upper, !lower.isNaN, !upper.isNaN, nx >= 2, ny >= 2 else { return [] }
    // 0: outside or a hole, 1: wholly in the band, 2: partly. Edges between two whole cells
    // would cancel anyway; skipping them keeps the hash small.
    var state = [UInt8](repeating: 0, count: (nx - 1) * (ny - 1))
    f.z.withUnsafeBufferPointer { z in
      for j in 0..<(ny - 1) {
        for i in 0..<(nx - 1) {
          let k = j * nx + i
          let (z0, z1, z2, z3) = (z[k], z[k + 1], z[k + nx + 1], z[k + nx])
          // NaN fails every comparison; ±∞ must be excluded explicitly.
          guard z0.isFinite, z1.isFinite, z2.isFinite, z3.isFinite else { continue }
          let lo = Swift.min(Swift.min(z0, z1), Swift.min(z2, z3))
          let hi = Swift.max(Swift.max(z0, z1), Swift.max(z2, z3))
          if lo >= lower && hi <= upper {
            state[j * (nx - 1) + i] = 1
          } else if hi >= lower && lo <= upper {
            state[j * (nx - 1) + i] = 2
          }
        }
      }
    }
    var edges: [EdgeKey] = []
    var alive: [Bool] = []
    var index: [EdgeKey: Int] = [:]
    func add(_ a: Point, _ b: Point) {
      let ka = Key(a)
      let kb = Key(b)
      guard ka != kb else { return }
      if let r = index[EdgeKey(a: kb, b: ka)], alive[r] {
        alive[r] = false
        index[EdgeKey(a: kb, b: ka)] = nil
        return
      }
      let e = EdgeKey(a: ka, b: kb)
      index[e] = edges.count
      edges.append(e)
      alive.append(true)
    }
    for j in 0..<(ny - 1) {
      for i in 0..<(nx - 1) {
        let c = j * (nx - 1) + i
        guard state[c] != 0 else { continue }
        if state[c] == 1 {
          // Sides towards another whole cell cancel, so only the others are added (most whole
          // cells add nothing): bottom, right, top, left.
          let (x0, x1, y0, y1) = (f.x[i], f.x[i + 1], f.y[j], f.y[j + 1])
          if j == 0 || state[c - (nx - 1)] != 1 { add(Point(x0, y0), Point(x1, y0)) }
          if i == nx - 2 || state[c + 1] != 1 { add(Point(x1, y0), Point(x1, y1)) }
          if j == ny - 2 || state[c + (nx - 1)] != 1 { add(Point(x1, y1), Point(x0, y1)) }
          if i == 0 || state[c - 1] != 1 { add(Point(x0, y1), Point(x0, y0)) }
          continue
        }
        let k = j * nx + i
        let nodes = [k, k + 1, k + nx + 1, k + nx]
        let p = [
          Point(f.x[i], f.y[j]), Point(f.x[i + 1], f.y[j]), Point(f.x[i + 1], f.y[j + 1]),
          Point(f.x[i], f.y[j + 1]),
        ]
        let v = nodes.map { f.z[$0] }
        func segment(_ a: Int, _ b: Int) -> Segment {
          nodes[a] < nodes[b]
            ? Segment(p0: p[a], v0: v[a], p1: p[b], v1: v[b])
            : Segment(p0: p[b], v0: v[b], p1: p[a], v1: v[a])
        }
        var polygons: [[Vertex]]
        if split?[c] ?? (isSaddle(v, lower) || isSaddle(v, upper)) {
          // Split about the centre (the corners' mean), the same disambiguation as the lines.
          let centre = Point((p[0].x + p[2].x) / 2, (p[0].y + p[2].y) / 2)
          let cv = (v[0] + v[1] + v[2] + v[3]) / 4
          polygons = (0..<4).map { s in
            let t = (s + 1) % 4
            return [
              Vertex(point: p[s], value: v[s], base: segment(s, t)),
              Vertex(
                point: p[t], value: v[t], base: Segment(p0: p[t], v0: v[t], p1: centre, v1: cv)),
              Vertex(
                point: centre, value: cv, base: Segment(p0: p[s], v0: v[s], p1: centre, v1: cv)),
            ]
          }
        } else {
          polygons = [
            (0..<4).map { s in Vertex(point: p[s], value: v[s], base: segment(s, (s + 1) % 4)) }
          ]
        }
        for polygon in polygons {
          let clipped = clip(
            clip(polygon, level: lower, keepAbove: true), level: upper, keepAbove: false)
          guard clipped.count >= 3 else { continue }
          for s in clipped.indices { add(clipped[s].point, clipped[(s + 1) % clipped.count].point) }
        }
      }
    }
    return stitch(edges: edges, alive: alive)
  }

  /// The cells that are saddles for any of `levels`, indexed `j * (nx − 1) + i`. Such a cell is
  /// split about its centre (valued at the corners' mean, the same disambiguation as the lines)
  /// for every band, so the boundary at each level is the same seen from either side.
  static func saddleCells(_ f: ContourField, levels: [Double]) -> [Bool] {
    let nx = f.nx
    let ny = f.ny
    guard nx >= 2, ny >= 2 else { return [] }
    var split = [Bool](repeating: false, count: (nx - 1) * (ny - 1))
    f.z.withUnsafeBufferPointer { z in
      for j in 0..<(ny - 1) {
        for i in 0..<(nx - 1) {
          let k = j * nx + i
          let (z0, z1, z2, z3) = (z[k], z[k + 1], z[k + nx + 1], z[k + nx])
          // Diagonals both on one side of a level between them: a saddle for that level.
          let lowDiagonal = Swift.max(z0, z2) < Swift.min(z1, z3)
          let highDiagonal = Swift.min(z0, z2) > Swift.max(z1, z3)
          guard lowDiagonal || highDiagonal else { continue }
          let (a, b) =
            lowDiagonal
            ? (Swift.max(z0, z2), Swift.min(z1, z3)) : (Swift.max(z1, z3), Swift.min(z0, z2))
          // Some level in (a, b]: the same test as `isSaddle`, which compares with ≥.
          split[j * (nx - 1) + i] = levels.contains { $0 > a && $0 <= b }
        }
      }
    }
    return split
  }

  /// Two diagonal corners on each side of `level`: the case marching squares must disambiguate.
  private static func isSaddle(_ v: [Double], _ level: Double) -> Bool {
    let a = v.map { $0 >= level }
    return a[0] == a[2] && a[1] == a[3] && a[0] != a[1]
  }

  /// Sutherland–Hodgman against `value ≥ level` (or `≤`), crossings taken on the grid segment.
  private static func clip(_ polygon: [Vertex], level: Double, keepAbove: Bool) -> [Vertex] {
    guard !polygon.isEmpty else { return [] }
    func keep(_ v: Double) -> Bool { keepAbove ? v >= level : v <= level }
    var out: [Vertex] = []
    for s in polygon.indices {
      let a = polygon[s]
      let b = polygon[(s + 1) % polygon.count]
      let ka = keep(a.value)
      let kb = keep(b.value)
      if ka { out.append(a) }
      guard ka != kb else { continue }
      // The crossing lies on a's outgoing edge; a chord never crosses (it sits on one level).
      guard let base = a.base else { continue }
      let point = base.crossing(level)
      if ka {
        // Leaving the kept side: the edge from here is a chord across the cell.
        out.append(Vertex(point: point, value: level, base: nil))
      } else {
        out.append(Vertex(point: point, value: level, base: base))
      }
    }
    return out
  }

  /// Joins the surviving directed edges into closed loops, dropping collinear corners.
  private static func stitch(edges: [EdgeKey], alive: [Bool]) -> [[Point]] {
    var outgoing: [Key: [Int]] = [:]
    for e in edges.indices where alive[e] { outgoing[edges[e].a, default: []].append(e) }
    var used = [Bool](repeating: false, count: edges.count)
    var loops: [[Point]] = []
    for e in edges.indices where alive[e] && !used[e] {
      var loop: [Point] = []
      var cur = e
      while true {
        used[cur] = true
        loop.append(edges[cur].a.point)
        let next = outgoing[edges[cur].b]?.first { !used[$0] }
        guard let next else { break }
        cur = next
      }
      let simple = withoutCollinear(loop)
      if simple.count >= 3 { loops.append(simple) }
    }
    return loops
  }

  /// Drops corners on a straight run (grid-edge nodes along the outline), keeping the shape.
  private static func withoutCollinear(_ loop: [Point]) -> [Point] {
    guard loop.count > 3 else { return loop }
    var out: [Point] = []
    let n = loop.count
    for s in 0..<n {
      let a = loop[(s + n - 1) % n]
      let b = loop[s]
      let c = loop[(s + 1) % n]
      let cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x)
      let scale = (abs(b.x - a.x) + abs(b.y - a.y)) * (abs(c.x - b.x) + abs(c.y - b.y))
      if abs(cross) > 1e-12 * scale { out.append(b) }
    }
    return out
  }

  /// Signed area of loops (shoelace), positive for counter-clockwise outlines.
  static func area(_ loops: [[Point]]) -> Double {
    var total = 0.0
    for loop in loops {
      for s in loop.indices {
        let a = loop[s]
        let b = loop[(s + 1) % loop.count]
        total += a.x * b.y - b.x * a.y
      }
    }
    return total / 2
  }
}
