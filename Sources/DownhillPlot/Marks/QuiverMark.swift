import Foundation

/// Arrows at (x, y) with components (u, v), as matplotlib's `quiver`: a vector field such as
/// the negative gradient of a loss.
///
/// An arrow shows the displacement (u, v) × scale in data space, so on any axes it points
/// where a step along the vector would go. By default the scale makes the longest arrow about
/// one spacing of the arrow grid. Arrows are filled outlines (shaft and triangular head) in one
/// path per colour; zero vectors draw nothing and NaN or ±∞ entries are skipped.
public struct QuiverMark: Mark {
  /// Arrow tails, one per arrow (grid axes given to `init` are expanded).
  public var x: [Double]
  public var y: [Double]
  /// Arrow components in data units, one per arrow.
  public var u: [Double]
  public var v: [Double]
  /// The colour of every arrow when there is no colormap.
  public var color: Color
  /// Colours arrows by their magnitude; nil draws them all in `color`.
  public var mapping: ColorMapping?
  /// Data units of arrow per unit of (u, v); nil autoscales.
  public var scale: Double?
  /// Shaft width in display units; nil takes 0.5 % of the plot width (matplotlib's default).
  public var shaftWidth: Double?
  /// The legend entry, if any.
  public var label: String?
  let problem: String?

  /// `x`, `y`, `u` and `v` hold one value per arrow; or `x` (nx values) and `y` (ny values) are
  /// the axes of a grid and `u`, `v` hold ny × nx values, row-major, as for contours.
  public init(
    x: [Double], y: [Double], u: [Double], v: [Double], color: Color = Color(hex: 0x1a1a1a),
    colormap: Colormap? = nil, scale: Double? = nil, label: String? = nil
  ) {
    self.color = color
    self.scale = scale
    self.label = label
    let n = u.count
    if v.count != n {
      problem = "u has \(n) values but v has \(v.count)"
      (self.x, self.y, self.u, self.v) = ([], [], [], [])
    } else if x.count == n && y.count == n {
      problem = nil
      (self.x, self.y, self.u, self.v) = (x, y, u, v)
    } else if x.count * y.count == n {
      problem = nil
      self.x = (0..<n).map { x[$0 % x.count] }
      self.y = (0..<n).map { y[$0 / x.count] }
      (self.u, self.v) = (u, v)
    } else {
      problem = "positions (\(x.count) x, \(y.count) y) do not match \(n) vectors"
      (self.x, self.y, self.u, self.v) = ([], [], [], [])
    }
    let magnitudes = zip(self.u, self.v).map { hypot($0, $1) }
    mapping = colormap.flatMap { ColorMapping(values: magnitudes, colormap: $0) }
  }

  public var colorMapping: ColorMapping? { mapping }
  /// Arrows drawn over an image or a contour plot keep its tight limits; on their own they get
  /// the default margin.
  public var limitFit: LimitFit { .either }

  public func extent(xLog: Bool, yLog: Bool) -> Extent {
    Extent(x: Extent.range(x, log: xLog), y: Extent.range(y, log: yLog))
  }

  /// Each arrow's tail and its display-space vector (before drawing), nil where not drawable.
  func displayArrows(_ t: DataTransform) -> [(tail: Point, vector: Point, magnitude: Double)?] {
    // Display vector per unit of (u, v), from the local derivative of the transform, so log
    // axes work too.
    var raw: [(Point, Point, Double)?] = []
    raw.reserveCapacity(x.count)
    for k in x.indices {
      let (px, py, du, dv) = (x[k], y[k], u[k], v[k])
      let tail = t.point(px, py)
      guard tail.x.isFinite, tail.y.isFinite, du.isFinite, dv.isFinite else {
        raw.append(nil)
        continue
      }
      let hx = Swift.max(abs(px), 1) * 1e-6
      let hy = Swift.max(abs(py), 1) * 1e-6
      let jx = (t.displayX(px + hx) - tail.x) / hx
      let jy = (t.displayY(py + hy) - tail.y) / hy
      let vec = Point(du * jx, dv * jy)
      raw.append(vec.x.isFinite && vec.y.isFinite ? (tail, vec, hypot(du, dv)) : nil)
    }
    let factor: Double
    if let scale {
      factor = scale
    } else {
      factor = autoscale(raw.compactMap { $0 }, area: t.area)
    }
    return raw.map {
      $0.map { (tail: $0.0, vector: Point($0.1.x * factor, $0.1.y * factor), magnitude: $0.2) }
    }
  }

