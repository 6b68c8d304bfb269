/// The Delaunay triangulation of scattered 2D points, for `plot_trisurf`-style surfaces.
///
/// The algorithm is a Swift port of the sweep-hull method of Delaunator (mapbox/delaunator,
/// ISC licence, by Vladimir Agafonkin): points are inserted in order of distance from the
/// circumcentre of a small seed triangle, each one outside the current convex hull, joined to
/// the hull edges it sees, and the new triangles made Delaunay by edge flips. Two changes make
/// it robust on degenerate input such as lattice-like data with many collinear and cocircular
/// points:
/// - every orientation and in-circle decision uses ``RobustPredicates`` (exact signs), so ties
///   are decided consistently and flipping always terminates;
/// - a point the sweep cannot attach (because rounding in the distance sort put it on or
///   inside the hull) is located by walking the triangles and inserted into its triangle or
///   onto its edge, instead of being dropped as Delaunator does.
///
/// Input rules:
/// - Points with a NaN or infinite coordinate are ignored.
/// - Of exactly coincident points only the lowest index is used.
/// - Coordinates are scaled by a power of two (exact) so the largest magnitude is in [1, 2);
///   after that, coordinates smaller than 2^-200 in magnitude are treated as zero. This keeps
///   every predicate free of underflow and overflow, so any finite input from 1e-300 to 1e300
///   triangulates; only detail finer than 2^-200 (about 1e-60) of the largest coordinate is lost,
///   and points that become coincident that way count as duplicates.
/// - With fewer than three distinct points, or all of them on one line, there are no triangles.
///
/// Where four or more points are cocircular the Delaunay triangulation is not unique; this
/// returns one of them (deterministically), not necessarily the one qhull picks.
struct DelaunayTriangulation: Sendable {
  /// Triangles as index triples into the input points, each counter-clockwise in a y-up frame
  /// (positive signed area for `(x, y)` with y pointing up; clockwise on a y-down screen).
  let triangles: [(Int, Int, Int)]

  /// The convex hull as indices into the input points, counter-clockwise (y up). Points lying on
  /// a hull edge are included as vertices. When there are no triangles this lists the distinct
  /// finite points in order along their line (sorted by x, then y).
  let hull: [Int]

  /// Triangulates `points`; see the type's documentation for how bad points are treated.
  init(points: [Point]) {
    self.init(points: points, insertionOrder: nil)
  }

  /// Test hook: inserts the points in `insertionOrder` instead of the sweep order, which forces
  /// most of them through the locate-and-split path. Indices not in the list are left out.
  init(points: [Point], insertionOrder: [Int]?) {
    var builder = Builder(points: points)
    builder.run(insertionOrder: insertionOrder)
    var triangles: [(Int, Int, Int)] = []
    triangles.reserveCapacity(builder.triangles.count / 3)
    var t = 0
    while t + 2 < builder.triangles.count {
      triangles.append((builder.triangles[t], builder.triangles[t + 1], builder.triangles[t + 2]))
      t += 3
    }
    self.triangles = triangles
    self.hull = builder.hullList
  }
}

/// The mutable state of one triangulation.
///
/// Triangle `t` occupies `triangles[3t ..< 3t + 3]`, counter-clockwise. Half-edge `e` runs from
/// `triangles[e]` to the next vertex of its triangle; `halfedges[e]` is the opposite half-edge in
/// the neighbouring triangle, or -1 on the hull. The hull is a counter-clockwise circular list
/// (`hullNext`, `hullPrev`) whose removed vertices point to themselves; `hullTri[v]` is the
/// half-edge from hull vertex `v` to `hullNext[v]`.
private struct Builder {
  var xs: [Double]
  var ys: [Double]
  /// Input indices with finite coordinates.
  var valid: [Int] = []

  var triangles: [Int] = []
  var halfedges: [Int] = []

  var hullPrev: [Int]
  var hullNext: [Int]
  var hullTri: [Int]
  var hullHash: [Int] = []
  var hullStart = 0
  var hullSize = 0
  /// The sort centre; the hash keys hull vertices by pseudo-angle around it.
  var centerX = 0.0
  var centerY = 0.0

