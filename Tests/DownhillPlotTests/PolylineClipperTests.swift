import Testing

@testable import DownhillPlot

private let box = Rect(x: 0, y: 0, width: 10, height: 10)

private func inside(_ p: Point, _ r: Rect) -> Bool {
  p.x.isFinite && p.y.isFinite && p.x >= r.minX && p.x <= r.maxX && p.y >= r.minY
    && p.y <= r.maxY
}

@Test func nanAndInfinitySplitTheLine() {
  let pts = [Point(1, 1), Point(2, 2), Point(.nan, 3), Point(4, 4), Point(5, 5)]
  #expect(
    PolylineClipper.pieces(pts, clippedTo: box) == [
      [Point(1, 1), Point(2, 2)], [Point(4, 4), Point(5, 5)],
    ])
  let inf = [
    Point(1, 1), Point(2, 2), Point(3, .infinity), Point(4, 4), Point(5, 5), Point(-.infinity, 1),
  ]
  #expect(
    PolylineClipper.pieces(inf, clippedTo: box) == [
      [Point(1, 1), Point(2, 2)], [Point(4, 4), Point(5, 5)],
    ])
  // A lone point between gaps draws nothing.
  #expect(
    PolylineClipper.pieces([Point(1, 1), Point(.nan, 0), Point(2, 2)], clippedTo: box).isEmpty)
}

@Test func segmentsAreCutAtTheBoundary() {
  let crossing = PolylineClipper.pieces([Point(-5, 5), Point(15, 5)], clippedTo: box)
  #expect(crossing == [[Point(0, 5), Point(10, 5)]])
  let diagonal = PolylineClipper.pieces([Point(5, 5), Point(15, 15)], clippedTo: box)
  #expect(diagonal == [[Point(5, 5), Point(10, 10)]])
  // Leaving and re-entering makes two pieces.
  let outAndBack = [Point(2, 2), Point(2, 20), Point(8, 20), Point(8, 2)]
  #expect(
    PolylineClipper.pieces(outAndBack, clippedTo: box) == [
      [Point(2, 2), Point(2, 10)], [Point(8, 10), Point(8, 2)],
    ])
}

@Test func segmentsOutsideVanish() {
  #expect(PolylineClipper.pieces([Point(-5, -5), Point(-1, 20)], clippedTo: box).isEmpty)
  #expect(PolylineClipper.pieces([Point(20, 0), Point(20, 10)], clippedTo: box).isEmpty)
  // Touching only a corner leaves a zero-length piece, which is dropped.
  #expect(PolylineClipper.pieces([Point(-1, 1), Point(1, -1)], clippedTo: box).isEmpty)
  #expect(PolylineClipper.pieces([], clippedTo: box).isEmpty)
}

@Test func hugeCoordinatesDoNotOverflow() {
  let big = Double.greatestFiniteMagnitude
  let pieces = PolylineClipper.pieces([Point(-big, 5), Point(big, 5)], clippedTo: box)
  #expect(pieces == [[Point(0, 5), Point(10, 5)]])
  let diagonal = PolylineClipper.pieces(
    [Point(-1e300, -1e300), Point(1e300, 1e300)], clippedTo: box)
  #expect(diagonal.count == 1)
  #expect(diagonal.first.map { $0.allSatisfy { inside($0, box) } } == true)
  if let piece = diagonal.first, piece.count == 2 {
    #expect(abs(piece[0].x) < 1e-9 && abs(piece[1].x - 10) < 1e-9)
  }
  // Both ends beyond the top edge: rounding of Liang–Barsky parameters must not let it through.
  let far = [Point(218.57, 1e300), Point(184.97, 387.08)]
  #expect(PolylineClipper.pieces(far, clippedTo: box).isEmpty)
  let farRight = [Point(1e300, 5), Point(11, 5), Point(5, 5)]
  #expect(PolylineClipper.pieces(farRight, clippedTo: box) == [[Point(10, 5), Point(5, 5)]])
  let steep = PolylineClipper.pieces(
    [Point(5, -big), Point(5, big), Point(-big, big)], clippedTo: box)
  #expect(steep == [[Point(5, 0), Point(5, 10)]])
}

@Test func clippedPiecesStayInside() {
  var rng = SplitMix(state: 5)
  let rect = Rect(x: 50, y: 20, width: 300, height: 200)
  for _ in 0..<200 {
    let pts = (0..<50).map { _ in
      Point(
        Double.random(in: -1000...1400, using: &rng), Double.random(in: -1000...1400, using: &rng))
    }
    for piece in PolylineClipper.pieces(pts, clippedTo: rect) {
      #expect(piece.count >= 2)
      #expect(piece.allSatisfy { inside($0, rect) })
    }
  }
  // A negative size is normalized; a non-finite rectangle clips everything away.
  let flipped = Rect(x: 10, y: 10, width: -10, height: -10)
  #expect(
    PolylineClipper.pieces([Point(-5, 5), Point(15, 5)], clippedTo: flipped) == [
      [Point(0, 5), Point(10, 5)]
    ])
  let bad = Rect(x: .nan, y: 0, width: 1, height: 1)
  #expect(PolylineClipper.pieces([Point(0, 0), Point(1, 1)], clippedTo: bad).isEmpty)
}
