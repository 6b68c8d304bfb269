/// The box naming each labelled mark: a swatch and a label a row. 2D axes place it in a named
/// spot or where it covers least data; 3D axes in their upper right corner.
struct Legend {
  struct Entry {
    let label: String
    let drawSwatch: (Rect) -> Void
  }

  let entries: [Entry]
  static let pad = 7.0
  static let swatchWidth = 26.0

  /// The box's size for these entries.
  func size(renderer r: Renderer, theme: Theme) -> (width: Double, height: Double) {
    let font = theme.font(theme.legendSize)
    let lineHeight = r.measure(text: "Xg", font: font).height
    let textWidth = entries.map { r.measure(text: $0.label, font: font).width }.max() ?? 0
    return (
      Self.pad * 2 + Self.swatchWidth + 7 + textWidth,
      Self.pad * 2 + lineHeight * 1.25 * Double(entries.count) - lineHeight * 0.25
    )
  }

  func draw(in box: Rect, renderer r: Renderer, theme: Theme) {
    let font = theme.font(theme.legendSize)
    let lineHeight = r.measure(text: "Xg", font: font).height
    r.draw(
      .roundedRectangle(box, radius: 3),
      style: PathStyle(
        fill: theme.axesBackground.withAlpha(0.85),
        stroke: StrokeStyle(color: Color(hex: 0xcccccc), width: 0.8)))
    for (i, entry) in entries.enumerated() {
      let top = box.minY + Self.pad + Double(i) * lineHeight * 1.25
      let swatch = Rect(x: box.minX + Self.pad, y: top, width: Self.swatchWidth, height: lineHeight)
      entry.drawSwatch(swatch)
      r.draw(
        text: entry.label, at: Point(swatch.maxX + 7, top + lineHeight / 2), font: font,
        color: theme.text, anchor: TextAnchor(.left, .center), rotation: 0, role: .legendEntry)
    }
  }

  /// A 2D axes' legend for its labelled marks.
  static func draw(_ marks: [any Mark], placement: LegendPlacement, context: DrawContext) {
    guard !marks.isEmpty else { return }
    let legend = Legend(
      entries: marks.map { mark in
        Entry(label: mark.label ?? "") { mark.drawLegendSwatch(in: $0, context: context) }
      })
    let size = legend.size(renderer: context.renderer, theme: context.theme)
    legend.draw(
      in: bestBox(size: size, placement: placement, context: context), renderer: context.renderer,
      theme: context.theme)
  }

  private static func bestBox(
    size: (width: Double, height: Double), placement: LegendPlacement, context: DrawContext
  ) -> Rect {
    let a = context.transform.area
    let inset = 8.0
    func box(_ p: LegendPlacement) -> Rect {
      let left = a.minX + inset
      let right = a.maxX - inset - size.width
      let midX = a.minX + (a.width - size.width) / 2
      let top = a.minY + inset
      let bottom = a.maxY - inset - size.height
      let midY = a.minY + (a.height - size.height) / 2
      let (x, y): (Double, Double)
      switch p {
      case .best, .upperRight: (x, y) = (right, top)
      case .upperLeft: (x, y) = (left, top)
      case .lowerLeft: (x, y) = (left, bottom)
      case .lowerRight: (x, y) = (right, bottom)
      case .centerRight: (x, y) = (right, midY)
      case .centerLeft: (x, y) = (left, midY)
      case .lowerCenter: (x, y) = (midX, bottom)
      case .upperCenter: (x, y) = (midX, top)
      case .center: (x, y) = (midX, midY)
      }
      return Rect(x: x, y: y, width: size.width, height: size.height)
    }
    guard placement == .best else { return box(placement) }
    // As matplotlib's "best": the first candidate covering the fewest data points.
    let points = context.allDisplayPoints
    var best = box(.upperRight)
    var bestCount = Int.max
    for candidate in LegendPlacement.allCases.dropFirst() {
      let b = box(candidate)
      let count = points.reduce(0) {
        $0 + ($1.x >= b.minX && $1.x <= b.maxX && $1.y >= b.minY && $1.y <= b.maxY ? 1 : 0)
      }
      if count < bestCount {
        best = b
        bestCount = count
      }
      if count == 0 { break }
    }
    return best
  }
}

extension Path {
  public static func roundedRectangle(_ r: Rect, radius: Double) -> Path {
    let k = radius * 0.5523
    var p = Path()
    p.move(to: Point(r.minX + radius, r.minY))
    p.line(to: Point(r.maxX - radius, r.minY))
    p.curve(
      to: Point(r.maxX, r.minY + radius), control1: Point(r.maxX - radius + k, r.minY),
      control2: Point(r.maxX, r.minY + radius - k))
    p.line(to: Point(r.maxX, r.maxY - radius))
    p.curve(
      to: Point(r.maxX - radius, r.maxY), control1: Point(r.maxX, r.maxY - radius + k),
      control2: Point(r.maxX - radius + k, r.maxY))
    p.line(to: Point(r.minX + radius, r.maxY))
    p.curve(
      to: Point(r.minX, r.maxY - radius), control1: Point(r.minX + radius - k, r.maxY),
      control2: Point(r.minX, r.maxY - radius + k))
    p.line(to: Point(r.minX, r.minY + radius))
    p.curve(
      to: Point(r.minX + radius, r.minY), control1: Point(r.minX, r.minY + radius - k),
      control2: Point(r.minX + radius - k, r.minY))
    p.close()
    return p
  }
}