  var edgeStack: [Int] = []
  var hullList: [Int] = []
  /// State of the xorshift generator that randomises the point-location walk.
  var random: UInt64 = 0x9E37_79B9_7F4A_7C15

  init(points: [Point]) {
    let n = points.count
    xs = [Double](repeating: 0, count: n)
    ys = [Double](repeating: 0, count: n)
    hullPrev = [Int](repeating: 0, count: n)
    hullNext = [Int](repeating: 0, count: n)
    hullTri = [Int](repeating: 0, count: n)

    var maxMagnitude = 0.0
    for (i, p) in points.enumerated() where p.x.isFinite && p.y.isFinite {
      valid.append(i)
      maxMagnitude = max(maxMagnitude, abs(p.x), abs(p.y))
    }
    // Power-of-two scaling is exact; it brings the largest coordinate into [1, 2) so the
    // degree-4 products of the in-circle test can neither overflow nor (after the flush
    // below) underflow.
    let exponent = maxMagnitude > 0 ? -Int(maxMagnitude.exponent) : 0
    for i in valid {
      xs[i] = Builder.normalised(points[i].x, exponent)
      ys[i] = Builder.normalised(points[i].y, exponent)
    }
  }

  static func normalised(_ v: Double, _ exponent: Int) -> Double {
    let scaled = Double(sign: .plus, exponent: exponent, significand: v)
    return abs(scaled) < 0x1p-200 ? 0 : scaled
  }

  // MARK: Predicates on point indices

  @inline(__always)
  func orient(_ a: Int, _ b: Int, _ c: Int) -> Double {
    RobustPredicates.orient2d(xs[a], ys[a], xs[b], ys[b], xs[c], ys[c])
  }

  @inline(__always)
  func squaredDistance(_ i: Int, _ x: Double, _ y: Double) -> Double {
    let dx = xs[i] - x
    let dy = ys[i] - y
    return dx * dx + dy * dy
  }

  // MARK: Driver

  mutating func run(insertionOrder: [Int]?) {
    guard let (i0, i1, i2) = seedTriangle() else {
      hullList = collinearHull()
      return
    }

    let center = Builder.circumcenter(xs[i0], ys[i0], xs[i1], ys[i1], xs[i2], ys[i2])
    // A nearly flat seed triangle has a far-off circumcentre; the centroid then serves (the
    // sweep order only needs to put most points outside the hull as they arrive).
    if let center, abs(center.x) < 1e6, abs(center.y) < 1e6 {
      (centerX, centerY) = center
    } else {
      centerX = (xs[i0] + xs[i1] + xs[i2]) / 3
      centerY = (ys[i0] + ys[i1] + ys[i2]) / 3
    }

    var order: [Int]
    if let insertionOrder {
      var seen = [Bool](repeating: false, count: xs.count)
      for i in valid { seen[i] = true }
      order = insertionOrder.filter { i in
        guard i >= 0 && i < seen.count && seen[i] else { return false }
        seen[i] = false
        return true
      }
    } else {
      // Ties (equal distances, in particular coincident points) go to the lower index, so the
      // lowest index of coincident points is the one kept.
      var keyed = valid.map { (squaredDistance($0, centerX, centerY), $0) }
      keyed.sort { $0 < $1 }
      order = keyed.map(\.1)
    }

    let maxTriangles = max(2 * valid.count - 5, 1)
    triangles.reserveCapacity(3 * maxTriangles)
    halfedges.reserveCapacity(3 * maxTriangles)
    hullHash = [Int](
      repeating: -1, count: max(1, Int(Double(valid.count).squareRoot().rounded(.up))))

    hullStart = i0
    hullSize = 3
    hullNext[i0] = i1
    hullPrev[i2] = i1
    hullNext[i1] = i2
    hullPrev[i0] = i2
    hullNext[i2] = i0
    hullPrev[i1] = i0
    hullTri[i0] = 0
    hullTri[i1] = 1
    hullTri[i2] = 2
    hashEdge(i0)
    hashEdge(i1)
    hashEdge(i2)
    _ = addTriangle(i0, i1, i2, -1, -1, -1)

    var previous = -1
    for i in order {
      defer { previous = i }
      if i == i0 || i == i1 || i == i2 { continue }
      // Cheap skip for coincident points, adjacent in the sorted order; any other coincidence
      // is caught by `insertInside`.
      if previous >= 0 && xs[i] == xs[previous] && ys[i] == ys[previous] { continue }
      insert(i)
    }

    hullList.reserveCapacity(hullSize)
    var v = hullStart
    for _ in 0..<hullSize {
      hullList.append(v)
      v = hullNext[v]
    }
  }

