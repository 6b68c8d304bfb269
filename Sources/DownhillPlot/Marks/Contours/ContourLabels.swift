import Foundation

/// A contour label as placed: its text, centre, angle (radians, counter-clockwise, always
/// upright) and size, all in display units.
struct PlacedContourLabel: Equatable {
  var text: String
  var level: Int
  var center: Point
  var angle: Double
  var width: Double
  var height: Double

  /// The label's rotated box, corners in order.
  var corners: [Point] {
    let (c, s) = (cos(angle), sin(angle))
    // Along the text: (c, −s) in y-down display space; across it: (s, c).
    let ux = Point(c * width / 2, -s * width / 2)
    let uy = Point(s * height / 2, c * height / 2)
    return [
      Point(center.x - ux.x - uy.x, center.y - ux.y - uy.y),
      Point(center.x + ux.x - uy.x, center.y + ux.y - uy.y),
      Point(center.x + ux.x + uy.x, center.y + ux.y + uy.y),
      Point(center.x - ux.x + uy.x, center.y - ux.y + uy.y),
    ]
  }

  /// Whether `p` lies in the label's box grown by `padding` on every side.
  func contains(_ p: Point, padding: Double) -> Bool {
    let dx = p.x - center.x
    let dy = p.y - center.y
    guard abs(dx) + abs(dy) <= width + height + 2 * padding else { return false }
    // Into the label's frame: along the text (c, −s), across it (s, c), in y-down space.
    let (c, s) = (cos(angle), sin(angle))
    let along = dx * c - dy * s
    let across = dx * s + dy * c
    return abs(along) <= width / 2 + padding && abs(across) <= height / 2 + padding
  }

  /// Separating-axis test between two rotated boxes.
  func overlaps(_ o: PlacedContourLabel) -> Bool {
    let a = corners
    let b = o.corners
    for poly in [a, b] {
      for k in 0..<2 {
        let axis = Point(poly[k + 1].x - poly[k].x, poly[k + 1].y - poly[k].y)
        let pa = a.map { $0.x * axis.x + $0.y * axis.y }
        let pb = b.map { $0.x * axis.x + $0.y * axis.y }
        if pa.max()! <= pb.min()! || pb.max()! <= pa.min()! { return false }
      }
    }
    return true
  }
}

/// Inline contour labels, as matplotlib's `clabel(inline=True)`: each label sits on a long,
/// nearly straight stretch of its line, turned along it and kept upright, and the line is cut
/// where the label sits. Labels never overlap each other or leave the plot area.
enum ContourLabeler {
  /// A display-space polyline with its level and cumulative arc length.
  struct Line {
    var points: [Point]
    var closed: Bool
    var level: Int
    var lengths: [Double]

    init(points: [Point], closed: Bool, level: Int) {
      // A closed loop is walked back to its start, so arc length covers the closing side.
      self.points = closed && points.count > 1 ? points + [points[0]] : points
      self.closed = closed
      self.level = level
      var acc = 0.0
      lengths = [0]
      for (a, b) in zip(self.points, self.points.dropFirst()) {
        acc += hypot(b.x - a.x, b.y - a.y)
        lengths.append(acc)
      }
    }

    var length: Double { lengths.last ?? 0 }

    /// The point at arc length `s` (clamped) and the index of the segment holding it.
    func point(at s: Double) -> (Point, Int) {
      var lo = 0
      var hi = lengths.count - 1
      while hi - lo > 1 {
        let mid = (lo + hi) / 2
        if lengths[mid] <= s { lo = mid } else { hi = mid }
      }
      let span = lengths[hi] - lengths[lo]
      let t = span > 0 ? Swift.min(1, Swift.max(0, (s - lengths[lo]) / span)) : 0
      let a = points[lo]
      let b = points[hi]
      return (Point(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)), lo)
    }

