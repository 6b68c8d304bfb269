import Foundation

/// An axes resolved for drawing: limits, ticks, the space its decorations need around the plot
/// area, and (once the figure has placed it) the plot area itself.
struct AxesLayout {
  let axes: Axes
  var x: AxisScale
  var y: AxisScale
  var area = Rect(x: 0, y: 0, width: 100, height: 100)
  var xTicks: [Tick] = []
  var yTicks: [Tick] = []
  /// Text the tick labels are relative to ("+1.2345×10⁵"), drawn at the axis end.
  var xOffset: String?
  var yOffset: String?
  /// The widest y tick label, measured for the margin and reused to place the y label.
  var yTickLabelWidth = 0.0
  var colorbar: ColorbarLayout?

  /// Space needed outside the plot area on each side.
  var left = 0.0
  var right = 0.0
  var top = 0.0
  var bottom = 0.0

  init(
    axes: Axes, xRange: ClosedRange<Double>?, yRange: ClosedRange<Double>?, warn: (String) -> Void
  ) {
    self.axes = axes
    let tight = axes.wantsTightLimits
    x = Self.scale(
      axes.xScale, explicit: axes.xLimits, data: xRange, tight: tight, axisName: "x", warn: warn)
    y = Self.scale(
      axes.yScale, explicit: axes.yLimits, data: yRange, tight: tight, axisName: "y", warn: warn)
    // An image's or a contour plot's edges are sticky, as matplotlib makes them: a line over
    // it gets no margin beyond them (no white strip between the frame and the colours).
    let xLog = axes.xScale == .log
    let yLog = axes.yScale == .log
    let fills = axes.marks.filter { $0.limitFit == .tight }.map {
      $0.extent(xLog: xLog, yLog: yLog)
    }
    if axes.xLimits == nil, let xRange {
      x = Self.stuck(
        x, to: fills.compactMap(\.x).flatMap { [$0.lowerBound, $0.upperBound] }, data: xRange)
    }
    if axes.yLimits == nil, let yRange {
      y = Self.stuck(
        y,
        to: axes.marks.flatMap(\.yStickyEdges)
          + fills.compactMap(\.y).flatMap { [$0.lowerBound, $0.upperBound] }, data: yRange)
    }
    colorbar =
      axes.colorbarLabel != nil
      ? axes.colorMapping.map { ColorbarLayout(mapping: $0, label: axes.colorbarLabel!) } : nil
  }

  /// The data range a mark set covers on one axis, before margins.
  static func dataRange(of axes: Axes, xAxis: Bool) -> ClosedRange<Double>? {
    let xLog = axes.xScale == .log
    let yLog = axes.yScale == .log
    var total = Extent()
    for mark in axes.marks { total = total.union(mark.extent(xLog: xLog, yLog: yLog)) }
    return xAxis ? total.x : total.y
  }

  private static func scale(
    _ kind: ScaleKind, explicit: ClosedRange<Double>?, data: ClosedRange<Double>?, tight: Bool,
    axisName: String, warn: (String) -> Void
  ) -> AxisScale {
    if let explicit, explicit.lowerBound.isFinite, explicit.upperBound.isFinite {
      if kind == .log && explicit.lowerBound <= 0 {
        warn(
          "log \(axisName) limits must be positive; ignoring \(explicit.lowerBound)…\(explicit.upperBound)"
        )
      } else if explicit.lowerBound < explicit.upperBound {
        return AxisScale(kind: kind, lower: explicit.lowerBound, upper: explicit.upperBound)
      }
    }
    if let data,
      let limits = AxisScale.dataLimits(
        [data.lowerBound, data.upperBound], kind: kind, margin: tight ? 0 : 0.05)
    {
      return AxisScale(kind: kind, lower: limits.lower, upper: limits.upper)
    }
    return kind == .log
      ? AxisScale(kind: .log, lower: 1, upper: 10) : AxisScale(kind: .linear, lower: 0, upper: 1)
  }

  /// `scale` with any margin that crosses a sticky edge the data reaches cut back to that edge.
  private static func stuck(_ scale: AxisScale, to edges: [Double], data: ClosedRange<Double>)
    -> AxisScale
  {
    var s = scale
    for edge in edges where edge.isFinite && (s.kind == .linear || edge > 0) {
      if s.lower < edge && edge <= data.lowerBound { s.lower = edge }
      if s.upper > edge && edge >= data.upperBound { s.upper = edge }
    }
    return s.lower < s.upper ? s : scale
  }

