import Foundation
import Testing

@testable import DownhillPlot

/// `Percentiles` against `np.percentile(values, [0, 7, 16, 31, 50, 69, 84, 93, 100])` (numpy
/// 2.4, default linear method), whose outputs are the literals here, and the bands as drawn.
@Suite struct QuantileBandsTests {
  @Test func tensorBoardPercentilesMatchNumpy() {
    let cases: [([Double], [Double])] = [
      (
        [3, 1, 4, 1, 5, 9, 2, 6, 5, 3],
        [1.0, 1.0, 1.44, 2.79, 3.5, 5.0, 5.56, 7.110000000000003, 9.0]
      ),
      (
        (0..<7).map { Double($0) / 3 },
        [
          0.0, 0.14, 0.31999999999999995, 0.6199999999999999, 1.0, 1.38, 1.6800000000000002, 1.86,
          2.0,
        ]
      ),
      ([2.5], [2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5]),
      (
        [-1.0, 0.1],
        [
          -1.0, -0.923, -0.824, -0.659, -0.45000000000000007, -0.24100000000000008,
          -0.07600000000000004, 0.023000000000000048, 0.1,
        ]
      ),
      (
        (0..<37).map { Double(($0 * 7919) % 101) / 13.0 - 3.3 },
        [
          -3.3, -2.718461538461538, -1.9707692307692306, -0.8784615384615383, 0.5461538461538464,
          1.97076923076923, 3.0630769230769226, 3.810769230769232, 4.392307692307693,
        ]
      ),
    ]
    for (values, expected) in cases {
      #expect(Percentiles.of(values) == expected, "\(values)")
    }
  }

  @Test func otherPercentilesNaNAndEmptyInput() {
    #expect(
      Percentiles.of([0.1, 0.2, 0.7], [12.5, 33.3, 66.7, 99.9]) == [
        0.125, 0.1666, 0.367, 0.6990000000000001,
      ])
    // As np.nanpercentile([nan, 1, 2, nan, 4], q).
    #expect(
      Percentiles.of([.nan, 1, 2, .nan, 4]) == [
        1.0, 1.1400000000000001, 1.32, 1.62, 2.0, 2.76, 3.36, 3.72, 4.0,
      ])
    #expect(Percentiles.of([], [50, 90]).allSatisfy { $0.isNaN })
    #expect(Percentiles.of([.infinity, .nan], [50]).allSatisfy { $0.isNaN })
  }

  @Test func curvesHoldOnePercentileOfEverySample() {
    let c = Percentiles.curves([[1, 2, 3], [10, 20, 30, 40, 50]], [0, 50, 100])
    #expect(c == [[1, 10], [2, 30], [3, 50]])
  }

  @Test func symmetricBandsShareAnOpacityThatGrowsInwards() {
    let mark = QuantileBandsMark(
      x: [0, 1], quantiles: (0..<9).map { [Double($0), Double($0)] }, color: .black)
    let alphas = (0..<8).map(mark.bandOpacity)
    #expect(alphas == alphas.reversed())
    #expect(alphas[0] < alphas[1] && alphas[1] < alphas[2] && alphas[2] < alphas[3])
    #expect(mark.medianIndex == 4)
    #expect(QuantileBandsMark(x: [0], quantiles: [[0], [1]], color: .black).bandOpacity(0) > 0)
  }

  /// Eight filled bands, each between its two curves, and the median as one stroked line.
  @Test func drawsABandBetweenEachPairOfCurvesAndTheMedianLine() throws {
    let purple = Color(hex: 0x9467bd)
    let x: [Double] = [0, 1, 2, 3]
    let curves = (0..<9).map { q in x.map { Double(q) + $0 } }
    let f = Figure(width: 400, height: 300)
    f.axes.quantileBands(x: x, quantiles: curves, color: purple)
    f.axes.xLimits = 0...3
    f.axes.yLimits = 0...11
    let rec = try record(f)
    let area = try #require(HistogramTests.plotArea(rec))
    let toData = { (p: Point) in
      (
        (p.x - area.minX) / area.width * 3, (area.maxY - p.y) / area.height * 11
      )
    }
    let bands = rec.paths.filter { $0.1.fill?.red == purple.red && $0.1.fill != purple }
    #expect(bands.count == 8)
    for (i, (path, style)) in bands.enumerated() {
      #expect(
        style.fill?.alpha
          == QuantileBandsMark(x: x, quantiles: curves, color: purple)
          .bandOpacity(i))
      let ys = path.elements.compactMap { e -> Double? in
        if case .move(let p) = e { return toData(p).1 }
        if case .line(let p) = e { return toData(p).1 }
        return nil
      }
      // Along the top at x = 0…3 (curve i + 1), back along the bottom (curve i).
      let expected =
        [0.0, 1, 2, 3].map { Double(i + 1) + $0 } + [3.0, 2, 1, 0].map { Double(i) + $0 }
      #expect(zip(ys, expected).allSatisfy { abs($0 - $1) < 1e-9 }, "band \(i): \(ys)")
    }
    let median = QuantileBandsMark(x: x, quantiles: curves, color: purple).medianColor
    let lines = rec.paths.filter { $0.1.stroke?.color == median }
    #expect(lines.count == 1)
    let line = try #require(lines.first).0.elements.compactMap { e -> (Double, Double)? in
      if case .move(let p) = e { return toData(p) }
      if case .line(let p) = e { return toData(p) }
      return nil
    }
    #expect(line.count == 2 || line.count == 4)
    #expect(line.allSatisfy { abs($0.1 - (4 + $0.0)) < 1e-9 }, "the median is curve 4")
  }
}
