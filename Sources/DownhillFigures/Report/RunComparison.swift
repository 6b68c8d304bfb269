import Downhill
import DownhillPlot

/// Several runs' loss curves on one axes, as TensorBoard overlays runs, each labelled by what
/// sets it apart from the others in its meta.json.
public enum RunComparison {
  public static func figure(
    _ runs: [(name: String, history: History)], title: String? = nil, width: Double = 900,
    height: Double = 520
  ) -> ReportFigure {
    let labels = self.labels(runs)
    let figure = Figure(width: width, height: height, title: title ?? "Loss of \(runs.count) runs")
    let a = figure.axes
    var table = DataTable(header: ["run", "step", "loss"])
    var all: [Double] = []
    for (i, run) in runs.enumerated() {
      let h = run.history
      a.plot(
        h.loggedSteps.map(Double.init), h.loggedLosses, label: labels[i],
        color: Theme.standard.cycle[i % Theme.standard.cycle.count])
      for (s, l) in zip(h.loggedSteps, h.loggedLosses) { table.append([run.name, s, l]) }
      all += h.loggedLosses
    }
    a.yScale = Double.spansDecades(all) ? .log : .linear
    a.xLabel = "step"
    a.yLabel = "loss"
    a.showsGrid = true
    a.legend = .best
    return ReportFigure(
      name: "compare", caption: "Each run's loss per step; the legend names what differs.",
      figure: figure, data: table)
  }

  /// Each run's settings that differ between the runs ("optimizer=adam, learningRate=0.01"), or
  /// its name when none do.
  public static func labels(_ runs: [(name: String, history: History)]) -> [String] {
    let all = runs.map { Self.settings(of: $0.history.metadata) }
    let keys = Set(all.flatMap(\.keys)).sorted().filter { key in
      Set(all.map { $0[key] ?? "–" }).count > 1
    }
    return zip(runs, all).map { run, s in
      keys.isEmpty ? run.name : keys.map { "\($0)=\(s[$0] ?? "–")" }.joined(separator: ", ")
    }
  }

  static func settings(of m: RunMetadata) -> [String: String] {
    var s: [String: String] = [
      "dataset": m.dataset, "layers": m.layerSizes.map(String.init).joined(separator: "-"),
      "activations": m.activations.map(\.name).joined(separator: ","), "bias": m.bias.rawValue,
      "cost": m.cost.rawValue, "optimizer": m.optimizer, "seed": m.seed.map(String.init) ?? "–",
      "batch": m.batchSize.map(String.init) ?? "full",
    ]
    for (k, v) in m.hyperParameters where k != "iterations" && k != "batchSize" {
      s[k == "learningRate" ? "α" : k] = "\(v)"
    }
    return s
  }
}