  /// Chooses ticks for the current plot area and measures the margins they need. Tick counts
  /// drop until the labels fit side by side, so labels never overlap.
  mutating func measure(with r: Renderer, theme: Theme) {
    let tickFont = theme.font(theme.tickLabelSize)
    let lineHeight = r.measure(text: "0", font: tickFont).height
    (xTicks, xOffset) = Self.fittingTicks(
      x, explicit: axes.xTickValues, length: area.width, r: r, font: tickFont, horizontal: true)
    (yTicks, yOffset) = Self.fittingTicks(
      y, explicit: axes.yTickValues, labels: axes.yTickLabels, length: area.height, r: r,
      font: tickFont, horizontal: false)
    if axes.hidesXTickLabels { xOffset = nil }
    if axes.hidesYTickLabels { yOffset = nil }

    let labelHeight = r.measure(text: "Xg", font: theme.font(theme.labelSize)).height
    let tickSpace = theme.tickLength + theme.pad * 0.7
    yTickLabelWidth =
      axes.hidesYTickLabels
      ? 0
      : (yTicks.filter(\.isMajor).map { r.measure(text: $0.label, font: tickFont).width }.max() ?? 0)
    left =
      tickSpace + yTickLabelWidth
      + (axes.yLabel.map { $0.isEmpty ? 0 : theme.pad * 1.2 + labelHeight } ?? 0)
    let hasXLabel = !(axes.xLabel ?? "").isEmpty
    bottom =
      tickSpace + (axes.hidesXTickLabels ? 0 : lineHeight)
      + (hasXLabel ? theme.pad * 1.2 + labelHeight : xOffset != nil ? theme.pad + lineHeight : 0)
    let titleHeight =
      axes.title.map {
        $0.isEmpty
          ? 0
          : r.measure(text: $0, font: theme.font(theme.titleSize, bold: false)).height + theme.pad
            * 1.5
      } ?? 0
    // The top y tick label sticks out above the plot area by half its height.
    top = max(titleHeight, lineHeight / 2 + 2)
    // The y offset sits above the axes' top-left corner, under any title.
    if yOffset != nil { top = titleHeight + lineHeight + theme.pad }
    right = lineHeight / 2 + 2
    if !axes.hidesXTickLabels {
      for tick in xTicks where tick.isMajor {
        let half = r.measure(text: tick.label, font: tickFont).width / 2
        let t = x.transform(tick.value) * area.width
        left = max(left, half - t)
        right = max(right, half - (area.width - t))
      }
    }
    if var bar = colorbar {
      bar.measure(with: r, theme: theme, height: area.height)
      colorbar = bar
      right = max(right, bar.width)
    }
  }

  private static func fittingTicks(
    _ scale: AxisScale, explicit: [Double]?, labels explicitLabels: [String]? = nil,
    length: Double, r: Renderer, font: Font, horizontal: Bool
  ) -> ([Tick], String?) {
    let lineHeight = r.measure(text: "0", font: font).height
    // Neighbouring labels need a gap of at least half a line between them.
    func fits(_ labelled: [Tick]) -> Bool {
      for (a, b) in zip(labelled, labelled.dropFirst()) {
        let distance = abs(scale.transform(b.value) - scale.transform(a.value)) * length
        let needed =
          horizontal
          ? (r.measure(text: a.label, font: font).width + r.measure(text: b.label, font: font).width)
            / 2 + lineHeight * 0.6
          : lineHeight * 1.15
        if distance < needed { return false }
      }
      return true
    }
    var maxTicks = clampedInt(length / (horizontal ? 70 : 2.6 * lineHeight), 2...9)
    let named =
      explicit.flatMap { values in
        explicitLabels.map { labels in
          zip(values, labels).filter { $0.0.isFinite }.map { Tick(value: $0, label: $1) }
            .sorted { $0.value < $1.value }
        }
      }
    if named != nil { maxTicks = 2 }
    // Ticks asked for by value (a heatmap's rows) are all kept whenever their labels fit side
    // by side, even where an automatic axis would choose fewer.
    if named == nil, let explicit { maxTicks = Swift.max(maxTicks, Swift.min(9, explicit.count)) }
    while true {
      var (ticks, offset) = scale.ticksWithOffset(maxTicks: maxTicks)
      if let named {
        // Texts are not numbers a coarser step could replace: straight to thinning them.
        (ticks, offset) = (named, nil)
      } else if let explicit, maxTicks >= min(9, explicit.count) {
        let values = explicit.filter(\.isFinite)
        let labels = TickLocator.linearLabels(values)
        (ticks, offset) = (
          zip(values, labels.labels).map { Tick(value: $0, label: $1) }, labels.offset
        )
      }
      let labelled = ticks.filter { $0.isMajor && !$0.label.isEmpty }
      if labelled.count < 2 || fits(labelled) { return (ticks, offset) }
      if maxTicks > 2 {
        maxTicks -= 1
        continue
      }
      // Even the fewest ticks crowd a tiny axis: label every k-th one.
      for k in 2...max(2, labelled.count) {
        let kept = Set(stride(from: 0, to: labelled.count, by: k).map { labelled[$0].value })
        let thinned = ticks.map { t in
          kept.contains(t.value) ? t : Tick(value: t.value, label: "", isMajor: t.isMajor)
        }
        if fits(thinned.filter { !$0.label.isEmpty }) || kept.count <= 1 {
          return (thinned, offset)
        }
      }
      return (ticks, offset)
    }
  }
}
