import Downhill
import Foundation

/// `downhill-bench surfaces`: the XOR network's loss on a 200 × 200 grid (40,000 forward passes)
/// and on the 500 T3 pairs, serial and on every core. Run in a release build.
enum SurfaceBench {
  static func run() {
    do {
      var generator = SeededGenerator(seed: 1)
      let network = try Tutorials.t4Network(hidden: 4, generator: &generator)
      var directionGenerator = SeededGenerator(seed: 2)
      let (d1, d2) = network.randomDirections(generator: &directionGenerator)
      let surface = try CostSurface(
        network: network, inputs: Dataset.t4XOR.inputs, targets: Dataset.t4XOR.targets,
        directions: d1, d2)
      print("XOR 3-4-1 loss, 200×200 grid (\(ProcessInfo.processInfo.activeProcessorCount) cores):")
      for threads in [1, nil] as [Int?] {
        var best = Double.infinity
        var checksum = 0.0
        for _ in 0..<5 {
          let start = Date()
          let grid = try surface.grid(
            alpha: -1...1, count: 200, beta: -1...1, count: 200, maxConcurrency: threads)
          best = min(best, Date().timeIntervalSince(start))
          checksum = grid.values.reduce(0, +)
        }
        print(
          String(
            format: "  %@: %.2f ms (best of 5), %.0f ns per point, checksum %.12g",
            threads == nil ? "all cores" : "1 thread ", best * 1e3, best / 40_000 * 1e9, checksum))
      }
      let pairs = try TutorialSurfaces.randomPairs(seed: 1)
      let start = Date()
      let values = TutorialSurfaces.notGateSurface(cost: .crossEntropy).values(at: pairs)
      print(
        String(
          format: "T3 cross-entropy at 500 pairs: %.3f ms (sum %.12g)",
          Date().timeIntervalSince(start) * 1e3, values.reduce(0, +)))
      let landscapeStart = Date()
      _ = try XORLandscape.compute(gridSize: 51)
      print(
        String(
          format: "XOR landscape (2,000 steps, PCA, two 51×51 grids): %.1f ms",
          Date().timeIntervalSince(landscapeStart) * 1e3))
    } catch {
      print("surface benchmark failed: \(error)")
    }
  }
}
