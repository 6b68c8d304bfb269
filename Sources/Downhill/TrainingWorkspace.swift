/// Buffers for one forward and backward pass, allocated once per training run, so a step of a
/// tiny network costs arithmetic rather than allocation. It reads the weights straight from the
/// flat parameter vector the optimizer updates and writes the flat gradient, computing exactly
/// what `Network.evaluate` computes (both go through `Kernels`).
final class TrainingWorkspace {
  private let layers: [FlatLayer]
  private let cost: Cost
  let capacity: Int
  private(set) var rows = 0
  // `let` so that reading them in the hot loop needs no exclusivity checks.
  private let owned: [UnsafeMutablePointer<Double>]
  private let input: [UnsafeMutablePointer<Double>]
  private let z: [UnsafeMutablePointer<Double>]
  private let a: [UnsafeMutablePointer<Double>]
  private let delta: [UnsafeMutablePointer<Double>]
  private let target: UnsafeMutablePointer<Double>
  private let scratch: UnsafeMutablePointer<Double>

  init(network: Network, capacity: Int) {
    let layers = FlatLayer.layout(of: network)
    self.layers = layers
    var owned: [UnsafeMutablePointer<Double>] = []
    var input: [UnsafeMutablePointer<Double>] = []
    var z: [UnsafeMutablePointer<Double>] = []
    var a: [UnsafeMutablePointer<Double>] = []
    var delta: [UnsafeMutablePointer<Double>] = []
    cost = network.cost
    self.capacity = capacity
    func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
      let p = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
      p.initialize(repeating: 0, count: max(count, 1))
      owned.append(p)
      return p
    }
    target = UnsafeMutablePointer<Double>.allocate(
      capacity: max(capacity * layers.last!.outputs, 1))
    scratch = UnsafeMutablePointer<Double>.allocate(
      capacity: max(capacity * layers.last!.outputs, 1))
    for (l, layer) in layers.enumerated() {
      // A folded layer needs its own copy of the previous output with a ones column; otherwise
      // it reads the previous layer's output in place.
      if l == 0 || layer.folded {
        input.append(buffer(capacity * layer.width))
      } else {
        input.append(a[l - 1])
      }
      z.append(buffer(capacity * layer.outputs))
      a.append(buffer(capacity * layer.outputs))
      delta.append(buffer(capacity * layer.outputs))
    }
    self.owned = owned
    self.input = input
    self.z = z
    self.a = a
    self.delta = delta
  }

  deinit {
    for p in owned { p.deallocate() }
    target.deallocate()
    scratch.deallocate()
  }

  /// Copies the examples at `indices` (all rows when nil) into the input and target buffers.
  func load(inputs: Matrix, targets: Matrix, indices: ArraySlice<Int>?) {
    let first = layers[0]
    let outputs = layers.last!.outputs
    rows = indices?.count ?? inputs.rows
    inputs.values.withUnsafeBufferPointer { x in
      targets.values.withUnsafeBufferPointer { t in
        for r in 0..<rows {
          let source = indices.map { $0[$0.startIndex + r] } ?? r
          let row = input[0] + r * first.width
          for c in 0..<first.inputs { row[c] = x[source * inputs.columns + c] }
          if first.folded { row[first.inputs] = 1 }
          for c in 0..<outputs { target[r * outputs + c] = t[source * outputs + c] }
        }
      }
    }
  }

  /// Forward and backward over the loaded batch; returns the loss and fills `gradient`.
  func pass(parameters: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
    for (l, layer) in layers.enumerated() {
      if l > 0 && layer.folded {
        let previous = a[l - 1]
        for r in 0..<rows {
          let row = input[l] + r * layer.width
          for c in 0..<layer.inputs { row[c] = previous[r * layer.inputs + c] }
          row[layer.inputs] = 1
        }
      }
      Kernels.gemm(
        m: rows, n: layer.outputs, k: layer.width, a: input[l], lda: layer.width,
        transposingA: false, b: parameters + layer.offset, ldb: layer.outputs,
        transposingB: false, c: z[l], ldc: layer.outputs)
      Kernels.forward(layer.activation, z: z[l], a: a[l], rows: rows, columns: layer.outputs)
    }
    let last = layers.count - 1
    let out = layers[last].outputs
    let loss = Kernels.costValue(
      cost, o: a[last], t: target, terms: scratch, rows: rows, columns: out)
    if Kernels.hasFusedGradient(cost, layers[last].activation) {
      Kernels.fusedGradient(o: a[last], t: target, out: delta[last], rows: rows, columns: out)
    } else {
      Kernels.costGradient(cost, o: a[last], t: target, out: scratch, rows: rows, columns: out)
      Kernels.backward(
        layers[last].activation, z: z[last], a: a[last], g: scratch, out: delta[last],
        rows: rows, columns: out)
    }
    for l in stride(from: last, through: 0, by: -1) {
      let layer = layers[l]
      // ∂C/∂W = [x | 1]ᵀ · ∂C/∂z
      Kernels.gemm(
        m: layer.width, n: layer.outputs, k: rows, a: input[l], lda: layer.width,
        transposingA: true, b: delta[l], ldb: layer.outputs, transposingB: false,
        c: gradient + layer.offset, ldc: layer.outputs)
      guard l > 0 else { break }
      // ∂C/∂x = ∂C/∂z · Wᵀ without the bias row, then through the previous activation.
      let g = scratchFor(l)
      Kernels.gemm(
        m: rows, n: layer.inputs, k: layer.outputs, a: delta[l], lda: layer.outputs,
        transposingA: false, b: parameters + layer.offset, ldb: layer.outputs,
        transposingB: true, c: g, ldc: layer.inputs)
      Kernels.backward(
        layers[l - 1].activation, z: z[l - 1], a: a[l - 1], g: g, out: delta[l - 1], rows: rows,
        columns: layer.inputs)
    }
    return loss
  }

  /// ∂C/∂a of layer l − 1 is written into that layer's delta buffer and transformed in place.
  private func scratchFor(_ l: Int) -> UnsafeMutablePointer<Double> { delta[l - 1] }

  /// mean |output − target| over the loaded batch (numpy's `np.mean(np.abs(e))`).
  func meanAbsoluteError() -> Double {
    let last = layers.count - 1
    let count = rows * layers[last].outputs
    for i in 0..<count { scratch[i] = abs(a[last][i] - target[i]) }
    return count == 0 ? .nan : Kernels.pairwiseSum(scratch, count) / Double(count)
  }
}