  /// Delaunator's seed: the point nearest the bounding-box centre, its nearest neighbour, and
  /// the third point making the smallest circumcircle with them, counter-clockwise. `nil` when
  /// there are fewer than three distinct points or they are all collinear.
  func seedTriangle() -> (Int, Int, Int)? {
    guard valid.count >= 3 else { return nil }
    var minX = Double.infinity
    var minY = Double.infinity
    var maxX = -Double.infinity
    var maxY = -Double.infinity
    for i in valid {
      minX = min(minX, xs[i])
      minY = min(minY, ys[i])
      maxX = max(maxX, xs[i])
      maxY = max(maxY, ys[i])
    }
    let cx = (minX + maxX) / 2
    let cy = (minY + maxY) / 2

    var i0 = -1
    var best = Double.infinity
    for i in valid {
      let d = squaredDistance(i, cx, cy)
      if d < best {
        i0 = i
        best = d
      }
    }
    guard i0 >= 0 else { return nil }

    var i1 = -1
    best = .infinity
    for i in valid where i != i0 {
      let d = squaredDistance(i, xs[i0], ys[i0])
      // Coordinates are normalised, so distinct points have d ≥ 2^-504 > 0.
      if d < best && d > 0 {
        i1 = i
        best = d
      }
    }
    guard i1 >= 0 else { return nil }

    var i2 = -1
    var bestRadius = Double.infinity
    for i in valid where i != i0 && i != i1 {
      // The exact test decides collinearity; the rounded radius only ranks candidates, and a
      // non-finite one still beats having no seed at all.
      guard orient(i0, i1, i) != 0 else { continue }
      let r = Builder.circumradiusSquared(xs[i0], ys[i0], xs[i1], ys[i1], xs[i], ys[i])
      if i2 < 0 || r < bestRadius {
        i2 = i
        bestRadius = r.isNaN ? .infinity : r
      }
    }
    guard i2 >= 0 else { return nil }
    return orient(i0, i1, i2) > 0 ? (i0, i1, i2) : (i0, i2, i1)
  }

  /// The distinct valid points in lexicographic order, which is their order along the line when
  /// they are collinear; the lowest index of coincident points.
  func collinearHull() -> [Int] {
    let sorted = valid.sorted { (xs[$0], ys[$0], $0) < (xs[$1], ys[$1], $1) }
    var result: [Int] = []
    for i in sorted {
      if let last = result.last, xs[last] == xs[i] && ys[last] == ys[i] { continue }
      result.append(i)
    }
    return result
  }

  // MARK: Sweep insertion (outside the hull)

  mutating func insert(_ i: Int) {
    // Find a hull vertex near the point's angle, then walk forward to an edge that sees it.
    var start = hullStart
    let key = hashKey(xs[i], ys[i])
    for j in 0..<hullHash.count {
      let s = hullHash[(key + j) % hullHash.count]
      if s != -1 && s != hullNext[s] {
        start = s
        break
      }
    }
    start = hullPrev[start]
    var e = start
    while true {
      let q = hullNext[e]
      // Edge e→q sees i when i is strictly to its right (outside a counter-clockwise hull).
      if orient(i, e, q) < 0 { break }
      e = q
      if e == start {
        // No edge sees it: the point is on or inside the hull (or coincides with a vertex).
        insertInside(i, near: start)
        return
      }
    }

    var t = addTriangle(e, i, hullNext[e], -1, -1, hullTri[e])
    hullTri[i] = legalize(t + 2)
    hullTri[e] = t
    hullSize += 1

    // Walk forward through the hull, adding a triangle for each further edge that sees i.
    var n = hullNext[e]
    while true {
      let q = hullNext[n]
      guard orient(i, n, q) < 0 else { break }
      t = addTriangle(n, i, q, hullTri[i], -1, hullTri[n])
      hullTri[i] = legalize(t + 2)
      hullNext[n] = n  // removed from the hull
      hullSize -= 1
      n = q
    }

    // If the first visible edge was where the search began, visible edges may continue
    // backwards too.
    if e == start {
      while true {
        let q = hullPrev[e]
        guard orient(i, q, e) < 0 else { break }
        t = addTriangle(q, i, e, -1, hullTri[e], hullTri[q])
        _ = legalize(t + 2)
        hullTri[q] = t
        hullNext[e] = e
        hullSize -= 1
        e = q
      }
    }

    hullStart = e
    hullPrev[i] = e
    hullNext[e] = i
    hullPrev[n] = i
    hullNext[i] = n
    hashEdge(i)
    hashEdge(e)
  }

