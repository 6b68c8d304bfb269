import Foundation
import Testing

@testable import Downhill

/// Filter- and layer-normalised random directions (Li et al. 2018) against numpy.
@Suite struct DirectionTests {
  func xorNetwork() throws -> Network {
    var generator = SeededGenerator(seed: 1)
    return try Tutorials.t4Network(hidden: 4, generator: &generator)
  }

  @Test func filterAndLayerNormalisationMatchNumpy() throws {
    let reference = try SurfaceReference.load().filter
    let network = try xorNetwork()
    for (normalization, expected) in [
      (DirectionNormalization.filter, reference.filter), (.layer, reference.layer),
      (.none, reference.raw.enumerated().map { $0 < 12 && $0 >= 8 ? 0 : $1 }),
    ] {
      var generator = SeededGenerator(seed: 7)
      let d = network.randomDirection(normalization: normalization, generator: &generator)
      #expect(d.count == expected.count)
      for (a, b) in zip(d, expected) { #expect(relativelyClose(a, b, 1e-14), "\(a) vs \(b)") }
    }
  }

  @Test func filtersTakeTheNormsOfTheWeightsColumns() throws {
    var generator = SeededGenerator(seed: 2)
    let network = try Network(
      sizes: [3, 5, 2], activations: [.relu, .identity], bias: .folded, cost: .meanSquared,
      initialization: .he, generator: &generator)
    for bias in BiasDirection.allCases {
      let d = network.randomDirection(normalization: .filter, bias: bias, generator: &generator)
      var offset = 0
      for layer in network.layers {
        let w = layer.weights
        let rows = bias == .zero ? w.rows - 1 : w.rows
        for j in 0..<w.columns {
          let dn = (0..<rows).reduce(0.0) { $0 + pow(d[offset + $1 * w.columns + j], 2) }
          let wn = (0..<rows).reduce(0.0) { $0 + pow(w[$1, j], 2) }
          #expect(abs(dn.squareRoot() - wn.squareRoot()) <= 1e-12 * wn.squareRoot())
          if bias == .zero { #expect(d[offset + (w.rows - 1) * w.columns + j] == 0) }
        }
        offset += w.values.count
      }
    }
  }

  @Test func wrongLengthThrows() throws {
    let network = try xorNetwork()
    #expect(throws: DownhillError.self) {
      try network.normalizedDirection([1, 2, 3], normalization: .filter, bias: .zero)
    }
    // Zero pieces stay zero instead of dividing by zero.
    let zero = try network.normalizedDirection(
      [Double](repeating: 0, count: 16), normalization: .filter, bias: .normalized)
    #expect(zero.allSatisfy { $0 == 0 })
  }
}
