import Foundation
import Synchronization

/// The fast path behind `LossLandscape`: a network's loss on fixed data at many points
/// `c + α·d₁ + β·d₂` of one plane.
///
/// The first layer's pre-activations are linear in the perturbation,
/// `X(C + αD₁ + βD₂) = XC + α·XD₁ + β·XD₂`, so the three products (the expensive part when the
/// input is wide, as MNIST's 784 pixels) are computed once, as one product with the three
/// weight blocks side by side; each point then pays for one combination per pre-activation and
/// for the later layers, which are small.
///
/// A point's value depends only on its (α, β): the data is always cut into the same blocks of
/// rows and the cost is summed over the whole output, as `NetworkLoss` sums it. So the values do
/// not depend on the number of threads, on which points were computed together, or on which
/// shard computed them. They equal the plain evaluation up to the rounding of reordered sums:
/// the first layer's, and folded biases added after a product rather than inside it.
struct LandscapeEvaluator: Sendable {
  private let layers: [FlatLayer]
  private let cost: Cost
  let rows: Int
  private let targets: [Double]
  /// rows × 3n₁ (n₁ the first layer's units): per example, its first-layer pre-activations at
  /// the centre, then its products with d₁'s and d₂'s first-layer blocks.
  private let firstProducts: [Double]
  let center: [Double]
  let first: [Double]
  let second: [Double]

  /// Examples per block: a block's three products, pre-activations and later layers stay in
  /// cache while every point of a tile passes through them.
  static let blockRows = 64
  /// Doubles of network outputs a tile may hold (one output matrix per point): 16 MB.
  static let tileBudget = 2_000_000

  /// - Precondition: `center`, `first` and `second` have the network's parameter count (the
  ///   public entry points check it).
  init(
    network: Network, inputs raw: Matrix, targets: Matrix, center: [Double], first: [Double],
    second: [Double]
  ) throws {
    let x = try network.prepare(inputs: raw)
    try network.check(targets: targets, examples: x.rows)
    guard x.rows > 0 else {
      throw DownhillError.invalidArgument("a loss landscape needs at least one example")
    }
    let layers = FlatLayer.layout(of: network)
    self.layers = layers
    cost = network.cost
    rows = x.rows
    self.targets = targets.values
    self.center = center
    self.first = first
    self.second = second

    // The first layer's weights of c, d₁ and d₂ side by side: width × 3n.
    let f = layers[0]
    let n = f.outputs
    var stacked = [Double](repeating: 0, count: f.width * 3 * n)
    for r in 0..<f.width {
      for j in 0..<n {
        let k = f.offset + r * n + j
        stacked[r * 3 * n + j] = center[k]
        stacked[r * 3 * n + n + j] = first[k]
        stacked[r * 3 * n + 2 * n + j] = second[k]
      }
    }
    // With a folded bias the bias row is added afterwards rather than multiplied by a ones
    // column, which would copy the whole data set.
    var products = [Double](repeating: 0, count: x.rows * 3 * n)
    x.values.withUnsafeBufferPointer { xp in
      stacked.withUnsafeBufferPointer { bp in
        products.withUnsafeMutableBufferPointer { cp in
          Kernels.gemm(
            m: x.rows, n: 3 * n, k: f.inputs, a: xp.baseAddress!, lda: f.inputs,
            transposingA: false, b: bp.baseAddress!, ldb: 3 * n, transposingB: false,
            c: cp.baseAddress!, ldc: 3 * n)
          guard f.folded else { return }
          let bias = bp.baseAddress! + f.inputs * 3 * n
          for r in 0..<x.rows {
            let row = cp.baseAddress! + r * 3 * n
            for j in 0..<(3 * n) { row[j] += bias[j] }
          }
        }
      }
    }
    firstProducts = products
  }

  /// One layer's scratch for a block: z and a.
  private typealias Buffers = (z: UnsafeMutablePointer<Double>, a: UnsafeMutablePointer<Double>)

  private var outputs: Int { layers[layers.count - 1].outputs }

  /// How many points one tile evaluates together: as many as the output budget allows.
  var pointsPerTile: Int { max(1, Self.tileBudget / (rows * outputs)) }

  /// The loss at (`alphas[k]`, `beta`) for every k, into `out[k]`.
  func evaluate(alphas: ArraySlice<Double>, beta: Double, into out: UnsafeMutablePointer<Double>) {
    let points = alphas.count
    guard points > 0 else { return }
    let laterStart = layers.count > 1 ? layers[1].offset : center.count
    let laterCount = center.count - laterStart
    // Scratch: each point's later weights, outputs and cost terms, then per layer a block's z
    // and a.
    let blockCount = layers.reduce(0) { $0 + 2 * Self.blockRows * $1.outputs }
    let scratch = UnsafeMutablePointer<Double>.allocate(
      capacity: points * laterCount + points * rows * outputs + rows * outputs + blockCount)
    defer { scratch.deallocate() }
    let weights = scratch
    let output = weights + points * laterCount
    let terms = output + points * rows * outputs
    var blocks: [Buffers] = []
    var free = terms + rows * outputs
    for layer in layers {
      blocks.append((free, free + Self.blockRows * layer.outputs))
      free += 2 * Self.blockRows * layer.outputs
    }

    center.withUnsafeBufferPointer { c in
      first.withUnsafeBufferPointer { d1 in
        second.withUnsafeBufferPointer { d2 in
          // The same expression per element as `CostSurface` uses for a point of the plane.
          for (p, alpha) in alphas.enumerated() {
            let w = weights + p * laterCount
            for k in 0..<laterCount {
              let i = laterStart + k
              w[k] = c[i] + alpha * d1[i] + beta * d2[i]
            }
          }
        }
      }
    }
    firstProducts.withUnsafeBufferPointer { fp in
      for start in stride(from: 0, to: rows, by: Self.blockRows) {
        let count = min(Self.blockRows, rows - start)
        for (p, alpha) in alphas.enumerated() {
          forward(
            block: fp.baseAddress! + start * 3 * layers[0].outputs, count: count, alpha: alpha,
            beta: beta, weights: weights + p * laterCount, laterStart: laterStart, buffers: blocks,
            output: output + (p * rows + start) * outputs)
        }
      }
    }
    targets.withUnsafeBufferPointer { t in
      for p in 0..<points {
        out[p] = Kernels.costValue(
          cost, o: output + p * rows * outputs, t: t.baseAddress!, terms: terms, rows: rows,
          columns: outputs)
      }
    }
  }

