import CNumpyMath
import Foundation
import Testing

@testable import Downhill

@Suite struct NumpyMathTests {
  /// Data/np_exp.txt (scripts/oracle/exp_vectors.py): inputs where numpy and glibc disagree,
  /// the scalar path (overflow, underflow, denormal results) and special values.
  func vectors() throws -> [(x: Double, expected: Double)] {
    try OracleData.text("np_exp.txt").split(separator: "\n").map { line in
      let fields = line.split(separator: " ").map { UInt64($0, radix: 16)! }
      return (Double(bitPattern: fields[0]), Double(bitPattern: fields[1]))
    }
  }

  @Test func expMatchesNumpyBitForBit() throws {
    let cases = try vectors()
    #expect(cases.count > 3000)
    var mismatches: [String] = []
    var glibcDiffers = 0
    for (x, expected) in cases {
      for (name, value) in [("exp", NumpyMath.exp(x)), ("portable", NumpyMath.portableExp(x))]
      where value.bitPattern != expected.bitPattern {
        mismatches.append("\(name)(\(x)) = \(value), numpy \(expected)")
      }
      if Foundation.exp(x) != expected { glibcDiffers += 1 }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    // The data is chosen where the C library's exp differs: the test would catch a fallback.
    #expect(glibcDiffers >= 2000)
  }

  /// The array kernels (AVX-512 eight lanes at a time, with the rare lanes redone one by one;
  /// and the portable loop) on the same vectors: 3,018 of them, so a partial last vector too.
  @Test func arrayExpAndSigmoidMatchNumpyBitForBit() throws {
    let cases = try vectors()
    let xs = cases.map(\.x)
    var mismatches: [String] = []
    for (name, values) in [("exp", NumpyMath.exp(xs)), ("portable", NumpyMath.portableExp(xs))] {
      for (i, (x, expected)) in cases.enumerated()
      where values[i].bitPattern != expected.bitPattern {
        mismatches.append("\(name)[\(i)](\(x)) = \(values[i]), numpy \(expected)")
      }
    }
    // numpy's sigmoid is 1 / (1 + np.exp(-z)): with z = -x/2 and scale 2, -(2 z) = x (where
    // halving x is exact: not for denormals).
    let zs = xs.map { -$0 / 2 }
    for (name, values) in [
      ("sigmoid", NumpyMath.sigmoid(zs, scale: 2)),
      ("portable sigmoid", NumpyMath.portableSigmoid(zs, scale: 2)),
    ] {
      for (i, (x, expected)) in cases.enumerated() where -2 * zs[i] == x || x.isNaN {
        let numpy = 1 / (1 + expected)
        if values[i].bitPattern != numpy.bitPattern && !(values[i].isNaN && numpy.isNaN) {
          mismatches.append("\(name)[\(i)](\(x)) = \(values[i]), numpy \(numpy)")
        }
      }
    }
    #expect(mismatches.count == 0, "\(mismatches.prefix(5))")
    #expect(NumpyMath.exp([Double]()).isEmpty)
  }

  /// Every length up to 20, so each way the AVX-512 kernel loads and stores a vector's lanes
  /// (eight, four, or masked) is checked against the scalar kernel, one lane off the main path
  /// included.
  @Test func arrayKernelsAgreeWithScalarAtEveryLength() {
    for count in 0...20 {
      let xs = (0..<count).map { i in i == 5 ? -750.0 : Double(i) * 0.37 - 3.1 }
      let exps = NumpyMath.exp(xs)
      let sigmoids = NumpyMath.sigmoid(xs, scale: 1)
      for (i, x) in xs.enumerated() {
        #expect(exps[i].bitPattern == NumpyMath.exp(x).bitPattern, "exp, \(count) long, at \(i)")
        let sigmoid = 1 / (1 + NumpyMath.exp(-x))
        #expect(sigmoids[i].bitPattern == sigmoid.bitPattern, "sigmoid, \(count) long, at \(i)")
      }
    }
  }

  @Test func expSpecialValues() {
    #expect(NumpyMath.exp(.nan).isNaN)
    #expect(NumpyMath.exp(.infinity) == .infinity)
    #expect(NumpyMath.exp(-.infinity) == 0)
    #expect(NumpyMath.exp(0) == 1)
    #expect(NumpyMath.exp(710) == .infinity)
    #expect(NumpyMath.exp(-746) == 0)
  }

  /// The summation orders numpy reaches for the T4 shapes, against sums written out here.
  @Test func smallProductsSumAsOpenBLASDoes() {
    let a = Matrix([
      [0.1, 0.7, -0.3, 0.9], [0.2, -0.5, 0.6, 0.4], [0.3, 0.8, -0.2, 0.1], [0.5, 0.6, 0.7, -0.8],
    ])
    let x = Matrix([[0.11], [-0.7], [0.33], [0.25]])
    // matrix · column (dgemv_t): four running sums, (s0 + s2) + (s1 + s3).
    let gemv = Matrix.product(a, x)
    for i in 0..<4 {
      let expected =
        (a[i, 0] * x[0, 0] + a[i, 2] * x[2, 0]) + (a[i, 1] * x[1, 0] + a[i, 3] * x[3, 0])
      #expect(gemv[i, 0] == expected)
    }
    // transposed matrix · column (dgemv_n, k = 4): x1 y1, then the others fused in.
    let gemvT = Matrix.product(a, transposingA: true, x)
    for i in 0..<4 {
      var s = a[1, i] * x[1, 0]
      s = s.addingProduct(a[0, i], x[0, 0])
      s = s.addingProduct(a[2, i], x[2, 0])
      s = s.addingProduct(a[3, i], x[3, 0])
      #expect(gemvT[i, 0] == s)
    }
    // matrix · matrix (gemm): FMAs one after another from zero.
    let gemm = Matrix.product(a, a)
    for i in 0..<4 {
      for j in 0..<4 {
        var s = 0.0
        for p in 0..<4 { s = s.addingProduct(a[i, p], a[p, j]) }
        #expect(gemm[i, j] == s)
      }
    }
  }

  /// One run of a recording kernel (`downhill_np_record_steps` or its portable loop) over `steps`
  /// records of n = 29 parameters, in two calls (the first step alone, not counting flips, then
  /// the rest), and everything it wrote: the layers' arrays and its state afterwards.
  func recorded(
    _ kernel: RecordKernel, steps: Int, float32: Bool, rebuilt: Bool, records: [Double]
  ) -> [UInt64] {
    let n = 29, stride = 2 * n + 3
    // Layers that start and end inside vectors of 8, and parameters 15 and 16 not recorded.
    let offsets = [0, 3, 17, 19], widths = [3, 12, 1, 10]
    var previous = (0..<n).map { Double($0) / 7 }
    var lastUp = [Int64](repeating: 0, count: n)
    var counts = [Int32](repeating: 0, count: n)
    var scratch = [Double](repeating: 0, count: n)
    let size = float32 ? 4 : 8
    let bytes = 64 * 12 * size
    let outputs = (0..<8).map { _ in
      UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    }
    let flips = (0..<4).map { _ in UnsafeMutablePointer<Int32>.allocate(capacity: 64 * 12) }
    defer {
      outputs.forEach { $0.deallocate() }
      flips.forEach { $0.deallocate() }
    }
    for p in outputs { p.initializeMemory(as: UInt8.self, repeating: 0xAB, count: bytes) }
    for p in flips { p.initialize(repeating: -7, count: 64 * 12) }
    records.withUnsafeBufferPointer { r in
      for (first, count) in [(0, 1), (1, steps - 1)] {
        let at = { (p: UnsafeMutableRawPointer, l: Int) in p + first * widths[l] * size }
        var weights: [UnsafeMutableRawPointer?] = (0..<4).map { at(outputs[$0], $0) }
        var gradients: [UnsafeMutableRawPointer?] = (0..<4).map { at(outputs[4 + $0], $0) }
        var counted: [UnsafeMutablePointer<Int32>?] = (0..<4).map { flips[$0] + first * widths[$0] }
        let base = r.baseAddress! + first * stride
        kernel(
          rebuilt ? nil : base + n, base, stride, count, 0.7, &scratch, n, &previous, &lastUp,
          &counts, first > 0 ? 1 : 0, 4, offsets, widths, &weights, &gradients, &counted,
          float32 ? 1 : 0)
      }
    }
    var bits = previous.map(\.bitPattern) + lastUp.map { UInt64(bitPattern: $0) }
    bits += counts.map { UInt64(UInt32(bitPattern: $0)) }
    for p in outputs {
      for i in 0..<(bytes / 8) { bits.append(p.load(fromByteOffset: i * 8, as: UInt64.self)) }
    }
    for p in flips {
      for i in 0..<(64 * 12) { bits.append(UInt64(UInt32(bitPattern: p[i]))) }
    }
    return bits
  }

  typealias RecordKernel = (
    UnsafePointer<Double>?, UnsafePointer<Double>?, Int, Int, Double, UnsafeMutablePointer<Double>?,
    Int, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Int32>?,
    Int32, Int, UnsafePointer<Int>?, UnsafePointer<Int>?,
    UnsafePointer<UnsafeMutableRawPointer?>?, UnsafePointer<UnsafeMutableRawPointer?>?,
    UnsafePointer<UnsafeMutablePointer<Int32>?>?, Int32
  ) -> Void

  /// The recording kernel (by blocks of eight in registers, on AVX-512 CPUs) writes what the
  /// portable loop writes: layers starting and ending inside a block, a gap of unrecorded
  /// parameters, float64 and float32, parameters given or rebuilt by the descent step, and
  /// moves that are zero, absorbed, NaN or infinite.
  @Test(arguments: [false, true], [false, true])
  func recordingKernelsAgree(float32: Bool, rebuilt: Bool) {
    let n = 29, stride = 2 * n + 3, steps = 60
    var g = SeededGenerator(seed: 11)
    var records = [Double](repeating: 0, count: steps * stride)
    var parameters = (0..<n).map { Double($0) / 7 }
    for s in 0..<steps {
      for i in 0..<n {
        var gradient = g.standardNormal() * 1e-2
        switch (s * 31 + i * 7) % 23 {
        case 0: gradient = 0
        case 1: gradient = 1e-30  // absorbed: the parameter does not move
        case 2 where s == 40: gradient = .nan
        case 3 where s == 50: gradient = .infinity
        default: break
        }
        records[s * stride + i] = gradient
        parameters[i] = parameters[i] - 0.7 * gradient
        records[s * stride + n + i] = parameters[i]
      }
    }
    let fast = recorded(
      downhill_np_record_steps, steps: steps, float32: float32, rebuilt: rebuilt, records: records)
    let portable = recorded(
      downhill_np_record_steps_portable, steps: steps, float32: float32, rebuilt: rebuilt,
      records: records)
    #expect(fast == portable)
    // Something was recorded and flips were counted.
    #expect(fast.count == portable.count && Set(fast).count > 100)
  }
}
