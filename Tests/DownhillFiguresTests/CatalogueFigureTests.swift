import Downhill
import DownhillPlot
import DownhillTesting
import Foundation
import Testing

@testable import DownhillFigures

/// Every catalogue figure and every report figure, checked in two parts by `expectFigure`: its
/// words exactly against `__Figures__/NAME.txt` (a changed legend entry or tick label fails,
/// named), its pixels drawn without text against `__Figures__/NAME.png` (a curve moved by 3
/// pixels or a series in another colour fails). The lists come from the catalogue and the
/// report themselves, so a new figure fails here until it is recorded.
///
/// Re-record every record after an intended change, in one command (it fails once, saying what
/// it wrote; look at the PNGs, and at `git diff` of the .txt files, then commit):
///
///     DOWNHILL_RECORD=1 swift test --filter 'CatalogueFigureTests|ReportFigureTests'
///
/// (docs/TESTING.md has the command that records every figure record of the package.)
@Suite struct CatalogueFigureTests {
  @Test(arguments: Catalogue.all.map(\.name))
  func catalogueFigure(name: String) throws {
    let entry = try #require(Catalogue.entry(named: name))
    let data = FigureBaseline.packageRoot(from: URL(fileURLWithPath: "\(#filePath)"))
      .appendingPathComponent("figures/data")
    let figure = try entry.make(CatalogueInputs(dataDirectory: data))
    var warnings: [String] = []
    figure.onWarning = { warnings.append($0) }
    expectFigure(figure, named: name)
    #expect(warnings.isEmpty, "\(warnings)")
  }
}

/// The report's figures of the committed run in Data/xor-run (2-3-1, 60 steps), the landscape on
/// an 11 × 11 grid to stay fast. Recorded as `report-NAME` in `__Figures__/`.
@Suite struct ReportFigureTests {
  @Test(arguments: RunReport.names)
  func reportFigure(name: String) throws {
    let history = try History(
      contentsOf: try #require(Bundle.module.url(forResource: "Data", withExtension: nil))
        .appendingPathComponent("xor-run"))
    var data: ReportData?
    if RunReport.needData.contains(name) {
      data = ReportData(dataset: try #require(history.metadata.datasetSource).load())
    }
    let figure = try RunReport.figure(named: name, history: history, data: data, gridSize: 11)
    expectFigure(figure.figure, named: "report-\(name)")
  }
}
