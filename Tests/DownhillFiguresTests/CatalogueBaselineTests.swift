import DownhillPlot
import DownhillTesting
import Foundation
import Testing

@testable import DownhillFigures

/// Catalogue figures against committed baselines (RMS tolerance), so a change that alters what a
/// tutorial figure shows fails here with expected, actual and diff PNGs in the artifacts folder.
/// Record after an intended change with `DOWNHILL_RECORD=1 swift test --filter CatalogueBaseline`.
@Suite struct CatalogueBaselineTests {
  static let names = [
    "cost-surface-mse", "cost-surface-comparison", "cost-contours-optimizers", "fx-quartic",
    "sgd-randomness-ensemble", "xor-learning-rates",
  ]

  @Test(arguments: names)
  func figureMatchesItsBaseline(name: String) throws {
    let entry = try #require(Catalogue.entry(named: name))
    let data = FigureBaseline.packageRoot(from: URL(fileURLWithPath: "\(#filePath)"))
      .appendingPathComponent("figures/data")
    expectFigure(try entry.make(CatalogueInputs(dataDirectory: data)), named: name)
  }
}
