import Downhill
import DownhillPlot
import Foundation

/// An animation of the catalogue: a name, its GIF's file name, and how to make its frames.
public struct AnimationEntry: Sendable {
  public let name: String
  public let summary: String
  public let make: @Sendable (_ frames: Int) throws -> AnimatedGIF

  /// `NAME.gif`, as `downhill figures` writes and lists it.
  public var fileName: String { "\(name).gif" }
}

/// The tutorials' animations.
public enum Animations {
  public static let all: [AnimationEntry] = [
    AnimationEntry(
      name: "3d-error-plane",
      summary: "T3's MSE error surface over two weights, turning a full circle",
      make: { frames in try errorPlane(frames: frames) }),
    AnimationEntry(
      name: "descent", summary: "Balls rolling down the cross-entropy surface, step by step",
      make: { frames in try descent(frames: frames) }),
  ]

  /// The animation called `name`, or whose file is `name` (`descent` or `descent.gif`).
  public static func entry(named name: String) -> AnimationEntry? {
    all.first { $0.name == name || $0.fileName == name }
  }

  /// The tutorial's `3d_error_plane`: the MSE surface seen from every azimuth in turn.
  public static func errorPlane(frames: Int = 36, size: (Double, Double) = (520, 400)) throws
    -> AnimatedGIF
  {
    var o = CostSurfaceFigure.Options()
    o.grid = 40
    var gif = try AnimatedGIF(width: Int(size.0), height: Int(size.1), delay: 0.1)
    for k in 0..<max(1, frames) {
      let f = Figure(width: size.0, height: size.1)
      let a = f.axes3D()
      try CostSurfaceFigure.draw(o, into: a, paths: [], labelPaths: false)
      a.view = View3D(azimuth: 160 + 360 * Double(k) / Double(max(1, frames)), elevation: 30)
      // One scale for every frame, so the box does not pulse as it turns.
      a.keepsScaleWhileTurning = true
      a.title = "MSE error surface"
      try gif.append(f)
    }
    return gif
  }

  /// Five balls descending the cross-entropy surface, one more step per frame.
  public static func descent(frames: Int = 40, size: (Double, Double) = (560, 420)) throws
    -> AnimatedGIF
  {
    var o = CostSurfaceFigure.Options()
    o.cost = .crossEntropy
    o.grid = 40
    o.startPoints = CostSurfaceComparison.starts
    o.learningRate = 4
    o.steps = 400
    let paths = try CostSurfaceFigure.paths(o)
    var gif = try AnimatedGIF(width: Int(size.0), height: Int(size.1), delay: 0.12)
    let n = max(1, frames)
    for k in 0..<n {
      // Steps grow geometrically: the first frames show single steps, the last ones the tail.
      let step = Int((pow(Double(o.steps), Double(k) / Double(max(1, n - 1))) - 1).rounded())
      let f = Figure(width: size.0, height: size.1)
      let a = f.axes3D()
      let partial = paths.map { Array($0.prefix(step + 1)) }
      try CostSurfaceFigure.draw(o, into: a, paths: partial, labelPaths: false)
      a.title = "Cross-entropy: gradient descent, step \(step)"
      a.keepsScaleWhileTurning = true
      try gif.append(f)
    }
    return gif
  }
}
