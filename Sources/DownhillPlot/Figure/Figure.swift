import Foundation

/// A picture: a size, a theme, an optional title and a grid of axes (matplotlib's `Figure`).
/// It knows nothing about files until `write(to:)` or `render(format:)` is called.
public final class Figure {
  /// Size in display units (CSS pixels); PNG output multiplies it by `scale`.
  public var width: Double
  public var height: Double
  /// Device pixels per display unit for PNG (2 for HiDPI).
  public var scale: Double
  public var title: String?
  /// What the figure is called where it is not drawn: an SVG's `<title>`, which screen readers
  /// announce and browsers show as a tooltip. nil uses `title`, else the panels' titles.
  public var documentTitle: String?
  /// A sentence or two on what the figure shows, for an SVG's `<desc>`. nil describes each
  /// panel by its title and axis labels.
  public var documentDescription: String?
  public var theme: Theme
  /// Receives warnings about the data (by default printed to standard error).
  public var onWarning: (String) -> Void = { message in
    let line = "warning: \(message)\n"
    _ = line.withCString { Glibc.write(2, $0, strlen($0)) }
  }
  public private(set) var grid: [[Axes]] = []
  /// Cells of the grid that hold a 3D plot instead of their 2D axes, keyed by row and column.
  private var panels3D: [[Int]: Axes3D] = [:]

  public init(
    width: Double = 800, height: Double = 500, scale: Double = 1, title: String? = nil,
    theme: Theme = .standard
  ) {
    self.width = width
    self.height = height
    self.scale = scale
    self.title = title
    self.theme = theme
  }

  /// The single axes of a one-plot figure, created on first use.
  public var axes: Axes {
    if grid.isEmpty { grid = [[Axes(theme: theme)]] }
    return grid[0][0]
  }

  /// The 3D plot in a grid cell (made on first use, replacing that cell's 2D axes). A figure
  /// with no grid yet gets a single cell.
  public func axes3D(row: Int = 0, column: Int = 0) -> Axes3D {
    _ = axes
    let key = [min(max(0, row), grid.count - 1), min(max(0, column), grid[0].count - 1)]
    if let existing = panels3D[key] { return existing }
    let a = Axes3D(theme: theme)
    panels3D[key] = a
    return a
  }

  /// Replaces the figure's axes with a rows × columns grid, as `plt.subplots`. Shared axes
  /// take common limits, and only the outer row/column labels its ticks.
  @discardableResult
  public func subplots(rows: Int, columns: Int, sharedX: Bool = false, sharedY: Bool = false)
    -> [[Axes]]
  {
    let rows = max(1, rows)
    let columns = max(1, columns)
    panels3D = [:]
    grid = (0..<rows).map { i in
      (0..<columns).map { j in
        let a = Axes(theme: theme)
        if sharedX {
          a.sharedXGroup = 0
          a.hidesXTickLabels = i < rows - 1
        }
        if sharedY {
          a.sharedYGroup = 0
          a.hidesYTickLabels = j > 0
        }
        return a
      }
    }
    return grid
  }

  /// Encodes the figure in `format` (`.svg(SVGOptions(…))` for SVG other than the default).
  public func render(format: OutputFormat) throws -> [UInt8] {
    try format.render(width: width, height: height, scale: scale, metadata: metadata) {
      draw(on: $0)
    }
  }

  /// The title and description files carry (see `documentTitle`, `documentDescription`).
  public var metadata: DocumentMetadata {
    var panelTitles: [String] = []
    var panels: [String] = []
    for (i, row) in grid.enumerated() {
      for (j, a) in row.enumerated() {
        let (panelTitle, what): (String?, String?)
        if let a3 = panels3D[[i, j]] {
          panelTitle = a3.title
          let over = [a3.xLabel, a3.yLabel].compactMap { $0 }
          what = a3.zLabel.map {
            over.isEmpty ? $0 : "\($0) over \(over.joined(separator: " and "))"
          }
        } else {
          panelTitle = a.title
          what = a.yLabel.map { y in a.xLabel.map { "\(y) against \($0)" } ?? y }
        }
        if let panelTitle, !panelTitle.isEmpty { panelTitles.append(panelTitle) }
        let text = [panelTitle, what].compactMap { $0 }.filter { !$0.isEmpty }
        if !text.isEmpty { panels.append(text.joined(separator: ": ")) }
      }
    }
    let drawnTitle = title.flatMap { $0.isEmpty ? nil : $0 }
    let kind = panels.count > 1 ? "\(panels.count) panels" : "A plot"
    return DocumentMetadata(
      title: documentTitle ?? drawnTitle
        ?? (panelTitles.isEmpty ? nil : panelTitles.joined(separator: "; ")),
      description: documentDescription
        ?? (panels.isEmpty ? nil : "\(kind): \(panels.joined(separator: "; ")).")
    )
  }

  /// The figure's pixels at its size × `scale`, without encoding a file (animation frames).
  public func raster() throws -> RasterImage {
    try CairoCanvas.rasterize(width: width, height: height, scale: scale) { draw(on: $0) }
  }

  /// Writes the figure to `path` in the format its extension names, an SVG with `svg`'s
  /// options. The file appears complete or not at all.
  public func write(to path: String, svg: SVGOptions = SVGOptions()) throws {
    guard var format = OutputFormat(path: path) else {
      throw PlotError.unknownFormat(path: path)
    }
    if format == .svg { format = .svg(svg) }
    try writeAtomically(render(format: format), to: path)
  }