  // MARK: Insertion on or inside the hull

  /// Inserts a point that no hull edge sees: splits the triangle containing it into three, or
  /// the two triangles sharing the edge it lies on into four (two on the hull), and skips it
  /// when it coincides with a vertex.
  mutating func insertInside(_ i: Int, near hullVertex: Int) {
    guard let t = locate(i, from: hullTri[hullVertex] / 3) else { return }
    let base = 3 * t
    var onEdge = -1
    var zeros = 0
    for k in 0..<3 {
      let e = base + k
      if orient(triangles[e], triangles[Builder.next(e)], i) == 0 {
        zeros += 1
        onEdge = e
      }
    }
    switch zeros {
    case 0: splitTriangle(t, i)
    case 1: halfedges[onEdge] == -1 ? splitHullEdge(onEdge, i) : splitEdge(onEdge, i)
    default: return  // coincides with a vertex: a duplicate
    }
  }

  /// The triangle containing point `i` (inside or on its boundary), found by a remembering
  /// stochastic walk from triangle `start`; `nil` if the point is outside the triangulation,
  /// which the exact predicates rule out for the callers here.
  mutating func locate(_ i: Int, from start: Int) -> Int? {
    let triangleCount = triangles.count / 3
    var t = start
    var cameFrom = -1
    // A walk in a Delaunay triangulation terminates; the cap is only a guard before the scan.
    for _ in 0..<(4 * triangleCount + 16) {
      random ^= random << 13
      random ^= random >> 7
      random ^= random << 17
      let first = Int(random % 3)
      var moved = false
      for k in 0..<3 {
        let e = 3 * t + (first + k) % 3
        if e == cameFrom { continue }
        if orient(triangles[e], triangles[Builder.next(e)], i) < 0 {
          let opposite = halfedges[e]
          if opposite < 0 { return nil }
          cameFrom = opposite
          t = opposite / 3
          moved = true
          break
        }
      }
      if !moved { return t }
    }
    for candidate in 0..<triangleCount {
      let e = 3 * candidate
      if orient(triangles[e], triangles[e + 1], i) >= 0
        && orient(triangles[e + 1], triangles[e + 2], i) >= 0
        && orient(triangles[e + 2], triangles[e], i) >= 0
      {
        return candidate
      }
    }
    return nil
  }

  /// Replaces triangle (a, b, c) by (a, b, p), (b, c, p), (c, a, p).
  mutating func splitTriangle(_ t: Int, _ p: Int) {
    let t0 = 3 * t
    let a = triangles[t0]
    let b = triangles[t0 + 1]
    let c = triangles[t0 + 2]
    let hb = halfedges[t0 + 1]
    let hc = halfedges[t0 + 2]
    triangles[t0 + 2] = p
    let t2 = addTriangle(b, c, p, hb, -1, t0 + 1)
    let t3 = addTriangle(c, a, p, hc, t0 + 2, t2 + 1)
    if hb == -1 { hullTri[b] = t2 }
    if hc == -1 { hullTri[c] = t3 }
    _ = legalize(t0)
    _ = legalize(t2)
    _ = legalize(t3)
  }

