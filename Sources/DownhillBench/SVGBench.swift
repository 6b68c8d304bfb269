import DownhillPlot
import Foundation

/// The SVG writer against Cairo's SVG surface: size and median render time for the gallery
/// figure, a 60,000-point two-series log-y line chart at 1280×800, and 40,000 random-coloured
/// quads on a 200×200 grid filling 800×600 (a 3D surface's faces).
enum SVGBench {
  static func run() {
    let gallery = galleryFigure()
    let dense = denseLossFigure()
    let quads = quadBatch()
    let surface = surfaceBatch()
    let cases: [(String, Double, Double, (Renderer) -> Void)] = [
      ("gallery", gallery.width, gallery.height, { gallery.draw(on: $0) }),
      ("loss-60k", dense.width, dense.height, { dense.draw(on: $0) }),
      ("quads-40k", 800, 600, { $0.drawPolygons(quads) }),
      ("surface-80k", 800, 600, { $0.drawPolygons(surface) }),
    ]
    for (name, width, height, draw) in cases {
      let cairo = try! CairoCanvas.renderWithCairo(
        format: .svg, width: width, height: height, draw: draw)
      let ours = try! OutputFormat.svg.render(width: width, height: height, draw: draw)
      let cairoTime = PlotBench.median {
        _ = try! CairoCanvas.renderWithCairo(format: .svg, width: width, height: height, draw: draw)
      }
      let oursTime = PlotBench.median {
        _ = try! OutputFormat.svg.render(width: width, height: height, draw: draw)
      }
      print(
        String(
          format: "svg %@: Cairo %d B %.1f ms → SVGRenderer %d B %.1f ms (%.2f× smaller)", name,
          cairo.count, cairoTime, ours.count, oursTime, Double(cairo.count) / Double(ours.count)))
    }
  }

  /// A decaying, slightly noisy loss curve, as the plot tests' `SampleFigures.loss`.
  static func loss(_ n: Int, rate: Double = 4, seed: UInt64 = 1) -> [Double] {
    var state = seed
    return (0..<n).map { i in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let noise = Double(state >> 11) / Double(1 << 53) - 0.5
      let t = Double(i) / Double(max(1, n - 1))
      return exp(-rate * t) * (1 + 0.1 * noise) + 0.002
    }
  }

  static func denseLossFigure() -> Figure {
    let f = Figure(width: 1280, height: 800, title: "Training")
    let x = (0..<60_000).map(Double.init)
    f.axes.plot(x, loss(60_000), label: "hidden 4")
    f.axes.plot(x, loss(60_000, rate: 7, seed: 2), label: "hidden 32")
    f.axes.yScale = .log
    f.axes.xLabel = "iteration"
    f.axes.yLabel = "loss"
    f.axes.showsGrid = true
    return f
  }

  /// The plot tests' gallery: one of every 2D mark.
  static func galleryFigure() -> Figure {
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

  /// 80,000 triangles of z = sin x cos y on a 200×200 grid in an oblique projection, coloured
  /// by height: the faces a 3D surface hands to `drawPolygons`, vertices anywhere on the grid.
  static func surfaceBatch() -> PolygonBatch {
    var batch = PolygonBatch()
    func vertex(_ i: Int, _ j: Int) -> (Point, Double) {
      let z = sin(Double(i) / 20) * cos(Double(j) / 25)
      let x = 400 + (Double(i) - Double(j)) * 1.7
      let y = 120 + (Double(i) + Double(j)) * 0.9 - z * 80
      return (Point(x, y), z)
    }
    for i in 0..<200 {
      for j in 0..<200 {
        let (a, za) = vertex(i, j)
        let (b, _) = vertex(i + 1, j)
        let (c, _) = vertex(i + 1, j + 1)
        let (d, _) = vertex(i, j + 1)
        let color = Colormap.viridis.color(at: (za + 1) / 2)
        batch.append([a, b, c], fill: color)
        batch.append([a, c, d], fill: color)
      }
    }
    return batch
  }

  static func quadBatch() -> PolygonBatch {
    var batch = PolygonBatch()
    var state: UInt64 = 7
    for r in 0..<200 {
      for c in 0..<200 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let (x, y) = (Double(c) * 4, Double(r) * 3)
        batch.append(
          [Point(x, y), Point(x + 4, y), Point(x + 4, y + 3), Point(x, y + 3)],
          fill: Color(hex: UInt32(truncatingIfNeeded: state >> 40)))
      }
    }
    return batch
  }
}
