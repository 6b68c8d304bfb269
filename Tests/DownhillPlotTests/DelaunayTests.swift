import Testing

@testable import DownhillPlot

@Suite struct DelaunayTests {
  // MARK: Against scipy

  @Test func uniformPointsMatchScipy() {
    let points = uniformPoints(200, seed: 2024)
    // The generator must reproduce the oracle's points bit for bit.
    #expect(points[0] == Point(0.6227655366461097, 0.0972319084876927))
    let d = DelaunayTriangulation(points: points)
    check(points, d)
    let expected = integers(Oracle.uniformTriangles)
    let flat = canonical(d.triangles).flatMap { $0 }
    #expect(flat == expected)
  }

  @Test func latticeLikePointsMatchScipyCountAndHull() {
    let points = latticeLikePoints()
    let d = DelaunayTriangulation(points: points)
    check(points, d)
    #expect(d.triangles.count == Oracle.latticeTriangleCount)
    #expect(d.hull.sorted() == integers(Oracle.latticeHull))
  }

  // MARK: Degenerate input

  @Test func integerGridWithCocircularAndCollinearPoints() {
    let k = 12
    var points: [Point] = []
    for i in 0..<k { for j in 0..<k { points.append(Point(Double(i), Double(j))) } }
    let d = DelaunayTriangulation(points: points)
    check(points, d)
    #expect(d.triangles.count == 2 * (k - 1) * (k - 1))
    // Collinear boundary points are hull vertices.
    #expect(d.hull.count == 4 * (k - 1))
  }

  @Test func pointsOnACircleAndItsCentre() {
    // Pythagorean points on a circle of radius 25: exactly cocircular.
    var points = [Point(0, 0)]
    for (a, b) in [(25.0, 0.0), (24, 7), (20, 15), (15, 20), (7, 24)] {
      points += [Point(a, b), Point(-b, a), Point(-a, -b), Point(b, -a)]
    }
    let d = DelaunayTriangulation(points: points)
    check(points, d)
    #expect(d.triangles.count == 20)
    #expect(d.hull.count == 20)
  }

  @Test func insertionInAnyOrderGoesThroughTheSplitPaths() {
    // Inserting in a shuffled order puts most points inside the hull, exercising point location
    // and the triangle, edge and hull-edge splits.
    let points = uniformPoints(300, seed: 7)
    let sweep = DelaunayTriangulation(points: points)
    var rng = SplitMix64(state: 99)
    for _ in 0..<3 {
      let order = shuffled(Array(points.indices), &rng)
      let d = DelaunayTriangulation(points: points, insertionOrder: order)
      check(points, d)
      #expect(canonical(d.triangles) == canonical(sweep.triangles))
    }
    var grid: [Point] = []
    for i in 0..<9 { for j in 0..<9 { grid.append(Point(Double(i), Double(j))) } }
    for _ in 0..<3 {
      let d = DelaunayTriangulation(
        points: grid, insertionOrder: shuffled(Array(grid.indices), &rng))
      check(grid, d)
      #expect(d.triangles.count == 2 * 8 * 8)
    }
  }

