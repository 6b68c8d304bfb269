/// How a network's first weights are drawn from the seeded generator.
public enum Initialization: String, Sendable, CaseIterable, Codable {
  /// `2·random((inputs, outputs)) − 1`, layer by layer (T4).
  case symmetricUniform = "uniform"
  /// `random((outputs, inputs + 1))`, in the T5 DNN's own (next, current + 1) shape.
  case tutorialDNN = "dnn"
  /// `normal(0, √(2 / inputs), (inputs, outputs))` (He), for deeper or wider networks.
  case he
}

/// A stack of dense layers trained on a cost, its parameters viewable as one flat vector so any
/// `Optimizer` can update them.
public struct Network: Sendable {
  public var layers: [DenseLayer]
  public let bias: BiasMode
  public var cost: Cost

  /// The layer sizes as given (for `.input`, the first size counts the ones column).
  public var sizes: [Int] { [layers[0].inputCount] + layers.map(\.outputCount) }

  /// Builds a network and draws its weights from `generator` in the tutorials' order.
  ///
  /// - Parameters:
  ///   - sizes: units per layer, input first, e.g. `[3, 4, 1]`.
  ///   - activations: one per weight layer, or a single one for all.
  ///   - bias: where the bias lives (none, a ones column in the data, or a row per layer).
  ///   - cost: what training minimises.
  ///   - initialization: how the first weights are drawn.
  ///   - generator: the seeded source of those weights.
  public init(
    sizes: [Int], activations: [Activation], bias: BiasMode, cost: Cost,
    initialization: Initialization, generator: inout SeededGenerator
  ) throws {
    guard sizes.count >= 2 else {
      throw DownhillError.invalidArgument("a network needs at least two layer sizes, got \(sizes)")
    }
    guard sizes.allSatisfy({ $0 > 0 }) else {
      throw DownhillError.invalidArgument("layer sizes must be positive, got \(sizes)")
    }
    guard activations.count == 1 || activations.count == sizes.count - 1 else {
      throw DownhillError.invalidArgument(
        "give one activation or \(sizes.count - 1), got \(activations.count)")
    }
    let folded = bias == .folded
    // Counted with checked arithmetic before anything is allocated.
    var total = 0
    for i in 0..<(sizes.count - 1) {
      let (count, overflow) = sizes[i].addingReportingOverflow(folded ? 1 : 0)
        .partialValue.multipliedReportingOverflow(by: sizes[i + 1])
      let (sum, overflow2) = total.addingReportingOverflow(count)
      guard sizes[i] < Int.max, !overflow, !overflow2, sum <= Network.maximumParameters else {
        throw DownhillError.invalidArgument(
          "layer sizes \(sizes) need more than \(Network.maximumParameters) weights: use smaller layers"
        )
      }
      total = sum
    }
    var layers: [DenseLayer] = []
    for i in 0..<(sizes.count - 1) {
      let inputs = sizes[i] + (folded ? 1 : 0)
      let outputs = sizes[i + 1]
      let w: Matrix
      switch initialization {
      case .symmetricUniform:
        w = generator.random(rows: inputs, columns: outputs).map { 2 * $0 - 1 }
      case .tutorialDNN:
        w = generator.random(rows: outputs, columns: inputs).transposed
      case .he:
        w = generator.normal(
          mean: 0, standardDeviation: (2 / Double(inputs)).squareRoot(), rows: inputs,
          columns: outputs)
      }
      let activation = activations.count == 1 ? activations[0] : activations[i]
      layers.append(DenseLayer(weights: w, activation: activation, foldedBias: folded))
    }
    self.layers = layers
    self.bias = bias
    self.cost = cost
  }

  /// The most weights `init(sizes:…)` builds (800 MB as Doubles; training keeps several copies).
  public static let maximumParameters = 100_000_000

  /// A network from given weight matrices (each inputs(+1) × outputs).
  public init(layers: [DenseLayer], bias: BiasMode, cost: Cost) {
    self.layers = layers
    self.bias = bias
    self.cost = cost
  }

  public var parameterCount: Int { layers.reduce(0) { $0 + $1.weights.values.count } }

  /// All weights, layer by layer, each row-major.
  public var parameters: [Double] {
    get { layers.flatMap(\.weights.values) }
    set {
      precondition(newValue.count == parameterCount, "parameter vector has the wrong length")
      var offset = 0
      for i in layers.indices {
        let n = layers[i].weights.values.count
        layers[i].weights.values.replaceSubrange(0..<n, with: newValue[offset..<(offset + n)])
        offset += n
      }
    }
  }

