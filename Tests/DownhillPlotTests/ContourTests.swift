import DownhillTesting
import Foundation
import Testing

@testable import DownhillPlot

@Suite struct ContourTests {
  typealias S = ContourSamples

  static let axis = S.linspace(-2, 2, 81)
  static let cone = ContourField(x: axis, y: axis, z: S.grid(axis, axis) { hypot($0, $1) })
  static let spacing = 0.05

  @Test func coneLevelIsOneClosedCircle() {
    for r in [0.33, 1.0, 1.71] {
      let lines = MarchingSquares.lines(Self.cone, level: r)
      #expect(lines.count == 1, "level \(r) should be one joined loop, got \(lines.count) pieces")
      let loop = lines[0]
      #expect(loop.closed)
      // One vertex per grid edge crossed: roughly the circumference over the spacing, times √2.
      #expect(loop.points.count > Int(2 * .pi * r / Self.spacing))
      for p in loop.points { #expect(abs(hypot(p.x, p.y) - r) < Self.spacing / 4) }
    }
  }

  @Test func planeGivesStraightLines() {
    let x = S.linspace(0, 3, 13)
    let y = S.linspace(-1, 1, 9)
    let f = ContourField(x: x, y: y, z: S.grid(x, y) { 2 * $0 + $1 })
    for level in [0.5, 2.25, 4.0] {
      let lines = MarchingSquares.lines(f, level: level)
      #expect(lines.count == 1)
      #expect(lines[0].closed == false)
      for p in lines[0].points { #expect(abs(2 * p.x + p.y - level) < 1e-12) }
    }
  }

  @Test func saddleFollowsTheCellCentre() {
    // One cell, high corners bottom-left and top-right; the centre mean is 0.5.
    let f = ContourField(x: [0, 1], y: [0, 1], z: [1, 0, 0, 1])
    // Centre below 0.6: the high corners are cut off separately.
    let high = MarchingSquares.lines(f, level: 0.6).map { Set($0.points.map { "\($0.x),\($0.y)" }) }
    #expect(Set(high) == [["0.4,0.0", "0.0,0.4"], ["0.6,1.0", "1.0,0.6"]])
    // Centre above 0.4: the high corners join and the low ones are cut off.
    let low = MarchingSquares.lines(f, level: 0.4).map { Set($0.points.map { "\($0.x),\($0.y)" }) }
    #expect(Set(low) == [["0.6,0.0", "1.0,0.4"], ["0.0,0.6", "0.4,1.0"]])
  }

  @Test func segmentsAreOrientedHighOnTheLeft() {
    // Anticlockwise round the peak of a cone turned upside down (high inside).
    let f = ContourField(x: Self.axis, y: Self.axis, z: Self.cone.z.map { -$0 })
    let loop = MarchingSquares.lines(f, level: -1)[0].points
    #expect(ContourBands.area([loop]) > 0)
  }

  @Test func nanCellsAreHoles() {
    var z = Self.cone.z
    for j in 30..<50 { for i in 30..<40 { z[j * 81 + i] = .nan } }
    z[5] = .infinity
    let f = ContourField(x: Self.axis, y: Self.axis, z: z)
    // Cells touching a NaN node span x[29]…x[40], y[29]…y[50]; nothing may be drawn inside.
    let (x0, x1, y0, y1) = (Self.axis[29], Self.axis[40], Self.axis[29], Self.axis[50])
    func inHole(_ p: Point) -> Bool {
      p.x > x0 + 1e-9 && p.x < x1 - 1e-9 && p.y > y0 + 1e-9 && p.y < y1 - 1e-9
    }
    var count = 0
    for level in stride(from: 0.1, through: 2.7, by: 0.1) {
      for line in MarchingSquares.lines(f, level: level) {
        count += line.points.count
        #expect(!line.points.contains(where: inHole))
        #expect(line.points.allSatisfy { $0.x.isFinite && $0.y.isFinite })
      }
    }
    #expect(count > 1000)
    // The band covering every value has the hole cut out of it (and the ∞ node's two cells).
    let whole = abs(ContourBands.area(ContourBands.loops(f, lower: 0, upper: 3)))
    let expected = 16 - (x1 - x0) * (y1 - y0) - 2 * Self.spacing * Self.spacing
    #expect(abs(whole - expected) < 1e-9)
  }

  @Test func bandAreaMatchesTheAnnulus() {
    for (r1, r2) in [(0.5, 1.5), (0.2, 0.9), (1.2, 1.9)] {
      let loops = ContourBands.loops(Self.cone, lower: r1, upper: r2)
      let area = ContourBands.area(loops)
      let exact = Double.pi * (r2 * r2 - r1 * r1)
      #expect(abs(area - exact) / exact < 0.02, "band \(r1)…\(r2): \(area) vs \(exact)")
      // An outline, not cells: one outer loop and one hole.
      #expect(loops.count == 2)
    }
  }

  @Test func bandsTileTheGridOnANoisyField() {
    // Random values make many saddles; the bands must still cover the grid exactly once.
    var state: UInt64 = 7
    let x = S.linspace(0, 4, 23)
    let y = S.linspace(0, 3, 17)
    let z = (0..<(23 * 17)).map { _ -> Double in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    let f = ContourField(x: x, y: y, z: z)
    let levels = [-0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 1.1]
    let split = ContourBands.saddleCells(f, levels: levels)
    #expect(split.contains(true))
    var total = 0.0
    for k in 0..<(levels.count - 1) {
      let loops = ContourBands.loops(f, lower: levels[k], upper: levels[k + 1], split: split)
      let area = ContourBands.area(loops)
      #expect(area > 0)
      total += area
    }
    #expect(abs(total - 12) < 1e-9)
  }

  @Test func bandsAreCompactOutlines() throws {
    let x = S.linspace(-3, 3, 121)
    let y = S.linspace(-2.5, 2.5, 101)
    let mark = FilledContours(x: x, y: y, z: S.grid(x, y, S.bumps), levels: .automatic(10))
    let f = Figure(width: 400, height: 300)
    f.axes.add(mark)
    let rec = try record(f)
    let fills = rec.paths.filter { p in
      (0..<(mark.levels.count - 1)).contains { mark.bandColor($0) == p.1.fill }
    }
    #expect(fills.count == mark.levels.count - 1)
    // 12 000 cells, but the outlines need only a few thousand vertices in all.
    #expect(fills.map(\.0.elements.count).reduce(0, +) < 12_000)
  }

  @Test func filledColorbarIsLabelledAtBandEdges() throws {
    let x = S.linspace(-3, 3, 61)
    let y = S.linspace(-2.5, 2.5, 51)
    let f = Figure(width: 500, height: 400)
    f.axes.contourFilled(x: x, y: y, z: S.grid(x, y, S.bumps), levels: .automatic(10))
    f.axes.colorbarLabel = "height"
    let mapping = try #require(f.axes.colorMapping)
    #expect(mapping.bands == [-1, -0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1, 1.2])
    let texts = try record(f).texts.map(\.string)
    // Every other edge, keeping zero, as matplotlib's colorbar for contourf.
    for label in ["−0.8", "−0.4", "0.0", "0.4", "0.8", "1.2"] { #expect(texts.contains(label)) }
    #expect(!texts.contains("−0.6"))
  }

  @Test func linesOfALevelAreOnePath() throws {
    let mark = ContourLines(
      x: Self.axis, y: Self.axis, z: Self.cone.z, levels: .explicit([0.5, 1, 1.5]))
    let f = Figure(width: 400, height: 400)
    f.axes.add(mark)
    let rec = try record(f)
    let strokes = rec.paths.filter { $0.1.stroke?.width == Theme.standard.lineWidth * 0.85 }
    #expect(strokes.count == 3)
    for (path, _) in strokes {
      #expect(path.elements.filter { if case .move = $0 { true } else { false } }.count == 1)
      #expect(path.elements.last == .close)
    }
  }

  @Test func automaticLevelsMatchMatplotlib() {
    #expect(
      ContourLevels.automatic(8).values(lower: 0, upper: 12, lowerPositive: 0.01) == [
        0, 1.5, 3, 4.5, 6, 7.5, 9, 10.5, 12,
      ])
    #expect(
      ContourLevels.automatic(10).values(lower: -0.93, upper: 1.19, lowerPositive: 0.001)
        == [-1, -0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1, 1.2])
    #expect(
      ContourLevels.logarithmic(8).values(lower: 0, upper: 2509, lowerPositive: 3e-4)
        == [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000, 1e4])
    #expect(
      ContourLevels.logarithmic(8).values(lower: 0, upper: 90, lowerPositive: 2) == [
        2, 5, 10, 20, 50, 100,
      ])
    #expect(
      ContourLevels.explicit([3, .nan, 1, 3, 2]).values(lower: 0, upper: 1, lowerPositive: nil) == [
        1, 2, 3,
      ])
    #expect(ContourLevels.automatic(5).values(lower: 1, upper: 1, lowerPositive: 1) == [])
    #expect(
      ContourLevels.automatic(Int.max).values(lower: 0, upper: 1, lowerPositive: 1).count <= 1002)
  }

  @Test func levelLabelsAreShort() {
    #expect(
      ContourLevels.labels(for: [-0.4, -0.2, 0, 0.2], logarithmic: false) == [
        "−0.4", "−0.2", "0.0", "0.2",
      ])
    #expect(
      ContourLevels.labels(for: [1e-4, 0.01, 1, 100, 1e5], logarithmic: true) == [
        "0.0001", "0.01", "1", "100", "10⁵",
      ])
    #expect(ContourLevels.shortestLabel(2e-7) == "2×10⁻⁷")
  }

  @Test func labelsSitOnTheirLinesWithoutOverlapping() {
    // Concentric circles in display space, 14 units apart: crowded enough to need choices.
    let center = Point(200, 150)
    var lines: [ContourLabeler.Line] = []
    for k in 0..<8 {
      let r = 20 + 14 * Double(k)
      let pts = (0..<200).map { i -> Point in
        let a = Double(i) / 200 * 2 * .pi
        return Point(center.x + r * cos(a), center.y + r * sin(a))
      }
      lines.append(ContourLabeler.Line(points: pts, closed: true, level: k))
    }
    let texts = (0..<8).map { "\($0 * 10 + 5)" }
    let sizes = texts.map { _ in (width: 14.0, height: 9.0) }
    let area = Rect(x: 0, y: 0, width: 400, height: 300)
    let (labels, pieces) = ContourLabeler.place(lines, texts: texts, sizes: sizes, area: area)
    #expect(labels.count >= 6)
    for (i, a) in labels.enumerated() {
      #expect(a.angle > -.pi / 2 && a.angle <= .pi / 2, "upside-down label \(a.text)")
      let r = 20 + 14 * Double(a.level)
      #expect(abs(hypot(a.center.x - center.x, a.center.y - center.y) - r) < 0.05)
      for b in labels[(i + 1)...] { #expect(!a.overlaps(b), "\(a.text) overlaps \(b.text)") }
      // The line is cut under its label: no drawn point of that level near the centre.
      for piece in pieces where piece.level == a.level {
        for p in piece.points { #expect(hypot(p.x - a.center.x, p.y - a.center.y) > 6.5) }
      }
    }
  }

  @Test func labelsKeepOffDataDrawnOverTheContours() {
    // One long straight level, and a path crossing it everywhere but its last fifth: the label
    // must sit in that last fifth, clear of every point of the path.
    let line = ContourLabeler.Line(
      points: (0...100).map { Point(Double($0) * 4, 150) }, closed: false, level: 0)
    let path = (0...320).map { Point(Double($0), 150 + 3 * sin(Double($0))) }
    let area = Rect(x: 0, y: 0, width: 400, height: 300)
    let (free, _) = ContourLabeler.place(
      [line], texts: ["0.1"], sizes: [(width: 14, height: 9)], area: area)
    #expect(free.count >= 1)
    let (labels, _) = ContourLabeler.place(
      [line], texts: ["0.1"], sizes: [(width: 14, height: 9)], area: area, avoiding: path)
    #expect(labels.count >= 1)
    for l in labels {
      #expect(l.center.x > 320)
      #expect(!path.contains { l.contains($0, padding: 7) })
    }
  }

  @Test func annotationArrowsStopShortOfTheirTarget() throws {
    let f = Figure(width: 400, height: 300)
    f.axes.plot([0, 10], [0, 10])
    f.axes.annotate("here", pointingTo: 5, 5, textAt: 1, 8, shrink: 9)
    let rec = try record(f)
    // The arrowhead: a filled triangle; its tip is the vertex nearest the target.
    let heads = rec.paths.filter { $0.1.fill != nil && $0.0.elements.count == 4 }
    let head = try #require(heads.last)
    let tips = head.0.elements.compactMap { e -> Point? in
      if case .move(let p) = e { return p }
      if case .line(let p) = e { return p }
      return nil
    }
    let area = try #require(
      rec.paths.first { $0.1.stroke?.color == Theme.standard.frame && $0.0.elements.count == 5 })
    guard case .move(let corner) = area.0.elements[0], case .line(let opposite) = area.0.elements[2]
    else {
      Issue.record("frame is not a rectangle")
      return
    }
    // Where (5, 5) lands: the middle of the autoscaled 0…10 plot area.
    let target = Point((corner.x + opposite.x) / 2, (corner.y + opposite.y) / 2)
    let nearest = tips.map { hypot($0.x - target.x, $0.y - target.y) }.min() ?? 0
    #expect(abs(nearest - 9) < 0.5)
  }

  @Test func figureLabelsAreUprightAndApart() throws {
    let f = ContourSamples.gallery()
    let capture = try captureTexts(f)
    // Contour labels are the texts turned by something other than the y label's quarter turn.
    let labels = capture.filter { $0.rotation != 0 && $0.rotation != .pi / 2 }
    #expect(labels.count >= 12)
    for l in capture { #expect(l.rotation > -.pi / 2 && l.rotation <= .pi / 2) }
    for (i, a) in labels.enumerated() {
      for b in labels[(i + 1)...] {
        #expect(hypot(a.point.x - b.point.x, a.point.y - b.point.y) > 12)
      }
    }
  }

  @Test func quiverLongestArrowIsAboutOneSpacing() {
    let g = S.linspace(0, 10, 11)
    let u = S.grid(g, g) { x, _ in x - 5 }
    let v = S.grid(g, g) { _, y in 0.5 * (y - 5) }
    let mark = QuiverMark(x: g, y: g, u: u, v: v)
    let t = DataTransform(
      x: AxisScale(lower: 0, upper: 10), y: AxisScale(lower: 0, upper: 10),
      area: Rect(x: 0, y: 0, width: 500, height: 500), yInverted: false)
    let arrows = mark.displayArrows(t).compactMap { $0 }
    #expect(arrows.count == 121)
    let longest = arrows.map { hypot($0.vector.x, $0.vector.y) }.max()!
    #expect(abs(longest - 45) < 0.5)  // 0.9 × the 50-unit spacing
    // Directions follow the data: (5, 2.5) at the top-right corner points right and up.
    let corner = arrows[120]
    #expect(
      corner.vector.x > 0 && corner.vector.y < 0
        && abs(corner.vector.x + 2 * corner.vector.y) < 1e-6)
    #expect(QuiverMark.arrow(from: Point(0, 0), vector: Point(0, 0), shaft: 2) == nil)
    #expect(QuiverMark.arrow(from: Point(0, 0), vector: Point(1, 0), shaft: 2) != nil)
  }

  @Test func badDataDrawsNothingAndWarns() throws {
    var warnings: [String] = []
    let f = Figure(width: 300, height: 200)
    f.onWarning = { warnings.append($0) }
    let g = f.subplots(rows: 2, columns: 3)
    g[0][0].contour(x: [], y: [], z: [])
    g[0][1].contour(x: [0, 1, 2], y: [0, 1], z: [1, 2, 3])
    g[0][2].contourFilled(x: [0, 1], y: [0, 1], z: [.nan, .nan, .nan, .infinity])
    g[1][0].contourFilled(
      x: [0, 1, 2], y: [0, 1], z: [5, 5, 5, 5, 5, 5], levels: .automatic(1_000_000))
    g[1][1].contour(x: [0, .nan], y: [0, 1], z: [1, 2, 3, 4], levels: .logarithmic(5))
    g[1][2].quiver(x: [0, 1], y: [0], u: [1, .nan, 0], v: [1, 2, 3])
    g[1][2].quiver(x: [0, 1, 2], y: [0, 1, 2], u: [.nan, 0, 1e308], v: [1, 0, 1e308])
    let extreme = Figure(width: 300, height: 200)
    extreme.onWarning = { _ in }
    let e = extreme.subplots(rows: 1, columns: 2)
    let huge = [-1e308, 1e308, 0, 5, .greatestFiniteMagnitude, -.infinity]
    e[0][0].contourFilled(x: [0, 1, 2], y: [0, 1], z: huge)
    e[0][0].contour(
      x: [0, 1, 2], y: [0, 1], z: huge, levels: .explicit([-1e300, 1, 1e300]), labels: true)
    e[0][1].quiver(x: [0, 1], y: [0, 1], u: [1, 2], v: [1, 1e300], scale: 1e300)
    _ = try record(extreme)
    let rec = try record(f)
    // Too few values for the grid ×2, no finite z, constant z, NaN coordinates, and positions
    // not matching vectors.
    #expect(warnings.count == 6)
    #expect(warnings.contains { $0.contains("z has no finite values") })
    #expect(warnings.contains { $0.contains("z is constant") })
    let svg = String(decoding: try f.render(format: .svg), as: UTF8.self)
    #expect(!svg.lowercased().contains("nan") && !svg.lowercased().contains("inf"))
    #expect(!rec.paths.isEmpty)
    let constant = ContourLines(x: [0, 1], y: [0, 1], z: [2, 2, 2, 2])
    #expect(constant.levels.isEmpty)
  }

  /// Vertices far off the plot are clipped, not passed on: every coordinate drawn stays near
  /// the figure, and the lines crossing the view are still drawn.
  @Test func extremeZoomKeepsEveryVertexNearThePlot() throws {
    // A view a billionth of the grid wide puts most vertices ~10¹¹ units off the plot area.
    let f = Figure(width: 300, height: 200)
    f.axes.contourFilled(x: Self.axis, y: Self.axis, z: Self.cone.z)
    f.axes.contour(x: Self.axis, y: Self.axis, z: Self.cone.z, labels: true, color: .black)
    f.axes.xLimits = 1.2...(1.2 + 1e-9)
    f.axes.yLimits = -0.1...0.1
    let rec = try record(f)
    var vertices = 0
    for (path, _) in rec.paths {
      for case .line(let p) in path.elements {
        vertices += 1
        #expect(abs(p.x) < 1e4 && abs(p.y) < 1e4)
      }
    }
    #expect(vertices > 20, "the contours crossing the view must still be drawn")
  }

  @Test func galleryFigure() {
    expectFigure(ContourSamples.gallery(), named: "contour-gallery")
  }
}

