// Randomised checks: PathSimplifier never moves a point more than the threshold; PolylineClipper
// pieces stay inside, cover every inside sample of the input and lie on it.
// Run: swiftc -O Sources/DownhillPlot/{PathSimplifier,PolylineClipper,Geometry}.swift scripts/fuzz/geometry/main.swift -o /tmp/geo_fuzz && /tmp/geo_fuzz
import Foundation
var rng = SystemRandomNumberGenerator()
func segDist(_ p: Point, _ a: Point, _ b: Point) -> Double {
  let (dx, dy) = (b.x - a.x, b.y - a.y)
  let len2 = dx * dx + dy * dy
  let t = len2 > 0 ? min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0), 1) : 0
  let (cx, cy) = (a.x + t * dx - p.x, a.y + t * dy - p.y)
  return (cx * cx + cy * cy).squareRoot()
}
var worstRatio = 0.0
for trial in 0..<3000 {
  let n = Int.random(in: 3...300, using: &rng)
  let scale = pow(10, Double.random(in: -3...3, using: &rng))
  let th = [1.0/9.0, 0.5, 2.0][trial % 3]
  var p = Point(Double.random(in: 0...1000, using: &rng), Double.random(in: 0...1000, using: &rng))
  var pts: [Point] = []
  let mode = trial % 4
  for i in 0..<n {
    switch mode {
    case 0: p = Point(p.x + Double.random(in: -1...1, using: &rng) * scale, p.y + Double.random(in: -1...1, using: &rng) * scale)
    case 1: p = Point(Double(i) * scale, 100 + Double.random(in: -0.2...0.2, using: &rng))
    case 2: p = Point(Double.random(in: 0...3, using: &rng), Double.random(in: 0...3, using: &rng))  // dense blob
    default: p = Point(p.x + scale * 0.01, p.y + (Bool.random(using: &rng) ? 1 : -1) * scale)  // zigzag
    }
    pts.append(p)
  }
  let s = PathSimplifier.simplify(pts, threshold: th)
  var worst = 0.0
  for q in pts {
    var best = Double.infinity
    for j in 0..<(s.count - 1) { best = min(best, segDist(q, s[j], s[j + 1])) }
    worst = max(worst, best)
  }
  worstRatio = max(worstRatio, worst / th)
  if worst > th + 1e-9 { print("VIOLATION", trial, mode, worst, th) }
  if s.first != pts.first || s.last != pts.last { print("ENDS", trial) }
}
print("worst/threshold", worstRatio)
// Clipper fuzz
let rect = Rect(x: 10, y: 20, width: 300, height: 200)
var clipBad = 0
let specials: [Double] = [.nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e300, -1e300, 0, 5e-324]
for _ in 0..<20000 {
  let pts = (0..<20).map { _ -> Point in
    func v() -> Double { Int.random(in: 0..<6, using: &rng) == 0 ? specials.randomElement(using: &rng)! : Double.random(in: -500...800, using: &rng) }
    return Point(v(), v())
  }
  for piece in PolylineClipper.pieces(pts, clippedTo: rect) {
    if piece.count < 2 || !piece.allSatisfy({ $0.x >= 10 && $0.x <= 310 && $0.y >= 20 && $0.y <= 220 }) { clipBad += 1 }
  }
}
print("clip bad", clipBad)
var missed = 0, extra = 0
for _ in 0..<3000 {
  let pts = (0..<10).map { _ in Point(Double.random(in: -300...600, using: &rng), Double.random(in: -300...500, using: &rng)) }
  let pieces = PolylineClipper.pieces(pts, clippedTo: rect)
  let segs = pieces.flatMap { pc in zip(pc, pc.dropFirst()).map { ($0, $1) } }
  for (a, b) in zip(pts, pts.dropFirst()) {
    for i in 0...50 {
      let t = Double(i) / 50
      let q = Point(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y))
      let inside = q.x > 10 + 1e-6 && q.x < 310 - 1e-6 && q.y > 20 + 1e-6 && q.y < 220 - 1e-6
      let d = segs.map { segDist(q, $0.0, $0.1) }.min() ?? .infinity
      if inside && d > 1e-6 { missed += 1 }
    }
  }
  // every piece point lies on the original polyline
  for pc in pieces { for q in pc { if (zip(pts, pts.dropFirst()).map { segDist(q, $0, $1) }.min() ?? 1) > 1e-6 { extra += 1 } } }
}
print("missed", missed, "extra", extra)
