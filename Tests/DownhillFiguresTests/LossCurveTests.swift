import Downhill
import DownhillPlot
import Testing

@testable import DownhillFigures

@Suite struct LossCurveTests {
  let table = try! CSVTable(parsing: "step,loss,accuracy\n0,1,0.1\n1,0.5,0.6\n2,0.25,0.9\n")

  @Test func unknownColumnNamesTheColumnsThereAre() {
    var o = LossCurve.Options()
    o.yColumns = ["los"]
    #expect(throws: FigureError.unknownColumn("los", available: ["step", "loss", "accuracy"])) {
      try LossCurve.figure(from: table, options: o)
    }
  }

  @Test func everyColumnButXBecomesASeries() throws {
    let figure = try LossCurve.figure(from: table, options: .init())
    #expect(figure.axes.marks.count == 2)
    #expect(figure.axes.marks.map(\.label) == ["loss", "accuracy"])
    #expect(figure.axes.xLabel == "step")
  }

  @Test func aSingleSeriesNamesTheYAxisInsteadOfALegend() throws {
    var o = LossCurve.Options()
    o.yColumns = ["loss"]
    let figure = try LossCurve.figure(from: table, options: o)
    #expect(figure.axes.yLabel == "loss")
    #expect(figure.axes.marks.map(\.label) == [nil])
  }
}
