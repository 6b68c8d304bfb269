import Foundation

/// Removes vertices that cannot change how a polyline looks, after matplotlib's
/// `PathSimplifier` (src/path_converters.h).
///
/// Works in display space (pixels). Consecutive points that all lie within `threshold` of one
/// straight line are merged into a "run"; a run is drawn as its extreme points along that line
/// (forward and backward, in the order the original path reached them), so back-and-forth
/// jitter along a line collapses but spikes keep their full height.
///
/// Unlike matplotlib, which draws runs through the original extreme points (so points may end
/// up about twice the threshold from the result), the line of each run is chosen from the
/// wedge of directions that passes within `threshold` of every point in it, and the run is
/// drawn along that line. Hence the guarantee: every input point lies within `threshold` of
/// the returned polyline. The first and last points are kept exactly; other returned vertices
/// may be new points on a run's line.
///
/// Runs in O(n): each point is visited once while growing its run and once when the run is
/// emitted.
enum PathSimplifier {
  /// The simplified polyline. Points must be finite (split and clip first with
  /// ``PolylineClipper``); fewer than three points are returned unchanged.
  static func simplify(_ points: [Point], threshold: Double = 1.0 / 9.0) -> [Point] {
    guard points.count > 2, threshold > 0, threshold.isFinite,
      let first = points.first, let last = points.last
    else { return points }
    var output = [first]
    var run = Run(origin: first, start: 1, threshold: threshold)
    var i = 1
    while i < points.count {
      if run.add(points[i]) {
        i += 1
        continue
      }
      // Point i bends away: draw the run so far, then start the next one from its end.
      let end = run.emit(points, upTo: i, into: &output)
      run = Run(origin: end, start: i, threshold: threshold)
    }
    run.emit(points, upTo: points.count, into: &output)
    if output.count > 1, let tail = output.last, distance(tail, last) <= 1e-9 {
      output.removeLast()
    }
    output.append(last)
    return output
  }

  /// Points `start ..< end` of the input, all within `threshold` of some line through `origin`.
  private struct Run {
    let origin: Point
    let start: Int
    let threshold: Double
    /// Reference direction (unit vector) of the first point that constrains the line.
    var reference: Point?
    /// Feasible line directions, as angles relative to `reference`, modulo π.
    var low = -Double.pi / 2
    var high = Double.pi / 2

    init(origin: Point, start: Int, threshold: Double) {
      self.origin = origin
      self.start = start
      self.threshold = threshold
    }

    /// Narrows the wedge so the line also passes within the threshold of `p`; false (and
    /// unchanged) if no line can.
    mutating func add(_ p: Point) -> Bool {
      let dx = p.x - origin.x
      let dy = p.y - origin.y
      let r = (dx * dx + dy * dy).squareRoot()
      // Any line through the origin passes close enough to a point this near it.
      if r <= threshold { return true }
      let halfWidth = asin(threshold / r)
      guard let ref = reference else {
        reference = Point(dx / r, dy / r)
        (low, high) = (-halfWidth, halfWidth)
        return true
      }
      let angle = atan2(ref.x * dy - ref.y * dx, ref.x * dx + ref.y * dy)
      // Lines are undirected: try the point's angle and its opposite, keep the better overlap.
      var best: (Double, Double)?
      for shift in [0, Double.pi, -Double.pi] {
        let lo = max(low, angle + shift - halfWidth)
        let hi = min(high, angle + shift + halfWidth)
        if lo <= hi, (best.map { hi - lo > $0.1 - $0.0 } ?? true) { best = (lo, hi) }
      }
      guard let (lo, hi) = best else { return false }
      (low, high) = (lo, hi)
      return true
    }

    /// Appends the run's extremes along its line, in the order the path reached them, and the
    /// projection of its last point; returns that projection (the next run's origin).
    @discardableResult
    func emit(_ points: [Point], upTo end: Int, into output: inout [Point]) -> Point {
      guard end > start else { return origin }
      if end - start == 1 {
        // A lone point is its own extreme: keep it exactly rather than re-projected.
        append(points[start], to: &output)
        return points[start]
      }
      let theta = (low + high) / 2
      let (ux, uy): (Double, Double)
      if let ref = reference {
        (ux, uy) = (
          ref.x * cos(theta) - ref.y * sin(theta), ref.x * sin(theta) + ref.y * cos(theta)
        )
      } else {
        (ux, uy) = (1, 0)
      }
      var minS = (s: 0.0, index: start - 1)
      var maxS = (s: 0.0, index: start - 1)
      for i in start..<end {
        let s = (points[i].x - origin.x) * ux + (points[i].y - origin.y) * uy
        if s < minS.s { minS = (s, i) }
        if s > maxS.s { maxS = (s, i) }
      }
      let lastS = (points[end - 1].x - origin.x) * ux + (points[end - 1].y - origin.y) * uy
      func at(_ s: Double) -> Point { Point(origin.x + s * ux, origin.y + s * uy) }
      for extreme in [minS, maxS].sorted(by: { $0.index < $1.index })
      where extreme.index >= start && extreme.index < end - 1 {
        append(at(extreme.s), to: &output)
      }
      let tail = at(lastS)
      append(tail, to: &output)
      return tail
    }

    private func append(_ p: Point, to output: inout [Point]) {
      if let previous = output.last, distance(previous, p) <= 1e-12 { return }
      output.append(p)
    }
  }
}

private func distance(_ a: Point, _ b: Point) -> Double {
  ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
}
