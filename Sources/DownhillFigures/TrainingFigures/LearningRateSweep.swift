import Downhill
import DownhillPlot
import Foundation

/// T4's learning-rate sweep: the XOR network's mean |error| against iteration for
/// α = 0.001…1000, hidden size 4 beside hidden size 32, both axes logarithmic.
public enum LearningRateSweep {
  /// One seeded T4 run's mean |error| every `every` iterations (and at iteration 1, so the
  /// log axis has a first point).
  static func errors(hidden: Int, alpha: Double, iterations: Int, every: Int) throws -> (
    x: [Double], y: [Double]
  ) {
    var x: [Double] = []
    var y: [Double] = []
    _ = try Tutorials.t4Run(hidden: hidden, alpha: alpha, iterations: iterations, reportEvery: 1) {
      report in
      let step = report.step + 1
      if step == 1 || step % every == 0 || (step < every && [2, 5, 10, 20, 50].contains(step)) {
        x.append(Double(step))
        y.append(report.meanAbsoluteError)
      }
    }
    return (x, y)
  }

  public static func figure(iterations: Int = 60000, alphas: [Double] = Tutorials.t4Alphas) throws
    -> Figure
  {
    let figure = Figure(
      width: 980, height: 470, title: "XOR network: error against iteration, by learning rate α")
    let panels = figure.subplots(rows: 1, columns: 2, sharedY: true)
    // A sequential colormap ordered by α reads better than ten unrelated colours.
    let colors = alphas.indices.map {
      Colormap.plasma.color(at: 0.85 * Double($0) / Double(max(1, alphas.count - 1)))
    }
    for (panel, hidden) in zip(panels[0], [4, 32]) {
      panel.title = "hidden layer of \(hidden)"
      panel.xScale = .log
      panel.yScale = .log
      panel.xLabel = "iteration"
      panel.showsGrid = true
      for (alpha, color) in zip(alphas, colors) {
        let (x, y) = try errors(hidden: hidden, alpha: alpha, iterations: iterations, every: 50)
        panel.plot(x, y, label: "α = \(alpha.formatted())", color: color, width: 1.6)
      }
      panel.legend = hidden == 4 ? .lowerLeft : nil
    }
    panels[0][0].yLabel = "mean |error|"
    return figure
  }
}

extension Double {
  /// Shortest text for a parameter value in a label: 0.001, 1, 1000.
  func formatted() -> String {
    self == rounded() && abs(self) < 1e15 ? String(Int(self)) : "\(self)"
  }
}
