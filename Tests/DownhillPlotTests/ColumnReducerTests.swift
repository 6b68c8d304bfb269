import Testing

@testable import DownhillPlot

@Suite struct ColumnReducerTests {
  /// 60,000 noisy points over 1,000 display units.
  let noisy: [Point] = {
    let y = SampleFigures.loss(60_000)
    return y.enumerated().map { Point(Double($0.offset) / 60, 700 - 600 * $0.element) }
  }()

  @Test func keepsEveryColumnsExtremesAndOnlyOriginalVertices() {
    let reduced = ColumnReducer.reduce(noisy, width: 0.5)
    #expect(reduced.count < noisy.count / 6)
    #expect(reduced.first == noisy.first && reduced.last == noisy.last)
    // Same vertical extent in every column.
    func extents(_ p: [Point]) -> [Double: ClosedRange<Double>] {
      var e: [Double: ClosedRange<Double>] = [:]
      for q in p {
        let c = (q.x / 0.5).rounded(.down)
        e[c] = e[c].map { min($0.lowerBound, q.y)...max($0.upperBound, q.y) } ?? q.y...q.y
      }
      return e
    }
    #expect(extents(reduced) == extents(noisy))
    // A subsequence: every kept point appears in the input, in order.
    var i = 0
    for p in reduced {
      while i < noisy.count && noisy[i] != p { i += 1 }
      #expect(i < noisy.count)
    }
  }

  @Test func leavesSparseOrBackwardsLinesAlone() {
    let sparse = (0..<100).map { Point(Double($0) * 3, Double($0 % 7)) }
    #expect(ColumnReducer.reduce(sparse) == sparse)
    var backwards = noisy
    backwards.swapAt(10, 20_000)
    #expect(ColumnReducer.reduce(backwards) == backwards)
  }
}

@Suite struct MarkerThinningTests {
  @Test func longRunsKeepEvenlySpacedMarkersWithBothEnds() {
    #expect(Marker.thinned(0..<100) == Array(0..<100))
    let kept = Marker.thinned(0..<60_000)
    #expect(kept.count == 150)
    #expect(kept.first == 0 && kept.last == 59_999)
    #expect(zip(kept, kept.dropFirst()).allSatisfy { $1 > $0 })
  }
}
