import Foundation
import Testing

@testable import Downhill

@Suite struct XORLandscapeTests {
  @Test func landscapeAroundTheTrainedWeights() throws {
    let landscape = try XORLandscape.compute(iterations: 2000, every: 10, gridSize: 21)
    let data = Dataset.t4XOR
    let trained = try landscape.network.lossAndGradient(inputs: data.inputs, targets: data.targets)
      .loss
    // The grids have the origin (the trained weights) at their centre index.
    #expect(landscape.randomPlane.alphas[10] == 0 && landscape.randomPlane.betas[10] == 0)
    #expect(landscape.randomPlane[10, 10] == trained)
    #expect(landscape.randomPlane.values.count == 21 * 21)
    #expect(landscape.randomPlane.nonFiniteCount == 0)
    #expect(landscape.pcaPlane.nonFiniteCount == 0)
    // 200 recorded steps and the trained weights, which project to the origin.
    #expect(landscape.pca.alphas.count == 201)
    #expect(landscape.pca.alphas.last == 0 && landscape.pca.betas.last == 0)
    // The path fits in the PCA grid.
    let a = landscape.pcaPlane.alphas
    let b = landscape.pcaPlane.betas
    #expect(landscape.pca.alphas.allSatisfy { $0 >= a.first! && $0 <= a.last! })
    #expect(landscape.pca.betas.allSatisfy { $0 >= b.first! && $0 <= b.last! })
    let ratio = landscape.pca.explainedVarianceRatio
    #expect(ratio.first > 0.5 && ratio.first + ratio.second <= 1 + 1e-12)
  }

  @Test func badSettingsThrow() {
    #expect(throws: DownhillError.self) { try XORLandscape.compute(gridSize: 1) }
    #expect(throws: DownhillError.self) { try XORLandscape.compute(span: 0) }
  }
}
