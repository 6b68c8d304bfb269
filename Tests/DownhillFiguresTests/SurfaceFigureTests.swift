import Downhill
import DownhillPlot
import Testing

@testable import DownhillFigures

@Suite struct SurfaceFigureTests {
  @Test func badOptionsAreOneLineErrors() {
    func message(_ change: (inout CostSurfaceFigure.Options) -> Void) -> String {
      var o = CostSurfaceFigure.Options()
      change(&o)
      let error = #expect(throws: (any Error).self) { try o.validate() }
      let text = error.map { "\($0)" } ?? ""
      #expect(!text.isEmpty && !text.contains("\n"), "\(text)")
      return text
    }
    #expect(message { $0.range = 5...5 }.contains("range"))
    #expect(message { $0.points = 0 }.contains("points"))
    #expect(message { $0.optimizer = "sgdd" }.contains("sgdd"))
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
}
