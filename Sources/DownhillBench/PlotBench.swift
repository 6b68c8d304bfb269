import Downhill
import DownhillFigures
import DownhillPlot
import Foundation

/// The plotting benchmark of issue 2: a 60,000-point, two-series, log-y line chart at
/// 1280×800 to PNG and SVG. The CSVs come from `scripts/bench/make_bench_csv.py`.
enum PlotBench {
  static let folder =
    ProcessInfo.processInfo.environment["DOWNHILL_BENCH_DATA"] ?? "/tmp/downhill-bench"

  static func run() {
    surface()
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
      try? Data(try! figure(simplify: true).render(format: .png)).write(
        to: URL(fileURLWithPath: "\(folder)/downhill-\(name).png"))
      print(
        String(
          format: "plot %@: PNG %.1f ms, SVG %.1f ms, SVG %d B (unsimplified %d B)", name, png, svg,
          svgBytes.count, rawBytes.count))
    }
  }

  /// Issue 4's benchmark: a 200×200 grid surface (39,601 quads = 79,202 triangles) of a
  /// two-weight sigmoid cost with a 300-step descent path drawn over it, at 800×600.
  /// For profiling: only the PNG half of `surface()`, ten times.
  static func surfacePNGOnly() {
    onlyPNG = true
    surface()
  }
  nonisolated(unsafe) static var onlyPNG = false

  static func surface() {
    func cost(_ a: Double, _ b: Double) -> Double {
      let h0 = 1 / (1 + exp(-b))
      let h1 = 1 / (1 + exp(-(a + b)))
      return 0.5 * ((h0 - 1) * (h0 - 1) + h1 * h1)
    }
    let n = 200
    let g = (0..<n).map { -15 + 30 * Double($0) / Double(n - 1) }
    var z: [Double] = []
    for y in g { for x in g { z.append(cost(x, y)) } }
    var p = (x: 12.0, y: -13.0)
    var path: [Vector3] = []
    for _ in 0..<300 {
      path.append(Vector3(p.x, p.y, cost(p.x, p.y)))
      let e = 1e-6
      p.x -= 40 * (cost(p.x + e, p.y) - cost(p.x - e, p.y)) / (2 * e)
      p.y -= 40 * (cost(p.x, p.y + e) - cost(p.x, p.y - e)) / (2 * e)
    }
    func figure() -> Figure {
      let f = Figure(width: 800, height: 600)
      let a = f.axes3D()
      a.surface(x: g, y: g, z: z, colormap: .jet)
      a.trajectory(path, label: "gradient descent", color: .white)
      a.xLabel = "Theta1"
      a.yLabel = "Theta2"
      a.zLabel = "Cost"
      a.view.azimuth = 160
      return f
    }
    let png = median { _ = try! figure().render(format: .png) }
    if onlyPNG {
      print(String(format: "surface 200×200 + path: PNG %.1f ms", png))
      return
    }
    let svg = median { _ = try! figure().render(format: .svg) }
    let svgBytes = try! figure().render(format: .svg)
    try? Data(svgBytes).write(to: URL(fileURLWithPath: "\(folder)/downhill-surface-200.svg"))
    try? Data(try! figure().render(format: .png)).write(
      to: URL(fileURLWithPath: "\(folder)/downhill-surface-200.png"))
    var zcsv = ""
    for v in z { zcsv += "\(v)\n" }
    try? zcsv.write(toFile: "\(folder)/surface-200-z.txt", atomically: true, encoding: .utf8)
    print(
      String(
        format: "surface 200×200 + path: PNG %.1f ms, SVG %.1f ms, SVG %d B", png, svg,
        svgBytes.count))
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
