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
  /// How far short of the target the arrowhead stops, in display units: matplotlib's
  /// `annotate` stops 2 pt short, so the arrow points at a marker without covering it. Pass at
  /// least the marker's radius to end at its edge.
  public var shrink: Double
  /// A box filled with this colour behind the text (matplotlib's `bbox`), so the words stay
  /// readable over any background.
  public var background: Color?
  public var label: String? { nil }

  public init(
    _ text: String, at position: (x: Double, y: Double),
    pointingTo target: (x: Double, y: Double)? = nil,
    anchor: TextAnchor = TextAnchor(.left, .center), color: Color = Color(hex: 0x1a1a1a),
    fontSize: Double? = nil, shrink: Double = 2.8, background: Color? = nil
  ) {
    self.text = text
    self.position = position
    self.target = target
    self.anchor = anchor
    self.color = color
    self.fontSize = fontSize
    self.shrink = shrink
    self.background = background
  }

  /// Annotations place themselves in the data; they do not stretch the axes.
  public func extent(xLog: Bool, yLog: Bool) -> Extent { Extent() }
  /// Text asks for no margin: it does not loosen an image's or a contour plot's tight limits.
  public var limitFit: LimitFit { .either }

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
    if let background {
      let m = context.renderer.measure(text: text, font: font)
      let origin = CairoText.originOffset(m, anchor: anchor)
      let pad = 2.5
      context.renderer.draw(
        .rectangle(
          Rect(
            x: p.x + origin.x - pad, y: p.y + origin.y - m.ascent - pad, width: m.width + 2 * pad,
            height: m.height + 2 * pad)),
        style: .filled(background))
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

  private func drawArrow(from a: Point, to target: Point, context: DrawContext) {
    let full = hypot(target.x - a.x, target.y - a.y)
    guard full > 2 else { return }
    let ux = (target.x - a.x) / full
    let uy = (target.y - a.y) / full
    let length = full - Swift.max(0, shrink)
    guard length > 2 else { return }
    let b = Point(a.x + ux * length, a.y + uy * length)
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
