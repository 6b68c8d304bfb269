/// Where a legend goes: `best` avoids the data as matplotlib's `loc="best"` does.
public enum LegendPlacement: String, CaseIterable, Sendable {
  case best, upperRight, upperLeft, lowerLeft, lowerRight, centerRight, centerLeft, lowerCenter,
    upperCenter, center
}

/// One plot area with its scales, labels and marks (matplotlib's `Axes`). Created by a
/// `Figure`; methods add marks and return the axes so calls can chain.
public final class Axes {
  public var title: String?
  public var xLabel: String?
  public var yLabel: String?
  public var xScale: ScaleKind = .linear
  public var yScale: ScaleKind = .linear
  /// Explicit limits; nil autoscales to the data with a 5 % margin.
  public var xLimits: ClosedRange<Double>?
  public var yLimits: ClosedRange<Double>?
  public var showsGrid = false
  /// One data unit is as long on x as on y (the plot area shrinks to fit).
  public var equalAspect = false
  /// Draws y increasing downwards, as images and matrices are read.
  public var yInverted = false
  /// Explicit tick positions (labelled automatically); nil chooses them from the limits.
  public var xTickValues: [Double]?
  public var yTickValues: [Double]?
  /// Texts for `yTickValues`, one each, instead of their numbers (a ridgeline's "step 1200").
  /// When they crowd, every k-th is kept rather than falling back to numbers.
  public var yTickLabels: [String]?
  /// nil hides the legend; it is shown only when some mark has a label.
  public var legend: LegendPlacement? = .best
  /// A colorbar for the first mark that colours by value, with this label ("" for none).
  public var colorbarLabel: String?
  public private(set) var marks: [any Mark] = []

  let theme: Theme
  private var nextColorIndex = 0
  /// Axes in one group share limits; only the outer ones label their ticks.
  var sharedXGroup: Int?
  var sharedYGroup: Int?
  var hidesXTickLabels = false
  var hidesYTickLabels = false

  init(theme: Theme) { self.theme = theme }

  /// The next colour of the theme's cycle, as matplotlib's property cycler.
  public func nextColor() -> Color {
    defer { nextColorIndex += 1 }
    return theme.cycle[nextColorIndex % theme.cycle.count]
  }

  @discardableResult
  public func add(_ mark: any Mark) -> Axes {
    marks.append(mark)
    return self
  }

  /// A line through (0, y[0]), (1, y[1]), (2, y[2]), ….
  @discardableResult
  public func plot(
    _ y: [Double], label: String? = nil, color: Color? = nil, width: Double? = nil,
    dash: [Double] = [], marker: Marker? = nil, markerSize: Double = 6
  ) -> Axes {
    plot(
      nil, y, label: label, color: color, width: width, dash: dash, marker: marker,
      markerSize: markerSize)
  }

  /// A line through (x, y); a nil `x` is 0, 1, 2, ….
  @discardableResult
  /// A `halo` colour draws a wider stroke of it under the line (matplotlib's
  /// `patheffects.withStroke`), so the line reads against any background.
  public func plot(
    _ x: [Double]?, _ y: [Double], label: String? = nil, color: Color? = nil,
    width: Double? = nil, dash: [Double] = [], marker: Marker? = nil, markerSize: Double = 6,
    halo: Color? = nil
  ) -> Axes {
    var line = LineMark(
      x: x ?? y.indices.map(Double.init), y: y, label: label, color: color ?? nextColor(),
      width: width ?? theme.lineWidth, dash: dash, marker: marker, markerSize: markerSize)
    line.halo = halo
    return add(line)
  }

  @discardableResult
  public func step(
    _ x: [Double], _ y: [Double], position: StepPosition = .post, label: String? = nil,
    color: Color? = nil, width: Double? = nil
  ) -> Axes {
    add(
      LineMark(
        x: x, y: y, label: label, color: color ?? nextColor(), width: width ?? theme.lineWidth,
        steps: position))
  }

