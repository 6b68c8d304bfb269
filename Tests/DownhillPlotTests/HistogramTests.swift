import Foundation
import Testing

@testable import DownhillPlot

/// `Histogram` against `np.histogram` (numpy 2.4), whose outputs are the literals here, and
/// the histogram mark's bars as drawn.
@Suite struct HistogramTests {
  @Test func countsAndEdgesMatchNumpy() {
    let cases:
      [(
        values: [Double], bins: Int, range: ClosedRange<Double>?, counts: [Double],
        edges: [Double]
      )] = [
        ([1, 2, 2, 3, 3, 3, 4, 4, 4, 4], 4, nil, [1, 2, 3, 4], [1.0, 1.75, 2.5, 3.25, 4.0]),
        // A value on the last edge is counted in the last bin, on an inner edge in the bin above.
        (
          [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5, nil, [2, 2, 2, 2, 3],
          [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        ),
        // Constant data: numpy widens to value ± 0.5.
        ([3, 3, 3], 4, nil, [0, 0, 3, 0], [2.5, 2.75, 3.0, 3.25, 3.5]),
        // Empty data: 0 … 1, and linspace's rounding in the inner edges.
        ([], 5, nil, [0, 0, 0, 0, 0], [0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]),
        // NaN and values outside the range are not counted; 1.0 is the closed last edge.
        ([0.1, .nan, 0.5, 0.9, 1.0, 2.0, -1.0], 2, 0...1, [1, 3], [0.0, 0.5, 1.0]),
        (
          (0..<10).map { Double($0) / 3 }, 7, nil, [2, 1, 1, 2, 1, 1, 2],
          [
            0.0, 0.42857142857142855, 0.8571428571428571, 1.2857142857142856, 1.7142857142857142,
            2.142857142857143, 2.571428571428571, 3.0,
          ]
        ),
      ]
    for c in cases {
      let h = Histogram(values: c.values, bins: c.bins, range: c.range)
      #expect(h.counts == c.counts, "\(c.values)")
      #expect(h.edges == c.edges, "\(c.values)")
    }
  }

  /// A value exactly on an inner edge where (v − lo) / (hi − lo) · bins rounds down a bin:
  /// numpy corrects against the edge, so must we.
  @Test func valuesOnInnerEdgesFollowTheEdgesNotTheArithmetic() {
    let h = Histogram(values: [2.47653346366633, 2.7325764054379285, 5.549048764925512], bins: 12)
    #expect(h.edges[1] == 2.7325764054379285)
    #expect(h.counts == [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    let g = Histogram(
      values: [1.8951213247291925, 1.9329275416737677, 2.0085399755629183], bins: 6)
    #expect(g.counts == [1, 0, 1, 0, 0, 1])
  }

  @Test func explicitEdgesAndDensityMatchNumpy() {
    let h = Histogram(values: [0, 0.5, 1, 1.5, 2, 3, 10, -1, .infinity], edges: [0, 1, 2.5, 10])
    #expect(h.counts == [2, 3, 2])
    let d = Histogram(values: [1, 2, 2, 3, 3, 3, 4, 4, 4, 4], bins: 4).densities
    #expect(d == [0.13333333333333333, 0.26666666666666666, 0.4, 0.5333333333333333])
  }

  @Test func infinitiesAreIgnoredWhenChoosingTheRange() {
    let h = Histogram(values: [1, 2, .infinity, -.infinity, .nan, 3], bins: 2)
    #expect(h.edges == [1, 2, 3])
    #expect(h.counts == [1, 2])
  }

  /// The plot area: the first stroked rectangle in the frame's colour.
  static func plotArea(_ rec: RecordingRenderer) -> Rect? {
    rec.paths.lazy.compactMap { (p, s) -> Rect? in
      guard s.stroke?.color == Theme.standard.frame, s.fill == nil, p.elements.count == 5,
        case .move(let a) = p.elements[0], case .line(let c) = p.elements[2]
      else { return nil }
      return Rect(x: a.x, y: a.y, width: c.x - a.x, height: c.y - a.y)
    }.first
  }

  /// The rectangles of the one path filled in `color`.
  static func bars(_ rec: RecordingRenderer, color: Color) -> [Rect] {
    guard let (path, _) = rec.paths.first(where: { $0.1.fill == color }) else { return [] }
    var rects: [Rect] = []
    var corners: [Point] = []
    for e in path.elements {
      switch e {
      case .move(let p): corners = [p]
      case .line(let p): corners.append(p)
      case .close:
        let xs = corners.map(\.x)
        let ys = corners.map(\.y)
        rects.append(
          Rect(
            x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!
          ))
      case .curve: break
      }
    }
    return rects
  }

  @Test func barsSpanTheirBinsFromZeroToTheirCounts() throws {
    let f = Figure(width: 500, height: 350)
    let green = Color(hex: 0x2ca02c)
    f.axes.histogram([1, 2, 2, 3, 3, 3, 4, 4, 4, 4], bins: 4, color: green)
    let rec = try record(f)
    let area = try #require(Self.plotArea(rec))
    let bars = Self.bars(rec, color: green)
    #expect(bars.count == 4)
    // Bars stand on the bottom of the axes (y = 0 is sticky) and the y axis reaches 4 × 1.05.
    let toData = { (y: Double) in (area.maxY - y) / area.height * 4.2 }
    for (bar, count) in zip(bars, [1.0, 2, 3, 4]) {
      #expect(abs(bar.maxY - area.maxY) < 1e-9)
      #expect(abs(toData(bar.minY) - count) < 1e-9)
    }
    // x: the edges 1 … 4 with matplotlib's 5 % margin, so each bar is 0.75 / 3.3 of the width.
    for (bar, edge) in zip(bars, [1.0, 1.75, 2.5, 3.25]) {
      #expect(abs(bar.minX - (area.minX + (edge - 0.85) / 3.3 * area.width)) < 1e-9)
      #expect(abs(bar.width - 0.75 / 3.3 * area.width) < 1e-9)
    }
    let yLabels = rec.texts.filter { $0.box.maxX < area.minX }.map(\.string)
    #expect(yLabels == ["0", "1", "2", "3", "4"])
  }

  @Test func emptyBinsAndEmptyInputDrawNoBars() throws {
    let red = Color(hex: 0xd62728)
    let f = Figure(width: 400, height: 300)
    f.axes.histogram([3, 3, 3], bins: 4, color: red)
    #expect(Self.bars(try record(f), color: red).count == 1)

    let empty = Figure(width: 400, height: 300)
    empty.axes.histogram([], color: red)
    empty.axes.histogram([.nan, .infinity], color: red)
    let rec = try record(empty)
    #expect(!rec.paths.contains { $0.1.fill == red })
    for format in OutputFormat.allCases { #expect(try !empty.render(format: format).isEmpty) }
  }

  @Test func densityBarsHaveUnitArea() throws {
    let blue = Color(hex: 0x1f77b4)
    let f = Figure(width: 400, height: 300)
    f.axes.histogram([0, 0.2, 0.3, 0.9, 1.4, 2], bins: 4, density: true, color: blue)
    f.axes.yLimits = 0...2
    f.axes.xLimits = 0...2
    let rec = try record(f)
    let area = try #require(Self.plotArea(rec))
    let total = Self.bars(rec, color: blue).reduce(0) {
      $0 + $1.width / area.width * 2 * $1.height / area.height * 2
    }
    #expect(abs(total - 1) < 1e-9)
  }
}

extension HistogramTests {
  @Test func barsAreOutlinedInTheBackgroundUnlessTooNarrow() throws {
    let blue = Color(hex: 0x1f77b4)
    let values = (0..<1000).map { Double($0 % 97) }
    for (bins, outlined) in [(10, true), (400, false)] {
      let f = Figure(width: 400, height: 300)
      f.axes.histogram(values, bins: bins, color: blue)
      let style = try #require(try record(f).paths.first { $0.1.fill == blue }?.1)
      #expect((style.stroke?.color == Theme.standard.axesBackground) == outlined, "\(bins) bins")
    }
  }
}
