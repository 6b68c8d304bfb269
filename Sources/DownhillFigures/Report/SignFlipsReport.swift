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
        // A bar per count range: the shape of the distribution, not each weight.
        let edges = histogramEdges(counts.values, bins: 30)
        var bins = [Double](repeating: 0, count: edges.count - 1)
        for v in counts.values {
          let b = min(Int((v - edges[0]) / (edges[1] - edges[0])), bins.count - 1)
          bins[max(b, 0)] += 1
        }
        a.step(edges, bins + [bins.last ?? 0], position: .post)
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

  static func histogramEdges(_ values: [Double], bins: Int) -> [Double] {
    let (low, high) = (values.min() ?? 0, values.max() ?? 1)
    let (a, b) = low == high ? (low - 0.5, high + 0.5) : (low, high)
    return (0...bins).map { a + (b - a) * Double($0) / Double(bins) }
  }
}
