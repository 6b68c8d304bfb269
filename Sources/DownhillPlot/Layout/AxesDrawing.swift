/// Draws one laid-out axes: background, grid, marks (clipped), frame, ticks, labels, title,
/// legend and colorbar, in that order so decorations sit on top of data.
extension AxesLayout {
  func draw(on r: Renderer, theme: Theme, warn: @escaping (String) -> Void) {
    let transform = DataTransform(x: x, y: y, area: area, yInverted: axes.yInverted)
    var context = DrawContext(renderer: r, transform: transform, theme: theme, warn: warn)

    r.draw(.rectangle(area), style: .filled(theme.axesBackground))
    if axes.showsGrid { drawGrid(r, theme: theme, transform: transform) }

    // Contour labels keep off the data drawn over them (a path across the contours), so they
    // need to know where it lies before anything is drawn.
    let labelsContours = axes.marks.contains { ($0 as? ContourLines)?.labels == true }
    if labelsContours {
      context.allDisplayPoints = axes.marks.flatMap { $0.displayPoints(in: context) }
    }
    r.pushClip(area)
    for mark in axes.marks { mark.draw(in: context) }
    r.popClip()

    r.draw(
      .rectangle(area),
      style: PathStyle(
        stroke: StrokeStyle(color: theme.frame, width: theme.frameWidth, join: .miter)))
    drawTicks(r, theme: theme, transform: transform)
    drawLabels(r, theme: theme)

    if let placement = axes.legend, !axes.labelledMarks.isEmpty {
      if !labelsContours {
        context.allDisplayPoints = axes.marks.flatMap { $0.displayPoints(in: context) }
      }
      Legend.draw(axes.labelledMarks, placement: placement, context: context)
    }
    colorbar?.draw(beside: area, renderer: r, theme: theme)
  }

  private func drawGrid(_ r: Renderer, theme: Theme, transform: DataTransform) {
    var path = Path()
    for tick in xTicks where tick.isMajor {
      let px = transform.displayX(tick.value)
      guard px.isFinite, px > area.minX + 0.5, px < area.maxX - 0.5 else { continue }
      path.move(to: Point(px, area.minY))
      path.line(to: Point(px, area.maxY))
    }
    for tick in yTicks where tick.isMajor {
      let py = transform.displayY(tick.value)
      guard py.isFinite, py > area.minY + 0.5, py < area.maxY - 0.5 else { continue }
      path.move(to: Point(area.minX, py))
      path.line(to: Point(area.maxX, py))
    }
    r.draw(path, style: .stroked(theme.grid, width: 0.8))
  }

  private func drawTicks(_ r: Renderer, theme: Theme, transform: DataTransform) {
    let font = theme.font(theme.tickLabelSize)
    var marks = Path()
    let tolerance = 0.5
    for tick in xTicks {
      let px = transform.displayX(tick.value)
      guard px.isFinite, px >= area.minX - tolerance, px <= area.maxX + tolerance else { continue }
      let length = tick.isMajor ? theme.tickLength : theme.minorTickLength
      marks.move(to: Point(px, area.maxY))
      marks.line(to: Point(px, area.maxY + length))
      if tick.isMajor, !axes.hidesXTickLabels, !tick.label.isEmpty {
        r.draw(
          text: tick.label, at: Point(px, area.maxY + theme.tickLength + theme.pad * 0.7),
          font: font,
          color: theme.text, anchor: TextAnchor(.center, .top), rotation: 0, role: .xTickLabel)
      }
    }
    for tick in yTicks {
      let py = transform.displayY(tick.value)
      guard py.isFinite, py >= area.minY - tolerance, py <= area.maxY + tolerance else { continue }
      let length = tick.isMajor ? theme.tickLength : theme.minorTickLength
      marks.move(to: Point(area.minX, py))
      marks.line(to: Point(area.minX - length, py))
      if tick.isMajor, !axes.hidesYTickLabels, !tick.label.isEmpty {
        r.draw(
          text: tick.label, at: Point(area.minX - theme.tickLength - theme.pad * 0.7, py),
          font: font,
          color: theme.text, anchor: TextAnchor(.right, .center), rotation: 0, role: .yTickLabel)
      }
    }
    r.draw(marks, style: .stroked(theme.frame, width: theme.frameWidth))
  }

