import Foundation
import Testing

@testable import DownhillPlot

private func close(_ a: Double, _ b: Double, _ tol: Double = 1e-12) -> Bool {
  abs(a - b) <= tol * max(1, abs(b))
}

@Test func linearTransform() {
  let s = AxisScale(kind: .linear, lower: -2, upper: 6)
  #expect(s.transform(-2) == 0 && s.transform(6) == 1 && s.transform(2) == 0.5)
  #expect(s.transform(10) == 1.5)
  #expect(s.transform(.nan).isNaN)
  #expect(s.transform(.infinity) == .infinity)
  #expect(close(s.inverse(s.transform(1.25)), 1.25))
  let inverted = AxisScale(lower: 6, upper: -2)
  #expect(inverted.transform(6) == 0 && inverted.transform(-2) == 1)
  let huge = AxisScale(lower: -.greatestFiniteMagnitude, upper: .greatestFiniteMagnitude)
  #expect(huge.transform(0) == 0.5 && huge.transform(.greatestFiniteMagnitude) == 1)
  #expect(AxisScale(lower: 3, upper: 3).transform(7) == 0.5)
  #expect(AxisScale(lower: .nan, upper: 3).transform(1).isNaN)
}

@Test func logTransform() {
  let s = AxisScale(kind: .log, lower: 1e-2, upper: 1e2)
  #expect(s.transform(1e-2) == 0 && s.transform(1) == 0.5 && s.transform(1e2) == 1)
  #expect(s.transform(0).isNaN && s.transform(-5).isNaN && s.transform(.nan).isNaN)
  #expect(close(s.inverse(0.75), 10))
  #expect(AxisScale(kind: .log, lower: 0, upper: 10).transform(1).isNaN)
  #expect(AxisScale(kind: .log, lower: 10, upper: 10).transform(3) == 0.5)
  let extreme = AxisScale(
    kind: .log, lower: .leastNonzeroMagnitude, upper: .greatestFiniteMagnitude)
  #expect(extreme.transform(1).isFinite)
}

@Test func scaleTicksDelegate() {
  #expect(AxisScale(lower: 0, upper: 1).ticks(maxTicks: 8) == TickLocator.linear(0, 1))
  #expect(
    AxisScale(kind: .log, lower: 1, upper: 1000).ticks(maxTicks: 10) == TickLocator.log(1, 1000))
  #expect(AxisScale(lower: 1, upper: 1 + 1e-12).ticksWithOffset(maxTicks: 8).offset == "+1")
}

/// Expected limits from matplotlib 3.11 (`ax.plot(...)`, then `ax.get_ylim()`).
@Test func dataLimitsMatchMatplotlib() throws {
  let cases: [([Double], ScaleKind, Double, Double)] = [
    ([3, 3], .linear, 2.835, 3.165),
    ([0, 0], .linear, -0.05500000000000001, 0.05500000000000001),
    ([0, 10], .linear, -0.5, 10.5),
    ([-1, 2, 0, .nan, .infinity], .linear, -1.15, 2.15),
    ([1, 100], .log, 0.7943282347242815, 125.89254117941677),
    ([5, 5], .log, 0.8912509381337455, 11.220184543019636),
    ([1, 1], .log, 0.0794328234724281, 12.58925411794168),
  ]
  for (values, kind, lo, hi) in cases {
    let limits = try #require(AxisScale.dataLimits(values, kind: kind))
    #expect(close(limits.lower, lo) && close(limits.upper, hi), "\(values) \(kind): \(limits)")
  }
}

@Test func dataLimitsEdgeCases() {
  #expect(AxisScale.dataLimits([], kind: .linear) == nil)
  #expect(AxisScale.dataLimits([.nan, .infinity, -.infinity], kind: .linear) == nil)
  #expect(AxisScale.dataLimits([0, -3, .nan], kind: .log) == nil)
  let logged = AxisScale.dataLimits([-5, 0, 10, 1000], kind: .log)
  #expect(logged.map { close($0.lower, pow(10, 0.9)) && close($0.upper, pow(10, 3.1)) } == true)
  let big = Double.greatestFiniteMagnitude
  for values in [[-big, big], [big, big], [-big], [.leastNonzeroMagnitude], [1e-300, 1e300]] {
    for kind in [ScaleKind.linear, .log] {
      guard let l = AxisScale.dataLimits(values, kind: kind) else { continue }
      #expect(l.lower.isFinite && l.upper.isFinite && l.lower < l.upper, "\(values) \(kind)")
      if kind == .log { #expect(l.lower > 0) }
    }
  }
  // Found by fuzzing: negative or infinite margins on extreme data stay finite and ordered.
  for (values, margin) in [
    ([-big, big], -0.3), ([-big, big], .infinity), ([big], -0.3), ([.leastNonzeroMagnitude], -0.3),
  ] {
    for kind in [ScaleKind.linear, .log] {
      guard let l = AxisScale.dataLimits(values, kind: kind, margin: margin) else { continue }
      #expect(
        l.lower.isFinite && l.upper.isFinite && l.lower < l.upper, "\(values) \(margin) \(kind)")
    }
  }
  let noMargin = AxisScale.dataLimits([2, 4], kind: .linear, margin: .nan)
  #expect(noMargin.map { $0.lower == 2 && $0.upper == 4 } == true)
}
