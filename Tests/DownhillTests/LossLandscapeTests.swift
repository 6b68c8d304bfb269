import Foundation
import Synchronization
import Testing

@testable import Downhill

/// `LossLandscape`: its grids against the plain per-point evaluation, its determinism, shards,
/// files and refusals.
@Suite struct LossLandscapeTests {
  struct Case {
    var name: String
    var network: Network
    var data: Dataset
  }

  /// Networks covering a folded-bias first layer, a data-carried bias, no bias, three layers, a
  /// single layer, and every cost; 300 examples so the data spans full and partial blocks.
  static func cases() throws -> [Case] {
    var g = SeededGenerator(seed: 11)
    func data(_ inputs: Int, _ outputs: Int, _ kind: String) -> Dataset {
      let x = g.normal(mean: 0, standardDeviation: 1, rows: 300, columns: inputs)
      var t = Matrix(rows: 300, columns: outputs)
      for r in 0..<300 {
        for c in 0..<outputs {
          switch kind {
          case "onehot": t[r, c] = r % outputs == c ? 1 : 0
          case "unit": t[r, c] = g.randomSample()
          default: t[r, c] = g.standardNormal()
          }
        }
      }
      return Dataset(name: kind, inputs: x, targets: t)
    }
    func network(_ sizes: [Int], _ f: [Activation], _ bias: BiasMode, _ cost: Cost) throws
      -> Network
    {
      try Network(
        sizes: sizes, activations: f, bias: bias, cost: cost, initialization: .he, generator: &g)
    }
    return [
      Case(
        name: "folded relu/softmax cce",
        network: try network([6, 8, 4], [.relu, .softmax], .folded, .categoricalCrossEntropy),
        data: data(6, 4, "onehot")),
      Case(
        name: "input-bias sigmoid mse",
        network: try network([5, 7, 2], [.sigmoid], .input, .meanSquared),
        data: data(4, 2, "unit")),
      Case(
        name: "no bias tanh/leaky/identity sse",
        network: try network(
          [3, 6, 5, 2], [.tanh, .leakyReLU(0.1), .identity], .none, .sumSquared),
        data: data(3, 2, "normal")),
      Case(
        name: "single folded layer bce",
        network: try network([4, 3], [.scaledSigmoid(0.5)], .folded, .binaryCrossEntropy),
        data: data(4, 3, "unit")),
      Case(
        name: "folded half-sse",
        network: try network([2, 9, 1], [.relu, .identity], .folded, .halfSumSquared),
        data: data(2, 1, "normal")),
    ]
  }

  static func directions(_ network: Network, seed: UInt32 = 5) -> ([Double], [Double]) {
    var g = SeededGenerator(seed: seed)
    // Normalised biases, so the bias rows move too.
    let d = network.randomDirections(bias: .normalized, generator: &g)
    return (d.first, d.second)
  }

  static func agree(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    a == b || (a.isNaN && b.isNaN) || abs(a - b) <= tolerance * max(abs(a), abs(b))
  }

  let alphas = GridSurface.linspace(-1.5, 1, count: 7)
  let betas = GridSurface.linspace(-1, 2, count: 5)

  @Test func gridMatchesThePlainEvaluation() throws {
    for c in try Self.cases() {
      let (d1, d2) = Self.directions(c.network)
      let landscape = try LossLandscape(
        network: c.network, inputs: c.data.inputs, targets: c.data.targets, directions: d1, d2)
      let plain = try CostSurface(
        network: c.network, inputs: c.data.inputs, targets: c.data.targets, directions: d1, d2
      ).grid(alphas: alphas, betas: betas)
      let grid = try landscape.grid(alphas: alphas, betas: betas)
      #expect(grid.rows == Array(0..<5) && grid.isComplete)
      for k in plain.values.indices {
        #expect(Self.agree(grid.loss[k], plain.values[k]), "\(c.name) point \(k)")
      }
      let finite = grid.loss.allSatisfy(\.isFinite)
      #expect(finite, "\(c.name)")
      let loss = try c.network.lossFunction(inputs: c.data.inputs, targets: c.data.targets)
      let point = zip(c.network.parameters, zip(d1, d2)).map { $0 + 0.25 * $1.0 - 0.5 * $1.1 }
      #expect(Self.agree(landscape.value(alpha: 0.25, beta: -0.5), loss(point)), "\(c.name)")
    }
  }

