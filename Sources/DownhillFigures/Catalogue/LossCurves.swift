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
        o.logY = true
        o.title = "XOR network: error against iteration, by learning rate"
        o.xLabel = "iteration"
        o.yLabel = "mean |error|"
        o.width = 820
        o.height = 500
        return try LossCurve.figure(from: table, options: o)
      })
  ]
}
