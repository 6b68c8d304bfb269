import Foundation
import Testing

@testable import Downhill

/// `TrajectoryPCA` against numpy's SVD (scripts/oracle/surfaces.py); components compared up to
/// sign.
@Suite struct PCATests {
  @Test func matchesNumpysSVD() throws {
    for case_ in try SurfaceReference.load().pca {
      let pca = try TrajectoryPCA(points: case_.points)
      let ours = [pca.first, pca.second]
      for k in 0..<2 {
        let theirs = case_.components[k]
        let sign: Double = zip(ours[k], theirs).map(*).reduce(0, +) < 0 ? -1 : 1
        for (a, b) in zip(ours[k], theirs) { #expect(abs(a - sign * b) <= 1e-9, "\(a) vs \(b)") }
        let coordinates = k == 0 ? pca.alphas : pca.betas
        for (a, b) in zip(coordinates, case_.projections.map { $0[k] }) {
          #expect(abs(a - sign * b) <= 1e-9 * max(1, abs(b)))
        }
        // Unit length, and the two orthogonal.
        #expect(abs(CostSurface.dot(ours[k], ours[k]) - 1) <= 1e-12)
      }
      #expect(abs(CostSurface.dot(pca.first, pca.second)) <= 1e-12)
      #expect(
        relativelyClose(pca.explainedVarianceRatio.first, case_.explained_variance_ratio[0], 1e-10))
      #expect(
        relativelyClose(pca.explainedVarianceRatio.second, case_.explained_variance_ratio[1], 1e-10)
      )
      #expect(pca.alphas.last == 0 && pca.betas.last == 0)
    }
  }

  @Test func aStraightPathHasAnyOrthogonalSecondDirection() throws {
    let points = (0..<10).map { t in [1 + 2 * Double(t), -Double(t), 0.5 * Double(t)] }
    let pca = try TrajectoryPCA(points: points)
    #expect(abs(pca.explainedVarianceRatio.first - 1) <= 1e-12)
    #expect(pca.explainedVarianceRatio.second == 0)
    #expect(abs(CostSurface.dot(pca.first, pca.second)) <= 1e-12)
    #expect(abs(CostSurface.dot(pca.second, pca.second) - 1) <= 1e-12)
    #expect(pca.betas.allSatisfy { abs($0) <= 1e-12 })
  }

  @Test func badTrajectoriesThrow() {
    #expect(throws: DownhillError.self) { try TrajectoryPCA(points: [[1, 2]]) }
    #expect(throws: DownhillError.self) { try TrajectoryPCA(points: [[1, 2], [1, 2], [1, 2]]) }
    #expect(throws: DownhillError.self) { try TrajectoryPCA(points: [[1, 2], [1, 2, 3]]) }
    #expect(throws: DownhillError.self) { try TrajectoryPCA(points: [[1], [2]]) }
    #expect(throws: DownhillError.self) { try TrajectoryPCA(points: [[1, 2], [.nan, 2]]) }
    #expect(throws: DownhillError.self) {
      try TrajectoryPCA(points: [[1, 2], [3, 4]], final: [1, 2, 3])
    }
  }

  @Test func eigenDecompositionOfAKnownMatrix() {
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1 along (1, 1) and (1, −1).
    let (values, vectors) = SymmetricEigen.decompose([2, 1, 1, 2], size: 2)
    #expect(abs(values[0] - 3) <= 1e-15 && abs(values[1] - 1) <= 1e-15)
    #expect(abs(abs(vectors[0][0]) - 0.5.squareRoot()) <= 1e-15)
    #expect(abs(vectors[0][0] - vectors[0][1]) <= 1e-15)
  }
}

/// A run with more parameters than records takes the layer-by-layer Gram path (one layer's
/// records in memory at a time): the same plane as the plain one over whole parameter vectors.
@Test func layerByLayerPCAIsThePlainOne() throws {
  var g = SeededGenerator(seed: 4)
  var net = try Network(
    sizes: [2, 8, 3, 1], activations: [.tanh, .tanh, .sigmoid], bias: .folded,
    cost: .binaryCrossEntropy, initialization: .symmetricUniform, generator: &g)
  var adam = Adam(learningRate: 0.05)
  let training = TrainingOptions(iterations: 12)
  let h = try History(network: net, optimizer: adam, dataset: .xor, training: training, seed: 4)
  try net.train(on: .xor, using: &adam, options: training, history: h)
  #expect(net.parameterCount > h.steps.count + 1)
  let streamed = try TrajectoryPCA(history: h, final: net.parameters)
  var points = try h.steps.map { try h.parameters(atStep: $0) }
  points.append(net.parameters)
  let plain = try TrajectoryPCA(points: points, final: net.parameters)
  for (a, b) in [(streamed.first, plain.first), (streamed.second, plain.second)] {
    for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-9) }
  }
  for (a, b) in [(streamed.alphas, plain.alphas), (streamed.betas, plain.betas)] {
    #expect(a.count == b.count)
    for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-9 * max(1, abs(y))) }
  }
  #expect(abs(streamed.explainedVarianceRatio.first - plain.explainedVarianceRatio.first) <= 1e-12)
}
