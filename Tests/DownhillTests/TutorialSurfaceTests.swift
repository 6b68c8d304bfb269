import Foundation
import Testing

@testable import Downhill

/// T3's cost surfaces against the numpy program (scripts/oracle/surfaces.py).
@Suite struct TutorialSurfaceTests {
  let reference: SurfaceReference

  init() throws { reference = try SurfaceReference.load() }

  @Test func randomPairsAreNumpysPermutationsExactly() throws {
    for case_ in reference.t3 {
      let pairs = try TutorialSurfaces.randomPairs(count: 500, range: -15...15, seed: case_.seed)
      #expect(pairs.map(\.0) == case_.theta1)
      #expect(pairs.map(\.1) == case_.theta2)
    }
  }

  @Test func linspaceIsNumpys() {
    // numpy's permutation keeps the values, so sorting recovers its linspace bit for bit.
    let sorted = reference.t3[0].theta1.sorted()
    #expect(GridSurface.linspace(-15, 15, count: 500) == sorted)
    #expect(GridSurface.linspace(2, 3, count: 1) == [2])
    #expect(GridSurface.linspace(2, 3, count: 0).isEmpty)
  }

  @Test(arguments: TutorialSurfaces.NotGateCost.allCases)
  func costsAtThePairsMatchNumpy(cost: TutorialSurfaces.NotGateCost) throws {
    for case_ in reference.t3 {
      let surface = TutorialSurfaces.notGateSurface(cost: cost)
      let values = surface.values(at: Array(zip(case_.theta1, case_.theta2)))
      let expected = cost == .mse ? case_.mse : case_.cross_entropy
      #expect(values.count == 500)
      var worst = 0.0
      for (ours, theirs) in zip(values, expected) {
        #expect(relativelyClose(ours, theirs, 1e-12), "\(ours) vs numpy \(theirs)")
        worst = max(worst, abs(ours - theirs) / abs(theirs))
      }
      #expect(worst <= 1e-12)
    }
  }

  @Test func descentPathsMatchNumpy() throws {
    for run in reference.descent {
      let cost: TutorialSurfaces.NotGateCost = run.cost == "mse" ? .mse : .crossEntropy
      let path = try TutorialSurfaces.descentPath(
        cost: cost, from: (run.start[0], run.start[1]), learningRate: run.alpha, steps: run.steps)
      #expect(path.count == run.path.count)
      for (ours, theirs) in zip(path, run.path) {
        #expect(relativelyClose(ours.theta1, theirs[0], 1e-12), "\(ours) vs \(theirs)")
        #expect(relativelyClose(ours.theta2, theirs[1], 1e-12), "\(ours) vs \(theirs)")
        #expect(relativelyClose(ours.cost, theirs[2], 1e-12), "\(ours) vs \(theirs)")
      }
    }
  }

  @Test func gradientsMatchFiniteDifferences() {
    for cost in TutorialSurfaces.NotGateCost.allCases {
      let f = TutorialSurfaces.notGate(cost: cost)
      for w in [[-3.0, 2.0], [0.5, -1.5], [4.0, 4.0]] {
        let g = TutorialSurfaces.notGateGradient(cost: cost, at: w)
        for k in 0..<2 {
          var up = w
          var down = w
          up[k] += 1e-6
          down[k] -= 1e-6
          let numeric = (f(up) - f(down)) / 2e-6
          #expect(abs(numeric - g[k]) <= 1e-6 * max(1, abs(g[k])), "\(cost) \(w) \(k)")
        }
      }
    }
  }

  @Test func crossEntropyHasNoPlateausWhereMSEHas() throws {
    // Both sigmoids saturated at 0, one of them wrongly (h0 ≈ 0 for y0 = 1): the MSE gradient
    // vanishes on this plateau, cross-entropy's does not.
    let w = [-10.0, -14.0]
    let mse = TutorialSurfaces.notGateGradient(cost: .mse, at: w)
    let ce = TutorialSurfaces.notGateGradient(cost: .crossEntropy, at: w)
    #expect(abs(mse[0]) + abs(mse[1]) < 1e-5)
    #expect(abs(ce[0]) + abs(ce[1]) > 0.5)
  }

  @Test func saturationGivesHolesNotCrashes() throws {
    let surface = TutorialSurfaces.notGateSurface(cost: .crossEntropy)
    // σ(40) rounds to 1: log(1 − h) = log(0).
    let grid = try surface.grid(alphas: [0, 30], betas: [0, 40])
    #expect(grid.nonFiniteCount > 0)
    #expect(grid[1, 1] == .infinity || grid[1, 1].isNaN)
    #expect(grid.finiteRange != nil)
    #expect(grid.minimum != nil)
  }

  @Test func badArgumentsThrow() {
    #expect(throws: DownhillError.self) { try TutorialSurfaces.randomPairs(count: -1, seed: 1) }
    #expect(throws: DownhillError.self) {
      try TutorialSurfaces.descentPath(cost: .mse, from: (0, 0), learningRate: -1, steps: 10)
    }
    #expect(throws: DownhillError.self) {
      try TutorialSurfaces.descentPath(cost: .mse, from: (.nan, 0), learningRate: 1, steps: 10)
    }
    #expect(TutorialSurfaces.notGate(cost: .mse)([1, 2, 3]).isNaN)
  }

  @Test func divergingPathsStopAtTheLastFinitePoint() throws {
    let path = try TutorialSurfaces.descentPath(
      cost: .crossEntropy, from: (0, 0), learningRate: 1e308, steps: 50)
    #expect(path.count < 51)
    #expect(path.allSatisfy { $0.theta1.isFinite && $0.theta2.isFinite && $0.cost.isFinite })
  }
}