  /// Points, optionally coloured by `values` through `colormap`.
  @discardableResult
  public func scatter(
    _ x: [Double], _ y: [Double], values: [Double]? = nil, colormap: Colormap = .viridis,
    sizes: [Double] = [7], marker: Marker = .circle, label: String? = nil, color: Color? = nil,
    edgeColor: Color? = nil
  ) -> Axes {
    add(
      ScatterMark(
        x: x, y: y, label: label, color: color ?? nextColor(), values: values, colormap: colormap,
        sizes: sizes, marker: marker, edgeColor: edgeColor))
  }

  @discardableResult
  public func fillBetween(
    _ x: [Double], _ lower: [Double], _ upper: [Double], label: String? = nil, color: Color? = nil,
    alpha: Double = 0.3
  ) -> Axes {
    add(
      AreaMark(
        x: x, lower: lower, upper: upper, label: label,
        color: (color ?? nextColor()).withAlpha(alpha)))
  }

  @discardableResult
  public func horizontalLine(
    at y: Double, label: String? = nil, color: Color? = nil, dash: [Double] = [5, 3]
  ) -> Axes {
    add(ReferenceLine(.horizontal, at: y, label: label, color: color ?? theme.frame, dash: dash))
  }

  @discardableResult
  public func verticalLine(
    at x: Double, label: String? = nil, color: Color? = nil, dash: [Double] = [5, 3]
  ) -> Axes {
    add(ReferenceLine(.vertical, at: x, label: label, color: color ?? theme.frame, dash: dash))
  }

  @discardableResult
  public func text(
    _ text: String, at x: Double, _ y: Double, anchor: TextAnchor = TextAnchor(.left, .center),
    color: Color? = nil, background: Color? = nil
  ) -> Axes {
    add(
      Annotation(
        text, at: (x, y), anchor: anchor, color: color ?? theme.text, background: background))
  }

  /// Text at (textX, textY) with an arrow to the data point (x, y).
  /// The arrow stops `shrink` display units short of (x, y), as matplotlib's does 2 pt short;
  /// `background` fills a box behind the text.
  @discardableResult
  public func annotate(
    _ text: String, pointingTo x: Double, _ y: Double, textAt textX: Double, _ textY: Double,
    color: Color? = nil, shrink: Double = 2.8, background: Color? = nil
  ) -> Axes {
    let anchor = TextAnchor(textX <= x ? .right : .left, .center)
    return add(
      Annotation(
        text, at: (textX, textY), pointingTo: (x, y), anchor: anchor, color: color ?? theme.text,
        shrink: shrink, background: background))
  }

  /// A matrix as coloured cells, row 0 at the top (as `imshow`). `range` fixes the values the
  /// colormap spans (`vmin`, `vmax`), so several heatmaps share one scale; nil spans the data.
  @discardableResult
  public func heatmap(
    rows: Int, columns: Int, values: [Double], colormap: Colormap = .viridis,
    range: ClosedRange<Double>? = nil
  ) -> Axes {
    yInverted = true
    // One tick per cell when cells are few enough to label: cell indices, not 0.5 steps.
    if columns <= 16 { xTickValues = (0..<columns).map(Double.init) }
    if rows <= 16 { yTickValues = (0..<rows).map(Double.init) }
    var mark = HeatmapMark(rows: rows, columns: columns, values: values, colormap: colormap)
    if let range {
      mark.mapping = ColorMapping(
        colormap: colormap, lower: range.lowerBound, upper: range.upperBound)
    }
    return add(mark)
  }

  var labelledMarks: [any Mark] { marks.filter { ($0.label ?? "").isEmpty == false } }
  var colorMapping: ColorMapping? { marks.lazy.compactMap(\.colorMapping).first }
  /// Whether autoscaled limits fit the data exactly: some mark asks for it (an image, a contour
  /// plot) and none needs a margin (see `LimitFit`).
  var wantsTightLimits: Bool {
    marks.contains { $0.limitFit == .tight } && marks.allSatisfy { $0.limitFit != .margin }
  }
}
