import Foundation

/// Lays out and draws an `Axes3D` inside a figure cell: fits the box (a size that does not
/// change with the view, so turning animations don't pulse), then panes, grid, scene, axes,
/// labels, legend and colorbar.
extension Axes3D {
  func draw(in cell: Rect, renderer r: Renderer, warn: (String) -> Void) {
    let limits = limits()
    var bar =
      colorbarLabel != nil
      ? colorMapping.map { ColorbarLayout(mapping: $0, label: colorbarLabel!) } : nil
    var plot = cell
    if let t = title, !t.isEmpty {
      let h = r.measure(text: t, font: theme.font(theme.titleSize)).height + theme.pad
      r.draw(
        text: t, at: Point(cell.midX, cell.minY), font: theme.font(theme.titleSize),
        color: theme.text, anchor: TextAnchor(.center, .top), rotation: 0, role: .panelTitle)
      plot = Rect(x: plot.x, y: plot.y + h, width: plot.width, height: plot.height - h)
    }
    if var b = bar {
      b.measure(with: r, theme: theme, height: plot.height * 0.6)
      bar = b
      plot.width -= b.width
    }
    let transform = fittedTransform(limits: limits, in: plot.insetBy(theme.pad), r: r)
    let box = BoxGeometry(transform: transform, limits: limits)
    let ticks = ticks(box, limits)
    box.drawPanes(r, theme: theme, ticks: ticks)

    var scene = Scene3D()
    scene.eyeDistance = transform.distance
    for mark in marks { mark.addPrimitives(to: &scene, transform: transform, theme: theme) }
    scene.draw(on: r)

    box.drawAxes(r, theme: theme, ticks: ticks, labels: (xLabel, yLabel, zLabel), draw: true)

    if showsLegend { drawLegend(r, in: plot) }
    if let bar {
      let h = plot.height * 0.6
      bar.draw(
        beside: Rect(x: plot.maxX - ColorbarLayout.gap, y: plot.midY - h / 2, width: 0, height: h),
        renderer: r, theme: theme)
    }
  }

  /// The box as large as fits with its tick and axis labels: fitted to its projected corners
  /// for this view, or — when `keepsScaleWhileTurning` — to the sphere around it, so frames of
  /// a turning animation keep one scale.
  private func fittedTransform(
    limits: (x: ClosedRange<Double>, y: ClosedRange<Double>, z: ClosedRange<Double>), in plot: Rect,
    r: Renderer
  ) -> Transform3D {
    var fmax = 1.0
    if case .perspective(let d) = view.projection { fmax = max(1.5, d) / (max(1.5, d) - 1) }
    var scale = min(plot.width, plot.height) / fmax
    var center = Point(plot.midX, plot.midY)
    for _ in 0..<3 {
      let t = Transform3D(
        limits: limits, aspect: boxAspect, view: view, center: center, scale: scale)
      let geometry = BoxGeometry(transform: t, limits: limits)
      let corners = geometry.corners()
      let box = Rect.bounding(corners)
      let full = box.union(
        geometry.drawAxes(
          r, theme: theme, ticks: ticks(geometry, limits), labels: (xLabel, yLabel, zLabel),
          draw: false))
      // Text keeps its size while the box scales: fit the box into what the text leaves.
      let spare = (
        w: plot.width - (full.width - box.width) - 2,
        h: plot.height - (full.height - box.height) - 2
      )
      var extent = (w: box.width, h: box.height)
      if keepsScaleWhileTurning {
        let radius = 0.5 * fmax * scale
        extent = (2 * radius, 2 * radius)
      }
      let zoom = max(0.05, min(spare.w / extent.w, spare.h / extent.h))
      scale *= zoom
      // Centre the whole, labels included, in the plot area (the next pass refines it for the
      // new scale).
      center = Point(plot.midX + center.x - full.midX, plot.midY + center.y - full.midY)
    }
    return Transform3D(limits: limits, aspect: boxAspect, view: view, center: center, scale: scale)
  }

  func ticks(
    _ box: BoxGeometry,
    _ limits: (x: ClosedRange<Double>, y: ClosedRange<Double>, z: ClosedRange<Double>)
  ) -> (
    x: [Tick], y: [Tick], z: [Tick]
  ) {
    (
      ticksFor(limits.x, length: box.screenLength(axis: 0)),
      ticksFor(limits.y, length: box.screenLength(axis: 1)),
      heightTicks(limits.z, length: box.screenLength(axis: 2))
    )
  }