  @Test func duplicatesAreSkippedKeepingTheLowestIndex() {
    let base = uniformPoints(60, seed: 3)
    var points = base
    var rng = SplitMix64(state: 5)
    for _ in 0..<40 { points.append(base[Int(rng.next() % 60)]) }
    points += base  // every point twice more
    let d = DelaunayTriangulation(points: points)
    check(points, d)
    #expect(canonical(d.triangles) == canonical(DelaunayTriangulation(points: base).triangles))
    // All coincident with one point, or with two.
    #expect(
      DelaunayTriangulation(points: Array(repeating: Point(1, 2), count: 10)).triangles.isEmpty)
    let two = DelaunayTriangulation(points: [Point(1, 2), Point(3, 4), Point(1, 2), Point(3, 4)])
    #expect(two.triangles.isEmpty)
    #expect(two.hull == [0, 1])
  }

  @Test func collinearInputHasNoTriangles() {
    // Exactly collinear (binary fractions), each point twice: the reversed copy has the lower
    // indices, so it is the one kept.
    let diagonal = (0..<50).map { Point(Double($0) * 0.125, 3 - Double($0) * 0.25) }
    let d = DelaunayTriangulation(points: diagonal.reversed() + diagonal)
    #expect(d.triangles.isEmpty)
    #expect(d.hull == Array((0..<50).reversed()))
    let vertical = DelaunayTriangulation(points: [Point(1, 3), Point(1, -2), Point(1, 0)])
    #expect(vertical.triangles.isEmpty)
    #expect(vertical.hull == [1, 2, 0])
    // Nearly collinear is not collinear: exact predicates see the 1-ulp bend.
    let bent = DelaunayTriangulation(points: [Point(0, 0), Point(1, 1), Point(2, 2.0.nextUp)])
    #expect(bent.triangles.count == 1)
  }

  @Test func fewerThanThreePoints() {
    #expect(DelaunayTriangulation(points: []).triangles.isEmpty)
    #expect(DelaunayTriangulation(points: []).hull.isEmpty)
    #expect(DelaunayTriangulation(points: [Point(1, 1)]).hull == [0])
    #expect(DelaunayTriangulation(points: [Point(2, 1), Point(1, 1)]).hull == [1, 0])
    let one = DelaunayTriangulation(points: [Point(0, 0), Point(0, 1), Point(1, 0)])
    #expect(one.triangles.count == 1)
    #expect(one.hull.count == 3)
    check([Point(0, 0), Point(0, 1), Point(1, 0)], one)
  }

  @Test func nonFinitePointsAreIgnored() {
    let finite = uniformPoints(80, seed: 11)
    var points: [Point] = []
    var original: [Int] = []
    let bad = [
      Point(.nan, 0), Point(0, .infinity), Point(-.infinity, .nan), Point(.infinity, 1),
    ]
    for (i, p) in finite.enumerated() {
      if i % 7 == 0 { points.append(bad[i % bad.count]) }
      original.append(points.count)
      points.append(p)
    }
    let d = DelaunayTriangulation(points: points)
    check(points, d)
    let expected = DelaunayTriangulation(points: finite).triangles.map {
      (original[$0.0], original[$0.1], original[$0.2])
    }
    #expect(canonical(d.triangles) == canonical(expected))
    #expect(DelaunayTriangulation(points: bad).triangles.isEmpty)
  }

  @Test func extremeScales() {
    let points = uniformPoints(150, seed: 13)
    let reference = canonical(DelaunayTriangulation(points: points).triangles)
    for scale in [1e-300, 1e300, 0x1p-1000, 0x1p1000, 1.7e308] {
      let scaled = points.map { Point($0.x * scale, $0.y * scale) }
      let d = DelaunayTriangulation(points: scaled)
      check(scaled, d)
      #expect(canonical(d.triangles) == reference, "scale \(scale)")
    }
    // Offsets much larger than the spread: differences lose no sign information.
    let shifted = points.map { Point($0.x + 1e9, $0.y - 1e9) }
    let d = DelaunayTriangulation(points: shifted)
    check(shifted, d)
    // Mixed scales: detail below 2^-200 of the largest coordinate merges into duplicates.
    var mixed = points.map { Point($0.x * 1e300, $0.y * 1e300) }
    mixed += [Point(1e-300, 0), Point(0, -1e-300), Point(0, 0)]
    let m = DelaunayTriangulation(points: mixed)
    check(mixed, m)
    let used = Set(m.triangles.flatMap { [$0.0, $0.1, $0.2] })
    #expect(used.intersection([150, 151, 152]).count == 1)
  }

  // MARK: Predicates

  @Test func orientIsExactNearCollinear() {
    // The classic test: p near (0.5, 0.5) against the line through (12, 12) and (24, 24). The
    // exact determinant is 12 (py - px), which plain floating point gets wrong in places.
    for i in 0..<64 {
      for j in 0..<64 {
        let px = 0.5 + Double(i) * 0x1p-53
        let py = 0.5 + Double(j) * 0x1p-53
        let o = RobustPredicates.orient2d(px, py, 12, 12, 24, 24)
        #expect(sign(o) == (j > i ? 1 : j < i ? -1 : 0))
      }
    }
  }

  @Test func orientMatchesIntegerArithmetic() {
    // Coordinates up to 2^60 make the differences themselves round; Int128 is exact.
    guard #available(macOS 15, *) else { return }
    var rng = SplitMix64(state: 21)
    func coordinate() -> Int64 {
      let big = Int64(1) << Int64(40 + rng.next() % 20)
      return [big, -big, 0][Int(rng.next() % 3)] + Int64(rng.next() % 9) - 4
    }
    var zeros = 0
    for _ in 0..<4000 {
      let c = (0..<6).map { _ in coordinate() }
      let v = c.map { Double($0) }
      guard zip(c, v).allSatisfy({ Int64(exactly: $1) == $0 }) else { continue }
      let w = c.map { Int128($0) }
      let exact = (w[0] - w[4]) * (w[3] - w[5]) - (w[1] - w[5]) * (w[2] - w[4])
      if exact == 0 { zeros += 1 }
      #expect(sign(RobustPredicates.orient2d(v[0], v[1], v[2], v[3], v[4], v[5])) == exact.signum())
    }
    #expect(zeros > 0)
  }

  @Test func incircleMatchesIntegerArithmetic() {
    var rng = SplitMix64(state: 33)
    var counts = [0, 0, 0]
    for trial in 0..<6000 {
      // Small coordinates make exact cocircularity common; the scale and offset are exact in
      // binary but make the plain evaluation round.
      let c = (0..<8).map { _ in Int64(rng.next() % 9) - 4 }
      let scale = trial % 2 == 0 ? 1.0 : 0x1p-40
      let offset = trial % 3 == 0 ? 0.0 : 1024
      let v = c.map { Double($0) * scale + offset }
      let adx = c[0] - c[6]
      let ady = c[1] - c[7]
      let bdx = c[2] - c[6]
      let bdy = c[3] - c[7]
      let cdx = c[4] - c[6]
      let cdy = c[5] - c[7]
      let exact =
        (adx * adx + ady * ady) * (bdx * cdy - cdx * bdy)
        + (bdx * bdx + bdy * bdy) * (cdx * ady - adx * cdy)
        + (cdx * cdx + cdy * cdy) * (adx * bdy - bdx * ady)
      counts[Int(exact.signum()) + 1] += 1
      let robust = RobustPredicates.incircle(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
      #expect(sign(robust) == Int(exact.signum()))
      let forced = RobustPredicates.incircleExact(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
      #expect(sign(forced) == Int(exact.signum()))
    }
    #expect(counts.allSatisfy { $0 > 0 }, "\(counts)")
  }

  @Test func expansionArithmeticIsExact() {
    // (1 + 2^-60)^2 = 1 + 2^-59 + 2^-120, kept exactly as three components.
    let e = RobustPredicates.sum([0x1p-60], [1])
    #expect(e == [0x1p-60, 1])
    #expect(RobustPredicates.product(e, e) == [0x1p-120, 0x1p-59, 1])
    #expect(RobustPredicates.sum([1], [-1]) == [0])
    #expect(RobustPredicates.difference(1, 0x1p-80) == [-0x1p-80, 1])
  }
}

// MARK: - Validation

/// Checks a triangulation exhaustively: positive orientation, each edge used once per direction,
/// boundary edges exactly the hull edges, areas adding up to the hull's, every distinct finite
/// point used, and the empty-circumcircle property with the exact in-circle test.
private func check(
  _ points: [Point], _ d: DelaunayTriangulation, sourceLocation: SourceLocation = #_sourceLocation
) {
  // The predicates are exact on coordinates scaled as the triangulation scales them.
  let maxMagnitude =
    points.lazy.filter { $0.x.isFinite && $0.y.isFinite }
    .map { max(abs($0.x), abs($0.y)) }.max() ?? 0
  let exponent = maxMagnitude > 0 ? -Int(maxMagnitude.exponent) : 0
  let p = points.map {
    Point(
      Double(sign: .plus, exponent: exponent, significand: $0.x),
      Double(sign: .plus, exponent: exponent, significand: $0.y))
  }
  func orient(_ a: Int, _ b: Int, _ c: Int) -> Double {
    RobustPredicates.orient2d(p[a].x, p[a].y, p[b].x, p[b].y, p[c].x, p[c].y)
  }

  var edges = Set<[Int]>()
  var area = 0.0
  for t in d.triangles {
    #expect(
      orient(t.0, t.1, t.2) > 0, "triangle \(t) not counter-clockwise",
      sourceLocation: sourceLocation)
    for (a, b) in [(t.0, t.1), (t.1, t.2), (t.2, t.0)] {
      #expect(
        edges.insert([a, b]).inserted, "edge \(a)→\(b) used twice", sourceLocation: sourceLocation)
    }
    area +=
      ((p[t.1].x - p[t.0].x) * (p[t.2].y - p[t.0].y) - (p[t.2].x - p[t.0].x) * (p[t.1].y - p[t.0].y))
      / 2
  }
  guard !d.triangles.isEmpty else { return }

  // Edges without a twin form the boundary, which must be the hull, traversed the same way.
  let boundary = Set(edges.filter { !edges.contains([$0[1], $0[0]]) })
  let hullEdges = Set(d.hull.indices.map { [d.hull[$0], d.hull[($0 + 1) % d.hull.count]] })
  #expect(boundary == hullEdges, sourceLocation: sourceLocation)
  for i in d.hull.indices {
    let n = d.hull.count
    #expect(
      orient(d.hull[(i + n - 1) % n], d.hull[i], d.hull[(i + 1) % n]) >= 0,
      sourceLocation: sourceLocation)
  }
  // Shoelace as a fan from the first vertex, which avoids cancellation far from the origin.
  var hullArea = 0.0
  let o = p[d.hull[0]]
  for i in 1..<(d.hull.count - 1) {
    let a = p[d.hull[i]]
    let b = p[d.hull[i + 1]]
    hullArea += ((a.x - o.x) * (b.y - o.y) - (b.x - o.x) * (a.y - o.y)) / 2
  }
  #expect(abs(area - hullArea) <= 1e-9 * hullArea, sourceLocation: sourceLocation)

  // Every distinct finite point is a vertex (the first of coincident ones).
  var firstIndex: [[Double]: Int] = [:]
  for (i, q) in p.enumerated() where q.x.isFinite && q.y.isFinite && firstIndex[[q.x, q.y]] == nil {
    firstIndex[[q.x, q.y]] = i
  }
  let used = Set(d.triangles.flatMap { [$0.0, $0.1, $0.2] })
  #expect(used == Set(firstIndex.values), sourceLocation: sourceLocation)

  // Empty circumcircles, exactly. (Points on a circumcircle are allowed: cocircular ties.)
  let vertices = Array(used)
  var violations = 0
  for t in d.triangles {
    let (a, b, c) = (p[t.0], p[t.1], p[t.2])
    for i in vertices
    where RobustPredicates.incircle(a.x, a.y, b.x, b.y, c.x, c.y, p[i].x, p[i].y) > 0 {
      violations += 1
    }
  }
  #expect(violations == 0, "points inside circumcircles", sourceLocation: sourceLocation)
}

