import Foundation
import Testing

@testable import Downhill

/// loss.csv must read exactly as `Double.description` writes each loss.
struct ShortestDecimalTests {
  func written(_ v: Double) -> String? {
    var bytes = [UInt8](repeating: 0, count: 32)
    let n = bytes.withUnsafeMutableBufferPointer { b in
      ShortestDecimal.with { $0.write(v, to: b.baseAddress!) }
    }
    return n == 0 ? nil : String(decoding: bytes[0..<n], as: UTF8.self)
  }

  func mismatches(_ values: [Double]) -> [String] {
    values.compactMap { v in
      guard let text = written(v) else { return nil }
      return text == v.description ? nil : "\(v.description) written as \(text)"
    }
  }

  @Test func edgesOfTheRangeAndOfTheFormats() {
    var values: [Double] = [
      1e-10, 1e-4, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1, 10, 123.5, 1e15.nextDown,
    ]
    for e in -10...14 {
      let p = pow(10, Double(e))
      values += [p, p.nextUp, p.nextDown, 5 * p, 9.5 * p]
    }
    for e in -33...49 {
      let p = pow(2, Double(e))
      values += [p, p.nextUp, p.nextDown]
    }
    values += (1...2000).flatMap { [Double($0), Double($0) / 1000, 1 / Double($0)] }
    #expect(mismatches(values) == [])
    #expect(written(1e-5) == "1e-05" && written(0.0001) == "0.0001" && written(100) == "100.0")
    #expect(written(0) == nil && written(-1) == nil && written(1e15) == nil && written(.nan) == nil)
  }

  @Test func randomDoublesMatchDescription() {
    var g = SeededGenerator(seed: 7)
    let (low, high) = ((1e-10).bitPattern, (1e15).bitPattern)
    var values: [Double] = []
    for _ in 0..<50_000 {
      values.append(Double(bitPattern: UInt64.random(in: low..<high, using: &g)))
      values.append(g.randomSample() * pow(10, Double(g.randint(-9, 3))))
      values.append(Double(g.randint(1, 100_000)) / pow(10, Double(g.randint(0, 12))))
    }
    #expect(mismatches(values) == [])
  }
}
