import DownhillPlot
import Foundation

/// Arrows from each point of a path to the next, stopping short of both ends so that the balls
/// drawn on the points stay visible (matplotlib would need one `annotate` per step for this).
struct StepArrowsMark: Mark {
  var x: [Double]
  var y: [Double]
  var color: Color
  var width = 1.2
  /// Display units left free around each point (about a ball's radius).
  var gap = 7.0
  var label: String? { nil }

  func extent(xLog: Bool, yLog: Bool) -> Extent { Extent() }

  func draw(in context: DrawContext) {
    let points = zip(x, y).map { context.transform.point($0, $1) }
    for (a, b) in zip(points, points.dropFirst()) {
      guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { continue }
      let length = hypot(b.x - a.x, b.y - a.y)
      guard length > 2 * gap + 4 else { continue }
      let ux = (b.x - a.x) / length
      let uy = (b.y - a.y) / length
      let start = Point(a.x + ux * gap, a.y + uy * gap)
      let tip = Point(b.x - ux * gap, b.y - uy * gap)
      let head = min(9, (length - 2 * gap) * 0.4)
      let base = Point(tip.x - ux * head, tip.y - uy * head)
      let wing = head * 0.42
      context.renderer.draw(Path(polyline: [start, base]), style: .stroked(color, width: width))
      context.renderer.draw(
        .polygon([
          tip, Point(base.x - uy * wing, base.y + ux * wing),
          Point(base.x + uy * wing, base.y - ux * wing),
        ]), style: .filled(color))
    }
  }
}
