/// The loss landscape of a recorded run around the weights it trained to, in the two planes of
/// Li et al. 2018: a random, filter-normalised one and the PCA plane of the training path.
///
/// A figure draws two panels. Left: `randomPlane` over α, β ∈ [−span, span], the trained weights
/// at the origin — the shape of the minimum training found. Right: contours of `pcaPlane` with
/// the training path drawn over them as the polyline (`pca.alphas[t]`, `pca.betas[t]`), from the
/// start to the origin (the trained weights), axes labelled with the components' explained
/// variance (`pca.explainedVarianceRatio`). The path is a projection: the contours are the loss
/// *in the plane*, so the path's own losses can be lower than the contour under it where it
/// leaves the plane.
public struct RunLandscape: Sendable {
  /// The trained network; its `parameters` are the centre of both planes.
  public let network: Network
  /// The filter-normalised random directions (biases zero) spanning `randomPlane`.
  public let randomDirections: (first: [Double], second: [Double])
  /// The loss over centre + α·d₁ + β·d₂ for the random directions.
  public let randomPlane: GridSurface
  /// The PCA plane of the recorded path and each recorded point's coordinates in it.
  public let pca: TrajectoryPCA
  /// The loss over centre + α·pc₁ + β·pc₂, on a grid covering the projected path with a margin.
  public let pcaPlane: GridSurface

  /// Both planes around `network` (the run's trained weights) on `dataset`, with the path of
  /// `history` (every layer recorded), on `gridSize × gridSize` grids.
  ///
  /// - Parameters:
  ///   - network: the trained network, the planes' centre.
  ///   - history: the run's history, every layer recorded.
  ///   - dataset: the data the loss is computed on.
  ///   - directionSeed: seeds the random directions (independent of the training seed).
  ///   - span: the random plane covers [−span, span]² (1 in the paper: one filter norm away).
  ///   - gridSize: points a side of each grid.
  public static func compute(
    network: Network, history: History, dataset: Dataset, directionSeed: UInt32 = 2,
    gridSize: Int = 51, span: Double = 1
  ) throws -> RunLandscape {
    guard gridSize >= 2, gridSize <= 1001, span.isFinite, span > 0 else {
      throw DownhillError.invalidArgument(
        "a landscape needs a grid of 2…1001 points a side and a positive finite span")
    }
    let centre = network.parameters
    // Each plane through `LossLandscape`: the first layer's products with the data made once.
    func plane(_ d1: [Double], _ d2: [Double], _ a: ClosedRange<Double>, _ b: ClosedRange<Double>)
      throws -> GridSurface
    {
      try LossLandscape(
        network: network, inputs: dataset.inputs, targets: dataset.targets, directions: d1, d2
      ).grid(
        alphas: try LossLandscape.axis(from: a.lowerBound, to: a.upperBound, count: gridSize),
        betas: try LossLandscape.axis(from: b.lowerBound, to: b.upperBound, count: gridSize)
      ).surface()
    }

    var directionGenerator = SeededGenerator(seed: directionSeed)
    let random = network.randomDirections(generator: &directionGenerator)
    let randomPlane = try plane(random.first, random.second, -span...span, -span...span)

    let pca = try TrajectoryPCA(history: history, final: centre)
    // Cover the projected path with a quarter of its larger extent to spare on every side.
    let (aLow, aHigh) = (pca.alphas.min()!, pca.alphas.max()!)
    let (bLow, bHigh) = (pca.betas.min()!, pca.betas.max()!)
    let margin = 0.25 * max(aHigh - aLow, bHigh - bLow, 1e-3)
    let pcaPlane = try plane(
      pca.first, pca.second, (aLow - margin)...(aHigh + margin), (bLow - margin)...(bHigh + margin))

    return RunLandscape(
      network: network, randomDirections: random, randomPlane: randomPlane, pca: pca,
      pcaPlane: pcaPlane)
  }

  /// Both planes around a saved run's final weights, on the data it trained on.
  /// - Throws: when the history has no final weights (saved before format 2) or not every layer.
  public static func compute(
    history: History, dataset: Dataset, directionSeed: UInt32 = 2, gridSize: Int = 51,
    span: Double = 1
  ) throws -> RunLandscape {
    guard let final = history.finalParameters else {
      throw DownhillError.invalidArgument(
        "this history has no final weights (saved before history format 2): train it again to draw its landscape"
      )
    }
    return try compute(
      network: try history.metadata.network(parameters: final), history: history,
      dataset: dataset, directionSeed: directionSeed, gridSize: gridSize, span: span)
  }
}

/// T4's XOR network's landscape: the catalogue's `loss-landscape-xor`.
public enum XORLandscape {
  /// Trains T4's network (sizes [3, hidden, 1], seed 1 by default, SGD at `learningRate`,
  /// ½·Σ(o − y)²), recording the weights every `every` steps, then computes its landscape.
  public static func compute(
    hidden: Int = 4, learningRate: Double = 1, iterations: Int = 2000, every: Int = 10,
    seed: UInt32 = 1, directionSeed: UInt32 = 2, gridSize: Int = 51, span: Double = 1
  ) throws -> RunLandscape {
    guard gridSize >= 2, span.isFinite, span > 0, iterations >= 1, learningRate > 0 else {
      throw DownhillError.invalidArgument(
        "the XOR landscape needs gridSize ≥ 2, span > 0, iterations ≥ 1 and learningRate > 0")
    }
    let data = Dataset.t4XOR
    var generator = SeededGenerator(seed: seed)
    var network = try Tutorials.t4Network(hidden: hidden, generator: &generator)
    var optimizer = SGD(learningRate: learningRate)
    let training = TrainingOptions(iterations: iterations)
    let history = try History(
      network: network, optimizer: optimizer, dataset: data, training: training, seed: seed,
      options: HistoryOptions(every: every))
    try network.train(on: data, using: &optimizer, options: training, history: history)
    return try RunLandscape.compute(
      network: network, history: history, dataset: data, directionSeed: directionSeed,
      gridSize: gridSize, span: span)
  }
}