  /// The factor making the longest arrow 0.9 × the typical spacing between arrows on screen.
  private func autoscale(_ arrows: [(Point, Point, Double)], area: Rect) -> Double {
    guard !arrows.isEmpty else { return 1 }
    var lo = Point(Double.infinity, Double.infinity)
    var hi = Point(-Double.infinity, -Double.infinity)
    var longest = 0.0
    for (p, d, _) in arrows {
      lo = Point(Swift.min(lo.x, p.x), Swift.min(lo.y, p.y))
      hi = Point(Swift.max(hi.x, p.x), Swift.max(hi.y, p.y))
      longest = Swift.max(longest, hypot(d.x, d.y))
    }
    guard longest > 0 else { return 1 }
    // n arrows spread over a w × h box: a √n × √n grid would be √(wh) / (√n − 1) apart. A
    // single row or column (or a single arrow) falls back to its length or the plot size.
    let n = Double(arrows.count)
    let (w, h) = (hi.x - lo.x, hi.y - lo.y)
    var spacing: Double
    if w > 0 && h > 0 && n > 1 {
      spacing = (w * h).squareRoot() / Swift.max(1, n.squareRoot() - 1)
    } else if w > 0 || h > 0 {
      spacing = Swift.max(w, h) / Swift.max(1, n - 1)
    } else {
      spacing = Swift.min(area.width, area.height) / 10
    }
    spacing = Swift.max(spacing, 1)
    return 0.9 * spacing / longest
  }

  public func draw(in context: DrawContext) {
    if let problem {
      context.warn("quiver \(label.map { "'\($0)' " } ?? "")not drawn: \(problem)")
      return
    }
    let shaft = shaftWidth ?? Swift.max(0.8, 0.005 * context.transform.area.width)
    var batches: [Color: Path] = [:]
    var order: [Color] = []
    for arrow in displayArrows(context.transform) {
      guard let arrow,
        let outline = Self.arrow(from: arrow.tail, vector: arrow.vector, shaft: shaft)
      else { continue }
      let c = mapping?.color(for: arrow.magnitude) ?? color
      if batches[c] == nil { order.append(c) }
      batches[c, default: Path()].append(outline)
    }
    for c in order { context.renderer.draw(batches[c]!, style: .filled(c)) }
  }

  /// An arrow outline: a shaft `shaft` wide and a head 3 shafts wide and 4.5 long (matplotlib's
  /// proportions). Arrows shorter than their head shrink as a whole; zero ones are nil.
  static func arrow(from tail: Point, vector d: Point, shaft: Double) -> Path? {
    let length = hypot(d.x, d.y)
    // Arrows longer than any figure (a huge explicit scale) would overflow Cairo's fixed-point
    // coordinates: leave them out rather than draw garbage.
    guard length > 1e-9, length < 1e6 else { return nil }
    var w = shaft / 2
    var headLength = 4.5 * shaft
    var headHalf = 1.5 * shaft
    if length < headLength * 1.2 {
      // Too short for a full head: scale the whole shape down so it stays an arrow.
      let f = length / (headLength * 1.2)
      (w, headLength, headHalf) = (w * f, headLength * f, headHalf * f)
    }
    let ux = d.x / length
    let uy = d.y / length
    func at(_ along: Double, _ across: Double) -> Point {
      Point(tail.x + ux * along - uy * across, tail.y + uy * along + ux * across)
    }
    let neck = length - headLength
    return .polygon([
      at(0, -w), at(neck, -w), at(neck, -headHalf), at(length, 0), at(neck, headHalf), at(neck, w),
      at(0, w),
    ])
  }

  public func drawLegendSwatch(in rect: Rect, context: DrawContext) {
    let midY = rect.minY + rect.height / 2
    let c = mapping.map { $0.colormap.color(at: 0.6) } ?? color
    if let p = Self.arrow(from: Point(rect.minX, midY), vector: Point(rect.width, 0), shaft: 1.5) {
      context.renderer.draw(p, style: .filled(c))
    }
  }
}
