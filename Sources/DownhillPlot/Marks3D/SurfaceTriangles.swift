import Foundation

extension SurfaceMark {
  /// The surface's triangles as vertex index triples: the given ones, or each grid cell split in
  /// two. A non-planar cell has two possible surfaces, a ridge or a valley along either
  /// diagonal; the split takes the diagonal whose midpoint is nearer the height a smooth
  /// (Catmull–Rom) surface through the neighbouring points has at the cell's centre.
  func triangles() -> [(Int, Int, Int)] {
    switch topology {
    case .triangles(let triangles):
      return triangles.filter { t in
        [t.0, t.1, t.2].allSatisfy { $0 >= 0 && $0 < vertices.count }
      }
    case .grid(let rows, let columns):
      guard rows > 1, columns > 1, rows * columns <= vertices.count else { return [] }
      var out: [(Int, Int, Int)] = []
      out.reserveCapacity(2 * (rows - 1) * (columns - 1))
      for r in 0..<(rows - 1) {
        for c in 0..<(columns - 1) {
          let i = r * columns + c
          let (a, b, d, e) = (i, i + 1, i + columns + 1, i + columns)
          if splitsAlongMainDiagonal(row: r, column: c, rows: rows, columns: columns) {
            out.append((a, b, d))
            out.append((a, d, e))
          } else {
            out.append((a, b, e))
            out.append((b, d, e))
          }
        }
      }
      return out
    }
  }

  /// True to split cell (r, c) along its corner (r, c) – (r + 1, c + 1) diagonal.
  private func splitsAlongMainDiagonal(row r: Int, column c: Int, rows: Int, columns: Int)
    -> Bool
  {
    func z(_ row: Int, _ column: Int) -> Double {
      vertices[min(max(row, 0), rows - 1) * columns + min(max(column, 0), columns - 1)].z
    }
    let main = (z(r, c) + z(r + 1, c + 1)) / 2
    let other = (z(r, c + 1) + z(r + 1, c)) / 2
    // Catmull–Rom weights at the midpoint between the middle two of four samples.
    let w = [-1.0 / 16, 9.0 / 16, 9.0 / 16, -1.0 / 16]
    var centre = 0.0
    for i in 0..<4 {
      for j in 0..<4 { centre += w[i] * w[j] * z(r - 1 + i, c - 1 + j) }
    }
    guard centre.isFinite, main.isFinite, other.isFinite else {
      return !(abs(z(r, c + 1) - z(r + 1, c)) < abs(z(r, c) - z(r + 1, c + 1)))
    }
    return abs(main - centre) <= abs(other - centre)
  }

  /// `points` laid on the surface as drawn: each segment cut into pieces shorter than a
  /// triangle, each piece's ends lifted to the height of the triangle under them. A path
  /// computed on the exact function runs above or below a coarse mesh's flat triangles and would
  /// vanish under them; laid on the mesh it shows wherever that part of the mesh shows. Points
  /// outside the mesh keep their height.
  public func draped(_ points: [Vector3]) -> [Vector3] {
    let locator = TriangleLocator(vertices: vertices, triangles: triangles())
    guard locator.step > 0, !points.isEmpty else { return points }
    var out: [Vector3] = []
    out.reserveCapacity(points.count)
    func lifted(_ p: Vector3) -> Vector3 {
      guard let z = locator.height(x: p.x, y: p.y) else { return p }
      return Vector3(p.x, p.y, z)
    }
    out.append(lifted(points[0]))
    // Pieces of a third of a typical triangle, at most 100,000 in all.
    let budget = 100_000
    for (a, b) in zip(points, points.dropFirst()) {
      let length = hypot(b.x - a.x, b.y - a.y)
      let pieces =
        length.isFinite
        ? clampedInt(length / (locator.step / 3), 0...max(0, budget - out.count)) : 0
      for k in 1..<(pieces + 1) {
        let t = Double(k) / Double(pieces + 1)
        out.append(lifted(a + (b - a) * t))
      }
      out.append(lifted(b))
    }
    return out
  }
}

/// Finds the triangle under an xy point through a grid of buckets.
struct TriangleLocator {
  let vertices: [Vector3]
  let triangles: [(Int, Int, Int)]
  private var bins: [[Int32]] = []
  private var origin = Point(0, 0)
  private var cell = 1.0
  private var columns = 0
  private var rows = 0
  /// A typical triangle's size in data units (0 when there are none).
  private(set) var step = 0.0

  init(vertices: [Vector3], triangles: [(Int, Int, Int)]) {
    self.vertices = vertices
    self.triangles = triangles.filter { t in
      [t.0, t.1, t.2].allSatisfy { vertices[$0].x.isFinite && vertices[$0].y.isFinite }
    }
    let points = self.triangles.flatMap { [vertices[$0.0], vertices[$0.1], vertices[$0.2]] }
    guard let x0 = points.map(\.x).min(), let x1 = points.map(\.x).max(),
      let y0 = points.map(\.y).min(), let y1 = points.map(\.y).max(), x1 > x0, y1 > y0
    else { return }
    let count = Double(self.triangles.count)
    // About two triangles per bin.
    cell = ((x1 - x0) * (y1 - y0) * 2 / count).squareRoot()
    step = cell
    origin = Point(x0, y0)
    columns = clampedInt((x1 - x0) / cell, 0...2047) + 1
    rows = clampedInt((y1 - y0) / cell, 0...2047) + 1
    bins = Array(repeating: [], count: columns * rows)
    for (i, t) in self.triangles.enumerated() {
      let (a, b, c) = (vertices[t.0], vertices[t.1], vertices[t.2])
      let c0 = clampedInt((min(a.x, b.x, c.x) - x0) / cell, 0...(columns - 1))
      let c1 = clampedInt((max(a.x, b.x, c.x) - x0) / cell, c0...(columns - 1))
      let r0 = clampedInt((min(a.y, b.y, c.y) - y0) / cell, 0...(rows - 1))
      let r1 = clampedInt((max(a.y, b.y, c.y) - y0) / cell, r0...(rows - 1))
      for row in r0...r1 { for col in c0...c1 { bins[row * columns + col].append(Int32(i)) } }
    }
  }

  /// The height of the triangle under (x, y), interpolated linearly; nil outside the mesh or
  /// over a hole.
  func height(x: Double, y: Double) -> Double? {
    guard columns > 0 else { return nil }
    let cx = ((x - origin.x) / cell).rounded(.down)
    let cy = ((y - origin.y) / cell).rounded(.down)
    // On the far edges a point belongs to the last bin.
    guard cx >= -1, cy >= -1, cx <= Double(columns), cy <= Double(rows) else { return nil }
    let col = min(max(Int(cx), 0), columns - 1)
    let row = min(max(Int(cy), 0), rows - 1)
    for i in bins[row * columns + col] {
      let t = triangles[Int(i)]
      let (a, b, c) = (vertices[t.0], vertices[t.1], vertices[t.2])
      let det = (b.y - c.y) * (a.x - c.x) + (c.x - b.x) * (a.y - c.y)
      guard abs(det) > 0 else { continue }
      let l1 = ((b.y - c.y) * (x - c.x) + (c.x - b.x) * (y - c.y)) / det
      let l2 = ((c.y - a.y) * (x - c.x) + (a.x - c.x) * (y - c.y)) / det
      let l3 = 1 - l1 - l2
      let e = -1e-9
      if l1 >= e, l2 >= e, l3 >= e {
        let z = l1 * a.z + l2 * b.z + l3 * c.z
        return z.isFinite ? z : nil
      }
    }
    return nil
  }
}
