import Downhill
import DownhillPlot
import Foundation

extension Catalogue {
  /// Loss curves from committed CSV data.
  static let lossCurves: [CatalogueEntry] = [
    CatalogueEntry(
      name: "xor-learning-rates",
      summary: "XOR network (T4, hidden 4): mean |error| over 60,000 iterations for α = 0.01…100",
      make: { inputs in
        let table = try CSVTable(
          contentsOf: inputs.dataDirectory.appendingPathComponent("xor-loss.csv"))
        var o = LossCurve.Options()
        // Log x: the fast rates do their work in the first thousand iterations, which a linear
        // axis squeezes into its first pixels. Iteration 0 (where every rate starts at the same
        // error) has no place on it and is left out.
        o.logX = true
        o.logY = true
        o.title = "XOR network: error against iteration, by learning rate"
        o.xLabel = "iteration (log scale; from iteration 20)"
        o.yLabel = "mean |error|"
        o.width = 820
        o.height = 500
        o.legend = .lowerLeft
        let x = table.columns[0]
        let kept = x.indices.filter { x[$0] > 0 }
        let names = table.columnNames.dropFirst()
        // The sweep's colour for each α, so α = 1 looks the same in every figure.
        o.colors = names.map { name in
          LearningRateSweep.color(
            alpha: Double(name.replacingOccurrences(of: "α = ", with: "")) ?? 1)
        }
        return LossCurve.figure(
          x: kept.map { x[$0] },
          series: zip(names, table.columns.dropFirst()).map { name, column in
            (name, kept.map { column[$0] })
          }, options: o)
      })
  ]
}
