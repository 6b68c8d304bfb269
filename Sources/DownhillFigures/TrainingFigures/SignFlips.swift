import Downhill
import DownhillPlot

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
    let figure = Figure(
      width: 900, height: 200 + 150 * Double(alphas.count),
      title: "How often each weight's update changed direction (60,000 iterations)")
    let grid = figure.subplots(rows: alphas.count, columns: 2)
    for (row, alpha) in alphas.enumerated() {
      let c = try counts(alpha: alpha, hidden: hidden, iterations: iterations)
      for (column, m) in c.enumerated() {
        let a = grid[row][column]
        a.heatmap(rows: m.rows, columns: m.columns, values: m.values, colormap: .viridis)
        a.colorbarLabel = ""
        a.title = "α = \(alpha.formatted()): synapse \(column)"
        a.xLabel = row == alphas.count - 1 ? (column == 0 ? "hidden unit" : "output") : nil
        a.yLabel = column == 0 ? "input (3rd = bias)" : "hidden unit"
        for r in 0..<m.rows {
          for k in 0..<m.columns {
            let v = m[r, k]
            let (lo, hi) = (m.values.min() ?? 0, m.values.max() ?? 0)
            let t = hi > lo ? (v - lo) / (hi - lo) : 0
            a.text(
              "\(Int(v))", at: Double(k), Double(r), anchor: TextAnchor(.center, .center),
              color: t > 0.6 ? Color(hex: 0x1a1a1a) : .white)
          }
        }
      }
    }
    return figure
  }
}
