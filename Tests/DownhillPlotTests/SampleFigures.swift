import Foundation

@testable import DownhillPlot

/// Deterministic figures the tests draw.
enum SampleFigures {
  /// A decaying, slightly noisy loss curve of `n` points, the shape a training run records.
  static func loss(_ n: Int, rate: Double = 4, seed: UInt64 = 1) -> [Double] {
    var state = seed
    return (0..<n).map { i in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let noise = Double(state >> 11) / Double(1 << 53) - 0.5
      let t = Double(i) / Double(max(1, n - 1))
      return exp(-rate * t) * (1 + 0.1 * noise) + 0.002
    }
  }

  static func lossCurves(width: Double = 640, height: Double = 400) -> Figure {
    let f = Figure(width: width, height: height, title: "Training")
    let a = f.axes
    let x = (0..<200).map(Double.init)
    a.plot(x, loss(200), label: "hidden 4")
    a.plot(x, loss(200, rate: 7, seed: 2), label: "hidden 32")
    a.yScale = .log
    a.xLabel = "iteration"
    a.yLabel = "mean |error|"
    a.showsGrid = true
    return f
  }

  /// One of every 2D mark, on a 2×2 grid.
  static func gallery() -> Figure {
    let f = Figure(width: 900, height: 640, title: "Every mark")
    let g = f.subplots(rows: 2, columns: 2)
    let x = (0..<50).map { Double($0) / 49 * 2 * .pi }
    g[0][0].plot(x, x.map(sin), label: "sin", marker: .circle, markerSize: 4)
    g[0][0].plot(x, x.map(cos), label: "cos", dash: [6, 3])
    g[0][0].fillBetween(x, x.map { sin($0) - 0.2 }, x.map { sin($0) + 0.2 }, label: "band")
    g[0][0].horizontalLine(at: 0)
    g[0][0].annotate("peak", pointingTo: .pi / 2, 1, textAt: 3.2, 1.25)
    g[0][0].title = "lines, band, annotation"
    g[0][1].scatter(x.map(cos), x.map(sin), values: x, colormap: .plasma, label: "phase")
    g[0][1].equalAspect = true
    g[0][1].colorbarLabel = "angle"
    g[0][1].title = "scatter by value"
    g[1][0].step([0, 1, 2, 3, 4], [1, 3, 2, 5, 4], label: "post")
    g[1][0].step([0, 1, 2, 3, 4], [1, 3, 2, 5, 4].map { $0 - 0.5 }, position: .mid, label: "mid")
    g[1][0].title = "steps"
    g[1][0].xLabel = "x"
    g[1][1].heatmap(
      rows: 4, columns: 6, values: (0..<24).map { Double($0 % 7) }, colormap: .viridis)
    g[1][1].colorbarLabel = "flips"
    g[1][1].title = "heatmap"
    return f
  }
}

extension SampleFigures {
  /// The dense-line benchmark: two 60,000-point noisy loss curves, log y, at 1280×800.
  static func denseLoss(points: Int = 60_000) -> Figure {
    let f = Figure(width: 1280, height: 800, title: "Training")
    let a = f.axes
    let x = (0..<points).map(Double.init)
    a.plot(x, loss(points), label: "hidden 4")
    a.plot(x, loss(points, rate: 7, seed: 2), label: "hidden 32")
    a.yScale = .log
    a.xLabel = "iteration"
    a.yLabel = "loss"
    a.showsGrid = true
    return f
  }

  /// `columns`×`rows` quads of pseudo-random colours filling `width`×`height`, as a 3D
  /// surface's faces reach `drawPolygons`.
  static func quads(columns: Int = 200, rows: Int = 200, width: Double = 800, height: Double = 600)
    -> PolygonBatch
  {
    var batch = PolygonBatch()
    var state: UInt64 = 7
    let w = width / Double(columns)
    let h = height / Double(rows)
    for r in 0..<rows {
      for c in 0..<columns {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let x = Double(c) * w
        let y = Double(r) * h
        batch.append(
          [Point(x, y), Point(x + w, y), Point(x + w, y + h), Point(x, y + h)],
          fill: Color(hex: UInt32(truncatingIfNeeded: state >> 40)))
      }
    }
    return batch
  }
}
