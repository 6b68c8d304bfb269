import Downhill
import DownhillPlot
import Testing

@testable import DownhillFigures

@Suite struct SurfaceFigureTests {
  @Test func badOptionsAreOneLineErrors() {
    var o = CostSurfaceFigure.Options()
    o.range = 5...5
    #expect(throws: FigureError.self) { try o.validate() }
    o = CostSurfaceFigure.Options()
    o.points = 0
    #expect(throws: FigureError.self) { try o.validate() }
    o = CostSurfaceFigure.Options()
    o.optimizer = "sgdd"
    #expect(throws: (any Error).self) { try o.validate() }
  }

  @Test func crossEntropyRescuesAStartThatMSEStrandsOnAPlateau() throws {
    // The comparison figure's claim, checked on its own data.
    var o = CostSurfaceFigure.Options()
    o.startPoints = [(6, 10)]
    o.cost = .mse
    let mse = try CostSurfaceFigure.paths(o)[0]
    o.cost = .crossEntropy
    let ce = try CostSurfaceFigure.paths(o)[0]
    let mseFinal = TutorialSurfaces.notGate(cost: .mse)([mse.last!.x, mse.last!.y])
    let ceFinal = TutorialSurfaces.notGate(cost: .crossEntropy)([ce.last!.x, ce.last!.y])
    #expect(mseFinal > 0.2, "MSE should stay stuck on its plateau, reached \(mseFinal)")
    #expect(ceFinal < 0.05, "cross-entropy should reach the valley, reached \(ceFinal)")
  }

  @Test(arguments: [
    "cost-surface-mse", "cost-surface-cross-entropy", "cost-surface-comparison",
    "cost-contours-optimizers", "loss-landscape-xor",
  ])
  func catalogueFigureRenders(name: String) throws {
    let entry = try #require(Catalogue.entry(named: name))
    let figure = try entry.make(
      CatalogueInputs(dataDirectory: .init(fileURLWithPath: "figures/data")))
    var warnings: [String] = []
    figure.onWarning = { warnings.append($0) }
    #expect(try !figure.render(format: .png).isEmpty)
    #expect(warnings.isEmpty, "\(warnings)")
  }
}