  @Test func matchesTheNumpyOracle() throws {
    struct Oracle: Decodable {
      var alphas: [Double]
      var betas: [Double]
      var loss: [[Double]]
      var steps: [Double]
      var interpolation: [Double]
    }
    let oracle = try JSONDecoder().decode(
      Oracle.self, from: Data(contentsOf: OracleData.url("landscape.json")))
    let x = Matrix((0..<9).map { i in (0..<4).map { j in cos(1.3 * Double(i) + 0.4 * Double(j)) } })
    let t = Matrix((0..<9).map { i in (0..<3).map { i % 3 == $0 ? 1.0 : 0 } })
    let k = (0..<43).map(Double.init)
    let center = k.map { 0.5 * sin(0.7 * $0 + 0.3) }
    let d1 = k.map { cos(1.1 * $0) }
    let d2 = k.map { sin(0.37 * $0 + 1) }
    var network = Network(
      layers: [
        DenseLayer(weights: Matrix(rows: 5, columns: 5), activation: .relu, foldedBias: true),
        DenseLayer(weights: Matrix(rows: 6, columns: 3), activation: .softmax, foldedBias: true),
      ], bias: .folded, cost: .categoricalCrossEntropy)
    network.parameters = center
    let grid = try LossLandscape(
      network: network, inputs: x, targets: t, directions: d1, d2
    ).grid(alphas: oracle.alphas, betas: oracle.betas)
    for (k, expected) in oracle.loss.flatMap({ $0 }).enumerated() {
      #expect(Self.agree(grid.loss[k], expected, 1e-12), "point \(k)")
    }
    let end = zip(center, zip(d1, d2)).map { $0 + 0.8 * $1.0 - 0.3 * $1.1 }
    let line = try LossLandscape.interpolation(
      network: network, inputs: x, targets: t, from: center, to: end, steps: oracle.steps)
    for (s, expected) in zip(line, oracle.interpolation) { #expect(Self.agree(s, expected, 1e-12)) }
    // The same grid as numpy's np.savez wrote it.
    let saved = try LandscapeGrid(contentsOf: OracleData.url("landscape_oracle.npz"))
    #expect(saved.center == center && saved.direction1.count == 43 && saved.isComplete)
    for (a, b) in zip(saved.loss, grid.loss) { #expect(Self.agree(a, b, 1e-12)) }
  }

  @Test func interpolationMatchesThePlainEvaluation() throws {
    for c in try Self.cases() {
      let start = c.network.parameters
      let (d1, _) = Self.directions(c.network, seed: 8)
      let end = zip(start, d1).map { $0 + $1 }
      let plain = try c.network.lossFunction(inputs: c.data.inputs, targets: c.data.targets)
      let steps = LossLandscape.interpolationSteps()
      let line = try LossLandscape.interpolation(
        network: c.network, inputs: c.data.inputs, targets: c.data.targets, from: start,
        to: end, steps: steps)
      #expect(line.count == 41 && steps[10] == 0 && steps[30] == 1)
      for (s, value) in zip(steps, line) {
        let expected = plain(zip(start, end).map { (1 - s) * $0 + s * $1 })
        #expect(Self.agree(value, expected), "\(c.name) t = \(s)")
      }
    }
  }

  @Test func valuesDoNotDependOnTheThreadCount() throws {
    let c = try Self.cases()[0]
    let (d1, d2) = Self.directions(c.network)
    let landscape = try LossLandscape(
      network: c.network, inputs: c.data.inputs, targets: c.data.targets, directions: d1, d2)
    let one = try landscape.grid(alphas: alphas, betas: betas, maxConcurrency: 1)
    for threads in [2, 3, 8] {
      #expect(try landscape.grid(alphas: alphas, betas: betas, maxConcurrency: threads) == one)
    }
  }

  @Test func progressCountsEveryPointInOrder() throws {
    let c = try Self.cases()[1]
    let (d1, d2) = Self.directions(c.network)
    let landscape = try LossLandscape(
      network: c.network, inputs: c.data.inputs, targets: c.data.targets, directions: d1, d2)
    let seen = Mutex<[Int]>([])
    let shard = try LandscapeShard(index: 1, of: 2)
    _ = try landscape.grid(alphas: alphas, betas: betas, shard: shard, maxConcurrency: 2) {
      done, total in
      #expect(total == 2 * 7)
      seen.withLock { $0.append(done) }
    }
    let counts = seen.withLock { $0 }
    #expect(counts.last == 14 && counts == counts.sorted() && Set(counts).count == counts.count)
  }

  @Test func shardsMergeIntoTheSingleRunByteForByte() throws {
    let c = try Self.cases()[2]
    let (d1, d2) = Self.directions(c.network)
    let landscape = try LossLandscape(
      network: c.network, inputs: c.data.inputs, targets: c.data.targets, directions: d1, d2)
    let whole = try landscape.grid(alphas: alphas, betas: betas)
    let dir = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let wholeURL = dir.appendingPathComponent("whole.npz")
    try whole.write(to: wholeURL)
    #expect(try LandscapeGrid(contentsOf: wholeURL) == whole)
    // 3 shards of 5 rows, and 7: shards 5 and 6 hold no row.
    for n in [3, 7] {
      var parts: [LandscapeGrid] = []
      for k in (0..<n).reversed() {
        let part = try landscape.grid(
          alphas: alphas, betas: betas, shard: LandscapeShard(index: k, of: n), maxConcurrency: 1)
        #expect(part.rows == Array(stride(from: k, to: 5, by: n)) && !part.isComplete)
        let url = dir.appendingPathComponent("part\(k).npz")
        try part.write(to: url)
        parts.append(try LandscapeGrid(contentsOf: url))
      }
      let merged = try LandscapeGrid.merge(parts)
      #expect(merged == whole)
      let mergedURL = dir.appendingPathComponent("merged\(n).npz")
      try merged.write(to: mergedURL)
      #expect(try Data(contentsOf: mergedURL) == Data(contentsOf: wholeURL))
    }
  }

  static func expectOneLine(_ body: () throws -> Void, _ note: String = "") {
    do {
      try body()
      Issue.record("no error: \(note)")
    } catch let error as DownhillError {
      #expect(!error.description.contains("\n") && !error.description.isEmpty, "\(note)")
    } catch {
      Issue.record("not a DownhillError: \(error) \(note)")
    }
  }

  @Test func badInputsAreRefusedWithOneLine() throws {
    let c = try Self.cases()[0]
    let (d1, d2) = Self.directions(c.network)
    let make = { (a: [Double], b: [Double], center: [Double]?) in
      try LossLandscape(
        network: c.network, inputs: c.data.inputs, targets: c.data.targets, directions: a, b,
        center: center)
    }
    let landscape = try make(d1, d2, nil)
    Self.expectOneLine({ _ = try landscape.grid(alphas: [], betas: [0]) }, "no alphas")
    Self.expectOneLine({ _ = try landscape.grid(alphas: [0], betas: [.nan]) }, "NaN beta")
    Self.expectOneLine({ _ = try LossLandscape.axis(from: .nan, to: 1, count: 5) }, "NaN end")
    Self.expectOneLine({ _ = try LossLandscape.axis(from: 0, to: 1, count: 0) }, "0 points")
    Self.expectOneLine({ _ = try LandscapeShard(index: 3, of: 3) }, "shard 3/3")
    Self.expectOneLine({ _ = try make(d1, d1, nil) }, "parallel")
    Self.expectOneLine({ _ = try make(d1.map { $0 * 0 }, d2, nil) }, "zero direction")
    Self.expectOneLine({ _ = try make(d1, Array(d2.dropLast()), nil) }, "short direction")
    Self.expectOneLine({ _ = try make(d1, d2, d1.map { _ in .infinity }) }, "infinite centre")
    Self.expectOneLine(
      {
        _ = try LossLandscape(
          network: c.network, inputs: Matrix(rows: 0, columns: 6),
          targets: Matrix(rows: 0, columns: 4), directions: d1, d2)
      }, "no examples")
    Self.expectOneLine(
      {
        _ = try LossLandscape.interpolation(
          network: c.network, inputs: c.data.inputs, targets: c.data.targets,
          from: c.network.parameters, to: d1, steps: [])
      }, "no steps")

    // Partials that do not belong together.
    func part(_ k: Int, _ n: Int, _ l: LossLandscape = landscape, alphas: [Double]? = nil) throws
      -> LandscapeGrid
    {
      try l.grid(
        alphas: alphas ?? self.alphas, betas: betas, shard: LandscapeShard(index: k, of: n))
    }
    let other = try make(d2, d1, nil)
    Self.expectOneLine({ _ = try LandscapeGrid.merge([]) }, "nothing")
    Self.expectOneLine({ _ = try LandscapeGrid.merge([part(0, 2), part(1, 2, other)]) }, "dirs")
    Self.expectOneLine(
      { _ = try LandscapeGrid.merge([part(0, 2), part(1, 2, alphas: [0, 1])]) }, "alphas")
    Self.expectOneLine({ _ = try LandscapeGrid.merge([part(0, 2), part(0, 2)]) }, "overlap")
    Self.expectOneLine({ _ = try LandscapeGrid.merge([part(0, 3), part(1, 3)]) }, "missing")
    Self.expectOneLine({ _ = try LandscapeGrid.merge([part(0, 2), part(1, 3)]) }, "splits")
    #expect(try LandscapeGrid.merge([part(1, 2), part(0, 2)]).isComplete)
    Self.expectOneLine({ _ = try part(0, 2).surface() }, "partial surface")

    // Files that are not landscapes, or damaged ones.
    let dir = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("grid.npz")
    let bytes = try part(1, 2).npzBytes()
    for (name, damaged) in [
      ("truncated", Array(bytes.prefix(bytes.count / 2))),
      // Byte 168 is the first byte of alphas[0], after its 40-byte zip and 128-byte npy headers.
      ("flipped", bytes.enumerated().map { $0 == 168 ? $1 ^ 1 : $1 }),
      ("empty", []),
    ] {
      try Data(damaged).write(to: url)
      Self.expectOneLine({ _ = try LandscapeGrid(contentsOf: url) }, name)
    }
    Self.expectOneLine(
      { _ = try LandscapeGrid(contentsOf: dir.appendingPathComponent("none.npz")) }, "missing")
  }
}
