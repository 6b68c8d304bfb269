import ArgumentParser
import Downhill
import DownhillFigures
import DownhillPlot

/// Options `surface` and `contour` share: which cost, where, and which descent paths.
struct SurfaceOptions: ParsableArguments {
  @Option(
    help: "The tutorial problem whose cost to draw (only 'not', T3's NOT gate, for now).",
    completion: .list(["not"]))
  var problem = "not"
  @Option(help: "The cost: mse or cross-entropy.", completion: .list(["mse", "cross-entropy"]))
  var cost = "mse"
  @Option(parsing: .unconditional, help: "θ range for both weights, MIN:MAX (MAX − MIN finite).")
  var range = "-15:15"
  @Option(help: "Scattered (θ1, θ2) points, triangulated, as the tutorial.") var points = 500
  @Option(help: "A regular N×N grid instead of scattered points.") var grid: Int?
  @Option(help: "Descent paths from this many seeded starts, 0…50.") var starts = 0
  @Option(
    help: "The optimizer for the paths: \(OptimizerNames.all.joined(separator: ", ")).",
    completion: .list(OptimizerNames.all))
  var optimizer = "sgd"
  @Option(parsing: .unconditional, help: "Learning rate (step size) of the paths.") var alpha = 4.0
  @Option(help: "Steps per path (--starts × --steps ≤ 200000).") var steps = 400
  @Option(help: "Seed of the random points and starts.") var seed: UInt32 = 0
  @Option(help: "Output width in pixels (1…32767, width × height ≤ 67108864).") var width = 800.0
  @Option(help: "Output height in pixels (1…32767, width × height ≤ 67108864).")
  var height = 600.0
  @Option(help: "Where to write the figure: \(OutputFormat.extensions).") var out: String
  @OptionGroup var svg: SVGOutputOptions

  func validate() throws {
    guard problem == "not" else {
      throw ValidationError("unknown problem '\(problem)': only 'not' has a cost surface so far")
    }
    guard OutputFormat(path: out) != nil else {
      throw ValidationError(PlotError.unknownFormat(path: out).description)
    }
    _ = try options()
  }

  func options() throws -> CostSurfaceFigure.Options {
    var o = CostSurfaceFigure.Options()
    switch cost.lowercased() {
    case "mse": o.cost = .mse
    case "cross-entropy", "crossentropy", "ce": o.cost = .crossEntropy
    default: throw ValidationError("unknown cost '\(cost)': use mse or cross-entropy")
    }
    let parts = range.split(separator: ":", omittingEmptySubsequences: false).map {
      Double($0.trimmingSpaces)
    }
    guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo < hi, (hi - lo).isFinite
    else {
      throw ValidationError(
        "--range must be MIN:MAX with MIN < MAX and a finite MAX − MIN, e.g. -15:15 (got '\(range)')"
      )
    }
    o.range = lo...hi
    o.points = points
    o.grid = grid
    o.starts = starts
    o.optimizer = optimizer
    o.learningRate = alpha
    o.steps = steps
    o.seed = seed
    o.width = width
    o.height = height
    do { try o.validate() } catch let e as FigureError { throw ValidationError(e.description) }
    return o
  }
}

struct SurfaceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "surface",
    abstract: "Draw a tutorial cost surface in 3D, with descent paths over it.",
    discussion: """
      Examples:
        downhill surface --problem not --cost mse --out mse.png
        downhill surface --cost cross-entropy --grid 120 --starts 5 --optimizer adam --alpha 0.5 --out ce.svg
        downhill surface --cost mse --azimuth 200 --elevation 45 --out view.pdf
      """)

  @OptionGroup var surface: SurfaceOptions
  @Option(
    parsing: .unconditional,
    help: "View azimuth in degrees (default: 160 for MSE, 200 for cross-entropy).")
  var azimuth: Double?
  @Option(parsing: .unconditional, help: "View elevation in degrees.") var elevation = 30.0

  func validate() throws {
    guard azimuth.map(\.isFinite) ?? true, elevation.isFinite, (-90...90).contains(elevation) else {
      throw ValidationError("--azimuth must be a number and --elevation a number in -90…90")
    }
  }

  func run() throws {
    var o = try surface.options()
    o.azimuth = azimuth
    o.elevation = elevation
    try CostSurfaceFigure.figure(o).write(to: surface.out, svg: surface.svg.options)
  }
}

struct ContourCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "contour",
    abstract: "Draw a tutorial cost surface as contours, with descent paths over it.",
    discussion: """
      Examples:
        downhill contour --cost cross-entropy --starts 5 --out ce-contours.png
        downhill contour --cost mse --grid 300 --starts 3 --optimizer momentum --alpha 1 --out mse.svg
      """)

  @OptionGroup var surface: SurfaceOptions

  func run() throws {
    try CostSurfaceFigure.contourFigure(surface.options()).write(
      to: surface.out, svg: surface.svg.options)
  }
}
