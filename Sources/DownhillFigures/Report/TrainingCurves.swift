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
    let zeroNote =
      zeros > 0
      ? " \(zeros) norms are exactly zero or not finite: zeros are marked ▲ on the axis floor, non-finite ones left out."
      : ""
    return ReportFigure(
      name: "gradient-norms",
      caption:
        "The L2 norm of each layer's gradient at every recorded step (every \(history.metadata.every)), on a log axis.\(zeroNote)",
      figure: figure, data: table)
  }

  /// Draws each recorded layer's gradient norm over the recorded steps on `a` (log y). Exact
  /// zeros have no place on a log axis: they are marked with triangles on the axis floor, below
  /// every drawn value, and a note says so; non-finite norms are left out.
  /// - Returns: the numbers drawn (and left out), and how many were not drawn as values.
  public static func drawGradientNorms(_ history: History, on a: Axes) throws -> (
    DataTable, dropped: Int
  ) {
    let steps = history.steps
    var table = DataTable(header: ["step", "layer", "gradient_norm"])
    var dropped = 0
    var zeros: [(layer: Int, steps: [Double])] = []
    var positive: [Double] = []
    for (i, layer) in history.metadata.recordedLayers.enumerated() {
      let norms = try history.gradientNorms(layer: layer)
      for (s, n) in zip(steps, norms) { table.append([s, layer, n]) }
      let kept = zip(steps, norms).filter { $0.1 > 0 && $0.1.isFinite }
      dropped += norms.count - kept.count
      positive += kept.map(\.1)
      zeros.append((i, zip(steps, norms).filter { $0.1 == 0 }.map { Double($0.0) }))
      if !kept.isEmpty {
        plotSmoothed(
          a, kept.map { Double($0.0) }, kept.map(\.1), label: "layer \(layer)",
          color: layerColor(i))
      }
    }
    a.yScale = .log
    a.xLabel = "step"
    a.yLabel = "‖∂C/∂W‖"
    a.showsGrid = true
    a.legend = .best
    let zeroCount = zeros.reduce(0) { $0 + $1.steps.count }
    guard zeroCount > 0, let last = steps.last else { return (table, dropped) }
    // The floor: a little below the smallest drawn value (or a plain 1e-3…1 when nothing is
    // positive), with the zeros' row just above the frame so their markers show whole.
    let lo = positive.min().map(log10) ?? -3
    let hi = positive.max().map(log10) ?? 0
    let span = Swift.max(hi - lo, 1)
    let bottom = positive.isEmpty ? lo : lo - 0.2 * span
    let top = positive.isEmpty ? hi : hi + 0.05 * span
    a.yLimits = pow(10, bottom)...pow(10, top)
    // A margin as autoscaling would give, so the first and last markers show whole.
    let end = Double(Swift.max(last, 1))
    a.xLimits = (-0.03 * end)...(1.03 * end)
    let floor = pow(10, bottom + 0.04 * (top - bottom))
    // Layers zero at the same steps nest: the first layer's triangle is the largest.
    let layers = history.metadata.recordedLayers
    for (i, zeroSteps) in zeros where !zeroSteps.isEmpty {
      a.scatter(
        zeroSteps, Array(repeating: floor, count: zeroSteps.count),
        sizes: [Swift.max(4, 12 - 3 * Double(i))], marker: .triangle,
        label: "layer \(layers[i]): exactly 0", color: layerColor(i))
    }
    if positive.isEmpty {
      // No value to scale the axis by: its numbers would be invented, so it has none.
      a.yTickValues = []
      let middle = Double(Swift.max(last, 1)) / 2
      a.text(
        "every norm is exactly 0 (saturated units):", at: middle,
        pow(10, bottom + 0.55 * (top - bottom)), anchor: TextAnchor(.center, .center))
      a.text(
        "▲ marks them on the axis floor", at: middle, pow(10, bottom + 0.47 * (top - bottom)),
        anchor: TextAnchor(.center, .center))
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
      let color = layerColor(i)
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

  /// The colour of the i-th recorded layer where several share one axes. The first three are
  /// at least 25 ΔE2000 apart under simulated deuteranopia, protanopia and tritanopia (tab10's
  /// orange and green are 1.3 apart for protanopes); further layers continue with the cycle.
  static func layerColor(_ i: Int) -> Color {
    let safe = [0x1f77b4, 0xd95f02, 0x4b4b4b].map { Color(hex: $0) }
    let cycle = Theme.standard.cycle
    return i < safe.count ? safe[i] : cycle[(i - safe.count + 4) % cycle.count]
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