  /// One block of examples through the network at one point; the last layer's activations go
  /// to `output`. `weights` holds the later layers' weights, from flat index `laterStart` on.
  private func forward(
    block: UnsafePointer<Double>, count: Int, alpha: Double, beta: Double,
    weights: UnsafePointer<Double>, laterStart: Int,
    buffers: [Buffers],
    output: UnsafeMutablePointer<Double>
  ) {
    let last = layers.count - 1
    let n = layers[0].outputs
    let z0 = buffers[0].z
    for r in 0..<count {
      // Separate row pointers keep index arithmetic out of the loop, so it vectorises.
      let c = block + r * 3 * n
      let d1 = c + n
      let d2 = d1 + n
      let z = z0 + r * n
      for j in 0..<n { z[j] = c[j] + alpha * d1[j] + beta * d2[j] }
    }
    var previous = last == 0 ? output : buffers[0].a
    Kernels.forward(layers[0].activation, z: z0, a: previous, rows: count, columns: n)
    for l in layers.indices.dropFirst() {
      let layer = layers[l]
      let w = weights + (layer.offset - laterStart)
      let z = buffers[l].z
      // A folded bias row is added after the product instead of multiplying a copy of the
      // input with a ones column appended.
      Kernels.gemm(
        m: count, n: layer.outputs, k: layer.inputs, a: previous, lda: layer.inputs,
        transposingA: false, b: w, ldb: layer.outputs, transposingB: false, c: z,
        ldc: layer.outputs)
      if layer.folded {
        let bias = w + layer.inputs * layer.outputs
        for r in 0..<count {
          let zr = z + r * layer.outputs
          for j in 0..<layer.outputs { zr[j] += bias[j] }
        }
      }
      let a = l == last ? output : buffers[l].a
      Kernels.forward(layer.activation, z: z, a: a, rows: count, columns: layer.outputs)
      previous = a
    }
  }

  /// The loss at every (alpha, betas[j]) for j in `rowIndices`, row after row into a
  /// `rowIndices.count × alphas.count` array. Tiles of one row's points are shared out to
  /// `workers` threads as they free up; `progress` sees (points done, total) after each tile,
  /// one call at a time.
  func grid(
    alphas: [Double], betas: [Double], rowIndices: [Int], workers: Int,
    progress: (@Sendable (Int, Int) -> Void)?
  ) -> [Double] {
    let columns = alphas.count
    let total = rowIndices.count * columns
    guard total > 0 else { return [] }
    let tilesPerRow = (columns + pointsPerTile - 1) / pointsPerTile
    // Equal tiles rather than full ones and a remainder, so the workers finish together.
    let tile = (columns + tilesPerRow - 1) / tilesPerRow
    let units = rowIndices.count * tilesPerRow
    let state = GridState()
    let workers = max(1, min(workers, units))
    return [Double](unsafeUninitializedCapacity: total) { buffer, initialized in
      let base = SendablePointer(base: buffer.baseAddress!)
      let work: @Sendable (Int) -> Void = { _ in
        while let unit = state.nextUnit(below: units) {
          let row = unit / tilesPerRow
          let low = (unit % tilesPerRow) * tile
          let high = min(columns, low + tile)
          evaluate(
            alphas: alphas[low..<high], beta: betas[rowIndices[row]],
            into: base.base + row * columns + low)
          state.finished(high - low, of: total, progress: progress)
        }
      }
      if workers == 1 {
        work(0)
      } else {
        DispatchQueue.concurrentPerform(iterations: workers, execute: work)
      }
      initialized = total
    }
  }
}

/// The next unit to hand out and the points done, shared by a grid's workers.
private final class GridState: Sendable {
  private let next = Mutex(0)
  private let done = Mutex(0)

  func nextUnit(below units: Int) -> Int? {
    next.withLock { n in
      guard n < units else { return nil }
      defer { n += 1 }
      return n
    }
  }

  /// Counts `points` more and reports under the lock, so the callback runs one call at a time
  /// and sees the count only grow.
  func finished(_ points: Int, of total: Int, progress: (@Sendable (Int, Int) -> Void)?) {
    done.withLock { d in
      d += points
      progress?(d, total)
    }
  }
}

/// The grid's output, shared by its workers. Each unit writes its own range of indices, which no
/// other unit touches, and `concurrentPerform` returns after every worker is done, so the writes
/// never race and are all visible afterwards.
private struct SendablePointer: @unchecked Sendable {
  let base: UnsafeMutablePointer<Double>
}
