import Foundation
import Testing

@testable import DownhillPlot

/// Distance from `p` to the segment `a`–`b`.
func segmentDistance(_ p: Point, _ a: Point, _ b: Point) -> Double {
  let (dx, dy) = (b.x - a.x, b.y - a.y)
  let len2 = dx * dx + dy * dy
  let t = len2 > 0 ? min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0), 1) : 0
  let (cx, cy) = (a.x + t * dx - p.x, a.y + t * dy - p.y)
  return (cx * cx + cy * cy).squareRoot()
}

/// The largest distance from an original point to the simplified polyline. Each original point
/// is first compared with segments near the last one that served it, and with all of them only
/// when those are farther than `threshold`, so this stays fast yet exact about violations.
func maxDeviation(_ original: [Point], _ simplified: [Point], threshold: Double = 1.0 / 9.0)
  -> Double
{
  var worst = 0.0
  var k = 0  // segment index hint: the simplified path visits the points in order
  for p in original {
    var best = Double.infinity
    var bestK = k
    let window = max(0, k - 3)...min(simplified.count - 2, k + 50)
    for j in window {
      let d = segmentDistance(p, simplified[j], simplified[j + 1])
      if d < best { (best, bestK) = (d, j) }
    }
    if best > threshold {  // the hint can miss on long back-and-forth runs: search everything
      for j in 0..<(simplified.count - 1) {
        let d = segmentDistance(p, simplified[j], simplified[j + 1])
        if d < best { (best, bestK) = (d, j) }
      }
    }
    k = bestK
    worst = max(worst, best)
  }
  return worst
}

/// A decaying, noisy training-loss curve mapped to a 1280 × 720 px plot area.
func lossCurvePixels(count: Int, noise: Double, seed: UInt64) -> [Point] {
  var rng = SplitMix(state: seed)
  return (0..<count).map { i in
    let t = Double(i) / Double(count - 1)
    let loss = 2.3 * exp(-6 * t) + 0.1
    let gaussian = (0..<4).map { _ in Double.random(in: -1...1, using: &rng) }.reduce(0, +) / 2
    let noisy = loss * (1 + noise * gaussian)
    return Point(40 + t * 1280, 760 - noisy / 2.5 * 720)
  }
}

@Test func simplifiedPathStaysWithinThreshold() {
  var rng = SplitMix(state: 3)
  var walk = [Point(0, 0)]
  for _ in 0..<5000 {
    let last = walk[walk.count - 1]
    walk.append(
      Point(
        last.x + Double.random(in: -1...1, using: &rng),
        last.y + Double.random(in: -1...1, using: &rng)))
  }
  let fineWalk = walk.map { Point($0.x * 0.05, $0.y * 0.05) }
  let sine = (0..<4000).map { i in Point(Double(i) * 0.3, 300 + 200 * sin(Double(i) * 0.01)) }
  let loss = lossCurvePixels(count: 60_000, noise: 0.002, seed: 11)
  let smooth = lossCurvePixels(count: 60_000, noise: 0.0005, seed: 12)
  let paths = [
    ("walk", walk), ("fine walk", fineWalk), ("sine", sine), ("loss", loss), ("smooth", smooth),
  ]
  for (name, path) in paths {
    for threshold in path.count > 10_000 ? [1.0 / 9.0] : [1.0 / 9.0, 0.5] {
      let simple = PathSimplifier.simplify(path, threshold: threshold)
      #expect(
        maxDeviation(path, simple, threshold: threshold) <= threshold + 1e-9,
        "\(name) at \(threshold)")
      #expect(simple.first == path.first && simple.last == path.last)
    }
  }
}

@Test func simplifierReducesDenseCurves() {
  // matplotlib 3.11 keeps about 8,400 and 21,700 points of curves like these.
  let smooth = PathSimplifier.simplify(lossCurvePixels(count: 60_000, noise: 0.0005, seed: 11))
  #expect(smooth.count < 4000, "\(smooth.count) points")
  let noisy = PathSimplifier.simplify(lossCurvePixels(count: 60_000, noise: 0.002, seed: 11))
  #expect(noisy.count < 15000, "\(noisy.count) points")
  let sine = (0..<4000).map { i in Point(Double(i) * 0.3, 300 + 200 * sin(Double(i) * 0.01)) }
  #expect(PathSimplifier.simplify(sine).count < 400)
}

@Test func straightLineBecomesTwoPoints() {
  let line = (0..<1000).map { i in Point(Double(i) * 0.7 + 3, Double(i) * -0.2 + 500) }
  #expect(PathSimplifier.simplify(line) == [line[0], line[999]])
  // Back and forth along one line: a run with a backward extreme.
  let back = [Point(0, 0), Point(10, 0), Point(5, 0), Point(-3, 0), Point(8, 0)]
  let simple = PathSimplifier.simplify(back)
  #expect(maxDeviation(back, simple) <= 1.0 / 9.0 + 1e-9)
  #expect(simple.contains { abs($0.x - 10) < 0.12 } && simple.contains { abs($0.x + 3) < 0.12 })
}

@Test func spikesArePreserved() {
  var path = (0..<2000).map { i in Point(Double(i) * 0.5, 100) }
  path[1000].y = 20  // one-sample spike, 80 px tall
  let simple = PathSimplifier.simplify(path)
  #expect(simple.contains { abs($0.y - 20) <= 1.0 / 9.0 && abs($0.x - 500) <= 1.0 / 9.0 })
  #expect(simple.count <= 6)
  #expect(maxDeviation(path, simple) <= 1.0 / 9.0 + 1e-9)
}

@Test func simplifierEdgeCases() {
  #expect(PathSimplifier.simplify([]) == [])
  #expect(PathSimplifier.simplify([Point(1, 2)]) == [Point(1, 2)])
  let two = [Point(0, 0), Point(1e-3, 0)]
  #expect(PathSimplifier.simplify(two) == two)
  let same = Array(repeating: Point(5, 5), count: 10)
  #expect(PathSimplifier.simplify(same) == [Point(5, 5), Point(5, 5)])  // first and last kept
  let zigzag = (0..<10).map { i in Point(Double(i), i % 2 == 0 ? 0 : 10) }
  #expect(PathSimplifier.simplify(zigzag) == zigzag)
  #expect(PathSimplifier.simplify(zigzag, threshold: .nan) == zigzag)
  #expect(PathSimplifier.simplify(zigzag, threshold: 0) == zigzag)
}

@Test func simplifierSurvivesNonFiniteInput() {
  let odd = [Point(0, 0), Point(.nan, 1), Point(.infinity, 2), Point(3, -.infinity), Point(4, 4)]
  let simple = PathSimplifier.simplify(odd)
  #expect(simple.first == odd.first && simple.last == odd.last)
  let huge = [Point(-1e308, 0), Point(0, 1e308), Point(1e308, 0), Point(1e308, 1e308)]
  #expect(PathSimplifier.simplify(huge, threshold: 1e300).last == huge.last)
}
