import Downhill
import DownhillPlot
import Foundation

/// T4's second variant: for each weight, how often its update changed sign between consecutive
/// iterations. Overshooting learning rates flip constantly; the heatmaps show where.
public enum SignFlips {
  static func counts(alpha: Double, hidden: Int, iterations: Int) throws -> [Matrix] {
    // Records only step 0; the running flip counts cover every step.
    let run = try Tutorials.t4Run(
      hidden: hidden, alpha: alpha, iterations: iterations,
      history: HistoryOptions(every: max(iterations, 1)))
    guard let history = run.history else { return [] }
    return try [history.runningFlipCounts(layer: 0), history.runningFlipCounts(layer: 1)]
  }

  public static func figure(
    alphas: [Double] = [0.1, 1, 10, 100], hidden: Int = 4, iterations: Int = 60000
  ) throws -> Figure {
    let all = try alphas.map { try counts(alpha: $0, hidden: hidden, iterations: iterations) }
    // One colour scale for every panel, so a colour means the same count at every α.
    let highest = all.flatMap { $0.flatMap(\.values) }.max() ?? 0
    let range = 0...Swift.max(highest, 1)
    let figure = Figure(
      width: 900, height: 190 + 185 * Double(alphas.count),
      title:
        "How often each weight's update changed direction (\(iterations.formatted(.number.locale(Locale(identifier: "en_US")))) iterations)"
    )
    let grid = figure.subplots(rows: alphas.count, columns: 2)
    for (row, alpha) in alphas.enumerated() {
      for (column, m) in all[row].enumerated() {
        let a = grid[row][column]
        a.heatmap(
          rows: m.rows, columns: m.columns, values: m.values, colormap: .viridis, range: range)
        // The shared scale is explained once per row, beside the right-hand panel.
        a.colorbarLabel = column == 1 ? "flips" : nil
        a.title = "α = \(alpha.formatted()): synapse \(column)"
        a.xLabel = row == alphas.count - 1 ? (column == 0 ? "hidden unit" : "output") : nil
        a.yLabel = column == 0 ? "input (3rd = bias)" : "hidden unit"
        for r in 0..<m.rows {
          for k in 0..<m.columns {
            let v = m[r, k]
            let t = (v - range.lowerBound) / (range.upperBound - range.lowerBound)
            a.text(
              "\(Int(v))", at: Double(k), Double(r), anchor: TextAnchor(.center, .center),
              color: textColor(on: Colormap.viridis.color(at: t)))
          }
        }
      }
    }
    return figure
  }

  /// White or near-black, whichever contrasts more with the cell (WCAG relative luminance).
  static func textColor(on cell: Color) -> Color {
    func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
    let l = 0.2126 * linear(cell.red) + 0.7152 * linear(cell.green) + 0.0722 * linear(cell.blue)
    let dark = Color(hex: 0x1a1a1a)
    // #1a1a1a's luminance is 0.0103: compare (1.05)/(l + 0.05) with (l + 0.05)/(0.0603).
    return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0603 ? .white : dark
  }
}
