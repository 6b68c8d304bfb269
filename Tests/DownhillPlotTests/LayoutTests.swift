import Foundation
import Testing

@testable import DownhillPlot

@Suite struct LayoutTests {
  static let sizes: [(Double, Double)] = [
    (260, 180), (400, 300), (640, 400), (1280, 800), (1900, 500),
  ]

  @Test(arguments: sizes)
  func textNeverOverlapsOrLeavesTheFigure(size: (Double, Double)) throws {
    for figure in [SampleFigures.lossCurves(width: size.0, height: size.1), Self.longLabels(size)] {
      let rec = try record(figure)
      let boxes = rec.texts.filter { !$0.string.isEmpty }
      for t in boxes {
        #expect(t.box.minX >= -0.5 && t.box.minY >= -0.5, "'\(t.string)' sticks out at \(t.box)")
        #expect(
          t.box.maxX <= figure.width + 0.5 && t.box.maxY <= figure.height + 0.5,
          "'\(t.string)' sticks out at \(t.box)")
      }
      for (i, a) in boxes.enumerated() {
        for b in boxes[(i + 1)...] where a.box.intersects(b.box) {
          // The legend draws over the data, not over other text.
          Issue.record("'\(a.string)' \(a.box) overlaps '\(b.string)' \(b.box) at \(size)")
        }
      }
    }
  }

  static func longLabels(_ size: (Double, Double)) -> Figure {
    let f = Figure(width: size.0, height: size.1)
    let g = f.subplots(rows: 1, columns: 2, sharedY: true)
    g[0][0].plot([0, 1e6, 2e6], [123_456.5, 123_457.25, 123_458])
    g[0][0].yLabel = "a long y label with words"
    g[0][0].xLabel = "parameters"
    g[0][1].plot([-0.000_123, 0.000_456], [123_456, 123_460])
    g[0][1].title = "shared y"
    return f
  }

  @Test func sharedAxesTakeCommonLimitsAndLabelOnlyTheOuterTicks() throws {
    let f = Figure(width: 600, height: 400)
    let g = f.subplots(rows: 2, columns: 2, sharedX: true, sharedY: true)
    g[0][0].plot([0, 1], [0, 1])
    g[1][1].plot([0, 10], [0, 100])
    let rec = try record(f)
    // Only the left column labels y and only the bottom row labels x: 2 of each set.
    let labels = rec.texts.map(\.string)
    #expect(labels.filter { $0 == "100" }.count == 2)
    #expect(labels.filter { $0 == "10" }.count == 2)
  }

  @Test func plotWithoutXUsesTheIndices() throws {
    let y = [3.0, 1, 4, 1, 5]
    let implicit = Figure(width: 300, height: 200)
    implicit.axes.plot(y, label: "y")
    let explicit = Figure(width: 300, height: 200)
    explicit.axes.plot([0, 1, 2, 3, 4], y, label: "y")
    #expect(try implicit.render(format: .svg) == explicit.render(format: .svg))
  }

  /// A mark outside the module says how its limits fit; no list of types in `Axes` decides.
  @Test func marksSayWhetherTheirLimitsFitTightly() {
    struct Block: Mark {
      var limitFit: LimitFit
      var x: ClosedRange<Double> = 0...10
      var label: String? { nil }
      func extent(xLog: Bool, yLog: Bool) -> Extent { Extent(x: x, y: 0...5) }
      func draw(in context: DrawContext) {}
    }
    func limits(_ blocks: [Block]) -> ClosedRange<Double> {
      let f = Figure()
      for block in blocks { f.axes.add(block) }
      let layout = AxesLayout(
        axes: f.axes, xRange: AxesLayout.dataRange(of: f.axes, xAxis: true), yRange: 0...5,
        warn: { _ in })
      return layout.x.lower...layout.x.upper
    }
    func limits(_ fits: [LimitFit]) -> ClosedRange<Double> {
      limits(fits.map { Block(limitFit: $0) })
    }
    #expect(limits([.tight]) == 0...10)
    #expect(limits([.tight, .either]) == 0...10)
    #expect(limits([.either]) != 0...10)
    #expect(limits([.margin]) != 0...10)
    // A tight mark's edges are sticky, as matplotlib's image and contour edges: a line within
    // them gets no margin beyond them, one reaching past them gets its margin on that side.
    #expect(limits([.tight, .margin]) == 0...10)
    let past = limits([Block(limitFit: .tight), Block(limitFit: .margin, x: 2...12)])
    #expect(past.lowerBound == 0 && past.upperBound > 12)
  }

  @Test func equalAspectGivesOneUnitTheSameLengthOnBothAxes() throws {
    let f = Figure(width: 800, height: 400)
    f.axes.plot([0, 10], [0, 2])
    f.axes.equalAspect = true
    let rec = try record(f)
    let frame = try #require(
      rec.paths.first { $0.1.stroke?.color == Theme.standard.frame && $0.0.elements.count == 5 })
    guard case .move(let a) = frame.0.elements[0], case .line(let c) = frame.0.elements[2] else {
      Issue.record("frame is not a rectangle")
      return
    }
    // Limits are the data ±5 %: 11 units wide, 2.2 high.
    #expect(abs((c.x - a.x) / (c.y - a.y) - 11 / 2.2) < 0.05)
  }

  @Test func bestLegendAvoidsTheData() throws {
    // Data runs along the top and a lone point sits bottom left; lower right is free.
    let f = Figure(width: 500, height: 400)
    let x = (0..<100).map { Double($0) / 99 }
    f.axes.plot(x, x.map { 0.9 + 0.1 * sin(20 * $0) }, label: "rising")
    f.axes.plot(x, x.map { 0.8 + 0.1 * cos(20 * $0) }, label: "also rising")
    f.axes.scatter([0.02], [0])
    let rec = try record(f)
    let legend = try #require(rec.texts.first { $0.string == "rising" })
    #expect(
      legend.box.minY > 200 && legend.box.minX > 250,
      "legend should sit lower right, is at \(legend.box)")
  }
}
