import Downhill
import DownhillPlot

/// A loss landscape grid as `downhill landscape` draws it: the surface in 3D beside its
/// filled contours, the centre (the trained weights) marked in both.
public enum LandscapeFigure {
  public static func figure(
    _ grid: GridSurface, title: String, directions: String, width: Double = 1200,
    height: Double = 540
  ) -> Figure {
    let f = Figure(width: width, height: height, title: title)
    f.subplots(rows: 1, columns: 2)
    surface(grid, on: f.axes3D(row: 0, column: 0), directions: directions)
    let a = f.grid[0][1]
    let positive = grid.values.allSatisfy { $0 > 0 && $0.isFinite }
    let levels: ContourLevels = positive ? .logarithmic(12) : .automatic(12)
    a.contourFilled(
      x: grid.alphas, y: grid.betas, z: grid.values, levels: levels, colormap: .viridis)
    if grid.alphas.contains(where: { $0 <= 0 }) && grid.alphas.contains(where: { $0 >= 0 })
      && grid.betas.contains(where: { $0 <= 0 }) && grid.betas.contains(where: { $0 >= 0 })
    {
      a.scatter([0], [0], sizes: [10], label: "trained weights", color: Color(hex: 0xd62728))
    }
    a.xLabel = "α"
    a.yLabel = "β"
    a.colorbarLabel = "loss"
    a.legend = .upperRight
    return f
  }

  /// A landscape grid as a 3D surface, its axes named after the directions ("direction",
  /// "principal component"), with the trained weights (α = β = 0) marked when the grid holds
  /// them, seen from a view that shows them.
  static func surface(_ grid: GridSurface, on a3: Axes3D, directions: String) {
    a3.surface(x: grid.alphas, y: grid.betas, z: grid.values, colormap: .viridis)
    a3.xLabel = "α (\(directions) 1)"
    a3.yLabel = "β (\(directions) 2)"
    a3.zLabel = "loss"
    a3.colorbarLabel = ""
    guard let c = centreIndex(grid.alphas), let r = centreIndex(grid.betas), grid[c, r].isFinite
    else { return }
    let trained = Vector3(0, 0, grid[c, r])
    a3.scatter([trained], label: "trained weights", color: Color(hex: 0xd62728), size: 8)
    // The trained weights usually lie at the bottom of a bowl, whose front wall hides them from
    // matplotlib's 30°: look down more steeply until they show (straight down always shows them).
    for elevation in stride(from: 30.0, through: 90, by: 10) {
      a3.view.elevation = elevation
      if a3.shows(trained) { break }
    }
  }

  /// The index of 0 among grid coordinates (to rounding), nil when 0 is not one of them.
  private static func centreIndex(_ values: [Double]) -> Int? {
    guard let i = values.indices.min(by: { abs(values[$0]) < abs(values[$1]) }),
      let lo = values.min(), let hi = values.max()
    else { return nil }
    return abs(values[i]) <= 1e-9 * max(hi - lo, .leastNormalMagnitude) ? i : nil
  }
}
