import DownhillTesting
import Foundation
import Testing

@testable import DownhillPlot

func notCost(_ t1: Double, _ t2: Double, ce: Bool) -> Double {
  let xs: [(Double, Double)] = [(0, 1), (1, 0)]  // (input, target)
  var c = 0.0
  for (x, y) in xs {
    let h = 1 / (1 + exp(-(x * t1 + t2)))
    c += ce ? (-y * log(h) - (1 - y) * log(1 - h)) : 0.5 * (h - y) * (h - y)
  }
  return c
}

/// Both of T3's costs as 3D grid surfaces with a descent path, against a committed baseline:
/// panes, ticks, labels, colours and occlusion all show up in the pixels.
@Test func surfaces3DMatchTheirBaseline() throws {
  let f = Figure(width: 1000, height: 520)
  f.subplots(rows: 1, columns: 2)
  for (k, ce) in [false, true].enumerated() {
    let a = f.axes3D(row: 0, column: k)
    let n = 60
    let g = (0..<n).map { -15 + 30 * Double($0) / Double(n - 1) }
    var z: [Double] = []
    for y in g { for x in g { z.append(notCost(x, y, ce: ce)) } }
    a.surface(x: g, y: g, z: z, colormap: .jet)
    var p = Vector3(-12, 10, 0)
    var path: [Vector3] = []
    for _ in 0..<400 {
      p.z = notCost(p.x, p.y, ce: ce)
      path.append(p)
      let e = 1e-5
      let gx = (notCost(p.x + e, p.y, ce: ce) - notCost(p.x - e, p.y, ce: ce)) / (2 * e)
      let gy = (notCost(p.x, p.y + e, ce: ce) - notCost(p.x, p.y - e, ce: ce)) / (2 * e)
      p.x -= 3 * gx
      p.y -= 3 * gy
    }
    a.trajectory(path, label: "descent", color: .white)
    a.title = ce ? "cross-entropy" : "MSE"
    a.xLabel = "Theta1"; a.yLabel = "Theta2"; a.zLabel = "Cost"
    a.view.azimuth = ce ? 200 : 160
  }
  expectFigure(f, named: "surfaces-3d")
}
