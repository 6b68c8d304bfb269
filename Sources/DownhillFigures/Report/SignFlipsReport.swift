import Downhill
import DownhillPlot

/// How often each weight's update changed direction over the run (the tutorials' sign flips):
/// a heatmap of the counts for a small layer, their histogram for a large one.
public enum SignFlipsReport {
  /// Layers with at most this many weights are drawn cell by cell.
  public static let heatmapLimit = 400

  public static func figure(_ history: History, width: Double = 1100, height: Double = 420)
    throws -> ReportFigure
  {
    let layers = history.metadata.recordedLayers
    let figure = Figure(
      width: width, height: height, title: "Update sign flips per weight over the run")
    let grid = figure.subplots(rows: 1, columns: max(layers.count, 1))
    var table = DataTable(header: ["layer", "row", "column", "flips"])
    for (i, layer) in layers.enumerated() {
      let counts = try history.flipCounts(layer: layer)
      for r in 0..<counts.rows {
        for c in 0..<counts.columns { table.append([layer, r, c, Int(counts[r, c])]) }
      }
      let a = grid[0][i]
      a.title = "layer \(layer) (\(counts.rows) × \(counts.columns))"
      if counts.values.count <= heatmapLimit {
        a.heatmap(rows: counts.rows, columns: counts.columns, values: counts.values)
        a.xLabel = "output unit"
        a.yLabel = "input (bias last)"
        a.colorbarLabel = "flips"
      } else {
        a.histogram(counts.values, bins: 30)
        a.xLabel = "flips"
        a.yLabel = "weights"
        a.showsGrid = true
      }
      a.legend = nil
    }
    return ReportFigure(
      name: "sign-flips",
      caption:
        "How many times each weight's update changed direction (up after down or down after up) over all \(history.loggedSteps.count) steps.",
      figure: figure, data: table)
  }
}
