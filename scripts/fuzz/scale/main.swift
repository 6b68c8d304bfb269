// Randomised check: AxisScale never traps and dataLimits always gives finite, ordered limits.
// Run: swiftc -O Sources/DownhillPlot/{Ticks,TickSteps,TickLabels,LogTicks,Scale}.swift scripts/fuzz/scale/main.swift -o /tmp/scale_fuzz && /tmp/scale_fuzz
import Foundation
var rng = SystemRandomNumberGenerator()
let specials: [Double] = [.nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e300, -1e300, 0, -0.0, 5e-324, -5e-324, 1, 2.2250738585072014e-308]
func v() -> Double { Bool.random(using: &rng) ? specials.randomElement(using: &rng)! : Double.random(in: -1...1, using: &rng) * pow(10, Double.random(in: -320...308, using: &rng)) }
var bad = 0
for _ in 0..<200000 {
  let values = (0..<Int.random(in: 0...5, using: &rng)).map { _ in v() }
  for kind in [ScaleKind.linear, .log] {
    if let l = AxisScale.dataLimits(values, kind: kind, margin: [0.05, 0, -0.3, 2, .nan, .infinity].randomElement(using: &rng)!) {
      if !(l.lower.isFinite && l.upper.isFinite && l.lower < l.upper && (kind == .linear || l.lower > 0)) { bad += 1; if bad < 5 { print(values, kind, l) } }
      let s = AxisScale(kind: kind, lower: l.lower, upper: l.upper)
      let t = s.ticks(maxTicks: 8)
      if t.filter({ !$0.label.isEmpty }).count < 2 { bad += 1; if bad < 10 { print("TICKS", values, kind, l, t) } }
      _ = s.transform(v()); _ = s.inverse(Double.random(in: -1...2, using: &rng))
    }
  }
  let s = AxisScale(kind: Bool.random() ? .linear : .log, lower: v(), upper: v())
  _ = s.transform(v()); _ = s.inverse(v()); _ = s.ticks(maxTicks: Int.random(in: -5...20, using: &rng))
}
print("bad", bad)
