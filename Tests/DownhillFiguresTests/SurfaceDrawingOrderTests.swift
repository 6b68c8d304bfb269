import Downhill
import Foundation
import Testing

@testable import DownhillFigures
@testable import DownhillPlot

/// Ground truth for the order of a 3D panel's surface faces: the faces rasterised at pixel
/// centres once in the order the scene draws them and once through a per-pixel depth buffer.
/// A pixel is wrong where the face drawn last there lies behind the nearest face there.
enum DepthBuffer {
  struct Count {
    /// Pixels some face covers.
    var covered = 0
    /// Pixels where a farther face ends up over a nearer one.
    var farOverNear = 0
    /// Those of them where the two faces' colours differ (the error shows).
    var visible = 0
  }

  static func check(
    _ a: Axes3D, width: Int = 800, height: Int = 600, meanDepthOrder: Bool = false
  ) -> Count {
    let t = Transform3D(
      limits: a.limits(), aspect: a.boxAspect, view: a.view,
      center: Point(Double(width) / 2, Double(height) / 2),
      scale: Double(min(width, height)) * 0.8)
    var scene = Scene3D()
    scene.eyeDistance = t.distance
    for mark in a.marks where mark is SurfaceMark {
      mark.addPrimitives(to: &scene, transform: t, theme: .standard)
    }
    if meanDepthOrder { scene.facesInOrder = -1 }
    var drawn = [Int32](repeating: -1, count: width * height)
    var drawnDepth = [Double](repeating: -.infinity, count: width * height)
    var nearest = [Int32](repeating: -1, count: width * height)
    var nearestDepth = [Double](repeating: -.infinity, count: width * height)
    for f in scene.faceDrawingOrder() {
      let s = scene.faceStarts[f]
      for k in (s + 1)..<(scene.faceStarts[f + 1] - 1) {
        let (a, b, c) = (scene.facePoints[s], scene.facePoints[k], scene.facePoints[k + 1])
        let (da, db, dc) = (scene.faceDepths[s], scene.faceDepths[k], scene.faceDepths[k + 1])
        let det = (b.y - c.y) * (a.x - c.x) + (c.x - b.x) * (a.y - c.y)
        guard abs(det) > 1e-12 else { continue }
        let x0 = max(0, Int(min(a.x, b.x, c.x).rounded(.down)))
        let x1 = min(width - 1, Int(max(a.x, b.x, c.x).rounded(.up)))
        let y0 = max(0, Int(min(a.y, b.y, c.y).rounded(.down)))
        let y1 = min(height - 1, Int(max(a.y, b.y, c.y).rounded(.up)))
        guard x0 <= x1, y0 <= y1 else { continue }
        for y in y0...y1 {
          for x in x0...x1 {
            let (px, py) = (Double(x) + 0.5, Double(y) + 0.5)
            let l1 = ((b.y - c.y) * (px - c.x) + (c.x - b.x) * (py - c.y)) / det
            let l2 = ((c.y - a.y) * (px - c.x) + (a.x - c.x) * (py - c.y)) / det
            let l3 = 1 - l1 - l2
            guard l1 >= 0, l2 >= 0, l3 >= 0 else { continue }
            let d = FaceIndex.depth(
              weights: (l1, l2, l3), depths: (da, db, dc), eyeDistance: scene.eyeDistance)
            let i = y * width + x
            drawn[i] = Int32(f)
            drawnDepth[i] = d
            if d > nearestDepth[i] {
              nearestDepth[i] = d
              nearest[i] = Int32(f)
            }
          }
        }
      }
    }
    var count = Count()
    for i in drawn.indices where drawn[i] >= 0 {
      count.covered += 1
      guard drawnDepth[i] < nearestDepth[i] - 1e-6 else { continue }
      count.farOverNear += 1
      let (p, q) = (scene.faceFills[Int(drawn[i])], scene.faceFills[Int(nearest[i])])
      if max(abs(p.red - q.red), abs(p.green - q.green), abs(p.blue - q.blue)) > 2.0 / 255 {
        count.visible += 1
      }
    }
    return count
  }
}

@Suite struct SurfaceDrawingOrderTests {
  static func surfacePanel(_ cost: TutorialSurfaces.NotGateCost, grid: Int? = nil) throws -> Axes3D
  {
    var o = CostSurfaceFigure.Options()
    o.cost = cost
    o.grid = grid
    let f = Figure(width: 800, height: 600)
    let a = f.axes3D()
    try CostSurfaceFigure.draw(o, into: a, paths: [], labelPaths: false)
    return a
  }

