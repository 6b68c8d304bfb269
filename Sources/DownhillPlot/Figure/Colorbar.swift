/// A colour strip with ticks explaining a `ColorMapping`, placed right of its axes.
struct ColorbarLayout {
  let mapping: ColorMapping
  let label: String
  let scale: AxisScale
  var ticks: [Tick] = []
  /// Total width including the gap to the axes, the strip, ticks, labels and title.
  var width = 0.0

  static let gap = 14.0
  static let stripWidth = 15.0

  init(mapping: ColorMapping, label: String) {
    self.mapping = mapping
    self.label = label
    let lo = mapping.lower
    let hi = mapping.upper > mapping.lower ? mapping.upper : mapping.lower + 1
    scale = AxisScale(kind: mapping.isLog ? .log : .linear, lower: lo, upper: hi)
  }

  mutating func measure(with r: Renderer, theme: Theme, height: Double) {
    let font = theme.font(theme.tickLabelSize)
    let lineHeight = r.measure(text: "0", font: font).height
    let maxTicks = clampedInt(height / (2.6 * lineHeight), 2...8)
    if let bands = mapping.bands, bands.count >= 2 {
      // Discrete colours are read off their edges, as matplotlib labels a `contourf` colorbar:
      // every k-th edge when there are too many, starting so that the one nearest zero is kept
      // (its `FixedLocator(nbins:)`).
      let labels = ContourLevels.labels(for: bands, logarithmic: mapping.isLog)
      let step = max(1, (bands.count + maxTicks) / (maxTicks + 1))
      func nearestZero(_ start: Int) -> Double {
        stride(from: start, to: bands.count, by: step).map { abs(bands[$0]) }.min() ?? .infinity
      }
      let start = (0..<step).min { nearestZero($0) < nearestZero($1) } ?? 0
      ticks = stride(from: start, to: bands.count, by: step).map {
        Tick(value: bands[$0], label: labels[$0])
      }
    } else {
      ticks = scale.ticks(maxTicks: maxTicks)
    }
    ticks = ticks.filter {
      $0.value >= min(scale.lower, scale.upper) - 1e-9 * abs(scale.upper - scale.lower)
        && $0.value <= max(scale.lower, scale.upper) + 1e-9 * abs(scale.upper - scale.lower)
    }
    let labelWidth =
      ticks.filter(\.isMajor).map { r.measure(text: $0.label, font: font).width }.max() ?? 0
    let titleHeight =
      label.isEmpty
      ? 0 : r.measure(text: label, font: theme.font(theme.labelSize)).height + theme.pad
    width =
      Self.gap + Self.stripWidth + theme.tickLength + theme.pad * 0.7 + labelWidth + titleHeight
      + theme.pad
  }

  func draw(beside area: Rect, renderer r: Renderer, theme: Theme) {
    let strip = Rect(
      x: area.maxX + Self.gap, y: area.minY, width: Self.stripWidth, height: area.height)
    let steps = 256
    var pixels = [UInt8](repeating: 0, count: steps * 4)
    for i in 0..<steps {
      // Row 0 is the top of the strip: the colormap's high end.
      let c = mapping.colormap.color(at: 1 - (Double(i) + 0.5) / Double(steps))
      pixels.replaceSubrange((4 * i)..<(4 * i + 4), with: c.withAlpha(1).rgba8)
    }
    if let bands = mapping.bands, bands.count >= 2 {
      // Discrete colours: one block per band, as matplotlib's colorbar for `contourf`.
      for (a, b) in zip(bands, bands.dropFirst()) {
        let y0 = strip.maxY - scale.transform(a) * strip.height
        let y1 = strip.maxY - scale.transform(b) * strip.height
        guard y0.isFinite, y1.isFinite else { continue }
        let block = Rect(x: strip.minX, y: min(y0, y1), width: strip.width, height: abs(y1 - y0))
        // Unantialiased, so neighbouring blocks meet without a light seam.
        r.draw(.rectangle(block), style: PathStyle(fill: mapping.bandColor(a, b), antialias: false))
      }
    } else {
      r.draw(RasterImage(width: 1, height: steps, pixels: pixels), in: strip, smooth: false)
    }
    r.draw(.rectangle(strip), style: .stroked(theme.frame, width: theme.frameWidth))

    let font = theme.font(theme.tickLabelSize)
    var labelRight = strip.maxX
    for tick in ticks {
      let y = strip.maxY - scale.transform(tick.value) * strip.height
      guard y.isFinite else { continue }
      let length = tick.isMajor ? theme.tickLength : theme.minorTickLength
      r.draw(
        Path(polyline: [Point(strip.maxX, y), Point(strip.maxX + length, y)]),
        style: .stroked(theme.frame, width: theme.frameWidth))
      if tick.isMajor && !tick.label.isEmpty {
        let at = Point(strip.maxX + theme.tickLength + theme.pad * 0.7, y)
        r.draw(
          text: tick.label, at: at, font: font, color: theme.text,
          anchor: TextAnchor(.left, .center), rotation: 0, role: .colorbarTickLabel)
        labelRight = max(labelRight, at.x + r.measure(text: tick.label, font: font).width)
      }
    }
    if !label.isEmpty {
      let labelFont = theme.font(theme.labelSize)
      r.draw(
        text: label, at: Point(labelRight + theme.pad, strip.minY + strip.height / 2),
        font: labelFont,
        color: theme.text, anchor: TextAnchor(.center, .top), rotation: .pi / 2,
        role: .colorbarLabel)
    }
  }
}
