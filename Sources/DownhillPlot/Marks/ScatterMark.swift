/// Points with a marker each; size and colour may vary per point, the colour through a colormap.
public struct ScatterMark: Mark {
  public var x: [Double]
  public var y: [Double]
  public var label: String?
  public var color: Color
  /// Per-point values coloured through `mapping`; overrides `color` where given.
  public var values: [Double]?
  public var mapping: ColorMapping?
  /// Marker diameters in display units: one for all, or one per point.
  public var sizes: [Double]
  public var marker: Marker
  public var edgeColor: Color?

  public init(
    x: [Double], y: [Double], label: String? = nil, color: Color, values: [Double]? = nil,
    colormap: Colormap = .viridis, sizes: [Double] = [7], marker: Marker = .circle,
    edgeColor: Color? = nil
  ) {
    let n = Swift.min(x.count, y.count)
    self.x = Array(x.prefix(n))
    self.y = Array(y.prefix(n))
    self.label = label
    self.color = color
    self.values = values
    self.mapping = values.flatMap { ColorMapping(values: $0, colormap: colormap) }
    self.sizes = sizes.isEmpty ? [7] : sizes
    self.marker = marker
    self.edgeColor = edgeColor
  }

  public var colorMapping: ColorMapping? { mapping }

  public func extent(xLog: Bool, yLog: Bool) -> Extent {
    Extent(x: Extent.range(x, log: xLog), y: Extent.range(y, log: yLog))
  }

  public func draw(in context: DrawContext) {
    warnNonPositive(
      x, axis: "x", log: context.transform.x.kind == .log, label: label, context: context)
    warnNonPositive(
      y, axis: "y", log: context.transform.y.kind == .log, label: label, context: context)
    let a = context.transform.area
    // One path per colour keeps vector output small when many points share a colour.
    var batches: [Color: Path] = [:]
    var order: [Color] = []
    for i in 0..<x.count {
      let p = context.transform.point(x[i], y[i])
      let size = sizes[i < sizes.count ? i : sizes.count - 1]
      guard p.x.isFinite, p.y.isFinite, size.isFinite, size > 0,
        p.x >= a.minX - size, p.x <= a.maxX + size, p.y >= a.minY - size, p.y <= a.maxY + size
      else { continue }
      var c = color
      if let values, let mapping, i < values.count {
        guard values[i].isFinite else { continue }
        c = mapping.color(for: values[i])
      }
      if batches[c] == nil { order.append(c) }
      batches[c, default: Path()].append(marker.path(at: p, size: size))
    }
    for c in order {
      let style =
        marker.isFilled
        ? PathStyle(fill: c, stroke: edgeColor.map { StrokeStyle(color: $0, width: 0.6) })
        : PathStyle(stroke: StrokeStyle(color: c, width: 1.2))
      context.renderer.draw(batches[c]!, style: style)
    }
  }

  public func drawLegendSwatch(in rect: Rect, context: DrawContext) {
    let c = Point(rect.minX + rect.width / 2, rect.minY + rect.height / 2)
    let swatchColor = mapping.map { $0.colormap.color(at: 0.6) } ?? color
    context.renderer.draw(
      marker.path(at: c, size: Swift.min(sizes[0], rect.height)),
      style: marker.isFilled ? .filled(swatchColor) : .stroked(swatchColor, width: 1.2))
  }

  public func displayPoints(in context: DrawContext) -> [Point] {
    let stride = Swift.max(1, x.count / 2000)
    return Swift.stride(from: 0, to: x.count, by: stride).map {
      context.transform.point(x[$0], y[$0])
    }
  }
}
