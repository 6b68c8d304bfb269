// Randomised check of TickLocator invariants over the whole Double range (400,000 cases).
// Run: swiftc -O Sources/DownhillPlot/{Ticks,TickSteps,TickLabels,LogTicks}.swift scripts/fuzz/ticks/main.swift -o /tmp/ticks_fuzz && /tmp/ticks_fuzz
import Foundation
var rng = SystemRandomNumberGenerator()
var bad = 0
let superscripts = Set("⁰¹²³⁴⁵⁶⁷⁸⁹".unicodeScalars)
for i in 0..<400000 {
  let e = Double.random(in: -320...308, using: &rng)
  let a = Double.random(in: -1...1, using: &rng) * pow(10, e)
  let rel = pow(10, -Double.random(in: 0...14.5, using: &rng))
  var w = abs(a) * rel
  if i % 3 == 0 { w = pow(10, Double.random(in: -320...308, using: &rng)) }
  let b = a + w
  let m = Int.random(in: 1...15, using: &rng)
  guard a.isFinite, b.isFinite else { continue }
  let r = TickLocator.linearAxis(a, b, maxTicks: m)
  let t = r.ticks
  let labels = t.map(\.label)
  let nonsingular = b - a > max(max(abs(a), abs(b)) * 1e-14, 64 * max(abs(a), abs(b)).ulp)
  var ok = t.count >= 2 && t.count <= m + 1 && Set(labels).count == labels.count
  ok = ok && zip(t, t.dropFirst()).allSatisfy { $0.value < $1.value }
  if nonsingular { ok = ok && t.allSatisfy { $0.value >= a && $0.value <= b } }
  for l in labels {
    let threeDigit = l.unicodeScalars.filter { superscripts.contains($0) }.count == 3
    if l.count > (threeDigit ? 14 : 12) || l.contains("0000000") || l.contains("9999999") || l.isEmpty { ok = false }
  }
  if !ok { bad += 1; if bad < 15 { print(a, b, m, labels, r.offset ?? "-") } }
  if i % 4 == 0 && a > 0 {
    let lt = TickLocator.logAxis(a, b)
    let lab = lt.ticks.filter { !$0.label.isEmpty }
    if lab.count < 2 || Set(lab.map(\.label)).count != lab.count || !zip(lt.ticks, lt.ticks.dropFirst()).allSatisfy({ $0.value < $1.value }) {
      bad += 1; if bad < 15 { print("LOG", a, b, lt.ticks.map(\.label), lt.offset ?? "-") }
    }
  }
}
print("bad", bad)
