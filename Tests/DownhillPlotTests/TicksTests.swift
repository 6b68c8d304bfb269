import Foundation
import Testing

@testable import DownhillPlot

/// Rows from `scripts/oracle/ticks.py` (matplotlib 3.11 MaxNLocator + ScalarFormatter).
private let matplotlibCases: [(Double, Double, [Double], [String])] = [
  (
    0, 1, [0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0], ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]
  ),
  (0, 10, [0.0, 2.0, 4.0, 6.0, 8.0, 10.0], ["0", "2", "4", "6", "8", "10"]),
  (
    -1, 1, [-1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0],
    ["−1.00", "−0.75", "−0.50", "−0.25", "0.00", "0.25", "0.50", "0.75", "1.00"]
  ),
  (0, 7, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], ["0", "1", "2", "3", "4", "5", "6", "7"]),
  (0.3, 2.7, [0.5, 1.0, 1.5, 2.0, 2.5], ["0.5", "1.0", "1.5", "2.0", "2.5"]),
  (-3.2, 17.9, [0.0, 5.0, 10.0, 15.0], ["0", "5", "10", "15"]),
  (0, 100, [0.0, 20.0, 40.0, 60.0, 80.0, 100.0], ["0", "20", "40", "60", "80", "100"]),
  (13, 1013, [200.0, 400.0, 600.0, 800.0, 1000.0], ["200", "400", "600", "800", "1000"]),
  (
    0.001, 0.0042, [0.001, 0.0015, 0.002, 0.0025, 0.003, 0.0035, 0.004],
    ["0.0010", "0.0015", "0.0020", "0.0025", "0.0030", "0.0035", "0.0040"]
  ),
  (-250, -12, [-250.0, -200.0, -150.0, -100.0, -50.0], ["−250", "−200", "−150", "−100", "−50"]),
  (
    0, 0.3, [0.0, 0.05, 0.1, 0.15000000000000002, 0.2, 0.25, 0.30000000000000004],
    ["0.00", "0.05", "0.10", "0.15", "0.20", "0.25", "0.30"]
  ),
  (
    1, 1.5, [1.0, 1.1, 1.2000000000000002, 1.3, 1.4, 1.5],
    ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5"]
  ),
  (2, 2.1, [2.0, 2.02, 2.04, 2.06, 2.08, 2.1], ["2.00", "2.02", "2.04", "2.06", "2.08", "2.10"]),
  (0, 2.5, [0.0, 0.5, 1.0, 1.5, 2.0, 2.5], ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"]),
  (
    -0.07, 0.05,
    [-0.06, -0.04, -0.020000000000000004, 0.0, 0.020000000000000004, 0.039999999999999994],
    ["−0.06", "−0.04", "−0.02", "0.00", "0.02", "0.04"]
  ),
]

/// A deterministic generator so property tests are reproducible.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Test func linearMatchesMatplotlib() {
  for (lo, hi, values, labels) in matplotlibCases {
    let ticks = TickLocator.linear(lo, hi, maxTicks: 8)
    #expect(ticks.map(\.label) == labels, "range \(lo)…\(hi)")
    #expect(ticks.count == values.count)
    for (t, v) in zip(ticks, values) {
      #expect(abs(t.value - v) <= 1e-12 * max(1, abs(v)), "range \(lo)…\(hi)")
    }
  }
}

@Test func linearValuesAreTheNearestDoubles() {
  #expect(TickLocator.linear(0, 1).map(\.value) == [0, 0.2, 0.4, 0.6, 0.8, 1])
  #expect(TickLocator.linear(0, 0.3).map(\.value).last == 0.3)
}

@Test func linearScientificAndOffsetLabels() {
  #expect(TickLocator.linear(0, 1e9).map(\.label).contains("2×10⁸"))
  #expect(TickLocator.linear(0, 4e-5).map(\.label).contains("1.5×10⁻⁵"))
  #expect(TickLocator.linear(-1e9, 0).map(\.label).first == "−1×10⁹")
  let narrow = TickLocator.linearAxis(1, 1 + 1e-12)
  #expect(narrow.offset == "+1")
  #expect(
    narrow.ticks.map(\.label)
      == ["0", "2×10⁻¹³", "4×10⁻¹³", "6×10⁻¹³", "8×10⁻¹³", "10⁻¹²"].map {
        $0 == "10⁻¹²" ? "1×10⁻¹²" : $0
      })
  #expect(TickLocator.linearAxis(0, 1).offset == nil)
  #expect(TickLocator.linearAxis(-1e8 - 1, -1e8).offset == "−10⁸")
}

