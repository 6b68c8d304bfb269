import Foundation

/// Text at a data position, optionally with an arrow from the text to another data point
/// (matplotlib's `text` and `annotate`).
public struct Annotation: Mark {
  public var text: String
  public var position: (x: Double, y: Double)
  /// The data point the arrow points at; nil for plain text.
  public var target: (x: Double, y: Double)?
  public var anchor: TextAnchor
  public var color: Color
  public var fontSize: Double?
  public var label: String? { nil }

  public init(
    _ text: String, at position: (x: Double, y: Double),
    pointingTo target: (x: Double, y: Double)? = nil,
    anchor: TextAnchor = TextAnchor(.left, .center), color: Color = Color(hex: 0x1a1a1a),
    fontSize: Double? = nil
  ) {
    self.text = text
    self.position = position
    self.target = target
    self.anchor = anchor
    self.color = color
    self.fontSize = fontSize
  }

  /// Annotations place themselves in the data; they do not stretch the axes.
  public func extent(xLog: Bool, yLog: Bool) -> Extent { Extent() }

  public func draw(in context: DrawContext) {
    let font = context.theme.font(fontSize ?? context.theme.tickLabelSize)
    let p = context.transform.point(position.x, position.y)
    guard p.x.isFinite, p.y.isFinite else { return }
    if let target {
      let t = context.transform.point(target.x, target.y)
      if t.x.isFinite, t.y.isFinite {
        drawArrow(
          from: textEdge(toward: t, at: p, font: font, context: context), to: t, context: context)
      }
    }
    context.renderer.draw(
      text: text, at: p, font: font, color: color, anchor: anchor, rotation: 0, role: .annotation)
  }

  /// The arrow starts just outside the text's box, so it never crosses the words.
  private func textEdge(toward t: Point, at p: Point, font: Font, context: DrawContext) -> Point {
    let m = context.renderer.measure(text: text, font: font)
    let origin = CairoText.originOffset(m, anchor: anchor)
    let cx = p.x + origin.x + m.width / 2
    let cy = p.y + origin.y - m.ascent + m.height / 2
    let dx = t.x - cx
    let dy = t.y - cy
    let hw = m.width / 2 + 3
    let hh = m.height / 2 + 2
    let s = Swift.min(dx == 0 ? .infinity : hw / abs(dx), dy == 0 ? .infinity : hh / abs(dy))
    return s < 1 ? Point(cx + dx * s, cy + dy * s) : Point(cx, cy)
  }

  private func drawArrow(from a: Point, to b: Point, context: DrawContext) {
    let length = hypot(b.x - a.x, b.y - a.y)
    guard length > 2 else { return }
    let ux = (b.x - a.x) / length
    let uy = (b.y - a.y) / length
    let head = Swift.min(8, length * 0.4)
    let base = Point(b.x - ux * head, b.y - uy * head)
    context.renderer.draw(Path(polyline: [a, base]), style: .stroked(color, width: 1))
    let wing = head * 0.45
    context.renderer.draw(
      .polygon([
        b, Point(base.x - uy * wing, base.y + ux * wing),
        Point(base.x + uy * wing, base.y - ux * wing),
      ]),
      style: .filled(color))
  }
}
