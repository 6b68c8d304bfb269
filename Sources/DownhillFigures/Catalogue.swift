import Downhill
import DownhillPlot
import Foundation

/// One figure of the tutorial catalogue: a name (the file name without extension) and how to
/// draw it.
public struct CatalogueEntry: Sendable {
  public let name: String
  public let summary: String
  public let make: @Sendable (CatalogueInputs) throws -> Figure
}

/// What catalogue figures may read: the data folder committed beside `figures/`.
public struct CatalogueInputs: Sendable {
  public var dataDirectory: URL
  public init(dataDirectory: URL) { self.dataDirectory = dataDirectory }
}

/// Every figure `downhill figures` regenerates.
public enum Catalogue {
  public static let all: [CatalogueEntry] = [
    CatalogueEntry(
      name: "xor-learning-rates",
      summary: "XOR network (T4, hidden 4): mean |error| over 60,000 iterations for α = 0.01…100",
      make: { inputs in
        let table = try CSVTable(contentsOf: inputs.dataDirectory.appendingPathComponent("xor-loss.csv"))
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

  public static func entry(named name: String) -> CatalogueEntry? { all.first { $0.name == name } }
}