  /// Splits interior half-edge `e` (a→b, in triangle (a, b, c), opposite triangle (b, a, d)) at
  /// `p` into (b, c, p), (c, a, p), (a, d, p), (d, b, p).
  mutating func splitEdge(_ e: Int, _ p: Int) {
    let f = halfedges[e]
    let tBase = e - e % 3
    let uBase = f - f % 3
    let eNext = Builder.next(e)
    let ePrev = Builder.previous(e)
    let fNext = Builder.next(f)
    let fPrev = Builder.previous(f)
    let a = triangles[e]
    let b = triangles[eNext]
    let c = triangles[ePrev]
    let d = triangles[fPrev]
    let hbc = halfedges[eNext]
    let hca = halfedges[ePrev]
    let had = halfedges[fNext]
    let hdb = halfedges[fPrev]

    (triangles[tBase], triangles[tBase + 1], triangles[tBase + 2]) = (b, c, p)
    (triangles[uBase], triangles[uBase + 1], triangles[uBase + 2]) = (a, d, p)
    let t2 = addTriangle(c, a, p, hca, -1, -1)
    let t4 = addTriangle(d, b, p, hdb, -1, -1)
    link(tBase, hbc)
    link(tBase + 1, t2 + 2)
    link(tBase + 2, t4 + 1)
    link(uBase, had)
    link(uBase + 1, t4 + 2)
    link(uBase + 2, t2 + 1)
    if hbc == -1 { hullTri[b] = tBase }
    if hca == -1 { hullTri[c] = t2 }
    if had == -1 { hullTri[a] = uBase }
    if hdb == -1 { hullTri[d] = t4 }
    _ = legalize(tBase)
    _ = legalize(t2)
    _ = legalize(uBase)
    _ = legalize(t4)
  }

  /// Splits hull half-edge `e` (a→b, in triangle (a, b, c)) at `p` into (b, c, p), (c, a, p),
  /// and puts `p` on the hull between a and b.
  mutating func splitHullEdge(_ e: Int, _ p: Int) {
    let tBase = e - e % 3
    let eNext = Builder.next(e)
    let ePrev = Builder.previous(e)
    let a = triangles[e]
    let b = triangles[eNext]
    let c = triangles[ePrev]
    // The hull list must agree; if it somehow does not, leaving the point out is safer.
    guard hullNext[a] == b && hullTri[a] == e else { return }
    let hbc = halfedges[eNext]
    let hca = halfedges[ePrev]

    (triangles[tBase], triangles[tBase + 1], triangles[tBase + 2]) = (b, c, p)
    let t2 = addTriangle(c, a, p, hca, -1, tBase + 1)
    link(tBase, hbc)
    halfedges[tBase + 2] = -1
    if hbc == -1 { hullTri[b] = tBase }
    if hca == -1 { hullTri[c] = t2 }

    hullNext[a] = p
    hullPrev[p] = a
    hullNext[p] = b
    hullPrev[b] = p
    hullTri[a] = t2 + 1  // a→p stays put: flips never move the edge after `a`'s slot
    hullSize += 1
    hashEdge(p)
    // p→b sits before slot tBase, where a flip would move it; `legalize` reports where it ends
    // up, as it does for the sweep's new hull edges.
    hullTri[p] = legalize(tBase)
    _ = legalize(t2)
  }

  // MARK: Flips