  /// Writes the figure to a file URL, as `write(to:svg:)` does to its path.
  public func write(to url: URL, svg: SVGOptions = SVGOptions()) throws {
    try write(to: filePath(of: url), svg: svg)
  }

  /// Lays out and draws the whole figure on any renderer.
  public func draw(on r: Renderer) {
    _ = axes  // a figure with nothing added still shows an empty axes
    r.draw(
      .rectangle(Rect(x: 0, y: 0, width: width, height: height)), style: .filled(theme.background))
    var top = theme.outerPad
    if let title, !title.isEmpty {
      let font = theme.font(theme.figureTitleSize)
      r.draw(
        text: title, at: Point(width / 2, top), font: font, color: theme.text,
        anchor: TextAnchor(.center, .top), rotation: 0, role: .figureTitle)
      top += r.measure(text: title, font: font).height + theme.pad
    }
    var layouts = resolveLimits()
    let rows = layouts.count
    let columns = layouts[0].count
    // Two passes: tick labels depend on the plot size, and the plot size on the labels.
    var cells = [[Rect]](
      repeating: [Rect](repeating: Rect(x: 0, y: 0, width: 0, height: 0), count: columns),
      count: rows)
    for _ in 0..<3 {
      for i in 0..<rows {
        for j in 0..<columns where panels3D[[i, j]] == nil {
          layouts[i][j].measure(with: r, theme: theme)
        }
      }
      let lefts = (0..<columns).map { j in (0..<rows).map { layouts[$0][j].left }.max()! }
      let rights = (0..<columns).map { j in (0..<rows).map { layouts[$0][j].right }.max()! }
      let tops = (0..<rows).map { i in layouts[i].map(\.top).max()! }
      let bottoms = (0..<rows).map { i in layouts[i].map(\.bottom).max()! }
      let pad = theme.outerPad
      let plotWidth = max(
        8,
        (width - 2 * pad - lefts.reduce(0, +) - rights.reduce(0, +) - Double(columns - 1)
          * theme.gap) / Double(columns))
      let plotHeight = max(
        8,
        (height - top - pad - tops.reduce(0, +) - bottoms.reduce(0, +) - Double(rows - 1)
          * theme.gap) / Double(rows))
      var y = top
      for i in 0..<rows {
        y += tops[i]
        var x = pad
        for j in 0..<columns {
          x += lefts[j]
          layouts[i][j].area = Self.fitted(
            Rect(x: x, y: y, width: plotWidth, height: plotHeight), layout: layouts[i][j])
          cells[i][j] = Rect(
            x: x - lefts[j], y: y - tops[i], width: plotWidth + lefts[j] + rights[j],
            height: plotHeight + tops[i] + bottoms[i])
          x += plotWidth + rights[j] + theme.gap
        }
        y += plotHeight + bottoms[i] + theme.gap
      }
    }
    for i in 0..<rows {
      for j in 0..<columns {
        if let panel = panels3D[[i, j]] {
          panel.draw(in: cells[i][j], renderer: r, warn: onWarning)
        } else {
          layouts[i][j].draw(on: r, theme: theme, warn: onWarning)
        }
      }
    }
  }

  /// Snaps the plot area to whole units for crisp frames and applies equal aspect by
  /// shrinking the box about its centre (matplotlib's `adjustable="box"`).
  private static func fitted(_ rect: Rect, layout: AxesLayout) -> Rect {
    var r = rect
    if layout.axes.equalAspect, layout.x.kind == .linear, layout.y.kind == .linear {
      let dx = abs(layout.x.upper - layout.x.lower)
      let dy = abs(layout.y.upper - layout.y.lower)
      if dx > 0, dy > 0 {
        let unit = min(r.width / dx, r.height / dy)
        let w = unit * dx
        let h = unit * dy
        r = Rect(x: r.x + (r.width - w) / 2, y: r.y + (r.height - h) / 2, width: w, height: h)
      }
    }
    let x0 = r.minX.rounded()
    let y0 = r.minY.rounded()
    return Rect(
      x: x0, y: y0, width: max(1, r.maxX.rounded() - x0), height: max(1, r.maxY.rounded() - y0))
  }

  private func resolveLimits() -> [[AxesLayout]] {
    let all = grid.flatMap { $0 }
    func groupRange(_ a: Axes, xAxis: Bool) -> ClosedRange<Double>? {
      let group = xAxis ? a.sharedXGroup : a.sharedYGroup
      let members =
        group == nil ? [a] : all.filter { (xAxis ? $0.sharedXGroup : $0.sharedYGroup) == group }
      var lo = Double.infinity
      var hi = -Double.infinity
      for m in members {
        if let r = AxesLayout.dataRange(of: m, xAxis: xAxis) {
          lo = min(lo, r.lowerBound)
          hi = max(hi, r.upperBound)
        }
      }
      return lo <= hi ? lo...hi : nil
    }
    return grid.map { row in
      row.map { a in
        AxesLayout(
          axes: a, xRange: groupRange(a, xAxis: true), yRange: groupRange(a, xAxis: false),
          warn: onWarning)
      }
    }
  }
}
