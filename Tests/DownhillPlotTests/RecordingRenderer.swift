@testable import DownhillPlot

/// Forwards to a real renderer and remembers every text's box and every path, so tests can
/// check layout (no overlaps, nothing clipped) independently of pixels.
final class RecordingRenderer: Renderer {
  struct Text {
    let string: String
    let box: Rect
  }

  let inner: Renderer
  private(set) var texts: [Text] = []
  private(set) var paths: [(Path, PathStyle)] = []

  init(_ inner: Renderer) { self.inner = inner }

  func draw(_ path: Path, style: PathStyle) {
    paths.append((path, style))
    inner.draw(path, style: style)
  }

  func draw(_ image: RasterImage, in rect: Rect, smooth: Bool) {
    inner.draw(image, in: rect, smooth: smooth)
  }

  func draw(
    text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double
  ) {
    let m = inner.measure(text: text, font: font)
    let origin = CairoText.originOffset(m, anchor: anchor)
    let dx = origin.x
    let top = origin.y - m.ascent
    // Text is drawn unrotated or a quarter turn counter-clockwise.
    let box =
      rotation == 0
      ? Rect(x: point.x + dx, y: point.y + top, width: m.width, height: m.height)
      : Rect(x: point.x + top, y: point.y - dx - m.width, width: m.height, height: m.width)
    texts.append(Text(string: text, box: box))
    inner.draw(text: text, at: point, font: font, color: color, anchor: anchor, rotation: rotation)
  }

  func measure(text: String, font: Font) -> TextMetrics { inner.measure(text: text, font: font) }
  func pushClip(_ rect: Rect) { inner.pushClip(rect) }
  func popClip() { inner.popClip() }
}

extension Rect {
  func intersects(_ o: Rect, tolerance: Double = 0.5) -> Bool {
    minX < o.maxX - tolerance && o.minX < maxX - tolerance && minY < o.maxY - tolerance
      && o.minY < maxY - tolerance
  }
}

/// Draws `figure` as a PNG while recording what was drawn.
func record(_ figure: Figure) throws -> RecordingRenderer {
  var recorder: RecordingRenderer?
  _ = try OutputFormat.png.render(width: figure.width, height: figure.height) { r in
    let rec = RecordingRenderer(r)
    figure.draw(on: rec)
    recorder = rec
  }
  return recorder!
}
