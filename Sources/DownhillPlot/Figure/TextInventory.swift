import Foundation

/// What a string in a figure is for. A figure's words are compared by role in tests
/// (``Figure/textInventory()``), so that a failure can say "legend entry 3" rather than
/// "pixels differ".
public enum TextRole: String, CaseIterable, Sendable {
  case figureTitle = "title"
  /// A 2D or 3D plot's own title in a grid of plots.
  case panelTitle = "panel title"
  case xLabel = "x label"
  case yLabel = "y label"
  case zLabel = "z label"
  case xTickLabel = "x tick label"
  case yTickLabel = "y tick label"
  case zTickLabel = "z tick label"
  /// The "×10⁻³" or "+1e4" an axis moves out of its tick labels.
  case xOffset = "x offset"
  case yOffset = "y offset"
  case legendEntry = "legend entry"
  case colorbarLabel = "colorbar label"
  case colorbarTickLabel = "colorbar tick label"
  case annotation
  case contourLabel = "contour label"
  /// Text drawn through `draw(text:…)` without a role (custom marks).
  case other

  /// The tick label role of a 3D axis (0 x, 1 y, 2 z).
  static func tickLabel(axis: Int) -> TextRole {
    [.xTickLabel, .yTickLabel, .zTickLabel][min(max(axis, 0), 2)]
  }

  /// The axis label role of a 3D axis (0 x, 1 y, 2 z).
  static func axisLabel(axis: Int) -> TextRole {
    [.xLabel, .yLabel, .zLabel][min(max(axis, 0), 2)]
  }
}

/// One string a figure draws: its role, its text, and the box it covers in display units.
public struct FigureText: Equatable, Sendable {
  public var role: TextRole
  public var text: String
  /// The text's box, axis-aligned (a rotated label's bounding box).
  public var box: Rect

  /// The record's line: `role: text` (`x tick label: 10⁻¹`).
  public var line: String { "\(role.rawValue): \(text)" }
}

extension Figure {
  /// Every string the figure draws, in drawing order, with its role: the figure's words, to
  /// compare exactly where pixels cannot tell "α = 10" from "α = 100".
  public func textInventory() throws -> [FigureText] {
    try rasterWithoutText(scale: 1).texts
  }

  /// The figure's pixels with every string left out (matplotlib's `remove_text=True`), at
  /// `scale` device pixels per display unit, and the strings it left out. The layout is the
  /// one the full figure has: text is still measured, only not drawn.
  public func rasterWithoutText(scale: Double? = nil) throws -> (
    image: RasterImage, texts: [FigureText]
  ) {
    var texts: [FigureText] = []
    let image = try CairoCanvas.rasterize(width: width, height: height, scale: scale ?? self.scale)
    { inner in
      let recorder = TextRecorder(inner)
      draw(on: recorder)
      texts = recorder.texts
    }
    return (image, texts)
  }
}

/// Forwards every path and image to a real renderer, and keeps the text instead of drawing it.
final class TextRecorder: Renderer {
  let inner: Renderer
  private(set) var texts: [FigureText] = []

  init(_ inner: Renderer) { self.inner = inner }

  var lineColumnWidth: Double { inner.lineColumnWidth }
  func draw(_ path: Path, style: PathStyle) { inner.draw(path, style: style) }
  func draw(_ image: RasterImage, in rect: Rect, smooth: Bool) {
    inner.draw(image, in: rect, smooth: smooth)
  }
  func drawPolygons(_ polygons: PolygonBatch) { inner.drawPolygons(polygons) }
  func measure(text: String, font: Font) -> TextMetrics { inner.measure(text: text, font: font) }
  func pushClip(_ rect: Rect) { inner.pushClip(rect) }
  func popClip() { inner.popClip() }

  func draw(
    text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double
  ) {
    draw(
      text: text, at: point, font: font, color: color, anchor: anchor, rotation: rotation,
      role: .other)
  }

  func draw(
    text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double,
    role: TextRole
  ) {
    guard !text.isEmpty else { return }
    let m = inner.measure(text: text, font: font)
    let origin = CairoText.originOffset(m, anchor: anchor)
    // The four corners of the text's box, turned `rotation` counter-clockwise about `point`
    // (y points down, so a counter-clockwise turn negates the sine).
    let (c, s) = (cos(rotation), sin(rotation))
    let corners = [
      (origin.x, origin.y - m.ascent), (origin.x + m.width, origin.y - m.ascent),
      (origin.x, origin.y + m.descent), (origin.x + m.width, origin.y + m.descent),
    ].map { (x, y) in Point(point.x + x * c + y * s, point.y - x * s + y * c) }
    let xs = corners.map(\.x)
    let ys = corners.map(\.y)
    let box = Rect(
      x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)
    texts.append(FigureText(role: role, text: text, box: box))
  }
}