  /// The catalogue's scattered-point meshes and a grid, from their own views and others: no
  /// face drawn over a nearer one anywhere.
  @Test(
    arguments: [
      (TutorialSurfaces.NotGateCost.mse, nil, nil), (.crossEntropy, nil, nil), (.mse, nil, -60),
      (.crossEntropy, nil, 20), (.mse, 40, nil), (.crossEntropy, 40, 110),
    ] as [(TutorialSurfaces.NotGateCost, Int?, Double?)])
  func noFarFaceOverANearOne(cost: TutorialSurfaces.NotGateCost, grid: Int?, azimuth: Double?)
    throws
  {
    let a = try Self.surfacePanel(cost, grid: grid)
    if let azimuth { a.view.azimuth = azimuth }
    let c = DepthBuffer.check(a)
    #expect(c.covered > 20_000)
    #expect(c.farOverNear == 0, "\(c.farOverNear) of \(c.covered) pixels far over near")
  }

  /// The same check catches the painter's algorithm (faces by mean depth) failing on the same
  /// mesh, so it can fail.
  @Test func theCheckSeesThePaintersAlgorithmFail() throws {
    for cost in [TutorialSurfaces.NotGateCost.mse, .crossEntropy] {
      let c = DepthBuffer.check(try Self.surfacePanel(cost), meanDepthOrder: true)
      print(
        "painter's algorithm, \(cost): \(c.farOverNear) far-over-near pixels, \(c.visible) visible, of \(c.covered)"
      )
      #expect(c.visible > 0)
    }
  }
}

/// How much of each descent path, and which of its end markers, a 3D panel shows.
enum PathVisibility {
  struct Path {
    var visibleFraction: Double
    /// Display length hidden within the first tenth of the path.
    var hiddenNearStart: Double
    var startShows: Bool
    var endShows: Bool
  }

  static func measure(_ a: Axes3D, scale: Double = 420) -> [Path] {
    let t = Transform3D(
      limits: a.limits(), aspect: a.boxAspect, view: a.view, center: Point(0, 0), scale: scale)
    var surfaces = Scene3D()
    surfaces.eyeDistance = t.distance
    for mark in a.marks where mark is SurfaceMark {
      mark.addPrimitives(to: &surfaces, transform: t, theme: .standard)
    }
    var out: [Path] = []
    for case let line as Line3DMark in a.marks {
      var scene = surfaces
      line.addPrimitives(to: &scene, transform: t, theme: .standard)
      let index = FaceIndex(scene: scene)
      var (total, visible, hiddenNearStart) = (0.0, 0.0, 0.0)
      let lengths = scene.segments.map {
        hypot($0.b.point.x - $0.a.point.x, $0.b.point.y - $0.a.point.y)
      }
      let tenth = lengths.reduce(0, +) / 10
      for s in scene.segments {
        for run in index.runs(s, tolerance: scene.tolerance) {
          let l = hypot(run.to.x - run.from.x, run.to.y - run.from.y)
          if run.visible { visible += l } else if total < tenth { hiddenNearStart += l }
          total += l
        }
      }
      let shows = scene.markers.map { index.isVisible($0.at, tolerance: scene.tolerance) }
      out.append(
        Path(
          visibleFraction: total > 0 ? visible / total : 0, hiddenNearStart: hiddenNearStart,
          startShows: shows.first ?? false, endShows: shows.count > 1 ? shows[1] : false))
    }
    return out
  }
}

@Suite struct PathVisibilityTests {
  /// cost-surface-comparison's paths laid on the 500-point meshes: every start marker shows, no
  /// gap after a start, and every path shows whole except MSE's start 5, which runs along the
  /// mesh's front edge behind a border triangle (x = −15, up to 0.11 at θ2 ≈ 0) that rises above
  /// the path from this view.
  @Test func comparisonPathsShowOnTheMesh() throws {
    let f = try CostSurfaceComparison.figure()
    for (k, cost) in ["MSE", "cross-entropy"].enumerated() {
      let paths = PathVisibility.measure(f.axes3D(row: 0, column: k))
      for (i, p) in paths.enumerated() {
        print(
          "\(cost) start \(i + 1): \(Int((p.visibleFraction * 100).rounded())) % visible, \(Int(p.hiddenNearStart.rounded())) units hidden near the start, start marker \(p.startShows ? "shows" : "hidden"), end marker \(p.endShows ? "shows" : "hidden or outside")"
        )
        #expect(p.startShows, "\(cost) start \(i + 1)'s marker is hidden")
        #expect(p.hiddenNearStart < 1, "\(cost) start \(i + 1) has a gap after its start")
        if !(k == 0 && i == 4) {
          #expect(p.visibleFraction > 0.99, "\(cost) start \(i + 1) is partly hidden")
        }
      }
    }
  }
}
