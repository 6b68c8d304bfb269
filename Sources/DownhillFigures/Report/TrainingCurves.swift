import Downhill
import DownhillPlot
import Foundation

/// The report's curves over training steps: loss, gradient norms, weight norms and update ratios.
public enum TrainingCurves {
  /// Loss per step (log y where it spans decades); the learning rate beside it when it changes;
  /// test loss and accuracy per epoch where the run has a test set.
  public static func loss(_ history: History, width: Double = 1000, height: Double = 420)
    -> ReportFigure
  {
    let steps = history.loggedSteps.map(Double.init)
    let losses = history.loggedLosses
    let rates = history.loggedLearningRates
    let ratesChange = Set(rates.filter { !$0.isNaN }).count > 1
    let epochs = history.epochs
    let panels = 1 + (ratesChange ? 1 : 0) + (epochs.isEmpty ? 0 : 1)
    let figure = Figure(
      width: width, height: height, title: "Loss while training \(describe(history.metadata))")
    let grid = figure.subplots(rows: 1, columns: panels)
    let a = grid[0][0]
    if losses.count > 200 {
      // Mini-batch losses are noisy: the raw curve pale, and beside it TensorBoard's smoothing,
      // an exponential moving average with its start bias removed.
      a.plot(
        steps, losses, label: "each step's batch", color: Theme.standard.cycle[0].withAlpha(0.3))
      a.plot(
        steps, smoothed(losses, weight: 0.95), label: "smoothed (EMA 0.95)",
        color: Theme.standard.cycle[0])
      a.legend = .upperRight
    } else {
      a.plot(steps, losses, label: "training loss (each step's batch)")
      a.legend = nil
    }
    a.yScale = Double.spansDecades(losses) ? .log : .linear
    a.xLabel = "step"
    a.yLabel = "\(history.metadata.cost.rawValue) loss"
    a.showsGrid = true
    var column = 1
    if ratesChange {
      let r = grid[0][column]
      r.plot(steps, rates, color: Theme.standard.cycle[1])
      r.title = "learning rate"
      r.xLabel = "step"
      r.yScale = Double.spansDecades(rates) ? .log : .linear
      r.showsGrid = true
      column += 1
    }
    if !epochs.isEmpty {
      let e = grid[0][column]
      let x = epochs.map { Double($0.epoch) }
      e.plot(x, epochs.map(\.testLoss), label: "test loss", marker: .circle)
      if epochs.allSatisfy({ $0.testAccuracy != nil }) {
        e.plot(
          x, epochs.map { 1 - $0.testAccuracy! }, label: "test error (1 − accuracy)",
          marker: .square)
      }
      e.title = "test set, after each epoch"
      e.xLabel = "epoch"
      e.xTickValues = x
      e.showsGrid = true
      e.legend = .upperRight
    }
    var table = DataTable(header: ["step", "loss", "learning_rate"])
    for i in steps.indices { table.append([history.loggedSteps[i], losses[i], rates[i]]) }
    return ReportFigure(
      name: "loss",
      caption:
        "The loss of each step's batch, before its update\(epochs.isEmpty ? "" : "; the test set's loss and error after each epoch").",
      figure: figure, data: table)
  }

  /// The L2 norm of each recorded layer's gradient over the recorded steps, log y: where
  /// gradients vanish or explode. Exact zeros cannot sit on a log axis; the caption counts them.
  public static func gradientNorms(_ history: History, width: Double = 900, height: Double = 480)
    throws -> ReportFigure
  {
    let figure = Figure(width: width, height: height, title: "Gradient norm per layer")
    let (table, zeros) = try drawGradientNorms(history, on: figure.axes)
    let zeroNote = zeros > 0 ? " \(zeros) exactly zero or non-finite norms are not drawn." : ""
    return ReportFigure(
      name: "gradient-norms",
      caption:
        "The L2 norm of each layer's gradient at every recorded step (every \(history.metadata.every)), on a log axis.\(zeroNote)",
      figure: figure, data: table)
  }

