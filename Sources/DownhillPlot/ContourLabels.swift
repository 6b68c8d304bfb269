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
  static func place(
    _ lines: [Line], texts: [String], sizes: [(width: Double, height: Double)], area: Rect
  ) -> (labels: [PlacedContourLabel], pieces: [(level: Int, points: [Point])]) {
    var placed: [PlacedContourLabel] = []
    var gaps = [[(Double, Double)]](repeating: [], count: lines.count)
    // Longest lines first: they have the best spots, and short ones may find no room.
    let order = lines.indices.sorted { lines[$0].length > lines[$1].length || (lines[$0].length == lines[$1].length && $0 < $1) }
    for li in order {
      let line = lines[li]
      let level = line.level
      guard level < texts.count, !texts[level].isEmpty else { continue }
      let (w, h) = sizes[level]
      let half = w / 2 + h * 0.35  // the gap reaches a little past the text
      let length = line.length
      guard length >= 2 * half + 3 * h else { continue }
      // One label per ~400 units of line, spread along it.
      let count = Swift.max(1, Swift.min(4, Int(length / 400)))
      for slot in 0..<count {
        let preferred = length * (Double(slot) + 0.5) / Double(count)
        let lo = Swift.max(half, length * Double(slot) / Double(count))
        let hi = Swift.min(length - half, length * Double(slot + 1) / Double(count))
        guard lo <= hi else { continue }
        let step = Swift.max(1.5, h / 3)
        var best: (score: Double, label: PlacedContourLabel, s: Double)?
        var s = lo
        while s <= hi {
          defer { s += step }
          guard let deviation = straightness(line, at: s, half: half, limit: h * 0.3) else { continue }
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
          let score = deviation / h + abs(s - preferred) / length
          if best == nil || score < best!.score { best = (score, label, s) }
        }
        if let best {
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
