/// Downhill's plotting core: figures, axes and marks, drawn through a `Renderer`.
/// It never trains anything.
///
/// The sources by folder:
/// - `Figure`: `Figure`, `Axes` and what they draw around the data (theme, text, legend,
///   colorbar).
/// - `Layout`: where an axes' plot area, ticks and labels go, and the order they are drawn in.
/// - `Scales`: linear and log scales, tick positions and their labels.
/// - `Marks`: the `Mark` protocol and the 2D marks, one file each; `Marks/Contours` holds the
///   contour marks with what computes them. A new mark is a file here conforming to `Mark`
///   (its `limitFit` says whether the axes should fit it tightly) plus an `Axes` extension
///   that adds it, as `Axes+Contours.swift`.
/// - `Marks3D`: `Axes3D`, the `Mark3D` protocol and its marks, projection and occlusion.
/// - `Geometry`: points, paths and the algorithms on them (clipping, simplification,
///   triangulation).
/// - `Color`: colours, colormaps and value-to-colour mappings.
/// - `Backends`: the `Renderer` protocol and `OutputFormat`, the table of file formats;
///   `Backends/Cairo` draws PNG and PDF, `Backends/SVG` writes SVG. A new format is a renderer
///   in a folder here and one entry in `OutputFormat.allCases`.
/// - `Animation`: animated GIFs and their palette.
public enum DownhillPlotVersion {
  public static let string = "0.1.0"
}
