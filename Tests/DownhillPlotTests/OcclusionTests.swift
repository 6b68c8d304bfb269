import Foundation
import Testing

@testable import DownhillPlot

/// A path behind a surface must vanish exactly where the surface covers it, in every format.
@Suite struct OcclusionTests {
  static let red = Color(hex: 0xff0000)

  /// A horizontal plane at z = 0.5 over x ∈ [0, planeTo], y ∈ [0, 1], seen from above, and a red
  /// segment along x at height `segmentZ`.
  static func scene(
    segmentZ: Double, planeTo: Double = 1, projection: View3D.Projection = .matplotlibPerspective
  ) -> Figure {
    let f = Figure(width: 400, height: 320)
    let a = f.axes3D()
    a.view.projection = projection
    a.xLimits = 0...1
    a.yLimits = 0...1
    a.zLimits = 0...1
    a.surface(
      x: [0, planeTo], y: [0, 1], z: [0.5, 0.5, 0.5, 0.5], colormap: .viridis, shaded: false)
    a.line([Vector3(0.2, 0.5, segmentZ), Vector3(0.8, 0.5, segmentZ)], color: red, width: 3)
    return f
  }

  static func redPixels(_ f: Figure) throws -> Int {
    let image = try #require(RasterImage(png: try f.render(format: .png)))
    var count = 0
    for i in stride(from: 0, to: image.pixels.count, by: 4)
    where image.pixels[i] > 200 && image.pixels[i + 1] < 60 && image.pixels[i + 2] < 60 {
      count += 1
    }
    return count
  }

  @Test func segmentBehindAFaceShowsNoPixels() throws {
    #expect(try Self.redPixels(Self.scene(segmentZ: 0.2)) == 0)
  }

  /// In strong perspective, depth across a face is not linear on screen: mixed linearly, the
  /// plane's depth comes out too far, and a segment 0.04 below the plane at 0.5 shows through.
  @Test func aSegmentJustBelowAFaceStaysHiddenInStrongPerspective() throws {
    let close = View3D.Projection.perspective(distance: 1.5)
    #expect(try Self.redPixels(Self.scene(segmentZ: 0.46, projection: close)) == 0)
    #expect(try Self.redPixels(Self.scene(segmentZ: 0.65, projection: close)) > 200)
  }

  @Test func theSameSegmentInFrontShows() throws {
    #expect(try Self.redPixels(Self.scene(segmentZ: 0.8)) > 200)
  }

  @Test func hiddenSegmentsAreAbsentFromVectorOutput() throws {
    let svg = String(decoding: try Self.scene(segmentZ: 0.2).render(format: .svg), as: UTF8.self)
    let visible = String(
      decoding: try Self.scene(segmentZ: 0.8).render(format: .svg), as: UTF8.self)
    let redStroke = ["#ff0000", "#f00", "rgb(100%,0%,0%)"]
    #expect(!redStroke.contains { svg.contains($0) })
    #expect(redStroke.contains { visible.contains($0) })
  }

  @Test func aSegmentPassingUnderAFaceEdgeIsCutAtThatEdge() throws {
    // The plane covers x ≤ 0.5; the segment below it appears exactly where the plane ends.
    let rec = try record(Self.scene(segmentZ: 0.2, planeTo: 0.5))
    let redPaths = rec.paths.filter { $0.1.stroke?.color == Self.red }
    #expect(redPaths.count == 1)
    // The plane is drawn as two triangles, (0, 0), (0.5, 0), (0.5, 1) and (0, 0), (0.5, 1),
    // (0, 1): the one whose second corner the other lacks has the edge x = 0.5 from its second
    // corner to its third.
    let triangles = rec.paths.filter {
      $0.1.fill != nil && $0.0.elements.count == 4 && $0.1.stroke?.color != Theme.standard.frame
    }.map { path in
      path.0.elements.compactMap { e -> Point? in
        switch e {
        case .move(let p), .line(let p): p
        default: nil
        }
      }
    }
    try #require(triangles.count == 2)
    let corners = try #require(
      triangles.first { t in
        let other = triangles.first { $0 != t }!
        return other.allSatisfy { hypot($0.x - t[1].x, $0.y - t[1].y) > 1 }
      })
    guard case .move(let start)? = redPaths.first?.0.elements.first else {
      Issue.record("no visible red segment")
      return
    }
    let (p, q) = (corners[1], corners[2])
    let distance =
      abs((q.x - p.x) * (p.y - start.y) - (p.x - start.x) * (q.y - p.y))
      / hypot(q.x - p.x, q.y - p.y)
    // Faces are drawn grown by 0.3 units to close antialiasing seams.
    #expect(distance < 0.35, "the path reappears \(distance) px from the face's edge")
  }
}
