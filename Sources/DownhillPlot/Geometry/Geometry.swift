/// A point in some 2D coordinate system (data space or display space, in pixels, y down).
public struct Point: Equatable, Sendable {
  public var x: Double
  public var y: Double
  public init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }
}

/// An axis-aligned rectangle; `y` is the top edge in display space.
public struct Rect: Equatable, Sendable {
  public var x: Double
  public var y: Double
  public var width: Double
  public var height: Double
  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }
  public var minX: Double { x }
  public var minY: Double { y }
  public var maxX: Double { x + width }
  public var maxY: Double { y + height }
}

extension Rect {
  var midX: Double { x + width / 2 }
  var midY: Double { y + height / 2 }

  static func bounding(_ points: [Point]) -> Rect {
    let xs = points.map(\.x)
    let ys = points.map(\.y)
    guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else {
      return Rect(x: 0, y: 0, width: 0, height: 0)
    }
    return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
  }

  func union(_ o: Rect) -> Rect {
    let x0 = min(minX, o.minX)
    let y0 = min(minY, o.minY)
    return Rect(x: x0, y: y0, width: max(maxX, o.maxX) - x0, height: max(maxY, o.maxY) - y0)
  }

  func insetBy(_ d: Double) -> Rect {
    Rect(x: x + d, y: y + d, width: max(1, width - 2 * d), height: max(1, height - 2 * d))
  }
}

/// `Int(x)` (truncated toward zero) clamped to `range`, for counts and indices computed from
/// doubles that may be huge, infinite or NaN (NaN gives the lower bound): `Int(x)` of those traps.
func clampedInt(_ x: Double, _ range: ClosedRange<Int>) -> Int {
  guard x >= Double(range.lowerBound) else { return range.lowerBound }
  guard x < Double(range.upperBound) else { return range.upperBound }
  return Swift.min(Swift.max(Int(x), range.lowerBound), range.upperBound)
}
