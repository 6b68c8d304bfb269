/// A network's loss on fixed data as a plain function of its flat parameter vector: the cost a
/// `CostSurface` samples tens of thousands of times.
///
/// It computes exactly the loss `Network.evaluate(inputs:targets:)` computes (both go through
/// `Kernels`), forward pass only, with its activations in one stack-allocated scratch block per
/// call: no matrices, no heap allocation per point for small networks, and no shared mutable
/// state, so any number of threads may call it at once.
struct NetworkLoss: Sendable {
  private let layers: [FlatLayer]
  private let cost: Cost
  private let rows: Int
  /// The prepared inputs, row-major, with the first layer's ones column when folded.
  private let inputs: [Double]
  private let targets: [Double]
  let parameterCount: Int
  /// Doubles of scratch one call needs: each layer's (folded) input copy, z and a.
  private let scratchCount: Int

  init(network: Network, inputs raw: Matrix, targets: Matrix) throws {
    let x = try network.prepare(inputs: raw)
    try network.check(targets: targets, examples: x.rows)
    let layers = FlatLayer.layout(of: network)
    self.layers = layers
    parameterCount = network.parameterCount
    cost = network.cost
    let rows = x.rows
    self.rows = rows
    self.targets = targets.values
    let first = layers[0]
    if first.folded {
      var withOnes: [Double] = []
      withOnes.reserveCapacity(rows * first.width)
      for r in 0..<rows {
        withOnes.append(contentsOf: x.values[(r * first.inputs)..<((r + 1) * first.inputs)])
        withOnes.append(1)
      }
      inputs = withOnes
    } else {
      inputs = x.values
    }
    // Layers after the first need a copy of their input only to append the ones column.
    scratchCount = layers.enumerated().reduce(0) { total, item in
      let (l, layer) = item
      return total + (l > 0 && layer.folded ? rows * layer.width : 0) + 2 * rows * layer.outputs
    }
  }

  /// The loss at `parameters`; NaN when the vector has the wrong length (a surface checks the
  /// length up front, so this only guards direct misuse).
  func callAsFunction(_ parameters: [Double]) -> Double {
    guard parameters.count == parameterCount, rows > 0 else { return .nan }
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(scratchCount, 1)) {
      scratch in
      parameters.withUnsafeBufferPointer { p in
        inputs.withUnsafeBufferPointer { x in
          targets.withUnsafeBufferPointer { t in
            loss(
              parameters: p.baseAddress!, inputs: x.baseAddress!, targets: t.baseAddress!,
              scratch: scratch.baseAddress!)
          }
        }
      }
    }
  }

  private func loss(
    parameters: UnsafePointer<Double>, inputs: UnsafePointer<Double>,
    targets: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>
  ) -> Double {
    var free = scratch
    var previous = inputs
    var z = scratch
    var a = scratch
    for (l, layer) in layers.enumerated() {
      var input = previous
      if l > 0 && layer.folded {
        let copy = free
        free += rows * layer.width
        for r in 0..<rows {
          for c in 0..<layer.inputs { copy[r * layer.width + c] = previous[r * layer.inputs + c] }
          copy[r * layer.width + layer.inputs] = 1
        }
        input = UnsafePointer(copy)
      }
      z = free
      free += rows * layer.outputs
      a = free
      free += rows * layer.outputs
      Kernels.gemm(
        m: rows, n: layer.outputs, k: layer.width, a: input, lda: layer.width,
        transposingA: false, b: parameters + layer.offset, ldb: layer.outputs,
        transposingB: false, c: z, ldc: layer.outputs)
      Kernels.forward(layer.activation, z: z, a: a, rows: rows, columns: layer.outputs)
      previous = UnsafePointer(a)
    }
    // The cost's per-element terms go where the last z was: it is no longer needed.
    return Kernels.costValue(
      cost, o: a, t: targets, terms: z, rows: rows, columns: layers[layers.count - 1].outputs)
  }
}

extension Network {
  /// The loss on `inputs`/`targets` as a function of the flat parameter vector (layer by layer,
  /// each weight matrix row-major, as `parameters`), for `CostSurface`.
  ///
  /// The data is validated and prepared once (ones column appended for `.input` bias when
  /// missing); each call then runs one allocation-free forward pass and returns the same loss as
  /// `evaluate(inputs:targets:)`. A vector of the wrong length gives NaN.
  public func lossFunction(inputs: Matrix, targets: Matrix) throws
    -> @Sendable ([Double]) -> Double
  {
    let loss = try NetworkLoss(network: self, inputs: inputs, targets: targets)
    return { loss($0) }
  }

  /// The index in the flat `parameters` vector of weight (`row`, `column`) of layer `layer`
  /// (rows are inputs, the bias row last when present; columns are output neurons).
  public func parameterIndex(layer: Int, row: Int, column: Int) throws -> Int {
    guard layers.indices.contains(layer) else {
      throw DownhillError.invalidArgument(
        "layer \(layer) does not exist: the network has layers 0..<\(layers.count)")
    }
    let w = layers[layer].weights
    guard (0..<w.rows).contains(row), (0..<w.columns).contains(column) else {
      throw DownhillError.invalidArgument(
        "weight (\(row), \(column)) is outside layer \(layer)'s \(w.rows)×\(w.columns) weights")
    }
    let offset = layers[..<layer].reduce(0) { $0 + $1.weights.values.count }
    return offset + row * w.columns + column
  }
}