  /// Checks `inputs` against the first layer and appends the ones column for `.input` bias when
  /// the data lacks it.
  public func prepare(inputs: Matrix) throws -> Matrix {
    let expected = layers[0].inputCount
    if inputs.columns == expected { return inputs }
    if bias == .input && inputs.columns == expected - 1 { return inputs.appendingColumn() }
    throw Network.inputMismatch(expected: expected, bias: bias, columns: inputs.columns)
  }

  /// Checks data with `columns` input columns and `targets` target columns against layer
  /// `sizes`, before a network is built (so a wrong, huge first layer is never allocated).
  public static func checkShapes(sizes: [Int], bias: BiasMode, columns: Int, targets: Int) throws {
    guard let first = sizes.first, let last = sizes.last, sizes.count >= 2 else { return }
    if !(columns == first || (bias == .input && columns == first - 1)) {
      throw inputMismatch(expected: first, bias: bias, columns: columns)
    }
    guard targets == last else {
      throw DownhillError.shapeMismatch(
        "the last layer has \(last) outputs, but the targets have \(targets) columns")
    }
  }

  private static func inputMismatch(expected: Int, bias: BiasMode, columns: Int) -> DownhillError {
    let hint = bias == .input ? " (or \(expected - 1) without the ones column)" : ""
    return DownhillError.shapeMismatch(
      "the first layer takes \(expected) inputs\(hint), but the data has \(columns) columns")
  }

  /// Checks `targets` against the last layer.
  public func check(targets: Matrix, examples: Int) throws {
    let outputs = layers[layers.count - 1].outputCount
    guard targets.columns == outputs else {
      throw DownhillError.shapeMismatch(
        "the last layer has \(outputs) outputs, but the targets have \(targets.columns) columns")
    }
    guard targets.rows == examples else {
      throw DownhillError.shapeMismatch(
        "\(examples) input rows but \(targets.rows) target rows")
    }
  }

  /// The outputs for prepared inputs.
  public func forward(_ inputs: Matrix) -> [DenseLayer.Cache] {
    var caches: [DenseLayer.Cache] = []
    caches.reserveCapacity(layers.count)
    var x = inputs
    for layer in layers {
      let cache = layer.forward(x)
      x = cache.a
      caches.append(cache)
    }
    return caches
  }

  /// Predictions for raw inputs (validated, bias column appended if needed).
  public func predict(_ inputs: Matrix) throws -> Matrix {
    try forward(prepare(inputs: inputs)).last!.a
  }

  /// One forward and backward pass over prepared inputs.
  public struct Evaluation: Sendable {
    public var loss: Double
    public var output: Matrix
    /// ∂C/∂W per layer, shaped as the weights.
    public var layerGradients: [Matrix]
    public var gradient: [Double] { layerGradients.flatMap(\.values) }
  }

  /// The reference forward and backward pass (the training loop's `TrainingWorkspace` computes
  /// the same numbers without allocating).
  ///
  /// - Precondition: `inputs` come from `prepare(inputs:)` and `targets` passed
  ///   `check(targets:examples:)`; use `lossAndGradient(inputs:targets:)` for unchecked data.
  public func evaluate(inputs: Matrix, targets: Matrix) -> Evaluation {
    let caches = forward(inputs)
    let last = layers.count - 1
    let output = caches[last].a
    let loss = cost.value(output: output, target: targets)
    var dz =
      cost.fusedGradient(after: layers[last].activation, output: output, target: targets)
      ?? layers[last].activation.backward(
        z: caches[last].z, a: output, upstream: cost.gradient(output: output, target: targets))
    var gradients = [Matrix](repeating: Matrix(rows: 0, columns: 0), count: layers.count)
    for i in stride(from: last, through: 0, by: -1) {
      let (gw, gx) = layers[i].backward(dz: dz, cache: caches[i], needInputGradient: i > 0)
      gradients[i] = gw
      if let gx {
        dz = layers[i - 1].activation.backward(z: caches[i - 1].z, a: caches[i - 1].a, upstream: gx)
      }
    }
    return Evaluation(loss: loss, output: output, layerGradients: gradients)
  }

  /// Validates raw data, then evaluates: the throwing entry point for user data.
  public func lossAndGradient(inputs: Matrix, targets: Matrix) throws -> Evaluation {
    let x = try prepare(inputs: inputs)
    try check(targets: targets, examples: x.rows)
    return evaluate(inputs: x, targets: targets)
  }

  /// The loss and flat gradient at `parameters`, for optimizers that probe other points.
  public func objective(inputs: Matrix, targets: Matrix) -> Objective {
    { parameters in
      var probe = self
      probe.parameters = parameters
      let e = probe.evaluate(inputs: inputs, targets: targets)
      return (e.loss, e.gradient)
    }
  }
}
