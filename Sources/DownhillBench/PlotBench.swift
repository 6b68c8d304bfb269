import Downhill
import DownhillFigures
import DownhillPlot
import Foundation

/// The plotting benchmark of issue 2: a 60,000-point, two-series, log-y line chart at
/// 1280×800 to PNG and SVG. The CSVs come from `scripts/bench/make_bench_csv.py`.
enum PlotBench {
  static let folder = ProcessInfo.processInfo.environment["DOWNHILL_BENCH_DATA"] ?? "/tmp/downhill-bench"

  static func run() {
    for name in ["xor-60k", "noisy-60k"] {
      let path = "\(folder)/\(name).csv"
      guard let table = try? CSVTable(contentsOf: URL(fileURLWithPath: path)) else {
        print("plot: \(path) missing; run python3 scripts/bench/make_bench_csv.py \(folder)")
        continue
      }
      let parse = median { _ = try! CSVTable(contentsOf: URL(fileURLWithPath: path)) }
      print(String(format: "plot %@: CSV parse %.1f ms", name, parse))
      var options = LossCurve.Options()
      options.logY = true
      options.width = 1280
      options.height = 800
      options.yLabel = "loss"
      func figure(simplify: Bool) -> Figure {
        let f = try! LossCurve.figure(from: table, options: options)
        if !simplify {
          let axes = f.axes
          let lines = axes.marks.compactMap { $0 as? LineMark }
          let plain = f.subplots(rows: 1, columns: 1)[0][0]
          plain.yScale = axes.yScale
          plain.showsGrid = true
          plain.xLabel = axes.xLabel
          for var line in lines {
            line.simplifyThreshold = 0
            plain.add(line)
          }
        }
        return f
      }
      let png = median { _ = try! figure(simplify: true).render(format: .png) }
      let svg = median { _ = try! figure(simplify: true).render(format: .svg) }
      let svgBytes = try! figure(simplify: true).render(format: .svg)
      let rawBytes = try! figure(simplify: false).render(format: .svg)
      try? Data(svgBytes).write(to: URL(fileURLWithPath: "\(folder)/downhill-\(name).svg"))
      try? Data(try! figure(simplify: true).render(format: .png)).write(to: URL(fileURLWithPath: "\(folder)/downhill-\(name).png"))
      print(
        String(
          format: "plot %@: PNG %.1f ms, SVG %.1f ms, SVG %d B (unsimplified %d B)", name, png, svg,
          svgBytes.count, rawBytes.count))
    }
  }

  /// Median wall time of 7 runs, in milliseconds, after one warm-up.
  static func median(_ body: () -> Void) -> Double {
    body()
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<7 {
      let t = clock.measure(body)
      times.append(Double(t.components.seconds) * 1000 + Double(t.components.attoseconds) / 1e15)
    }
    return times.sorted()[3]
  }
}
