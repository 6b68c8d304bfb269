/// Cuts a polyline into drawable pieces inside a rectangle.
enum PolylineClipper {
  /// The parts of the polyline through `points` that lie inside `rect`, each with at least two
  /// distinct points and only finite coordinates within the rectangle (edges included).
  ///
  /// - A point with a NaN coordinate breaks the line, as a gap in the data does in matplotlib.
  /// - So does a point with an infinite coordinate: the segment towards a point at infinity has
  ///   no well-defined direction (it would be a ray whose angle depends on how the infinity was
  ///   produced), so it cannot be drawn faithfully and is left out.
  /// - Each segment is clipped with Liang–Barsky; a segment leaving the rectangle ends a piece
  ///   and one re-entering starts a new piece, at the boundary crossing.
  ///
  /// Coordinates up to ±`Double.greatestFiniteMagnitude` are handled without overflow. A
  /// rectangle with a non-finite coordinate gives no pieces; a negative size is normalized.
  static func pieces(_ points: [Point], clippedTo rect: Rect) -> [[Point]] {
    guard let box = Box(rect) else { return [] }
    var result: [[Point]] = []
    var current: [Point] = []
    func flush() {
      if current.count >= 2 { result.append(current) }
      current.removeAll(keepingCapacity: true)
    }
    func append(_ p: Point) {
      if current.last != p { current.append(p) }
    }
    var previous: Point?
    for p in points {
      guard p.x.isFinite && p.y.isFinite else {
        flush()
        previous = nil
        continue
      }
      defer { previous = p }
      guard let a = previous else { continue }
      guard let clipped = box.clip(a, p) else {
        flush()
        continue
      }
      if clipped.entry != nil { flush() }  // entering from outside: a new piece starts here
      append(clipped.entry ?? a)
      append(clipped.exit ?? p)
      if clipped.exit != nil { flush() }  // leaving: this piece ends at the boundary
    }
    flush()
    return result
  }

  /// The clip rectangle in half-coordinates: halving is exact for normal doubles and keeps every
  /// difference of two coordinates finite (|a/2 − b/2| ≤ greatestFiniteMagnitude), while the
  /// Liang–Barsky parameters are unchanged by the common scale.
  private struct Box {
    let minX, maxX, minY, maxY: Double

    init?(_ rect: Rect) {
      let x0 = rect.x / 2
      let x1 = rect.x / 2 + rect.width / 2
      let y0 = rect.y / 2
      let y1 = rect.y / 2 + rect.height / 2
      guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { return nil }
      (minX, maxX, minY, maxY) = (min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1))
    }

    /// Liang–Barsky on `a`→`b`: `nil` if the segment misses the box, else the boundary points
    /// where it enters (`nil` exactly when `a` is inside) and leaves (`nil` exactly when `b` is
    /// inside). Inside-ness is decided on the coordinates, never on rounded parameters, so an
    /// endpoint outside the box can never be returned as part of a piece.
    func clip(_ a: Point, _ b: Point) -> (entry: Point?, exit: Point?)? {
      let (ax, ay, bx, by) = (a.x / 2, a.y / 2, b.x / 2, b.y / 2)
      // Slack of each endpoint against each edge (minX, maxX, minY, maxY): ≥ 0 is inside.
      let sa = [ax - minX, maxX - ax, ay - minY, maxY - ay]
      let sb = [bx - minX, maxX - bx, by - minY, maxY - by]
      for k in 0..<4 where sa[k] < 0 && sb[k] < 0 { return nil }  // both beyond one edge
      let aInside = sa.allSatisfy { $0 >= 0 }
      let bInside = sb.allSatisfy { $0 >= 0 }
      if aInside && bInside { return (nil, nil) }
      // Along a→b the slack on edge k runs linearly from sa[k] to sb[k]; it crosses zero at
      // r = sa / (sa − sb), computed on halves so the difference cannot overflow.
      var (t0, t1) = (0.0, 1.0)
      var (edge0, edge1): (Int?, Int?) = (nil, nil)
      for k in 0..<4 where (sa[k] < 0) != (sb[k] < 0) {
        let r = (sa[k] / 2) / (sa[k] / 2 - sb[k] / 2)
        if sa[k] < 0 {  // entering through edge k
          if edge0 == nil || r > t0 { (t0, edge0) = (max(r, t0), k) }
        } else {  // leaving through edge k
          if edge1 == nil || r < t1 { (t1, edge1) = (min(r, t1), k) }
        }
      }
      if t0 > t1 { return nil }
      var entry: Point?
      var exit: Point?
      if !aInside {
        guard let k = edge0, let p = crossing(edge: k, ax, ay, bx, by, t: t0) else { return nil }
        entry = p
      }
      if !bInside {
        guard let k = edge1, let p = crossing(edge: k, ax, ay, bx, by, t: t1) else { return nil }
        exit = p
      }
      return (entry, exit)
    }

    /// Where the segment (in half-coordinates) meets edge `k` (0: minX, 1: maxX, 2: minY,
    /// 3: maxY), back in full coordinates.
    ///
    /// The other coordinate comes from the slope and the endpoint nearer the edge, which stays
    /// accurate for far-away endpoints where `a + t·(b − a)` would lose every digit. With
    /// endpoints near ±1e300 the segment's position is only known to ~1e284, so a crossing that
    /// lands off the box is treated as a miss rather than clamped onto it.
    private func crossing(
      edge k: Int, _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, t: Double
    ) -> Point? {
      let vertical = k < 2  // crossing a vertical edge x = c
      let c = [minX, maxX, minY, maxY][k]
      let (a0, a1, b0, b1) = vertical ? (ax, ay, bx, by) : (ay, ax, by, bx)
      let slope = (b1 - a1) / (b0 - a0)
      let other: Double
      if slope.isFinite {
        other = abs(c - a0) <= abs(c - b0) ? a1 + (c - a0) * slope : b1 + (c - b0) * slope
      } else {
        other = a1 + t * (b1 - a1)
      }
      let (lo, hi) = vertical ? (minY, maxY) : (minX, maxX)
      let tolerance = 1e-9 * max(hi - lo, maxX - minX, maxY - minY, .leastNormalMagnitude)
      guard other >= lo - tolerance, other <= hi + tolerance else { return nil }
      let clamped = 2 * min(max(other, lo), hi)
      return vertical ? Point(2 * c, clamped) : Point(clamped, 2 * c)
    }
  }
}