  /// Draws each recorded layer's gradient norm over the recorded steps on `a` (log y), leaving
  /// out norms that are exactly zero or not finite, and says so on the axes when none is left.
  /// - Returns: the numbers drawn (and left out), and how many were left out.
  public static func drawGradientNorms(_ history: History, on a: Axes) throws -> (
    DataTable, dropped: Int
  ) {
    let steps = history.steps
    var table = DataTable(header: ["step", "layer", "gradient_norm"])
    var dropped = 0
    for (i, layer) in history.metadata.recordedLayers.enumerated() {
      let norms = try history.gradientNorms(layer: layer)
      for (s, n) in zip(steps, norms) { table.append([s, layer, n]) }
      let kept = zip(steps, norms).filter { $0.1 > 0 && $0.1.isFinite }
      dropped += norms.count - kept.count
      plotSmoothed(
        a, kept.map { Double($0.0) }, kept.map(\.1), label: "layer \(layer)",
        color: Theme.standard.cycle[i % Theme.standard.cycle.count])
    }
    a.yScale = .log
    a.xLabel = "step"
    a.yLabel = "‖∂C/∂W‖"
    a.showsGrid = true
    a.legend = .best
    if dropped == table.rows.count, let last = steps.last {
      // Nothing to draw on a log axis: say why instead of inventing a floor.
      a.yLimits = 1e-3...1
      a.xLimits = 0...Double(max(last, 1))
      a.text(
        "every norm is exactly 0 (saturated units)", at: Double(last) / 2, 0.03,
        anchor: TextAnchor(.center, .center))
      a.legend = nil
    }
    return (table, dropped)
  }

  /// Each layer's weight norm, and the size of its updates relative to its weights
  /// (‖ΔW‖/‖W‖ between consecutive records), with the usual 1e-3 rule of thumb.
  public static func weightNorms(_ history: History, width: Double = 1100, height: Double = 460)
    throws -> ReportFigure
  {
    let figure = Figure(
      width: width, height: height, title: "Weights and the size of their updates")
    let grid = figure.subplots(rows: 1, columns: 2)
    let (norms, ratios) = (grid[0][0], grid[0][1])
    let steps = history.steps
    let every = history.metadata.every
    var table = DataTable(header: ["step", "layer", "weight_norm", "update_ratio"])
    for (i, layer) in history.metadata.recordedLayers.enumerated() {
      let color = Theme.standard.cycle[i % Theme.standard.cycle.count]
      var weightNorms: [Double] = []
      var updateRatios: [Double] = []
      var previous: [Double]?
      for r in steps.indices {
        let w = try history.record(.weights, layer: layer, at: r)
        let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
        weightNorms.append(norm)
        if let previous {
          let change = zip(w, previous).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
          updateRatios.append(change.squareRoot() / max(weightNorms[r - 1], .leastNormalMagnitude))
        } else {
          updateRatios.append(.nan)
        }
        previous = w
        table.append([steps[r], layer, norm, updateRatios[r]])
      }
      norms.plot(steps.map(Double.init), weightNorms, label: "layer \(layer)", color: color)
      let kept = zip(steps, updateRatios).filter { $0.1 > 0 && $0.1.isFinite }
      plotSmoothed(
        ratios, kept.map { Double($0.0) }, kept.map(\.1), label: "layer \(layer)", color: color)
    }
    norms.title = "‖W‖ per layer"
    norms.xLabel = "step"
    norms.showsGrid = true
    norms.legend = .best
    ratios.horizontalLine(at: 1e-3, label: "1e-3 (rule of thumb)")
    ratios.title = every == 1 ? "‖ΔW‖ / ‖W‖ per step" : "‖ΔW‖ / ‖W‖ over \(every) steps"
    ratios.xLabel = "step"
    ratios.yScale = .log
    ratios.showsGrid = true
    ratios.legend = .best
    return ReportFigure(
      name: "weight-norms",
      caption:
        "Left: the L2 norm of each layer's weights. Right: how much they change between recorded steps, relative to their size; updates far below 1e-3 learn slowly, far above it unstably.",
      figure: figure, data: table)
  }

  /// A series over steps: with markers when there are few points; when there are many (noisy
  /// mini-batch values), pale, with its smoothed curve over it carrying the label.
  static func plotSmoothed(_ a: Axes, _ x: [Double], _ y: [Double], label: String, color: Color) {
    guard y.count > 200 else {
      a.plot(x, y, label: label, color: color, marker: .circle, markerSize: 3)
      return
    }
    a.plot(x, y, color: color.withAlpha(0.25))
    a.plot(x, smoothed(y, weight: 0.95), label: label, color: color)
  }

  /// TensorBoard's scalar smoothing: an exponential moving average, debiased at the start.
  public static func smoothed(_ values: [Double], weight: Double) -> [Double] {
    var average = 0.0
    var out: [Double] = []
    out.reserveCapacity(values.count)
    for (i, v) in values.enumerated() {
      average = weight * average + (1 - weight) * v
      out.append(average / (1 - pow(weight, Double(i + 1))))
    }
    return out
  }

  /// "xor, 2-4-1 sigmoid, sgd α = 1": what a title says of a run.
  static func describe(_ meta: RunMetadata) -> String {
    let activations = Array(Set(meta.activations.map(\.name))).sorted()
    let rate = meta.hyperParameters["learningRate"].map { " α = \($0)" } ?? ""
    return
      "\(meta.dataset), \(meta.layerSizes.map(String.init).joined(separator: "-")) \(activations.joined(separator: "/")), \(meta.optimizer)\(rate)"
  }
}