// MARK: - Inputs

private func canonical(_ triangles: [(Int, Int, Int)]) -> [[Int]] {
  triangles.map { [$0.0, $0.1, $0.2].sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
}

private func sign(_ v: Double) -> Int { v > 0 ? 1 : v < 0 ? -1 : 0 }

private func integers(_ text: String) -> [Int] {
  text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
}

/// SplitMix64, as in `scripts/oracle/delaunay.py`.
private struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

private func uniformPoints(_ n: Int, seed: UInt64) -> [Point] {
  var rng = SplitMix64(state: seed)
  return (0..<n).map { _ in
    let x = rng.unit()
    return Point(x, rng.unit())
  }
}

private func shuffled(_ a: [Int], _ rng: inout SplitMix64) -> [Int] {
  var a = a
  for i in stride(from: a.count - 1, to: 0, by: -1) {
    a.swapAt(i, Int(rng.next() % UInt64(i + 1)))
  }
  return a
}

/// The tutorial's input: x and y are independent permutations of numpy.linspace(-15, 15, 500).
private func latticeLikePoints() -> [Point] {
  // numpy.linspace: i * step + start, with the last value set to stop.
  let step = 30.0 / 499
  var base = (0..<500).map { Double($0) * step + -15 }
  base[499] = 15
  #expect(base[1] == -14.939879759519037)
  #expect(base[250] == 0.03006012024047955)
  #expect(base[498] == 14.939879759519037)
  let px = integers(Oracle.latticeXPermutation)
  let py = integers(Oracle.latticeYPermutation)
  return (0..<500).map { Point(base[px[$0]], base[py[$0]]) }
}

// MARK: - Expected data

/// Generated by `python3 scripts/oracle/delaunay.py` (scipy.spatial.Delaunay, qhull); see there.
private enum Oracle {
  static let latticeXPermutation = """
    90 254 283 445 461 15 316 489 159 153 241 250 390 289 171 329 468 355 154 37 205 366 240 108
    45 438 21 367 96 233 428 118 124 191 374 492 311 451 353 238 322 46 403 221 76 1 213 325
    418 102 363 170 343 144 132 12 327 173 224 342 78 276 387 425 301 196 10 469 271 75 142 65
    340 484 175 362 264 100 491 295 300 235 475 219 330 326 421 157 348 54 220 402 379 200 179 372
    56 440 60 208 107 336 71 474 6 412 113 236 299 155 272 7 137 8 463 432 375 284 210 188
    430 49 134 365 413 239 59 406 391 411 485 229 297 55 293 490 458 457 453 186 194 52 74 26
    488 4 318 331 245 5 141 383 135 493 122 22 68 20 382 14 278 225 64 381 231 81 401 302
    499 471 455 160 478 364 496 206 319 51 306 452 332 164 106 481 63 344 427 439 320 89 312 450
    93 298 459 308 395 92 18 198 145 158 150 479 167 255 230 422 66 309 253 140 101 433 2 408
    17 146 249 263 30 114 247 103 405 310 176 246 116 168 415 120 261 112 360 435 282 136 190 347
    181 126 281 252 407 393 354 232 133 33 476 162 34 44 97 85 61 199 268 218 73 35 303 29
    361 392 443 217 27 399 380 156 429 345 138 212 104 350 346 351 215 385 189 214 204 234 259 67
    24 216 223 129 111 166 417 394 40 274 357 79 313 315 13 287 409 494 228 161 83 497 473 110
    149 152 16 339 109 352 139 237 260 419 317 495 400 248 386 19 328 296 269 226 414 3 378 125
    280 286 77 184 424 477 275 294 436 182 447 80 307 258 11 371 86 266 36 480 58 41 270 50
    209 397 410 416 123 222 62 377 130 187 23 43 441 0 201 368 426 98 349 304 487 178 369 256
    94 465 95 442 169 69 305 48 341 373 207 279 227 148 143 334 180 356 131 462 498 262 324 203
    84 121 482 434 460 454 384 91 82 267 119 358 291 57 321 257 376 446 42 105 388 467 273 444
    38 389 53 420 437 128 290 28 183 370 163 151 244 202 31 32 127 185 470 449 288 423 398 456
    147 285 466 177 99 338 448 431 335 197 243 464 115 404 265 72 333 25 165 337 483 174 486 39
    193 314 396 88 472 70 87 292 242 277 211 9 359 195 251 323 192 117 47 172
    """

  static let latticeYPermutation = """
    277 307 436 88 261 57 413 459 398 201 103 44 14 27 312 426 25 122 175 297 108 31 223 77
    384 424 484 340 212 294 306 482 255 176 97 499 137 367 24 295 324 289 470 45 106 251 331 231
    276 464 111 216 362 129 253 422 287 227 142 372 415 483 55 136 371 403 130 359 134 341 337 399
    449 452 63 163 390 407 139 65 266 267 16 236 240 351 274 272 121 358 269 41 60 86 332 370
    247 462 183 244 328 467 239 356 406 29 230 192 69 314 317 8 107 19 101 196 53 280 364 264
    438 249 141 368 369 54 34 434 30 448 11 256 202 160 98 450 7 311 91 23 383 296 477 461
    213 117 145 191 298 56 209 292 400 144 67 443 305 319 259 458 80 326 330 168 189 257 5 323
    83 36 474 252 150 363 214 310 410 283 382 204 487 491 95 113 59 37 143 271 158 154 40 300
    489 457 437 379 13 496 18 396 149 203 456 215 62 79 43 193 181 350 232 200 316 9 380 442
    2 446 412 270 126 85 409 75 469 248 366 342 435 278 1 497 349 389 151 33 433 431 140 275
    471 279 299 228 440 320 387 291 286 385 50 162 147 377 468 273 416 262 345 0 386 172 195 308
    451 493 234 39 352 156 222 210 217 99 167 225 476 395 10 105 68 447 373 405 258 265 378 180
    28 42 444 20 84 355 425 285 71 49 498 466 304 116 293 76 48 418 263 260 146 455 64 110
    52 411 124 87 381 392 288 445 118 12 157 127 46 235 135 241 408 335 177 58 465 325 131 152
    490 17 186 376 338 488 402 481 242 473 170 187 47 133 301 199 72 318 78 495 346 198 388 119
    153 417 21 281 254 250 243 237 35 81 159 333 182 432 329 109 453 357 102 92 421 486 284 148
    70 393 211 171 165 238 188 3 290 344 197 423 120 184 155 485 112 138 125 66 336 478 224 268
    161 420 475 174 480 221 100 246 219 229 334 348 114 322 430 321 220 391 82 427 309 166 169 15
    460 245 479 6 94 327 397 394 128 104 303 61 208 302 51 90 354 207 22 374 26 439 218 73
    472 494 492 365 414 205 4 190 361 164 375 463 185 429 404 194 419 401 347 93 441 132 233 173
    178 313 315 428 353 454 115 32 206 282 339 96 343 123 226 74 89 38 179 360
    """

  static let latticeTriangleCount = 982
  static let latticeHull = """
    26 35 45 111 130 149 168 197 216 230 231 259 309 373 404 462
    """

  // base[1] = -14.939879759519037, base[250] = 0.03006012024047955, base[498] = 14.939879759519037
  // uniform[0] = 0.6227655366461097, 0.0972319084876927
  static let uniformTriangles = """
    0 26 61 0 26 150 0 38 150 0 38 195 0 61 101 0 101 151 0 151 195 1 60 71
    1 60 86 1 71 178 1 86 100 1 100 178 2 6 147 2 6 157 2 20 136 2 20 157
    2 95 136 2 95 147 3 49 105 3 49 116 3 67 105 3 67 160 3 116 160 4 21 63
    4 21 140 4 63 116 4 89 121 4 89 166 4 116 166 4 121 140 5 57 193 5 57 194
    5 93 110 5 93 181 5 110 194 5 149 181 5 149 193 6 56 94 6 56 177 6 82 129
    6 82 189 6 87 94 6 87 189 6 129 147 6 157 177 7 67 105 7 67 153 7 83 153
    7 83 180 7 105 163 7 163 180 8 40 68 8 40 161 8 58 68 8 58 161 9 20 30
    9 20 172 9 30 109 9 109 172 10 19 184 10 19 194 10 110 175 10 110 194 10 175 184
    11 75 113 11 75 137 11 113 115 11 115 140 11 121 137 11 121 140 12 78 146 12 78 199
    12 99 188 12 99 199 12 146 171 12 171 188 13 149 170 13 149 193 13 170 193 14 44 128
    14 44 185 14 60 114 14 60 128 14 114 185 15 37 106 15 37 183 15 38 141 15 38 150
    15 106 141 15 150 183 16 76 176 16 76 196 16 86 144 16 86 145 16 144 176 16 145 196
    17 88 167 17 143 173 17 167 179 17 173 180 17 179 180 18 34 103 18 34 135 18 51 109
    18 51 162 18 65 152 18 65 172 18 103 152 18 109 172 18 135 162 19 75 123 19 75 164
    19 123 184 19 164 194 20 30 142 20 65 136 20 65 172 20 142 157 21 25 35 21 25 134
    21 35 63 21 134 140 22 67 120 22 67 125 22 75 125 22 75 164 22 120 164 23 27 58
    23 27 104 23 43 58 23 43 102 23 102 104 24 29 55 24 29 118 24 55 74 24 74 111
    24 111 118 25 35 187 25 44 134 25 44 185 25 50 185 25 50 187 26 61 158 26 150 183
    26 158 183 27 58 161 27 104 132 27 132 161 28 85 127 28 85 132 28 127 174 28 132 174
    29 55 175 29 110 175 29 110 190 29 118 190 30 33 102 30 33 142 30 51 109 30 51 192
    30 102 192 31 41 57 31 41 197 31 57 117 31 117 197 32 90 106 32 90 168 32 106 135
    32 135 182 32 168 182 33 43 102 33 43 139 33 130 139 33 130 142 34 103 155 34 135 154
    34 154 184 34 155 184 35 63 143 35 143 187 36 41 83 36 41 107 36 83 180 36 107 169
    36 169 180 37 98 162 37 98 183 37 106 135 37 135 162 38 80 141 38 80 195 39 59 79
    39 59 131 39 79 170 39 107 131 39 107 170 40 68 139 40 126 186 40 139 186 41 57 193
    41 83 197 41 107 193 42 74 147 42 74 152 42 95 147 42 95 152 43 58 68 43 68 139
    44 128 144 44 134 144 45 52 96 45 52 122 45 81 96 45 81 113 45 113 115 45 115 122
    46 54 131 46 54 179 46 131 169 46 169 179 47 63 116 47 63 143 47 116 173 47 143 173
    48 62 78 48 62 159 48 78 146 48 87 92 48 87 159 48 92 146 49 105 163 49 116 173
    49 163 173 50 70 112 50 70 114 50 112 187 50 114 185 51 98 162 51 98 192 52 76 96
    52 76 176 52 122 176 53 79 149 53 79 181 53 149 181 54 59 88 54 59 131 54 88 167
    54 167 179 55 74 152 55 152 155 55 155 184 55 175 184 56 94 191 56 126 186 56 126 191
    56 177 186 57 117 194 59 79 108 59 99 108 60 71 114 60 86 128 61 101 158 62 78 165
    62 97 124 62 97 159 62 124 165 64 73 91 64 73 97 64 97 124 65 95 136 65 95 152
    66 102 104 66 102 183 66 104 174 66 174 198 66 183 198 67 120 153 67 125 160 69 72 77
    69 72 85 69 77 127 69 85 127 70 112 138 70 114 138 71 114 138 71 133 138 71 133 178
    72 85 161 73 91 126 73 97 159 73 126 191 73 159 191 74 111 129 74 129 147 75 113 123
    75 125 137 76 80 90 76 80 196 76 90 96 77 84 151 77 101 127 77 101 151 78 165 199
    79 108 181 79 149 170 80 90 141 80 195 196 81 90 96 81 90 168 81 113 168 82 87 129
    82 87 189 83 153 197 84 100 178 84 100 196 84 133 178 84 151 196 85 132 161 86 100 145
    86 128 144 87 92 111 87 94 159 87 111 129 89 121 137 89 137 156 89 156 160 89 160 166
    90 106 141 92 111 171 92 146 171 93 99 119 93 99 148 93 110 190 93 119 181 93 148 190
    94 159 191 98 102 183 98 102 192 99 108 119 99 124 199 99 148 188 100 145 196 101 127 158
    103 152 155 104 132 174 107 131 169 107 170 193 108 119 181 111 118 171 112 143 187 113 123 182
    113 168 182 115 122 144 115 134 140 115 134 144 116 160 166 117 120 164 117 120 197 117 164 194
    118 171 190 120 153 197 122 144 176 123 154 182 123 154 184 124 165 199 125 137 156 125 156 160
    127 158 198 127 174 198 130 139 186 130 142 177 130 177 186 135 154 182 142 157 177 148 188 190
    151 195 196 158 183 198 163 173 180 169 179 180 171 188 190
    """
}