    /// The part between arc lengths `a < b`.
    func piece(_ a: Double, _ b: Double) -> [Point] {
      let (pa, ia) = point(at: a)
      let (pb, ib) = point(at: b)
      var out = [pa]
      if ia + 1 <= ib { out.append(contentsOf: points[(ia + 1)...ib]) }
      out.append(pb)
      return out
    }
  }

  /// Chooses label positions for `lines` (text sizes given per level) and returns them with the
  /// lines cut around them.
  /// No label covers a point of `avoiding` (other data drawn over the contours): a level
  /// stays unlabelled rather than hide a path.
  static func place(
    _ lines: [Line], texts: [String], sizes: [(width: Double, height: Double)], area: Rect,
    avoiding data: [Point] = []
  ) -> (labels: [PlacedContourLabel], pieces: [(level: Int, points: [Point])]) {
    var placed: [PlacedContourLabel] = []
    var gaps = [[(Double, Double)]](repeating: [], count: lines.count)
    let obstacles = SegmentGrid(lines)
    // Longest lines first: they have the best spots, and short ones may find no room.
    let order = lines.indices.sorted {
      lines[$0].length > lines[$1].length || (lines[$0].length == lines[$1].length && $0 < $1)
    }
    // First pass: only clear spots. Second pass, for levels still unlabelled (dense lines),
    // spots over neighbouring lines are accepted, as matplotlib always does.
    var labelled = Set<Int>()
    for (pass, li) in order.map({ (0, $0) }) + order.map({ (1, $0) }) {
      let line = lines[li]
      let level = line.level
      guard level < texts.count, !texts[level].isEmpty else { continue }
      if pass == 1 && labelled.contains(level) { continue }
      let strict = pass == 0
      let (w, h) = sizes[level]
      let half = w / 2 + h * 0.35  // the gap reaches a little past the text
      let length = line.length
      guard length >= 2 * half + 3 * h else { continue }
      // One label per ~400 units of line, spread along it.
      let count = clampedInt(length / 400, 1...4)
      for slot in 0..<count {
        let preferred = length * (Double(slot) + 0.5) / Double(count)
        let lo = Swift.max(half, length * Double(slot) / Double(count))
        let hi = Swift.min(length - half, length * Double(slot + 1) / Double(count))
        guard lo <= hi else { continue }
        // At most ~2000 candidates per slot, however long the line.
        let step = Swift.max(1.5, h / 3, (hi - lo) / 2000)
        var best: (score: Double, label: PlacedContourLabel, s: Double)?
        var s = lo
        while s <= hi {
          defer { s += step }
          guard
            let deviation = straightness(line, at: s, half: half, limit: h * (strict ? 0.3 : 0.5))
          else { continue }
          let (p, _) = line.point(at: s)
          let (a, _) = line.point(at: s - half)
          let (b, _) = line.point(at: s + half)
          var angle = atan2(-(b.y - a.y), b.x - a.x)
          if angle > .pi / 2 { angle -= .pi }
          if angle <= -.pi / 2 { angle += .pi }
          let label = PlacedContourLabel(
            text: texts[level], level: level, center: p, angle: angle, width: w + h * 0.2,
            height: h)
          guard label.corners.allSatisfy({ inside($0, area) }) else { continue }
          guard !placed.contains(where: { $0.overlaps(label) }) else { continue }
          // The points are a line's centre: the padding covers its half-width (and halo) and
          // leaves a few units of clear space.
          guard !data.contains(where: { label.contains($0, padding: 7) }) else { continue }
          // Text over another line (or another part of this one) is hard to read.
          let (_, first) = line.point(at: s - half)
          let (_, last) = line.point(at: s + half)
          guard !strict || !obstacles.crosses(label, except: li, segments: first...last) else {
            continue
          }
          // Spread labels out: a spot near an existing label scores worse.
          let crowding = placed.reduce(0.0) { worst, other in
            let d = hypot(other.center.x - p.x, other.center.y - p.y)
            return Swift.max(worst, 1 - d / (6 * w))
          }
          let score = deviation / h + abs(s - preferred) / length + crowding
          if best == nil || score < best!.score { best = (score, label, s) }
        }
        if let best {
          labelled.insert(level)
          placed.append(best.label)
          gaps[li].append((best.s - half, best.s + half))
        }
      }
    }
    var pieces: [(level: Int, points: [Point])] = []
    for (li, line) in lines.enumerated() {
      let cuts = gaps[li].sorted { $0.0 < $1.0 }
      if cuts.isEmpty {
        pieces.append((line.level, line.points))
        continue
      }
      var parts: [[Point]] = []
      var start = 0.0
      for (a, b) in cuts {
        if a > start { parts.append(line.piece(start, a)) }
        start = b
      }
      if start < line.length { parts.append(line.piece(start, line.length)) }
      // On a loop the last part runs on into the first through the loop's start point.
      if line.closed, parts.count >= 2, cuts.first!.0 > 0, cuts.last!.1 < line.length {
        let first = parts.removeFirst()
        parts[parts.count - 1].append(contentsOf: first.dropFirst())
      }
      for part in parts where part.count >= 2 { pieces.append((line.level, part)) }
    }
    return (placed, pieces)
  }

  /// How far the line strays from the straight chord over `s ± half`, or nil if more than
  /// `limit` (too curved to write along).
  private static func straightness(_ line: Line, at s: Double, half: Double, limit: Double)
    -> Double?
  {
    let (a, ia) = line.point(at: s - half)
    let (b, ib) = line.point(at: s + half)
    let dx = b.x - a.x
    let dy = b.y - a.y
    let chord = hypot(dx, dy)
    guard chord > 1.6 * half else { return nil }
    var worst = 0.0
    if ia + 1 <= ib {
      for k in (ia + 1)...ib {
        let p = line.points[k]
        worst = Swift.max(worst, abs((p.x - a.x) * dy - (p.y - a.y) * dx) / chord)
        if worst > limit { return nil }
      }
    }
    return worst
  }

  private static func inside(_ p: Point, _ r: Rect) -> Bool {
    p.x >= r.minX + 1 && p.x <= r.maxX - 1 && p.y >= r.minY + 1 && p.y <= r.maxY - 1
  }
}