  /// Restores the Delaunay condition around half-edge `a` (whose triangle's third vertex is the
  /// point just inserted) by flipping, iteratively, every edge whose opposite vertex lies strictly
  /// inside the circumcircle; returns the half-edge of `a`'s final triangle that follows the new
  /// point (Delaunator uses it to track the hull).
  ///
  ///            pl                    pl
  ///           /||\                  /  \
  ///       al / || \ bl          al /    \ bl
  ///         /  ||  \              /      \
  ///        /  a||b  \    flip    /___ar___\
  ///      p0\   ||   /p1   =>   p0\---b---/p1
  ///         \  ||  /              \      /
  ///       ar \ || / br          ar \    / br
  ///           \||/                  \  /
  ///            pr                    pr
  mutating func legalize(_ start: Int) -> Int {
    var a = start
    var ar = 0
    edgeStack.removeAll(keepingCapacity: true)
    // With exact predicates flipping always terminates; the budget only guards against a
    // bug turning into a hang. Skipping a flip leaves a valid (if not Delaunay) triangulation.
    var flipBudget = 2 * triangles.count + 64
    while true {
      let b = halfedges[a]
      let a0 = a - a % 3
      ar = a0 + (a + 2) % 3

      if b == -1 {
        guard let next = edgeStack.popLast() else { break }
        a = next
        continue
      }

      let b0 = b - b % 3
      let al = a0 + (a + 1) % 3
      let bl = b0 + (b + 2) % 3
      let p0 = triangles[ar]
      let pr = triangles[a]
      let pl = triangles[al]
      let p1 = triangles[bl]

      let illegal =
        flipBudget > 0
        && RobustPredicates.incircle(
          xs[p0], ys[p0], xs[pr], ys[pr], xs[pl], ys[pl], xs[p1], ys[p1]) > 0
      if illegal {
        flipBudget -= 1
        triangles[a] = p1
        triangles[b] = p0
        let hbl = halfedges[bl]
        // The flip moved hull edge bl (from p1) into slot a; keep the hull pointing at it.
        if hbl == -1 { retargetHullEdge(from: bl, to: a, vertex: p1) }
        link(a, hbl)
        link(b, halfedges[ar])
        link(ar, bl)
        edgeStack.append(b0 + (b + 1) % 3)
      } else {
        guard let next = edgeStack.popLast() else { break }
        a = next
      }
    }
    return ar
  }

  mutating func retargetHullEdge(from old: Int, to new: Int, vertex: Int) {
    if hullTri[vertex] == old {
      hullTri[vertex] = new
      return
    }
    // Delaunator's fallback: search the hull (bounded, in case hullStart was just removed).
    var e = hullStart
    for _ in 0..<hullTri.count {
      if hullTri[e] == old {
        hullTri[e] = new
        return
      }
      e = hullPrev[e]
      if e == hullStart { return }
    }
  }

  // MARK: Bookkeeping

  @inline(__always)
  static func next(_ e: Int) -> Int { e % 3 == 2 ? e - 2 : e + 1 }

  @inline(__always)
  static func previous(_ e: Int) -> Int { e % 3 == 0 ? e + 2 : e - 1 }

  @inline(__always)
  mutating func link(_ a: Int, _ b: Int) {
    halfedges[a] = b
    if b != -1 { halfedges[b] = a }
  }

  /// Appends triangle (i0, i1, i2) with its half-edges linked to `a`, `b`, `c`; returns its
  /// first half-edge.
  mutating func addTriangle(_ i0: Int, _ i1: Int, _ i2: Int, _ a: Int, _ b: Int, _ c: Int) -> Int {
    let t = triangles.count
    triangles.append(i0)
    triangles.append(i1)
    triangles.append(i2)
    halfedges.append(-1)
    halfedges.append(-1)
    halfedges.append(-1)
    link(t, a)
    link(t + 1, b)
    link(t + 2, c)
    return t
  }

  /// A bucket for the point's pseudo-angle around the sort centre (monotonic in the true
  /// angle, without trigonometry).
  func hashKey(_ x: Double, _ y: Double) -> Int {
    let dx = x - centerX
    let dy = y - centerY
    let l1 = abs(dx) + abs(dy)
    guard l1 > 0 else { return 0 }
    let p = dx / l1
    let angle = (dy > 0 ? 3 - p : 1 + p) / 4  // in [0, 1]
    return Int((angle * Double(hullHash.count)).rounded(.down)) % hullHash.count
  }

  mutating func hashEdge(_ i: Int) {
    hullHash[hashKey(xs[i], ys[i])] = i
  }

  static func circumradiusSquared(
    _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double
  ) -> Double {
    guard let c = circumcenter(ax, ay, bx, by, cx, cy) else { return .infinity }
    let dx = c.x - ax
    let dy = c.y - ay
    return dx * dx + dy * dy
  }

  static func circumcenter(
    _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double
  ) -> (x: Double, y: Double)? {
    let dx = bx - ax
    let dy = by - ay
    let ex = cx - ax
    let ey = cy - ay
    let bl = dx * dx + dy * dy
    let cl = ex * ex + ey * ey
    let d = 0.5 / (dx * ey - dy * ex)
    let x = ax + (ey * bl - dy * cl) * d
    let y = ay + (dx * cl - ex * bl) * d
    return x.isFinite && y.isFinite ? (x, y) : nil
  }
}
