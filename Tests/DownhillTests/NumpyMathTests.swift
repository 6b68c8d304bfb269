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

  /// The array kernels (FMA and portable) on the same vectors: 3,018 of them, so a partial last vector too.
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

  /// Every length up to 20 against the scalar kernel, one lane off the main path included.
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

}
