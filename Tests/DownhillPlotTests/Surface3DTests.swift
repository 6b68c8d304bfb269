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

/// A flat one-colour plane of 30 × 30 cells: in the PNG every pixel well inside it has that
/// colour. Antialiasing face by face leaves a light seam of the pane behind along shared edges.
@Test func aSurfaceHasNoSeamsBetweenItsFaces() throws {
  let f = Figure(width: 400, height: 320)
  let a = f.axes3D()
  a.zLimits = 0...1
  let g = (0..<30).map { Double($0) / 29 }
  a.surface(x: g, y: g, z: Array(repeating: 0.5, count: 900), colormap: .viridis)
  let image = try #require(RasterImage(png: try f.render(format: .png)))
  func pixel(_ x: Int, _ y: Int) -> [Int] {
    let i = (y * image.width + x) * 4
    return (0..<3).map { Int(image.pixels[i + $0]) }
  }
  let (cx, cy) = (image.width / 2, image.height / 2)
  let colour = pixel(cx, cy)
  var off = 0
  for y in (cy - 20)...(cy + 20) {
    for x in (cx - 40)...(cx + 40)
    where zip(pixel(x, y), colour).contains(where: { abs($0 - $1) > 3 }) {
      off += 1
    }
  }
  #expect(off == 0, "\(off) of 3,321 pixels inside the plane differ from its colour \(colour)")
}
