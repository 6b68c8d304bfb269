import Foundation

@testable import DownhillPlot

/// Fields and figures for the contour tests (the same data as `scripts/contour_reference.py`).
enum ContourSamples {
  /// `n` evenly spaced values from `a` to `b`, as `numpy.linspace`.
  static func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
    (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
  }

  /// Row-major samples of `f` on the grid x × y.
  static func grid(_ x: [Double], _ y: [Double], _ f: (Double, Double) -> Double) -> [Double] {
    y.flatMap { yv in x.map { f($0, yv) } }
  }

  static func rosenbrock(_ x: Double, _ y: Double) -> Double {
    (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
  }

  /// Two bumps and a dip, a smooth field with several extrema.
  static func bumps(_ x: Double, _ y: Double) -> Double {
    1.2 * exp(-((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5)))
      + exp(-((x + 1.2) * (x + 1.2) + (y + 0.8) * (y + 0.8)) / 0.6)
      - 0.9 * exp(-((x + 0.5) * (x + 0.5) + (y - 1.4) * (y - 1.4)) / 0.4)
  }

  /// `bumps` with NaN inside a disc and a rectangle: missing data.
  static func holed(_ x: Double, _ y: Double) -> Double {
    if (x - 0.8) * (x - 0.8) + (y - 0.4) * (y - 0.4) < 0.35 { return .nan }
    if x > -2.2 && x < -1.2 && y > 0.6 && y < 1.6 { return .nan }
    return bumps(x, y)
  }

  static func gallery() -> Figure {
    let f = Figure(width: 900, height: 720, title: "Contours")
    let g = f.subplots(rows: 2, columns: 2)

    let rx = linspace(-2, 2, 161)
    let ry = linspace(-1, 3, 161)
    g[0][0].contour(
      x: rx, y: ry, z: grid(rx, ry, rosenbrock), levels: .logarithmic(8), labels: true)
    g[0][0].title = "Rosenbrock, log levels"

    let bx = linspace(-3, 3, 121)
    let by = linspace(-2.5, 2.5, 101)
    let bz = grid(bx, by, bumps)
    g[0][1].contourFilled(x: bx, y: by, z: bz, levels: .automatic(10))
    g[0][1].contour(
      x: bx, y: by, z: bz, levels: .automatic(10), color: Color(hex: 0x1a1a1a), width: 0.6)
    g[0][1].colorbarLabel = "height"
    g[0][1].title = "filled, with colorbar"

    let qx = linspace(-2, 2, 81)
    let qy = linspace(-2, 2, 81)
    g[1][0].contour(x: qx, y: qy, z: grid(qx, qy) { $0 * $0 + 2 * $1 * $1 }, levels: .automatic(8))
    let ax = linspace(-1.8, 1.8, 13)
    let ay = linspace(-1.8, 1.8, 13)
    // −∇(x² + 2y²)
    g[1][0].quiver(
      x: ax, y: ay, u: grid(ax, ay) { x, _ in -2 * x }, v: grid(ax, ay) { _, y in -4 * y })
    g[1][0].equalAspect = true
    g[1][0].title = "−∇ of a bowl"

    let hx = linspace(-3, 3, 121)
    let hy = linspace(-2.5, 2.5, 101)
    let hz = grid(hx, hy, holed)
    g[1][1].contourFilled(x: hx, y: hy, z: hz, levels: .automatic(10), colormap: .coolwarm)
    g[1][1].contour(
      x: hx, y: hy, z: hz, levels: .automatic(10), labels: true, color: .black, width: 0.8)
    g[1][1].title = "NaN holes"
    return f
  }
}
