import Testing

@testable import DownhillPlot

/// Counts the texts measured (a long title once took one measurement per character).
private final class CountingRenderer: Renderer {
  let inner: Renderer
  var measured = 0
  init(_ inner: Renderer) { self.inner = inner }
  func draw(_ path: Path, style: PathStyle) { inner.draw(path, style: style) }
  func draw(_ image: RasterImage, in rect: Rect, smooth: Bool) {
    inner.draw(image, in: rect, smooth: smooth)
  }
  func draw(
    text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double
  ) {
    inner.draw(text: text, at: point, font: font, color: color, anchor: anchor, rotation: rotation)
  }
  func measure(text: String, font: Font) -> TextMetrics {
    measured += 1
    return inner.measure(text: text, font: font)
  }
  func pushClip(_ rect: Rect) { inner.pushClip(rect) }
  func popClip() { inner.popClip() }
}

@Suite struct EllipsizeTests {
  /// The one-character-at-a-time search it replaces: the answer must not change.
  func linear(_ r: Renderer, _ text: String, _ font: Font, _ width: Double) -> String {
    guard r.measure(text: text, font: font).width > width else { return text }
    var chars = Array(text)
    while !chars.isEmpty {
      chars.removeLast()
      var s = String(chars)
      while s.last == " " { s.removeLast() }
      if r.measure(text: s + "…", font: font).width <= width { return s + "…" }
    }
    return ""
  }

  @Test func longTextIsShortenedInLogarithmicallyManyMeasurements() throws {
    let font = Font(size: 12)
    _ = try OutputFormat.png.render(width: 100, height: 100) { inner in
      let r = CountingRenderer(inner)
      let long = String(repeating: "abc def ", count: 3750)
      let short = r.ellipsized(long, font: font, toFit: 300)
      #expect(r.measured < 40)
      #expect(short.hasSuffix("…") && r.measure(text: short, font: font).width <= 300)
      for text in ["Loss of a rather long run name", "a  b  c  d  e  f  g", "WWWWWWWWWW"] {
        for width in [0.0, 5, 20, 60, 100, 1000] {
          #expect(r.ellipsized(text, font: font, toFit: width) == linear(r, text, font, width))
        }
      }
    }
  }
}
