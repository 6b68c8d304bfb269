import Foundation

/// A scalar field sampled on a rectangular grid, as numpy's `meshgrid`: `z[j * nx + i]` is the
/// value at `(x[i], y[j])`. Shared by contour lines and filled contours.
struct ContourField: Sendable {
  let x: [Double]
  let y: [Double]
  let z: [Double]

  var nx: Int { x.count }
  var ny: Int { y.count }

  /// Why a grid cannot be contoured, or nil if it can.
  static func problem(x: [Double], y: [Double], z: [Double]) -> String? {
    if x.count < 2 || y.count < 2 {
      return "needs at least a 2 × 2 grid, got \(x.count) × \(y.count)"
    }
    if z.count != x.count * y.count {
      return
        "z has \(z.count) values for a \(x.count) × \(y.count) grid (needs \(x.count * y.count))"
    }
    if !x.allSatisfy(\.isFinite) || !y.allSatisfy(\.isFinite) {
      return "grid coordinates must be finite"
    }
    return nil
  }

  func value(_ i: Int, _ j: Int) -> Double { z[j * nx + i] }

  /// The finite range of z and its least positive value (for log levels).
  var range: (lower: Double, upper: Double, lowerPositive: Double?)? {
    var lo = Double.infinity
    var hi = -Double.infinity
    var pos = Double.infinity
    for v in z where v.isFinite {
      lo = Swift.min(lo, v)
      hi = Swift.max(hi, v)
      if v > 0 { pos = Swift.min(pos, v) }
    }
    return lo <= hi ? (lo, hi, pos.isFinite ? pos : nil) : nil
  }

  /// Whether every corner of cell (i, j) is finite; cells touching NaN or ±∞ are holes.
  func cellIsFinite(_ i: Int, _ j: Int) -> Bool {
    let k = j * nx + i
    return z[k].isFinite && z[k + 1].isFinite && z[k + nx].isFinite && z[k + nx + 1].isFinite
  }
}

/// One connected piece of a contour line, in data coordinates.
struct ContourPolyline: Equatable, Sendable {
  var points: [Point]
  /// The last point joins the first (it is not repeated in `points`).
  var closed: Bool
}

/// Marching squares: the level-`level` lines of a field, joined into long polylines.
///
/// Each cell crossing becomes a segment between two grid-edge crossings. Segments are oriented
/// with values above the level on their left, so every grid edge starts at most one segment and
/// ends at most one; a hash from edge id to segment then stitches them in O(segments).
enum MarchingSquares {
  static func lines(_ f: ContourField, level: Double) -> [ContourPolyline] {
    let nx = f.nx
    let ny = f.ny
    guard level.isFinite, nx >= 2, ny >= 2 else { return [] }
    var starts: [Int] = []
    var ends: [Int] = []
    // Most cells are not crossed: rule them out from the raw values before building anything.
    let crossed = f.z.withUnsafeBufferPointer { z -> [Int] in
      var cells: [Int] = []
      for j in 0..<(ny - 1) {
        for k in (j * nx)..<(j * nx + nx - 1) {
          let n =
            (z[k] > level ? 1 : 0) + (z[k + 1] > level ? 1 : 0) + (z[k + nx + 1] > level ? 1 : 0)
            + (z[k + nx] > level ? 1 : 0)
          if n != 0 && n != 4 { cells.append(k) }
        }
      }
      return cells
    }
    for k in crossed {
      let (z0, z1, z2, z3) = (f.z[k], f.z[k + 1], f.z[k + nx + 1], f.z[k + nx])
      // Cells touching NaN or ±∞ are holes.
      guard z0.isFinite, z1.isFinite, z2.isFinite, z3.isFinite else { continue }
      // Corners counter-clockwise: bottom-left, bottom-right, top-right, top-left.
      let v = [z0, z1, z2, z3]
      let above = v.map { $0 > level }
      // Edge ids of the cell's sides, in the same counter-clockwise order (side s joins corner
      // s to corner s + 1): horizontal edge at node n is 2n, vertical edge is 2n + 1.
      let sides = [2 * k, 2 * (k + 1) + 1, 2 * (k + nx), 2 * k + 1]
      // Going round, a side is an exit (above → below) or an entry (below → above).
      var exits: [Int] = []
      var entries: [Int] = []
      for s in 0..<4 where above[s] != above[(s + 1) % 4] {
        if above[s] { exits.append(s) } else { entries.append(s) }
      }
      let centreAbove = (v[0] + v[1] + v[2] + v[3]) / 4 > level
      for e in exits {
        // Saddle: a centre above the level joins the high corners, so each exit pairs with
        // the next entry round the cell; otherwise with the previous one.
        let entry =
          centreAbove
          ? entries.min { (($0 - e + 4) % 4) < (($1 - e + 4) % 4) }!
          : entries.min { ((e - $0 + 4) % 4) < ((e - $1 + 4) % 4) }!
        starts.append(sides[e])
        ends.append(sides[entry])
      }
    }
    return stitch(starts: starts, ends: ends) { crossing(f, edge: $0, level: level) }
  }

  /// Joins oriented segments (edge → edge) into polylines, in a deterministic order.
  static func stitch(starts: [Int], ends: [Int], point: (Int) -> Point) -> [ContourPolyline] {
    var byStart: [Int: Int] = [:]
    var byEnd: [Int: Int] = [:]
    byStart.reserveCapacity(starts.count)
    byEnd.reserveCapacity(starts.count)
    for s in starts.indices {
      byStart[starts[s]] = s
      byEnd[ends[s]] = s
    }
    var used = [Bool](repeating: false, count: starts.count)
    var result: [ContourPolyline] = []
    for s in starts.indices where !used[s] {
      // Walk back to the line's first segment; coming round to `s` means a closed loop.
      var head = s
      var closed = false
      while let p = byEnd[starts[head]], !used[p] {
        if p == s {
          closed = true
          break
        }
        head = p
      }
      var edges = [starts[head]]
      var cur = head
      while true {
        used[cur] = true
        let e = ends[cur]
        guard let next = byStart[e], !used[next] else {
          if !closed || e != starts[head] { edges.append(e) }
          break
        }
        edges.append(e)
        cur = next
      }
      result.append(ContourPolyline(points: edges.map(point), closed: closed))
    }
    return result
  }

  /// Where the level crosses grid edge `edge`, interpolated linearly between its two nodes
  /// (always from the lower node, so neighbouring cells get identical points).
  static func crossing(_ f: ContourField, edge: Int, level: Double) -> Point {
    let n = edge / 2
    let i = n % f.nx
    let j = n / f.nx
    let vertical = edge % 2 == 1
    let n1 = vertical ? n + f.nx : n + 1
    let (z0, z1) = (f.z[n], f.z[n1])
    let t = z1 == z0 ? 0.5 : Swift.min(1, Swift.max(0, (level - z0) / (z1 - z0)))
    if vertical { return Point(f.x[i], f.y[j] + t * (f.y[j + 1] - f.y[j])) }
    return Point(f.x[i] + t * (f.x[i + 1] - f.x[i]), f.y[j])
  }
}
