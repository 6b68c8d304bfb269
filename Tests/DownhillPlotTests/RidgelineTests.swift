import Foundation
import Testing

@testable import DownhillPlot

/// The ridgeline's outlines, drawing order and step labels, as drawn.
@Suite struct RidgelineTests {
  let edges: [Double] = [0, 1, 2, 3]
  let counts: [[Double]] = [[1, 4, 1], [2, 2, 2], [0, 1, 8]]
  let labels = ["step 0", "step 100", "step 200"]
  let teal = Color(hex: 0x17becf)

  /// The drawn outlines (polygons stroked in the mark's colour), as data-space points.
  func outlines(
    _ rec: RecordingRenderer, area: Rect, x: ClosedRange<Double>, y: ClosedRange<Double>
  )
    -> [(points: [(Double, Double)], fill: Color?)]
  {
    rec.paths.filter { $0.1.stroke?.color == teal }.map { path, style in
      let points = path.elements.compactMap { e -> (Double, Double)? in
        let p: Point
        switch e {
        case .move(let q), .line(let q): p = q
        default: return nil
        }
        return (
          x.lowerBound + (p.x - area.minX) / area.width * (x.upperBound - x.lowerBound),
          y.lowerBound + (area.maxY - p.y) / area.height * (y.upperBound - y.lowerBound)
        )
      }
      return (points, style.fill)
    }
  }

  @Test func oldestIsDrawnFirstAtTheTopWithOpaqueFills() throws {
    let f = Figure(width: 500, height: 400)
    f.axes.ridgeline(edges: edges, counts: counts, labels: labels, color: teal)
    f.axes.xLimits = 0...3
    f.axes.yLimits = 0...4
    let rec = try record(f)
    let area = try #require(HistogramTests.plotArea(rec))
    let drawn = outlines(rec, area: area, x: 0...3, y: 0...4)
    #expect(drawn.count == 3)
    // Heights scale by the largest count (8), which rises 1.5 baselines.
    for (i, outline) in drawn.enumerated() {
      let base = Double(2 - i)
      let expected =
        [(0.0, base)] + counts[i].enumerated().map { (Double($0) + 0.5, base + $1 / 8 * 1.5) }
        + [(3.0, base)]
      #expect(outline.points.count == expected.count)
      for (p, q) in zip(outline.points, expected) {
        #expect(abs(p.0 - q.0) < 1e-9 && abs(p.1 - q.1) < 1e-9, "histogram \(i): \(p) ≠ \(q)")
      }
      #expect(outline.fill?.alpha == 1, "an opaque fill hides the ridges behind")
    }
    // The nearer the histogram, the stronger its fill.
    let whiteness = drawn.map { ($0.fill?.red ?? 0) + ($0.fill?.green ?? 0) }
    #expect(whiteness[0] > whiteness[1] && whiteness[1] > whiteness[2])
  }

  @Test func labelsAreTheYTicksAtEachBaseline() throws {
    let f = Figure(width: 500, height: 400)
    f.axes.ridgeline(edges: edges, counts: counts, labels: labels, color: teal)
    f.axes.yLimits = 0...4
    let rec = try record(f)
    let area = try #require(HistogramTests.plotArea(rec))
    let yLabels = rec.texts.filter { $0.box.maxX < area.minX }
    #expect(yLabels.map(\.string) == ["step 200", "step 100", "step 0"])
    for (text, baseline) in zip(yLabels, [0.0, 1, 2]) {
      let centre = text.box.minY + text.box.height / 2
      #expect(abs(centre - (area.maxY - baseline / 4 * area.height)) < 1.5, "\(text.string)")
    }
  }

  /// Too many steps for the axis' height: every k-th label stays, the newest among them, and
  /// none is replaced by a number.
  @Test func crowdedLabelsAreThinnedNotReplaced() throws {
    let f = Figure(width: 400, height: 200)
    let many = (0..<30).map { i in [Double(i % 3), 1, 2] }
    f.axes.ridgeline(
      edges: edges, counts: many, labels: (0..<30).map { "step \($0 * 10)" }, color: teal)
    let rec = try record(f)
    let area = try #require(HistogramTests.plotArea(rec))
    let yLabels = rec.texts.filter { $0.box.maxX < area.minX }.map(\.string)
    #expect(yLabels.count > 2 && yLabels.count < 30)
    #expect(yLabels.first == "step 290")
    #expect(yLabels.allSatisfy { $0.hasPrefix("step ") })
    for (a, b) in zip(rec.texts, rec.texts.dropFirst()) where a.box.maxX < area.minX {
      #expect(!a.box.intersects(b.box), "\(a.string) overlaps \(b.string)")
    }
  }

  @Test func emptyRidgelineDrawsNothing() throws {
    let f = Figure(width: 300, height: 200)
    f.axes.ridgeline(edges: [0, 1], counts: [], labels: [], color: teal)
    let rec = try record(f)
    #expect(!rec.paths.contains { $0.1.stroke?.color == teal })
  }
}