@Test func linearDegenerateInputs() {
  #expect(TickLocator.linear(.nan, 1).isEmpty)
  #expect(TickLocator.linear(0, .infinity).isEmpty)
  #expect(TickLocator.linear(-.infinity, .infinity).isEmpty)
  #expect(TickLocator.linear(1, 0).map(\.label) == TickLocator.linear(0, 1).map(\.label))
  let constant = TickLocator.linear(3, 3)
  #expect(constant.count >= 2)
  #expect(constant.allSatisfy { $0.value >= 2.85 - 1e-12 && $0.value <= 3.15 + 1e-12 })
  #expect(TickLocator.linear(0, 0).map(\.label).contains("0.00"))
  #expect(TickLocator.linear(0, 1, maxTicks: 0).count == 2)
  #expect(TickLocator.linear(0, 1, maxTicks: .max).count >= 2)
  for v in [
    Double.leastNonzeroMagnitude, 0x1p-1060, -.greatestFiniteMagnitude, .greatestFiniteMagnitude,
  ] {
    #expect(TickLocator.linear(v, v).count >= 2, "\(v)")
    #expect(TickLocator.linear(0, v).count >= 2, "\(v)")
  }
  let full = TickLocator.linear(-.greatestFiniteMagnitude, .greatestFiniteMagnitude)
  #expect(full.count >= 2 && full.allSatisfy { $0.value.isFinite })
}

@Test func narrowRangesWithManyTicksTerminate() {
  let ticks = TickLocator.linear(9.9e5, 9.9e5 * (1 + 2e-14), maxTicks: 1000)
  #expect(ticks.count >= 2 && ticks.count <= 1001)
  let narrowLog = TickLocator.logAxis(1, 1 + 1e-9)
  #expect(narrowLog.offset == "+1" && narrowLog.ticks.count >= 2)
}

@Test func niceLimitsExpandToSteps() {
  #expect(TickLocator.niceLimits(0.3, 9.7, maxTicks: 8) == (0, 10))
  #expect(TickLocator.niceLimits(0, 1, maxTicks: 8) == (0, 1))
  #expect(TickLocator.niceLimits(-0.07, 0.05, maxTicks: 8) == (-0.08, 0.06))
  let (lo, hi) = TickLocator.niceLimits(.nan, 1, maxTicks: 8)
  #expect(lo.isNaN && hi == 1)
}

