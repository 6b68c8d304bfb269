import Foundation

/// The finite data range a mark covers, for autoscaling. `nil` sides mean "no opinion".
public struct Extent: Sendable {
  public var x: ClosedRange<Double>?
  public var y: ClosedRange<Double>?

  public init(x: ClosedRange<Double>? = nil, y: ClosedRange<Double>? = nil) {
    self.x = x
    self.y = y
  }

  /// The range of the values a scale can show: finite, and positive on a log scale.
  static func range(_ values: [Double], log: Bool) -> ClosedRange<Double>? {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values where v.isFinite && (!log || v > 0) {
      if v < lo { lo = v }
      if v > hi { hi = v }
    }
    return lo <= hi ? lo...hi : nil
  }

  func union(_ other: Extent) -> Extent {
    Extent(x: Self.join(x, other.x), y: Self.join(y, other.y))
  }

  /// The smallest range covering both (either may be absent).
  static func join(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>?) -> ClosedRange<
    Double
  >? {
    guard let a else { return b }
    guard let b else { return a }
    return Swift.min(a.lowerBound, b.lowerBound)...Swift.max(a.upperBound, b.upperBound)
  }
}

/// What a mark draws with: the renderer, the data-to-display mapping and the theme.
public struct DrawContext {
  public let renderer: Renderer
  public let transform: DataTransform
  public let theme: Theme
  /// Reports a problem with the data that did not stop the drawing (a log axis given zeros…).
  public let warn: (String) -> Void
  /// Where the axes' marks put their data, for legend placement.
  var allDisplayPoints: [Point] = []
}

/// Maps data coordinates to display coordinates inside an axes' plot area.
public struct DataTransform: Sendable {
  public let x: AxisScale
  public let y: AxisScale
  public let area: Rect
  public let yInverted: Bool

  public func point(_ dx: Double, _ dy: Double) -> Point {
    let tx = x.transform(dx)
    let ty = y.transform(dy)
    return Point(
      area.minX + tx * area.width,
      yInverted ? area.minY + ty * area.height : area.maxY - ty * area.height)
  }

  public func displayX(_ dx: Double) -> Double { area.minX + x.transform(dx) * area.width }
  public func displayY(_ dy: Double) -> Double {
    let ty = y.transform(dy)
    return yInverted ? area.minY + ty * area.height : area.maxY - ty * area.height
  }
}

/// Anything drawn inside an axes. A mark knows its data; the axes owns scales and layout.
public protocol Mark {
  /// The label shown in the legend, or nil to stay out of it.
  var label: String? { get }
  /// The data range to autoscale to, given whether each axis is logarithmic.
  func extent(xLog: Bool, yLog: Bool) -> Extent
  func draw(in context: DrawContext)
  /// Draws the mark's legend sample inside `rect`.
  func drawLegendSwatch(in rect: Rect, context: DrawContext)
  /// The display points the legend placement should avoid covering.
  func displayPoints(in context: DrawContext) -> [Point]
  /// The colours a colorbar for this mark explains, if it colours by value.
  var colorMapping: ColorMapping? { get }
  /// How the mark would have autoscaled limits fit its data; `.margin` unless it says otherwise.
  var limitFit: LimitFit { get }
  /// y values the autoscaled margin must not cross when the data reaches them (matplotlib's
  /// sticky edges): bars stand on y = 0 instead of floating above a strip of margin.
  var yStickyEdges: [Double] { get }
}

extension Mark {
  public func drawLegendSwatch(in rect: Rect, context: DrawContext) {}
  public func displayPoints(in context: DrawContext) -> [Point] { [] }
  public var colorMapping: ColorMapping? { nil }
  public var limitFit: LimitFit { .margin }
  public var yStickyEdges: [Double] { [] }
}

/// How a mark would have its axes' autoscaled limits fit the data. The axes is tight when some
/// mark asks for `.tight` and none for `.margin`.
public enum LimitFit: Sendable {
  /// A margin around the data, so points and lines stay off the frame (matplotlib's default).
  case margin
  /// Exactly the data's range: images and contour plots fill their axes, as matplotlib's
  /// `imshow` and `contour` do.
  case tight
  /// Whatever the other marks ask for: arrows drawn over a field do not loosen its limits.
  case either
}

/// Values a log axis cannot show are dropped; say so once per mark, as matplotlib does.
func warnNonPositive(
  _ values: [Double], axis: String, log: Bool, label: String?, context: DrawContext
) {
  guard log else { return }
  let bad = values.reduce(0) { $0 + ($1 <= 0 ? 1 : 0) }
  if bad > 0 {
    let name = label.map { "'\($0)'" } ?? "a series"
    context.warn(
      "\(name) has \(bad) value\(bad == 1 ? "" : "s") ≤ 0 on the log \(axis) axis; they are not drawn"
    )
  }
}
