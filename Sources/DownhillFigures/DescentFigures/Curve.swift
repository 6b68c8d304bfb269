import Downhill

/// A one-variable function both as the descent core parses it and as points to draw.
struct Curve {
  let source: String
  let expression: Expression

  init(_ source: String) throws {
    self.source = source
    expression = try Expression(source, variables: ["x"])
  }

  func callAsFunction(_ x: Double) -> Double { expression.value(at: [x]) }

  func slope(_ x: Double) -> Double { expression.evaluate(at: [x]).gradient[0] }

  /// `count` evenly spaced samples over `range`: fine enough that a 900-unit-wide plot shows no
  /// corners.
  func samples(over range: ClosedRange<Double>, count: Int = 601) -> (x: [Double], y: [Double]) {
    let xs = (0..<count).map {
      range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(count - 1)
    }
    return (xs, xs.map { self($0) })
  }

  /// Where f′ changes sign inside `range`, found on a grid of `count` cells and refined by
  /// bisection: the critical points, each tagged as a minimum or a maximum.
  func criticalPoints(in range: ClosedRange<Double>, count: Int = 2000) -> [(
    x: Double, isMinimum: Bool
  )] {
    let h = (range.upperBound - range.lowerBound) / Double(count)
    var found: [(x: Double, isMinimum: Bool)] = []
    for i in 0..<count {
      var lo = range.lowerBound + Double(i) * h
      var hi = lo + h
      let dLo = slope(lo)
      guard dLo * slope(hi) < 0 else { continue }
      for _ in 0..<60 {
        let mid = (lo + hi) / 2
        if (slope(mid) < 0) == (dLo < 0) { lo = mid } else { hi = mid }
      }
      found.append(((lo + hi) / 2, dLo < 0))
    }
    return found
  }
}
