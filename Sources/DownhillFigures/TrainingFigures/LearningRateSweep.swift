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

  /// One colour per learning rate, the same in every figure of α: seven colours at least
  /// 18.8 ΔE2000 apart under simulated deuteranopia, protanopia and tritanopia (Machado 2009),
  /// each at least 3:1 against white (scripts/check/palette-cvd.py).
  static let alphaColors: [(alpha: Double, color: Color)] = [
    (0.001, 0x693c69), (0.01, 0x590fff), (0.1, 0x3c96ff), (1, 0x007859), (10, 0x96962c),
    (100, 0xd27896), (1000, 0xa51e00),
  ].map { ($0.0, Color(hex: $0.1)) }

  /// α's colour: that of the nearest tabulated rate (on a log scale).
  public static func color(alpha: Double) -> Color {
    let logAlpha = log10(Swift.max(alpha, 1e-300))
    return alphaColors.min { abs(log10($0.alpha) - logAlpha) < abs(log10($1.alpha) - logAlpha) }!
      .color
  }

  public static func figure(iterations: Int = 60000, alphas: [Double] = Tutorials.t4Alphas) throws
    -> Figure
  {
    let figure = Figure(
      width: 980, height: 470, title: "XOR network: error against iteration, by learning rate α")
    let panels = figure.subplots(rows: 1, columns: 2, sharedY: true)
    for (panel, hidden) in zip(panels[0], [4, 32]) {
      panel.title = "hidden layer of \(hidden)"
      panel.xScale = .log
      panel.yScale = .log
      panel.xLabel = "iteration"
      panel.showsGrid = true
      for alpha in alphas {
        let (x, y) = try errors(hidden: hidden, alpha: alpha, iterations: iterations, every: 50)
        // The largest rate stalls on the same 0.5 plateau as the smallest: dashed, so the line
        // under it shows through the gaps.
        panel.plot(
          x, y, label: "α = \(alpha.formatted())", color: color(alpha: alpha), width: 1.6,
          dash: alpha >= 1000 ? [6, 4] : [])
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
