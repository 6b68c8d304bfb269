import Downhill
import DownhillPlot

/// The loss recomputed around a run on its data: along the straight line from the initial to the
/// final weights (Goodfellow et al. 2015), in the PCA plane of its path, and over two random
/// filter-normalised directions (Li et al. 2018).
public enum LossAroundRun {
  /// The loss at (1 − t)·θ₀ + t·θ₁ for t from −0.5 to 1.5.
  public static func interpolation(
    _ history: History, data: ReportData, points: Int = 81, width: Double = 800,
    height: Double = 460
  ) throws -> ReportFigure {
    guard let final = history.finalParameters, history.steps.first == 0,
      history.metadata.recordedLayers == Array(0..<(history.metadata.layerSizes.count - 1))
    else {
      throw DownhillError.invalidArgument(
        "the interpolation needs the initial weights of every layer and the final ones (a history of format 2 recording every layer)"
      )
    }
    let initial = try history.parameters(atStep: 0)
    let network = try history.metadata.network(parameters: final)
    let ts = LossLandscape.interpolationSteps(count: points)
    let values = try LossLandscape.interpolation(
      network: network, inputs: data.dataset.inputs, targets: data.dataset.targets, from: initial,
      to: final, steps: ts)
    let figure = Figure(
      width: width, height: height, title: "Loss on the straight line from initial to final weights"
    )
    let a = figure.axes
    a.plot(ts, values, label: "loss at (1 − t)·θ₀ + t·θ₁")
    let loss = try network.lossFunction(inputs: data.dataset.inputs, targets: data.dataset.targets)
    a.scatter([0, 1], [loss(initial), loss(final)], sizes: [8], label: "initial, final weights")
    a.xLabel = "t"
    a.yLabel = "\(history.metadata.cost.rawValue) loss"
    a.yScale = Double.spansDecades(values) ? .log : .linear
    a.showsGrid = true
    a.legend = .best
    var table = DataTable(header: ["t", "loss"])
    for (t, v) in zip(ts, values) { table.append([t, v]) }
    return ReportFigure(
      name: "interpolation",
      caption:
        "The loss\(data.note.map { " " + $0 } ?? "") along the line through the initial (t = 0) and final (t = 1) weights; a monotone fall means no barrier lay on the direct way.",
      figure: figure, data: table)
  }

  /// The landscape's two panels: the random plane as a 3D surface, the PCA plane as filled
  /// contours with the training path over them.
  public static func landscape(
    _ landscape: RunLandscape, title: String, pathLabel: String, width: Double = 1200,
    height: Double = 560
  ) -> Figure {
    let l = landscape
    let f = Figure(width: width, height: height, title: title)
    f.subplots(rows: 1, columns: 2)
    let a3 = f.axes3D(row: 0, column: 0)
    LandscapeFigure.surface(l.randomPlane, on: a3, directions: "direction")
    a3.title = "random filter-normalised directions"
    let a = f.grid[0][1]
    let p = l.pcaPlane
    a.contourFilled(
      x: p.alphas, y: p.betas, z: p.values, levels: .logarithmic(12), colormap: .viridis)
    // Labels dark on a pale box, placed off the path: readable on every band of the colormap.
    a.contour(
      x: p.alphas, y: p.betas, z: p.values, levels: .logarithmic(12), colormap: nil, labels: true,
      color: Color(hex: 0xffffff, alpha: 0.6), width: 0.6, labelColor: Color(hex: 0x1a1a1a),
      labelBackground: Color(hex: 0xffffff, alpha: 0.8))
    // Amber on a dark halo: one of the two edges is at least 3.1:1 on every viridis band.
    a.plot(
      l.pca.alphas, l.pca.betas, label: pathLabel, color: Color(hex: 0xffb000), width: 2,
      marker: .circle, markerSize: 3, halo: Color(hex: 0x1a1a1a))
    a.scatter(
      [l.pca.alphas[0]], [l.pca.betas[0]], sizes: [10], label: "start", color: .white,
      edgeColor: Color(hex: 0x1a1a1a))
    a.scatter(
      [0], [0], sizes: [10], label: "trained", color: Color(hex: 0xd62728),
      edgeColor: Color(hex: 0x1a1a1a))
    let r = l.pca.explainedVarianceRatio
    a.title = "PCA plane of the path"
    a.xLabel = "PC 1 (\(DecimalText.fixed(r.first * 100, decimals: 1)) % of variance)"
    a.yLabel = "PC 2 (\(DecimalText.fixed(r.second * 100, decimals: 1)) %)"
    a.legend = .best
    return f
  }

  /// The report's landscape figure of a saved run, with the grids behind it.
  public static func landscape(
    _ history: History, data: ReportData, gridSize: Int = 31, span: Double = 1
  ) throws -> ReportFigure {
    let l = try RunLandscape.compute(
      history: history, dataset: data.dataset, gridSize: gridSize, span: span)
    let figure = landscape(
      l,
      title:
        "Loss landscape around the trained weights (\(TrainingCurves.describe(history.metadata)))",
      pathLabel: "training path (\(history.loggedSteps.count) steps)")
    var table = DataTable(header: ["plane", "alpha", "beta", "loss"])
    for (plane, grid) in [("random", l.randomPlane), ("pca", l.pcaPlane)] {
      for (r, beta) in grid.betas.enumerated() {
        for (c, alpha) in grid.alphas.enumerated() {
          table.append([plane, alpha, beta, grid[c, r]])
        }
      }
    }
    return ReportFigure(
      name: "landscape",
      caption:
        "The loss\(data.note.map { " " + $0 } ?? "") around the final weights. Left: over two random directions, each filter scaled to the weights' norm (Li et al. 2018). Right: in the plane of the path's two principal components, with the path projected onto it; the contours are the loss in that plane, which the path itself may leave.",
      figure: figure, data: table)
  }
}
