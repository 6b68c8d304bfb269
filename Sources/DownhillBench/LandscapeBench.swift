import Downhill
import Foundation
import Synchronization

/// `downhill-bench landscape`: a 51 × 51 loss landscape of an MNIST [784, 128, 10] network (ReLU,
/// softmax + cross-entropy, bias folded) on the 10,000 test images, against numpy's per-point
/// evaluation (scripts/bench/landscape_numpy.py). The network is He-initialised and trained for
/// one epoch of Adam (0.001, batch 64); `DOWNHILL_LANDSCAPE_EPOCHS=0` skips the training.
///
/// `downhill-bench landscape-grid FILE` recomputes the grid of a file the first section wrote,
/// from its centre and directions, with only the test images loaded: run it under
/// `/usr/bin/time -v` for the landscape's own peak memory. It also checks that the values are
/// bit for bit those of the file.
enum LandscapeBench {
  static let path =
    ProcessInfo.processInfo.environment["DOWNHILL_MNIST_DIR"] ?? "/work/shared/data/mnist"
  static let output = FileManager.default.temporaryDirectory
    .appendingPathComponent("downhill-landscape-bench.npz")

  static func network() throws -> Network {
    var g = SeededGenerator(seed: 1)
    return try Network(
      sizes: [784, 128, 10], activations: [.relu, .softmax], bias: .folded,
      cost: .categoricalCrossEntropy, initialization: .he, generator: &g)
  }

  static func run() {
    TrainingBench.setUpBLAS()
    let dir = URL(fileURLWithPath: path)
    do {
      let test = try Dataset.mnist(directory: dir, split: .test)
      var network = try network()
      let initial = network.parameters
      let epochs = Int(ProcessInfo.processInfo.environment["DOWNHILL_LANDSCAPE_EPOCHS"] ?? "1") ?? 1
      if epochs > 0 {
        let train = try Dataset.mnist(directory: dir, split: .train)
        var optimizer = Adam(learningRate: 0.001)
        var g = SeededGenerator(seed: 1)
        let perEpoch = (train.inputs.rows + 63) / 64
        let t = try TrainingBench.seconds {
          _ = try network.train(
            on: train, using: &optimizer,
            options: TrainingOptions(iterations: epochs * perEpoch, batchSize: 64), generator: &g)
        }
        print(
          String(
            format:
              "MNIST [784, 128, 10]: He init + %d epoch(s) of Adam in %.1f s, test accuracy %.4f",
            epochs, t, try network.accuracy(on: test)))
      } else {
        print("MNIST [784, 128, 10]: He init, untrained")
      }
      var g = SeededGenerator(seed: 2)
      let (d1, d2) = network.randomDirections(generator: &g)
      let grid = try timedGrid(network: network, test: test, directions: (d1, d2))
      try grid.write(to: output)
      print("  grid written to \(output.path)")

      try writeShards(network: network, test: test, directions: (d1, d2))

      var line: [Double] = []
      let t = try TrainingBench.seconds {
        line = try LossLandscape.interpolation(
          network: network, inputs: test.inputs, targets: test.targets, from: initial,
          to: network.parameters)
      }
      print(
        String(
          format:
            "  interpolation init → trained, 41 steps: %.2f s (loss %.4f at t=0, %.4f at t=1)",
          t, line[10], line[30]))
    } catch {
      print("landscape benchmark failed: \(error)")
      return
    }
    guard ProcessInfo.processInfo.environment["DOWNHILL_BENCH_SKIP_NUMPY"] == nil else { return }
    python(["scripts/oracle/check_landscape_npz.py", output.path] + shardFiles.map(\.path))
    python(["scripts/bench/landscape_numpy.py", path, output.path])
  }

  static func python(_ arguments: [String]) {
    // Our buffered lines first, then the child's.
    fflush(nil)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3"] + arguments
    do {
      try p.run()
      p.waitUntilExit()
    } catch { print("  python3 \(arguments[0]): could not run: \(error)") }
  }

  static let shardFiles = (0..<2).map {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "downhill-landscape-shard-\($0)-of-2.npz")
  }

  /// The two shards of a small grid (7 × 5 on the first 500 test images), for numpy to read.
  static func writeShards(network: Network, test: Dataset, directions: ([Double], [Double]))
    throws
  {
    let rows = 0..<(500 * 784)
    let landscape = try LossLandscape(
      network: network,
      inputs: Matrix(rows: 500, columns: 784, values: Array(test.inputs.values[rows])),
      targets: Matrix(rows: 500, columns: 10, values: Array(test.targets.values[0..<5000])),
      directions: directions.0, directions.1)
    for (k, url) in shardFiles.enumerated() {
      try landscape.grid(
        alphas: LossLandscape.axis(from: -1, to: 1, count: 7),
        betas: LossLandscape.axis(from: -1, to: 1, count: 5),
        shard: LandscapeShard(index: k, of: 2)
      ).write(to: url)
    }
  }

  /// The 51 × 51 grid over [-1, 1]², timed from the data to the values (the first layer's
  /// products included), with a progress line every tenth of the grid.
  static func timedGrid(network: Network, test: Dataset, directions: ([Double], [Double]))
    throws -> LandscapeGrid
  {
    let axis = try LossLandscape.axis(from: -1, to: 1, count: 51)
    let start = Date()
    let landscape = try LossLandscape(
      network: network, inputs: test.inputs, targets: test.targets, directions: directions.0,
      directions.1)
    let setup = Date().timeIntervalSince(start)
    let reported = Mutex(0)
    let grid = try landscape.grid(alphas: axis, betas: axis) { done, total in
      let tenth = done * 10 / total
      reported.withLock { last in
        guard tenth > last else { return }
        last = tenth
        let elapsed = Date().timeIntervalSince(start)
        print(
          String(
            format: "    %4d/%d points, %.0f points/s, ETA %.1f s", done, total,
            Double(done) / elapsed, elapsed / Double(done) * Double(total - done)))
      }
    }
    let wall = Date().timeIntervalSince(start)
    let range = try grid.surface().finiteRange
    print(
      String(
        format:
          "  51×51 grid on 10,000 images, %d cores: %.2f s (first-layer products %.2f s), %.2f ms per point; loss %.4f…%.4f",
        ProcessInfo.processInfo.activeProcessorCount, wall, setup, wall / 2601 * 1e3,
        range?.lowerBound ?? .nan, range?.upperBound ?? .nan))
    return grid
  }

  /// Recomputes the grid of `file` and checks it against the file's.
  static func recompute(_ file: String) {
    TrainingBench.setUpBLAS()
    do {
      let saved = try LandscapeGrid(contentsOf: URL(fileURLWithPath: file))
      let test = try Dataset.mnist(directory: URL(fileURLWithPath: path), split: .test)
      var network = try network()
      network.parameters = saved.center
      let grid = try timedGrid(
        network: network, test: test, directions: (saved.direction1, saved.direction2))
      print("  same values as \(file), bit for bit: \(grid == saved)")
    } catch {
      print("landscape benchmark failed: \(error)")
    }
  }
}
