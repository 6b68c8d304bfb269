import CNumpyMath

/// Buffers for one forward and backward pass, allocated once per training run, so a step of a
/// tiny network costs arithmetic rather than allocation. It reads the weights straight from the
/// flat parameter vector the optimizer updates and writes the flat gradient, computing exactly
/// what `Network.evaluate` computes (both go through dense_network.h, which runs the pass).
final class TrainingWorkspace {
  private let layers: [FlatLayer]
  let capacity: Int
  private(set) var rows = 0
  private let owned: [UnsafeMutablePointer<Double>]
  private let target: UnsafeMutablePointer<Double>
  private let scratch: UnsafeMutablePointer<Double>
  /// The layers and their buffers as the C pass reads them; `rows` follows `load`.
  private let cLayers: UnsafeMutablePointer<downhill_dense_layer>
  private let cPass: UnsafeMutablePointer<downhill_dense_pass>

  init(network: Network, capacity: Int) {
    let layers = FlatLayer.layout(of: network)
    self.layers = layers
    self.capacity = capacity
    var owned: [UnsafeMutablePointer<Double>] = []
    func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
      let p = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
      p.initialize(repeating: 0, count: max(count, 1))
      owned.append(p)
      return p
    }
    target = buffer(capacity * layers.last!.outputs)
    scratch = buffer(capacity * layers.last!.outputs)
    cLayers = .allocate(capacity: layers.count)
    for (l, layer) in layers.enumerated() {
      let a = buffer(capacity * layer.outputs)
      // A folded layer needs its own copy of the previous output with a ones column; otherwise
      // it reads the previous layer's output in place.
      let input = l == 0 || layer.folded ? buffer(capacity * layer.width) : cLayers[l - 1].a!
      cLayers[l] = downhill_dense_layer(
        inputs: layer.inputs, width: layer.width, outputs: layer.outputs, offset: layer.offset,
        folded: layer.folded ? 1 : 0, activation: layer.activation.kind,
        parameter: layer.activation.parameter, input: input, z: buffer(capacity * layer.outputs),
        a: a, delta: buffer(capacity * layer.outputs))
    }
    self.owned = owned
    cPass = .allocate(capacity: 1)
    cPass.initialize(
      to: downhill_dense_pass(
        layers: cLayers, count: layers.count, cost: network.cost.kind, rows: 0, target: target,
        scratch: scratch, crossover: Matrix.blasCrossover))
  }

  deinit {
    for p in owned { p.deallocate() }
    cLayers.deallocate()
    cPass.deallocate()
  }

  /// Copies the examples at `indices` (all rows when nil) into the input and target buffers.
  func load(inputs: Matrix, targets: Matrix, indices: ArraySlice<Int>?) {
    let first = layers[0]
    let outputs = layers.last!.outputs
    rows = indices?.count ?? inputs.rows
    cPass.pointee.rows = rows
    inputs.values.withUnsafeBufferPointer { x in
      targets.values.withUnsafeBufferPointer { t in
        for r in 0..<rows {
          let source = indices.map { $0[$0.startIndex + r] } ?? r
          let row = cLayers[0].input + r * first.width
          for c in 0..<first.inputs { row[c] = x[source * inputs.columns + c] }
          if first.folded { row[first.inputs] = 1 }
          for c in 0..<outputs { target[r * outputs + c] = t[source * outputs + c] }
        }
      }
    }
  }

  /// Forward and backward over the loaded batch; returns the loss and fills `gradient`.
  func pass(parameters: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
    downhill_dense_pass(cPass, parameters, gradient)
  }

  /// mean |output − target| over the loaded batch (numpy's `np.mean(np.abs(e))`).
  func meanAbsoluteError() -> Double {
    let last = layers.count - 1
    let count = rows * layers[last].outputs
    let output = cLayers[last].a!
    for i in 0..<count { scratch[i] = abs(output[i] - target[i]) }
    return count == 0 ? .nan : Kernels.pairwiseSum(scratch, count) / Double(count)
  }

  /// The fraction of the loaded batch classified right (`Network.classifiedRight`), from the
  /// outputs of the last pass.
  func accuracy() -> Double {
    let outputs = layers.last!.outputs
    let output = cLayers[layers.count - 1].a!
    var correct = 0
    for r in 0..<rows
    where Network.classifiedRight(
      columns: outputs, output: { output[r * outputs + $0] }, target: { target[r * outputs + $0] })
    {
      correct += 1
    }
    return rows == 0 ? .nan : Double(correct) / Double(rows)
  }
}