  /// z's ticks: if there is room (a label every 24 units), more of them so that both ends of
  /// its rounded-out limits are labelled (0 to 35 by 5 rather than 0 to 30 by 10 under an
  /// unlabelled top).
  private func heightTicks(_ range: ClosedRange<Double>, length: Double) -> [Tick] {
    let fewest = clampedInt(length / 55, 2...6)
    let span = range.upperBound - range.lowerBound
    for count in fewest...8 where length / Double(count) >= 24 {
      let ticks = ticksFor(range, length: length, maxTicks: count)
      if let first = ticks.first, let last = ticks.last,
        abs(first.value - range.lowerBound) <= 1e-9 * span,
        abs(last.value - range.upperBound) <= 1e-9 * span
      {
        return ticks
      }
    }
    return ticksFor(range, length: length)
  }

  private func ticksFor(_ range: ClosedRange<Double>, length: Double, maxTicks: Int? = nil)
    -> [Tick]
  {
    AxisScale(kind: .linear, lower: range.lowerBound, upper: range.upperBound)
      .ticks(maxTicks: maxTicks ?? clampedInt(length / 55, 2...6))
      .filter {
        $0.isMajor && $0.value >= range.lowerBound - 1e-9 * (range.upperBound - range.lowerBound)
          && $0.value <= range.upperBound + 1e-9 * (range.upperBound - range.lowerBound)
      }
  }

  /// The legend in the plot area's upper right corner, as the 2D axes' `upperRight`.
  private func drawLegend(_ r: Renderer, in plot: Rect) {
    let labelled = marks.filter { !($0.label ?? "").isEmpty }
    guard !labelled.isEmpty else { return }
    let legend = Legend(
      entries: labelled.map { mark in
        Legend.Entry(label: mark.label ?? "") { mark.drawLegendSwatch(in: $0, renderer: r) }
      })
    let size = legend.size(renderer: r, theme: theme)
    legend.draw(
      in: Rect(
        x: plot.maxX - 8 - size.width, y: plot.minY + 4, width: size.width, height: size.height),
      renderer: r, theme: theme)
  }
}

/// The data box's corners, panes and edges for one view.
struct BoxGeometry {
  let transform: Transform3D
  let limits: (x: ClosedRange<Double>, y: ClosedRange<Double>, z: ClosedRange<Double>)

  func bound(_ axis: Int, high: Bool) -> Double {
    let r = axis == 0 ? limits.x : axis == 1 ? limits.y : limits.z
    return high ? r.upperBound : r.lowerBound
  }

  /// The back side along each axis: the one away from the eye.
  func backIsHigh(_ axis: Int) -> Bool {
    let t = transform.toward
    return (axis == 0 ? t.x : axis == 1 ? t.y : t.z) < 0
  }

  func point(_ v: [Int: Double]) -> Vector3 { Vector3(v[0]!, v[1]!, v[2]!) }

  func project(_ v: Vector3) -> Point { transform.project(v).point }

  func screenLength(axis: Int) -> Double {
    var a: [Int: Double] = [0: limits.x.lowerBound, 1: limits.y.lowerBound, 2: limits.z.lowerBound]
    let p = project(point(a))
    a[axis] = bound(axis, high: true)
    let q = project(point(a))
    return hypot(q.x - p.x, q.y - p.y)
  }

  /// The three panes at the back, with grid lines at the ticks of the two axes they span.
  func drawPanes(_ r: Renderer, theme: Theme, ticks: (x: [Tick], y: [Tick], z: [Tick])) {
    let all = [ticks.x, ticks.y, ticks.z]
    for axis in 0..<3 {
      let fixed = bound(axis, high: backIsHigh(axis))
      let (u, v) = ((axis + 1) % 3, (axis + 2) % 3)
      let corners = [(false, false), (true, false), (true, true), (false, true)].map { (hu, hv) in
        project(point([axis: fixed, u: bound(u, high: hu), v: bound(v, high: hv)]))
      }
      r.draw(
        .polygon(corners),
        style: PathStyle(
          fill: Color(hex: axis == 2 ? 0xeeeeee : 0xf2f2f2),
          stroke: StrokeStyle(color: Color(hex: 0xd0d0d0), width: 0.7)))
      var grid = Path()
      for (along, across) in [(u, v), (v, u)] {
        for t in all[along] {
          grid.move(
            to: project(point([axis: fixed, along: t.value, across: bound(across, high: false)])))
          grid.line(
            to: project(point([axis: fixed, along: t.value, across: bound(across, high: true)])))
        }
      }
      r.draw(grid, style: .stroked(Color(hex: 0xd5d5d5), width: 0.7))
    }
  }

