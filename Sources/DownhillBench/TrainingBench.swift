import Downhill
import Foundation

/// `downhill-bench training`: the T4 run with full history against numpy, and MNIST epochs. Run from the package root in a release build.
enum TrainingBench {
  static func run() {
    setUpBLAS()
    t4()
    mnist()
  }

  /// Loads OpenBLAS with its best kernels, before any output (see `BLAS.ensureOptimizedKernels`).
  static func setUpBLAS() {
    BLAS.ensureOptimizedKernels()
    print("OpenBLAS kernels: \(BLAS.coreName)")
    BLAS.setThreads(Int(ProcessInfo.processInfo.environment["DOWNHILL_BLAS_THREADS"] ?? "1") ?? 1)
  }

  static func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
  }

  /// Wall and CPU (user + system) seconds of a child process. On a shared machine the CPU time
  /// is the steadier measure. Spawned and reaped directly: `Process.waitUntilExit` polls, which
  /// made every run under 50 ms take 50 ms.
  static func process(_ arguments: [String]) -> (wall: Double, cpu: Double) {
    // A path runs as is (through env, its exec would be timed too); a name is looked up by env.
    let command = arguments[0].contains("/") ? arguments : ["/usr/bin/env"] + arguments
    var argv = command.map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    var pid: pid_t = 0
    var usage = rusage()
    let start = Date()
    guard posix_spawn(&pid, command[0], &actions, nil, &argv, environ) == 0 else {
      print("  could not run \(arguments.joined(separator: " "))")
      return (0, 0)
    }
    var status: Int32 = 0
    _ = wait4(pid, &status, 0, &usage)
    let wall = Date().timeIntervalSince(start)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return (wall, seconds(usage.ru_utime) + seconds(usage.ru_stime))
  }

  /// T4, hidden 4, α = 1, 60,000 iterations, every step of the history recorded in memory.
  static func t4() {
    print("\nT4 (hidden 4, α 1, 60,000 iterations, full history in memory):")
    var steps = 0
    let inProcess = seconds {
      _ = try? Tutorials.t4(
        hidden: 4, iterations: 60000, alphas: [1], history: HistoryOptions(every: 1)
      ) { _, h in steps = h.steps.count }
    }
    print(String(format: "  in-process Swift: %.3f s (%d steps recorded)", inProcess, steps))
    wholeProcessT4(numpy: true)
  }

  /// Best of five runs of `downhill tutorial t4` without and with a saved history (and of
  /// `tutorial t2`, which is nearly all start-up), against numpy's if `numpy`.
  static func wholeProcessT4(numpy withNumpy: Bool) {
    guard FileManager.default.isExecutableFile(atPath: ".build/release/downhill") else {
      print("  whole-process timing skipped: run `swift build -c release` first")
      return
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("downhill-bench-t4")
    let base = [".build/release/downhill", "tutorial", "t4", "--hidden", "4", "--alpha", "1"]
    // Each run saves into a new folder, as a first run does (replacing a saved history also
    // frees the old files' pages, which is not the recording's cost).
    func best(_ arguments: [String], runs: Int = 5) -> (wall: Double, cpu: Double) {
      let all = (0..<runs).map { _ in
        try? FileManager.default.removeItem(at: dir)
        return process(arguments)
      }
      return (all.map(\.wall).min()!, all.map(\.cpu).min()!)
    }
    guard withNumpy else {
      let t2 = best([".build/release/downhill", "tutorial", "t2"])
      print(String(format: "  downhill tutorial t2 (start-up): %.1f ms wall", t2.wall * 1e3))
      for (label, extra) in [
        ("no history", []), ("full history float64 saved", ["--history", dir.path]),
        ("full history float32 saved", ["--history", dir.path, "--history-precision", "float32"]),
      ] {
        let t = best(base + extra, runs: 10)
        print(
          String(
            format: "  downhill, %@: %.1f ms wall, %.1f ms CPU", label, t.wall * 1e3, t.cpu * 1e3))
      }
      try? FileManager.default.removeItem(at: dir)
      return
    }
    let numpy = best(["python3", "scripts/oracle/t4.py", "4", "60000", "10000", "1"], runs: 2)
    print(
      String(
        format: "  numpy (python3 scripts/oracle/t4.py 4 60000 10000 1): %.3f s wall, %.3f s CPU",
        numpy.wall, numpy.cpu))
    for (label, extra) in [
      ("no history", []), ("full history float64 saved", ["--history", dir.path]),
      ("full history float32 saved", ["--history", dir.path, "--history-precision", "float32"]),
    ] {
      let t = best(base + extra)
      print(
        String(
          format: "  downhill, %@: %.3f s wall (%.1f× faster), %.3f s CPU (%.1f× less)", label,
          t.wall, numpy.wall / t.wall, t.cpu, numpy.cpu / t.cpu))
    }
    try? FileManager.default.removeItem(at: dir)
  }

  /// [784, 128, 10], ReLU + softmax/cross-entropy, Adam, batch 64, history every 100 steps.
  /// The numpy version of one MNIST epoch (scripts/bench/mnist_numpy.py).
  static func numpyMNIST(_ path: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "scripts/bench/mnist_numpy.py", path, "1"]
    let pipe = Pipe()
    p.standardOutput = pipe
    do {
      try p.run()
      let out = pipe.fileHandleForReading.readDataToEndOfFile()
      p.waitUntilExit()
      print("  numpy: " + String(decoding: out, as: UTF8.self), terminator: "")
    } catch { print("  numpy: could not run: \(error)") }
  }

  static func mnist() {
    let path =
      ProcessInfo.processInfo.environment["DOWNHILL_MNIST_DIR"] ?? "/work/shared/data/mnist"
    let dir = URL(fileURLWithPath: path)
    print(
      "\nMNIST [784, 128, 10] ReLU + softmax/CCE, Adam 0.001, batch 64, history every 100 (float32):"
    )
    let train: Dataset
    let test: Dataset
    do {
      train = try Dataset.mnist(directory: dir, split: .train)
      test = try Dataset.mnist(directory: dir, split: .test)
    } catch {
      print("  skipped: \(error)")
      return
    }
    do {
      var g = SeededGenerator(seed: 1)
      var network = try Network(
        sizes: [784, 128, 10], activations: [.relu, .softmax], bias: .folded,
        cost: .categoricalCrossEntropy, initialization: .he, generator: &g)
      var optimizer = Adam(learningRate: 0.001)
      let perEpoch = (train.inputs.rows + 63) / 64
      let history = try History(
        network: network, optimizer: optimizer, dataset: train,
        training: TrainingOptions(iterations: 5 * perEpoch, batchSize: 64), seed: 1,
        options: HistoryOptions(every: 100, precision: .float32))
      for epoch in 0..<5 {
        let t = try seconds {
          try network.train(
            on: train, using: &optimizer,
            options: TrainingOptions(
              iterations: perEpoch, batchSize: 64, firstStep: epoch * perEpoch),
            generator: &g, history: history)
        }
        let accuracy = try network.accuracy(on: test)
        print(
          String(
            format:
              "  epoch %d: %.3f s, test accuracy %.4f, history %d records × %d bytes = %.1f MB",
            epoch + 1, t, accuracy, history.steps.count, history.bytesPerRecord,
            Double(history.steps.count * history.bytesPerRecord) / 1e6))
      }
    } catch {
      print("  failed: \(error)")
    }
    if ProcessInfo.processInfo.environment["DOWNHILL_BENCH_SKIP_NUMPY"] == nil { numpyMNIST(path) }
  }
}
