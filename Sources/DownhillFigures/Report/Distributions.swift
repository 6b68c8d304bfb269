import Downhill
import DownhillPlot

/// TensorBoard's distribution view of a layer's weights or gradients over training: at each
/// recorded step the minimum, the 7, 16, 31, 50, 69, 84 and 93rd percentiles and the maximum, as
/// nested shaded bands around the median. One layer's records are read at a time.
public enum Distributions {
  /// TensorBoard's percentiles, as `np.percentile`'s q.
  public static let percentiles = Percentiles.tensorBoard

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
      var samples: [[Double]] = []
      for r in history.steps.indices {
        let q = Percentiles.of(try history.record(array, layer: layer, at: r), percentiles)
        samples.append(q)
        table.append([history.steps[r], layer] + q)
      }
      let curves = percentiles.indices.map { k in samples.map { $0[k] } }
      let a = grid[0][i]
      a.quantileBands(
        x: steps, quantiles: curves, color: Theme.standard.cycle[i % Theme.standard.cycle.count],
        label: "layer \(layer)")
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

  /// TensorBoard's histogram "offset" view: a layer's histogram at about `count` recorded
  /// steps, oldest at the back, over one set of bins per layer.
  public static func histograms(
    _ history: History, of array: HistoryArray, count: Int = 10, bins: Int = 30,
    width: Double = 1100, height: Double = 520
  ) throws -> ReportFigure {
    let layers = history.metadata.recordedLayers
    let records = history.steps.count
    let picked = Array(
      Set(
        (0..<min(count, records)).map {
          records <= 1 ? 0 : $0 * (records - 1) / max(min(count, records) - 1, 1)
        })
    ).sorted()
    let figure = Figure(
      width: width, height: height,
      title: "Histograms of each layer's \(array.rawValue) at \(picked.count) recorded steps")
    let grid = figure.subplots(rows: 1, columns: max(layers.count, 1))
    var table = DataTable(header: ["step", "layer", "bin_low", "bin_high", "count"])
    for (i, layer) in layers.enumerated() {
      let samples = try picked.map { try history.record(array, layer: layer, at: $0) }
      let finite = samples.joined().filter(\.isFinite)
      let range = (finite.min() ?? 0)...(finite.max() ?? 1)
      let histograms = samples.map { Histogram(values: $0, bins: bins, range: range) }
      for (r, h) in zip(picked, histograms) {
        for b in h.counts.indices {
          table.append([history.steps[r], layer, h.edges[b], h.edges[b + 1], h.counts[b]])
        }
      }
      let a = grid[0][i]
      a.ridgeline(
        edges: histograms.first?.edges ?? [0, 1], counts: histograms.map(\.counts),
        labels: picked.map { "step \(history.steps[$0])" },
        color: Theme.standard.cycle[i % Theme.standard.cycle.count])
      a.title = "layer \(layer)"
      a.xLabel = array.rawValue
      a.legend = nil
    }
    return ReportFigure(
      name: "\(array.rawValue)-histograms",
      caption:
        "Each layer's \(array.rawValue) as histograms at \(picked.count) recorded steps, the oldest at the back, the last in front (TensorBoard's offset view); all of a layer's histograms share its bins.",
      figure: figure, data: table)
  }
}
