/// Marker shapes for lines and scatter plots, drawn as paths centred on a data point.
public enum Marker: String, CaseIterable, Sendable {
  case circle, square, triangle, diamond, plus, cross

  /// The marker's outline for a marker of diameter `size` at `c`. `plus` and `cross` are
  /// open shapes that only make sense stroked.
  func path(at c: Point, size: Double) -> Path {
    let r = size / 2
    switch self {
    case .circle: return .circle(center: c, radius: r)
    case .square:
      return .rectangle(Rect(x: c.x - r * 0.9, y: c.y - r * 0.9, width: r * 1.8, height: r * 1.8))
    case .diamond:
      return .polygon([
        Point(c.x, c.y - r), Point(c.x + r, c.y), Point(c.x, c.y + r), Point(c.x - r, c.y),
      ])
    case .triangle:
      return .polygon([
        Point(c.x, c.y - r), Point(c.x + r * 0.95, c.y + r * 0.7),
        Point(c.x - r * 0.95, c.y + r * 0.7),
      ])
    case .plus:
      var p = Path()
      p.move(to: Point(c.x - r, c.y)); p.line(to: Point(c.x + r, c.y))
      p.move(to: Point(c.x, c.y - r)); p.line(to: Point(c.x, c.y + r))
      return p
    case .cross:
      let d = r * 0.8
      var p = Path()
      p.move(to: Point(c.x - d, c.y - d)); p.line(to: Point(c.x + d, c.y + d))
      p.move(to: Point(c.x - d, c.y + d)); p.line(to: Point(c.x + d, c.y - d))
      return p
    }
  }

  var isFilled: Bool { self != .plus && self != .cross }

  /// The points of a long run that get a marker (matplotlib's `markevery`): all of them up to
  /// `limit`, else evenly spaced ones including the first and last, so a 60,000-step path shows
  /// its steps without turning into a solid bar of markers.
  static func thinned(_ indices: Range<Int>, limit: Int = 150) -> [Int] {
    guard indices.count > limit, limit > 1 else { return Array(indices) }
    let step = Double(indices.count - 1) / Double(limit - 1)
    return (0..<limit).map { indices.lowerBound + Int((Double($0) * step).rounded()) }
  }
}