/// A text as drawn: its string, anchor point and rotation.
struct CapturedText {
  let text: String
  let point: Point
  let rotation: Double
}

/// Draws `figure` (PNG) and returns every text drawn with its rotation.
func captureTexts(_ figure: Figure) throws -> [CapturedText] {
  final class Capture: Renderer {
    let inner: Renderer
    var texts: [CapturedText] = []
    init(_ inner: Renderer) { self.inner = inner }
    func draw(_ path: Path, style: PathStyle) { inner.draw(path, style: style) }
    func draw(_ image: RasterImage, in rect: Rect, smooth: Bool) {
      inner.draw(image, in: rect, smooth: smooth)
    }
    func draw(
      text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double
    ) {
      texts.append(CapturedText(text: text, point: point, rotation: rotation))
      inner.draw(
        text: text, at: point, font: font, color: color, anchor: anchor, rotation: rotation)
    }
    func measure(text: String, font: Font) -> TextMetrics { inner.measure(text: text, font: font) }
    func pushClip(_ rect: Rect) { inner.pushClip(rect) }
    func popClip() { inner.popClip() }
  }
  var texts: [CapturedText] = []
  _ = try OutputFormat.png.render(width: figure.width, height: figure.height) { r in
    let c = Capture(r)
    figure.draw(on: c)
    texts = c.texts
  }
  return texts
}