  private func drawLabels(_ r: Renderer, theme: Theme) {
    let labelFont = theme.font(theme.labelSize)
    let tickFont = theme.font(theme.tickLabelSize)
    let tickSpace = theme.tickLength + theme.pad * 0.7
    if let label = axes.xLabel, !label.isEmpty {
      let tickHeight = axes.hidesXTickLabels ? 0 : r.measure(text: "0", font: tickFont).height
      r.draw(
        text: r.ellipsized(
          label, font: labelFont,
          toFit: xOffset.map { area.width - 2 * r.measure(text: $0, font: tickFont).width - 10 }
            ?? area.width + 40),
        at: Point(area.minX + area.width / 2, area.maxY + tickSpace + tickHeight + theme.pad * 1.2),
        font: labelFont, color: theme.text, anchor: TextAnchor(.center, .top), rotation: 0,
        role: .xLabel)
    }
    if let label = axes.yLabel, !label.isEmpty {
      r.draw(
        text: r.ellipsized(label, font: labelFont, toFit: area.height + 20),
        at: Point(
          area.minX - tickSpace - yTickLabelWidth - theme.pad * 1.2, area.minY + area.height / 2),
        font: labelFont, color: theme.text, anchor: TextAnchor(.center, .bottom), rotation: .pi / 2,
        role: .yLabel)
    }
    if let offset = xOffset {
      let tickHeight = r.measure(text: "0", font: tickFont).height
      r.draw(
        text: offset, at: Point(area.maxX, area.maxY + tickSpace + tickHeight + theme.pad * 1.2),
        font: tickFont,
        color: theme.text, anchor: TextAnchor(.right, .top), rotation: 0, role: .xOffset)
    }
    if let offset = yOffset {
      r.draw(
        text: offset, at: Point(area.minX, area.minY - theme.pad), font: tickFont,
        color: theme.text,
        anchor: TextAnchor(.left, .bottom), rotation: 0, role: .yOffset)
    }
    if let title = axes.title, !title.isEmpty {
      let offsetHeight =
        yOffset == nil ? 0 : r.measure(text: "0", font: tickFont).height + theme.pad
      r.draw(
        text: r.ellipsized(title, font: theme.font(theme.titleSize), toFit: area.width + 40),
        at: Point(area.minX + area.width / 2, area.minY - theme.pad * 1.5 - offsetHeight),
        font: theme.font(theme.titleSize), color: theme.text, anchor: TextAnchor(.center, .bottom),
        rotation: 0, role: .panelTitle)
    }
  }
}

extension Renderer {
  /// `text`, shortened with an ellipsis if it is wider than `width`: a label longer than its
  /// axis would otherwise run off the figure.
  func ellipsized(_ text: String, font: Font, toFit width: Double) -> String {
    guard measure(text: text, font: font).width > width else { return text }
    let chars = Array(text)
    func candidate(_ k: Int) -> String { String(chars[..<k]).trimmingTrailingSpaces() + "…" }
    // The longest prefix whose ellipsized form fits, by bisection (a prefix's width grows with
    // its length): removing one character at a time was quadratic in a long text.
    var (fits, tooWide) = (-1, chars.count)  // -1: no prefix fits (yet)
    while tooWide - fits > 1 {
      let mid = (fits + tooWide) / 2
      if measure(text: candidate(mid), font: font).width <= width {
        fits = mid
      } else {
        tooWide = mid
      }
    }
    return fits < 0 ? "" : candidate(fits)
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