/// Checks the invariants every linear tick set must satisfy.
private func checkLinear(_ lo: Double, _ hi: Double, maxTicks: Int) {
  let ticks = TickLocator.linear(lo, hi, maxTicks: maxTicks)
  let context = "range \(lo)…\(hi) maxTicks \(maxTicks): \(ticks.map(\.label))"
  #expect(ticks.count >= 2 && ticks.count <= maxTicks + 1, "\(context)")
  for (a, b) in zip(ticks, ticks.dropFirst()) { #expect(a.value < b.value, "\(context)") }
  let tol = (hi - lo).isFinite ? (hi - lo) * 1e-9 : 0
  for t in ticks {
    #expect(t.value >= lo - tol && t.value <= hi + tol, "\(context)")
    // Three-digit exponents ("−3.025×10⁻¹⁰²") may take two more characters.
    let threeDigitExponent =
      t.label.unicodeScalars.filter { "⁰¹²³⁴⁵⁶⁷⁸⁹".unicodeScalars.contains($0) }
      .count == 3
    #expect(t.label.count <= (threeDigitExponent ? 14 : 12), "\(context)")
    #expect(!t.label.contains("0000000") && !t.label.contains("9999999"), "\(context)")
    #expect(!t.label.isEmpty && t.isMajor)
  }
  #expect(Set(ticks.map(\.label)).count == ticks.count, "\(context)")
}

@Test func linearProperties() {
  var rng = SplitMix(state: 42)
  for _ in 0..<2000 {
    let e = Double.random(in: -300...300, using: &rng)
    let a = Double.random(in: -1...1, using: &rng) * pow(10, e)
    let width: Double
    switch Int.random(in: 0..<4, using: &rng) {
    case 0: width = abs(a) * pow(10, -Double.random(in: 1...12, using: &rng))  // narrow
    case 1: width = pow(10, e + Double.random(in: -3...3, using: &rng))  // straddling zero often
    case 2: width = abs(a) * Double.random(in: 0.01...10, using: &rng)
    default: width = pow(10, Double.random(in: -300...300, using: &rng))
    }
    let b = a + width
    guard b.isFinite, b > a, b - a > max(abs(a), abs(b)) * 1e-12 else { continue }
    checkLinear(a, b, maxTicks: Int.random(in: 4...12, using: &rng))
  }
  checkLinear(1, 1 + 1e-12, maxTicks: 8)
  checkLinear(-1e300, 1e300, maxTicks: 8)
  checkLinear(1e-300, 3e-300, maxTicks: 8)
  checkLinear(123_456.7, 123_456.9, maxTicks: 8)
  // Found by a 400,000-case fuzz run: offsets near the subnormal range, ticks a few ulps apart.
  checkLinear(4.235843058604222e-308, 4.2358430588397657e-308, maxTicks: 15)
  checkLinear(-2.453274265724002e-232, -2.453274265723975e-232, maxTicks: 15)
  checkLinear(5.288610983645987e+49, 5.288610983646056e+49, maxTicks: 14)
}

@Test func logDecadesAndMinors() {
  let ticks = TickLocator.log(1e-3, 1e2)
  #expect(ticks.filter(\.isMajor).map(\.label) == ["10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹", "10²"])
  #expect(ticks.filter { !$0.isMajor }.count == 5 * 8)
  #expect(ticks.filter { !$0.isMajor }.allSatisfy { $0.label.isEmpty })
  #expect(ticks.first?.value == 1e-3 && ticks.last?.value == 100)
  let minors = ticks.filter { !$0.isMajor && $0.value < 1e-2 }.map(\.value)
  #expect(zip(minors, [2e-3, 3e-3, 4e-3]).allSatisfy { abs($0 - $1) < 1e-15 })
}

@Test func logManyDecadesLabelsEveryKth() {
  let ticks = TickLocator.log(1e-300, 1e300, maxMajor: 10)
  let majors = ticks.filter(\.isMajor)
  #expect(majors.count >= 2 && majors.count <= 11)
  #expect(majors.contains { $0.label == "10⁰" })
  #expect(ticks.allSatisfy { $0.value >= 1e-300 && $0.value <= 1e300 })
  let twenty = TickLocator.log(1e-10, 1e10, maxMajor: 10)
  #expect(twenty.filter(\.isMajor).map(\.label).first == "10⁻⁹")
  #expect(twenty.filter(\.isMajor).count == 7)  // every third decade
  #expect(twenty.filter { !$0.isMajor }.count == 14)  // the others, unlabelled
}

@Test func logNarrowRangesStillLabelTwoTicks() {
  for (lo, hi) in [(2.0, 8.0), (3.0, 4.0), (0.2, 0.9), (3.1, 3.9), (1.0, 5.0), (50.0, 70.0)] {
    let labelled = TickLocator.log(lo, hi).filter { !$0.label.isEmpty }
    #expect(labelled.count >= 2, "\(lo)…\(hi)")
    #expect(labelled.allSatisfy { $0.isMajor && $0.value >= lo && $0.value <= hi })
  }
  #expect(TickLocator.log(2, 8).filter(\.isMajor).map(\.label) == ["2×10⁰", "5×10⁰"])
}

@Test func logDegenerateInputs() {
  #expect(TickLocator.log(0, 10).isEmpty)
  #expect(TickLocator.log(-1, 10).isEmpty)
  #expect(TickLocator.log(1, .infinity).isEmpty)
  #expect(TickLocator.log(.nan, 1).isEmpty)
  #expect(TickLocator.log(1, 1).filter(\.isMajor).map(\.label) == ["10⁻¹", "10⁰", "10¹"])
  #expect(TickLocator.log(100, 1).filter(\.isMajor).count == 3)
  #expect(!TickLocator.log(.leastNonzeroMagnitude, .greatestFiniteMagnitude).isEmpty)
  let floor = TickLocator.log(.leastNonzeroMagnitude, .leastNonzeroMagnitude)
  #expect(!floor.isEmpty && zip(floor, floor.dropFirst()).allSatisfy { $0.value < $1.value })
  #expect(!TickLocator.log(.greatestFiniteMagnitude, .greatestFiniteMagnitude).isEmpty)
}

@Test func logProperties() {
  var rng = SplitMix(state: 7)
  for _ in 0..<1000 {
    let a = pow(10, Double.random(in: -300...300, using: &rng))
    let b = a * pow(10, Double.random(in: 0.01...40, using: &rng))
    guard b.isFinite else { continue }
    let ticks = TickLocator.log(a, b)
    let labelled = ticks.filter { !$0.label.isEmpty }
    #expect(labelled.count >= 2, "\(a)…\(b)")
    for (x, y) in zip(ticks, ticks.dropFirst()) { #expect(x.value < y.value) }
    #expect(ticks.allSatisfy { $0.value >= a && $0.value <= b })
    #expect(Set(labelled.map(\.label)).count == labelled.count)
    #expect(labelled.allSatisfy { $0.label.count <= 12 })
  }
}
