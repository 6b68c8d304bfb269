import Downhill
import DownhillPlot

/// T3's cost surface over the NOT gate's two weights (θ1 on the input, θ2 on the bias), in 3D
/// or as contours, with descent paths drawn over it. The data behind `downhill surface` and
/// `downhill contour` and the catalogue's cost-surface figures.
public enum CostSurfaceFigure {
  public struct Options: Sendable {
    public var cost: TutorialSurfaces.NotGateCost = .mse
    public var range: ClosedRange<Double> = -15...15
    /// Scattered points (the tutorial's random pairs), triangulated; ignored when `grid` is set.
    public var points = 500
    /// A regular grid of this many points a side instead of scattered points.
    public var grid: Int?
    /// The view; nil takes the tutorial's (160° for MSE, 200° for cross-entropy).
    public var azimuth: Double?
    public var elevation = 30.0
    /// Perspective as matplotlib's default, or orthographic (`proj_type='ortho'`).
    public var projection = View3D.Projection.matplotlibPerspective
    /// Descent paths from this many starts (seeded, spread over the range).
    public var starts = 0
    /// Or from these starts.
    public var startPoints: [(Double, Double)] = []
    public var optimizer = "sgd"
    public var learningRate = 4.0
    public var steps = 400
    public var seed: UInt32 = 0
    public var width = 800.0
    public var height = 600.0
    public var title: String?

    public init() {}

    /// The most path points (starts × steps) drawn: each takes memory and drawing time.
    public static let maximumPathPoints = 200_000

    /// One-line errors for options no figure can be drawn from.
    public func validate() throws {
      guard range.lowerBound.isFinite, range.upperBound.isFinite,
        range.lowerBound < range.upperBound
      else {
        throw FigureError.invalid("the range must be two finite numbers, min < max (e.g. -15:15)")
      }
      if let grid, grid < 2 || grid > 2000 {
        throw FigureError.invalid("--grid must be 2…2000, got \(grid)")
      }
      if grid == nil, points < 3 || points > 200_000 {
        throw FigureError.invalid("--points must be 3…200000, got \(points)")
      }
      guard azimuth.map(\.isFinite) ?? true, elevation.isFinite, elevation >= -90, elevation <= 90
      else {
        throw FigureError.invalid("the view needs a finite azimuth and an elevation in -90…90")
      }
      guard starts >= 0, starts <= 50 else {
        throw FigureError.invalid("--starts must be 0…50, got \(starts)")
      }
      guard learningRate.isFinite, learningRate > 0 else {
        throw FigureError.invalid("the learning rate must be a positive number")
      }
      guard steps >= 1, steps <= Self.maximumPathPoints else {
        throw FigureError.invalid("--steps must be 1…\(Self.maximumPathPoints), got \(steps)")
      }
      let paths = max(starts, startPoints.count)
      guard paths * steps <= Self.maximumPathPoints else {
        throw FigureError.invalid(
          "\(paths) paths × \(steps) steps is over \(Self.maximumPathPoints) path points: give fewer --starts or --steps"
        )
      }
      _ = try OptimizerNames.make(optimizer, learningRate: learningRate)
    }
  }

  /// Colours that stay readable on the jet colormap.
  static let pathColors: [Color] = [0xffffff, 0x111111, 0xff33cc, 0x8c2d04, 0x7a7aff, 0xcccccc].map
  { Color(hex: $0) }

  /// The cost's samples: (θ1, θ2, cost) on the grid or at the tutorial's random pairs.
  static func samples(_ o: Options) throws -> (x: [Double], y: [Double], z: [Double], grid: Int?) {
    let c = TutorialSurfaces.notGate(cost: o.cost)
    if let n = o.grid {
      let axis = GridSurface.linspace(o.range.lowerBound, o.range.upperBound, count: n)
      let surface = try TutorialSurfaces.notGateSurface(cost: o.cost).grid(
        alphas: axis, betas: axis)
      return (axis, axis, surface.values, n)
    }
    let pairs = try TutorialSurfaces.randomPairs(count: o.points, range: o.range, seed: o.seed)
    return (pairs.map(\.0), pairs.map(\.1), pairs.map { c([$0.0, $0.1]) }, nil)
  }

