import DownhillTesting
import Foundation
import Testing

@testable import DownhillPlot

/// A training run's weights as the report will show them: one layer's values at 40 logged
/// steps, drawn as a histogram, quantile bands and a ridgeline. The numbers come from a fixed
/// generator simple enough to repeat in Python (a 64-bit LCG and Box–Muller), so matplotlib
/// can draw the same data for comparison.
enum DistributionSamples {
  /// `n` standard normal values from the LCG of `SampleFigures.loss`.
  static func normals(_ n: Int, seed: UInt64) -> [Double] {
    var state = seed
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    return (0..<n).map { _ in
      let u = uniform()
      let v = uniform()
      return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
  }

  /// The layer's 300 weights at logged step `k` of 40: they spread and drift as training goes,
  /// and a tail grows on the right.
  static func weights(step k: Int) -> [Double] {
    let t = Double(k) / 39
    let z = normals(300, seed: UInt64(k + 1))
    return z.enumerated().map { i, v in
      i % 5 == 0 ? 0.2 + 0.6 * t + 0.1 * v : 0.02 + 0.1 * t + (0.05 + 0.15 * t) * v
    }
  }

  static let steps = (0..<40).map { $0 * 100 }

  static func figure() -> Figure {
    let f = Figure(width: 1200, height: 420, title: "Layer 1 weights")
    let g = f.subplots(rows: 1, columns: 3)
    // One range for both, so their bins and counts compare; the front one lets the back show.
    g[0][0].histogram(weights(step: 39), bins: 30, range: -0.5...1.1, label: "step 3900")
    g[0][0].histogram(
      weights(step: 0), bins: 30, range: -0.5...1.1, label: "step 0",
      color: Theme.standard.cycle[1].withAlpha(0.75))
    g[0][0].title = "histogram"
    g[0][0].xLabel = "weight"
    g[0][0].yLabel = "count"

    let curves = Percentiles.curves(steps.indices.map { weights(step: $0) })
    g[0][1].quantileBands(x: steps.map(Double.init), quantiles: curves, label: "layer 1")
    g[0][1].title = "distribution"
    g[0][1].xLabel = "step"

    let shown = stride(from: 0, to: 40, by: 5).map { $0 }
    let edges = Histogram(values: [], bins: 30, range: -0.6...1.2).edges
    g[0][2].ridgeline(
      edges: edges, counts: shown.map { Histogram(values: weights(step: $0), edges: edges).counts },
      labels: shown.map { "step \(steps[$0])" })
    g[0][2].title = "histograms over time"
    g[0][2].xLabel = "weight"
    return f
  }
}

@Suite struct DistributionFigureTests {
  @Test func distributions() { expectFigure(DistributionSamples.figure(), named: "distributions") }
}
