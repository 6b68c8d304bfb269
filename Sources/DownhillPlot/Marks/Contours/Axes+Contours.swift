/// Contour plots and vector fields, as matplotlib's `contour`, `contourf` and `quiver`.
extension Axes {
  /// Contour lines of `z` (ny × nx, row-major, `z[j * nx + i]` at `(x[i], y[j])`), coloured
  /// by level through `colormap`, or all in `color` when one is given.
  @discardableResult
  public func contour(
    x: [Double], y: [Double], z: [Double], levels: ContourLevels = .automatic(7),
    colormap: Colormap? = .viridis, labels: Bool = false, color: Color? = nil,
    width: Double? = nil, label: String? = nil, labelColor: Color? = nil,
    labelBackground: Color? = nil
  ) -> Axes {
    var lines = ContourLines(
      x: x, y: y, z: z, levels: levels, colormap: color == nil ? colormap : nil,
      color: color ?? theme.text, width: width, labels: labels, label: label)
    lines.labelColor = labelColor
    lines.labelBackground = labelBackground
    return add(lines)
  }

  /// Filled bands between levels of `z` (laid out as for ``contour(x:y:z:levels:colormap:labels:color:width:label:labelColor:labelBackground:)``).
  /// Set `colorbarLabel` to explain the colours.
  @discardableResult
  public func contourFilled(
    x: [Double], y: [Double], z: [Double], levels: ContourLevels = .automatic(7),
    colormap: Colormap = .viridis
  ) -> Axes {
    add(FilledContours(x: x, y: y, z: z, levels: levels, colormap: colormap))
  }

  /// Arrows (u, v) at (x, y): one value per arrow, or `x`, `y` as grid axes with `u`, `v` on
  /// that grid. Autoscaled so the longest arrow is about one arrow spacing; `colormap` colours
  /// arrows by magnitude.
  @discardableResult
  public func quiver(
    x: [Double], y: [Double], u: [Double], v: [Double], color: Color? = nil,
    colormap: Colormap? = nil, scale: Double? = nil
  ) -> Axes {
    add(
      QuiverMark(
        x: x, y: y, u: u, v: v, color: color ?? theme.text, colormap: colormap, scale: scale))
  }
}