  /// The descent paths, one per start.
  static func paths(_ o: Options) throws -> [[Vector3]] {
    var starts = o.startPoints
    if starts.isEmpty && o.starts > 0 {
      var g = SeededGenerator(seed: o.seed &+ 1)
      let span = o.range.upperBound - o.range.lowerBound
      starts = (0..<o.starts).map { _ in
        (
          o.range.lowerBound + span * (0.1 + 0.8 * g.randomSample()),
          o.range.lowerBound + span * (0.1 + 0.8 * g.randomSample())
        )
      }
    }
    let c = TutorialSurfaces.notGate(cost: o.cost)
    let cost = o.cost
    let objective: Objective = { w in (c(w), TutorialSurfaces.notGateGradient(cost: cost, at: w)) }
    return try starts.map { s in
      var optimizer = try OptimizerNames.make(o.optimizer, learningRate: o.learningRate)
      let t = minimize(objective, from: [s.0, s.1], optimizer: &optimizer, steps: o.steps)
      return zip(t.points, t.values).map { Vector3($0[0], $0[1], $1) }
    }
  }

  static func name(_ cost: TutorialSurfaces.NotGateCost) -> String {
    cost == .mse ? "MSE" : "cross-entropy"
  }

  /// Draws the surface and paths into `axes`.
  static func draw(_ o: Options, into axes: Axes3D, paths: [[Vector3]], labelPaths: Bool) throws {
    let s = try samples(o)
    if let n = s.grid {
      axes.surface(
        x: s.x, y: s.y, z: s.z, colormap: .jet, shaded: false,
        edgeColor: n <= 60 ? Color(hex: 0x000000, alpha: 0.25) : nil)
    } else {
      axes.triangulatedSurface(
        x: s.x, y: s.y, z: s.z, colormap: .jet, edgeColor: Color(hex: 0x000000, alpha: 0.3),
        edgeWidth: 0.25)
    }
    for (i, p) in paths.enumerated() {
      axes.trajectory(
        p, label: labelPaths ? "start \(i + 1)" : nil, color: pathColors[i % pathColors.count],
        width: 2, draped: true)
    }
    axes.xLabel = "Theta1"
    axes.yLabel = "Theta2"
    axes.zLabel = "Cost"
    axes.view = View3D(
      azimuth: o.azimuth ?? (o.cost == .mse ? 160 : 200), elevation: o.elevation,
      projection: o.projection)
    axes.xLimits = o.range
    axes.yLimits = o.range
  }

  /// One 3D cost surface.
  public static func figure(_ o: Options) throws -> Figure {
    try o.validate()
    let f = Figure(width: o.width, height: o.height)
    let a = f.axes3D()
    try draw(o, into: a, paths: try paths(o), labelPaths: false)
    a.title = o.title ?? "NOT gate: \(name(o.cost)) cost over two weights"
    a.showsLegend = false
    return f
  }

  /// The same cost as contour lines over filled contours, with the paths on top.
  public static func contourFigure(_ o: Options) throws -> Figure {
    try o.validate()
    var g = o
    if g.grid == nil { g.grid = 200 }
    let s = try samples(g)
    let f = Figure(width: o.width, height: o.height)
    let a = f.axes
    let positive = s.z.filter { $0 > 0 && $0.isFinite }
    let levels: ContourLevels =
      o.cost == .crossEntropy && (positive.max() ?? 1) / max(positive.min() ?? 1, 1e-300) > 100
      ? .logarithmic(12) : .automatic(12)
    a.contourFilled(x: s.x, y: s.y, z: s.z, levels: levels, colormap: .viridis)
    a.contour(
      x: s.x, y: s.y, z: s.z, levels: levels, colormap: nil, labels: true,
      color: Color(hex: 0xffffff, alpha: 0.7), width: 0.7)
    a.colorbarLabel = "cost"
    for (i, p) in try paths(o).enumerated() {
      let c = pathColors[(i + 1) % pathColors.count]
      a.plot(p.map(\.x), p.map(\.y), label: "start \(i + 1)", color: c, width: 1.8)
      a.scatter([p[0].x], [p[0].y], sizes: [8], color: c)
    }
    a.legend = o.starts > 0 || !o.startPoints.isEmpty ? .best : nil
    a.xLabel = "Theta1"
    a.yLabel = "Theta2"
    a.xLimits = o.range
    a.yLimits = o.range
    a.equalAspect = true
    a.title = o.title ?? "NOT gate: \(name(o.cost)) cost, contours"
    return f
  }
}

extension FigureError {
  static func invalid(_ message: String) -> FigureError { .invalidOptions(message) }
}
