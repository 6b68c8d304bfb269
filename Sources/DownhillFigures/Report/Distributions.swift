import Downhill
import DownhillPlot

/// TensorBoard's distribution view of a layer's weights or gradients over training: at each
/// recorded step the minimum, the 7, 16, 31, 50, 69, 84 and 93rd percentiles and the maximum, as
/// nested shaded bands around the median. One layer's records are read at a time.
public enum Distributions {
  /// TensorBoard's percentiles, as `np.percentile`'s q.
  public static let percentiles: [Double] = [0, 7, 16, 31, 50, 69, 84, 93, 100]

  public static func figure(
    _ history: History, of array: HistoryArray, width: Double = 1100, height: Double = 440
  ) throws -> ReportFigure {
    let layers = history.metadata.recordedLayers
    let figure = Figure(
      width: width, height: height,
      title: "Distribution of each layer's \(array.rawValue) over training")
    let grid = figure.subplots(rows: 1, columns: max(layers.count, 1))
    let steps = history.steps.map(Double.init)
    var table = DataTable(
      header: ["step", "layer"]
        + percentiles.map { $0 == 0 ? "min" : $0 == 100 ? "max" : "p\(Int($0))" })
    for (i, layer) in layers.enumerated() {
      var curves = Array(repeating: [Double](), count: percentiles.count)
      for r in history.steps.indices {
        let q = quantiles(try history.record(array, layer: layer, at: r), percentiles)
        for k in q.indices { curves[k].append(q[k]) }
        table.append([history.steps[r], layer] + q)
      }
      let a = grid[0][i]
      let color = Theme.standard.cycle[i % Theme.standard.cycle.count]
      // Outer bands lighter, inner darker; symmetric pairs share a shade.
      for k in 0..<(percentiles.count / 2) {
        a.fillBetween(
          steps, curves[k], curves[percentiles.count - 1 - k], color: color,
          alpha: 0.15 + 0.15 * Double(k))
      }
      a.plot(steps, curves[percentiles.count / 2], label: "median", color: color, width: 1.2)
      a.title = "layer \(layer)"
      a.xLabel = "step"
      a.showsGrid = true
      a.legend = nil
    }
    grid[0][0].yLabel = array.rawValue
    return ReportFigure(
      name: "\(array.rawValue)-distributions",
      caption:
        "Each band holds a share of the layer's \(array.rawValue) at every recorded step: min–max, 7–93 %, 16–84 %, 31–69 %, darker towards the median (line), as TensorBoard's distributions.",
      figure: figure, data: table)
  }

  /// `np.percentile(values, q)` with its default linear interpolation; NaNs are left out.
  public static func quantiles(_ values: [Double], _ q: [Double]) -> [Double] {
    let sorted = values.filter { !$0.isNaN }.sorted()
    guard let last = sorted.indices.last else { return q.map { _ in .nan } }
    return q.map { p in
      let position = p / 100 * Double(last)
      let low = Int(position.rounded(.down))
      let high = min(low + 1, last)
      let t = position - Double(low)
      return sorted[low] + (sorted[high] - sorted[low]) * t
    }
  }
}