  /// Tick marks, tick labels and axis labels along the front edges: x and y on the floor's
  /// front edges, z on a vertical side edge, as matplotlib places them.
  @discardableResult
  func drawAxes(
    _ r: Renderer, theme: Theme, ticks: (x: [Tick], y: [Tick], z: [Tick]),
    labels: (String?, String?, String?), draw: Bool
  ) -> Rect {
    var bounds = Rect.bounding(corners())
    let floor = bound(2, high: backIsHigh(2))
    let centre = project(
      Vector3(
        (limits.x.lowerBound + limits.x.upperBound) / 2,
        (limits.y.lowerBound + limits.y.upperBound) / 2,
        (limits.z.lowerBound + limits.z.upperBound) / 2))
    // z: the vertical edge at the front x bound and the back y bound, matplotlib's choice (its
    // axis3d puts it on the right for azimuths in (−90, 0) and (90, 180), left otherwise).
    let zCorner = (!backIsHigh(0), backIsHigh(1))
    let zSide: Double =
      project(point([0: bound(0, high: zCorner.0), 1: bound(1, high: zCorner.1), 2: floor])).x
        < centre.x ? -1 : 1
    let edges: [(axis: Int, fixed: [Int: Double], ticks: [Tick], label: String?)] = [
      (0, [1: bound(1, high: !backIsHigh(1)), 2: floor], ticks.x, labels.0),
      (1, [0: bound(0, high: !backIsHigh(0)), 2: floor], ticks.y, labels.1),
      (2, [0: bound(0, high: zCorner.0), 1: bound(1, high: zCorner.1)], ticks.z, labels.2),
    ]
    let tickFont = theme.font(theme.tickLabelSize)
    let labelFont = theme.font(theme.labelSize)
    for edge in edges {
      var a = edge.fixed
      a[edge.axis] = bound(edge.axis, high: false)
      var b = edge.fixed
      b[edge.axis] = bound(edge.axis, high: true)
      let pa = project(point(a))
      let pb = project(point(b))
      if draw {
        r.draw(Path(polyline: [pa, pb]), style: .stroked(theme.frame, width: theme.frameWidth))
      }
      // Outward: perpendicular to the edge on screen, away from the box's centre.
      var nx = -(pb.y - pa.y)
      var ny = pb.x - pa.x
      let len = max(1e-9, hypot(nx, ny))
      nx /= len
      ny /= len
      let mid = Point((pa.x + pb.x) / 2, (pa.y + pb.y) / 2)
      if (mid.x - centre.x) * nx + (mid.y - centre.y) * ny < 0 {
        nx = -nx
        ny = -ny
      }
      if edge.axis == 2 {
        nx = zSide
        ny = 0
      }
      var widest = 0.0
      var ticksPath = Path()
      for t in edge.ticks {
        var v = edge.fixed
        v[edge.axis] = t.value
        let p = project(point(v))
        ticksPath.move(to: p)
        ticksPath.line(to: Point(p.x + nx * theme.tickLength, p.y + ny * theme.tickLength))
        let m = r.measure(text: t.label, font: tickFont)
        let extent = abs(nx) * m.width / 2 + abs(ny) * m.height / 2
        widest = max(widest, extent * 2)
        let d = theme.tickLength + theme.pad * 0.6 + extent
        let at = Point(p.x + nx * d, p.y + ny * d)
        bounds = bounds.union(
          Rect(x: at.x - m.width / 2, y: at.y - m.height / 2, width: m.width, height: m.height))
        if draw {
          r.draw(
            text: t.label, at: at, font: tickFont, color: theme.text,
            anchor: TextAnchor(.center, .center), rotation: 0,
            role: TextRole.tickLabel(axis: edge.axis))
        }
      }
      if draw { r.draw(ticksPath, style: .stroked(theme.frame, width: theme.frameWidth)) }
      if let label = edge.label, !label.isEmpty {
        let labelHeight = r.measure(text: label, font: labelFont).height
        let d = theme.tickLength + theme.pad * 1.6 + widest + labelHeight / 2
        // Along the edge's direction, kept upright; z's label reads bottom to top.
        var angle = edge.axis == 2 ? Double.pi / 2 : -atan2(pb.y - pa.y, pb.x - pa.x)
        if angle > .pi / 2 { angle -= .pi }
        if angle < -.pi / 2 { angle += .pi }
        let at = Point(mid.x + nx * d, mid.y + ny * d)
        let w = r.measure(text: label, font: labelFont).width
        let (c, s) = (abs(cos(angle)), abs(sin(angle)))
        let (bw, bh) = (w * c + labelHeight * s, w * s + labelHeight * c)
        bounds = bounds.union(Rect(x: at.x - bw / 2, y: at.y - bh / 2, width: bw, height: bh))
        if draw {
          r.draw(
            text: label, at: at, font: labelFont, color: theme.text,
            anchor: TextAnchor(.center, .center), rotation: angle,
            role: TextRole.axisLabel(axis: edge.axis))
        }
      }
    }
    return bounds
  }

  func corners() -> [Point] {
    [limits.x.lowerBound, limits.x.upperBound].flatMap { x in
      [limits.y.lowerBound, limits.y.upperBound].flatMap { y in
        [limits.z.lowerBound, limits.z.upperBound].map { z in project(Vector3(x, y, z)) }
      }
    }
  }
}
