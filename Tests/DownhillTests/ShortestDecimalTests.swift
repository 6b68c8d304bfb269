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

  /// loss.csv's lines as string interpolation writes them: steps counted up in place across
  /// 9 → 10 … 999 → 1000, jumps, negative and largest steps; losses out of the fast formatter's
  /// range; a learning rate whose text is longer than two words.
  @Test func lossLinesMatchInterpolation() {
    var g = SeededGenerator(seed: 3)
    var steps = Array(0...12) + Array(95...105) + [998, 999, 1000, 1001, 5, 6, -3, -2, 0]
    steps += [9999, 10000, Int.max - 1, Int.max, 41]
    var records: [(Int, Double, Double)] = []
    for (i, step) in steps.enumerated() {
      let loss = [g.randomSample(), 1e-12, 3e15, 0, .nan, 123.0][i % 6]
      let rate = i < 20 ? 1.0 : i < 30 ? 0.012345678901234567 : 1e-300
      records.append((step, loss, rate))
    }
    let expected = records.map { "\($0.0),\($0.1),\($0.2)\n" }.joined()
    let raw = UnsafeMutableRawPointer.allocate(byteCount: records.count * 24, alignment: 8)
    let out = UnsafeMutableRawPointer.allocate(
      byteCount: records.count * History.csvLineBytes, alignment: 8)
    defer {
      raw.deallocate()
      out.deallocate()
    }
    for (i, (step, loss, rate)) in records.enumerated() {
      raw.storeBytes(of: step, toByteOffset: i * 24, as: Int.self)
      raw.storeBytes(of: loss, toByteOffset: i * 24 + 8, as: Double.self)
      raw.storeBytes(of: rate, toByteOffset: i * 24 + 16, as: Double.self)
    }
    let length = History.lossCSVLines(raw, rows: records.count, to: out)
    let written = String(
      decoding: UnsafeRawBufferPointer(start: out, count: length), as: UTF8.self)
    #expect(written == expected)
  }
}