/// Every line segment bucketed by display position, to find those a label box would cover.
struct SegmentGrid {
  private let cell = 24.0
  private var buckets: [Int64: [(line: Int, segment: Int)]] = [:]
  private let lines: [ContourLabeler.Line]

  init(_ lines: [ContourLabeler.Line]) {
    self.lines = lines
    for (li, line) in lines.enumerated() {
      for k in 0..<Swift.max(0, line.points.count - 1) {
        let (a, b) = (line.points[k], line.points[k + 1])
        for key in keys(
          Swift.min(a.x, b.x), Swift.min(a.y, b.y), Swift.max(a.x, b.x), Swift.max(a.y, b.y))
        {
          buckets[key, default: []].append((li, k))
        }
      }
    }
  }

  private func keys(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [Int64] {
    // Display coordinates are bounded by the figure, so these conversions cannot trap; clamp
    // anyway in case of a huge value.
    func c(_ v: Double) -> Int64 { Int64(Swift.max(-1e6, Swift.min(1e6, floor(v / cell)))) }
    var out: [Int64] = []
    for i in c(x0)...c(x1) { for j in c(y0)...c(y1) { out.append(i * 4_000_003 + j) } }
    return out
  }

  /// Whether a segment other than line `except`'s `segments` passes under the label.
  func crosses(_ label: PlacedContourLabel, except: Int, segments: ClosedRange<Int>) -> Bool {
    let corners = label.corners
    let xs = corners.map(\.x)
    let ys = corners.map(\.y)
    let (c, s) = (cos(label.angle), sin(label.angle))
    // Box-local coordinates: along the text and across it.
    func local(_ p: Point) -> Point {
      let dx = p.x - label.center.x
      let dy = p.y - label.center.y
      return Point(dx * c - dy * s, dx * s + dy * c)
    }
    let hw = label.width / 2
    let hh = label.height * 0.45
    for key in keys(xs.min()!, ys.min()!, xs.max()!, ys.max()!) {
      for (li, k) in buckets[key] ?? [] where li != except || !segments.contains(k) {
        let a = local(lines[li].points[k])
        let b = local(lines[li].points[k + 1])
        if segmentHitsBox(a, b, hw, hh) { return true }
      }
    }
    return false
  }

  /// Liang–Barsky: does segment a–b meet the box |x| ≤ hw, |y| ≤ hh?
  private func segmentHitsBox(_ a: Point, _ b: Point, _ hw: Double, _ hh: Double) -> Bool {
    var t0 = 0.0
    var t1 = 1.0
    let d = Point(b.x - a.x, b.y - a.y)
    for (p, q) in [(-d.x, a.x + hw), (d.x, hw - a.x), (-d.y, a.y + hh), (d.y, hh - a.y)] {
      if p == 0 {
        if q < 0 { return false }
      } else {
        let r = q / p
        if p < 0 { t0 = Swift.max(t0, r) } else { t1 = Swift.min(t1, r) }
        if t0 > t1 { return false }
      }
    }
    return true
  }
}
