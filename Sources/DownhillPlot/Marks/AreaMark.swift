/// The band between two curves over the same x, as matplotlib's `fill_between`. A NaN in
/// either curve ends one band and starts another.
public struct AreaMark: Mark {
  public var x: [Double]
  public var lower: [Double]
  public var upper: [Double]
  public var label: String?
  public var color: Color

  public init(x: [Double], lower: [Double], upper: [Double], label: String? = nil, color: Color) {
    let n = Swift.min(x.count, lower.count, upper.count)
    self.x = Array(x.prefix(n))
    self.lower = Array(lower.prefix(n))
    self.upper = Array(upper.prefix(n))
    self.label = label
    self.color = color
  }

  public func extent(xLog: Bool, yLog: Bool) -> Extent {
    Extent(x: Extent.range(x, log: xLog), y: Extent.range(lower + upper, log: yLog))
  }

  public func draw(in context: DrawContext) {
    var path = Path()
    var run: [Int] = []
    func flush() {
      if run.count > 1 {
        let top = run.map { context.transform.point(x[$0], upper[$0]) }
        let bottom = run.reversed().map { context.transform.point(x[$0], lower[$0]) }
        path.append(.polygon(top + bottom))
      }
      run.removeAll()
    }
    for i in 0..<x.count {
      let p = context.transform.point(x[i], upper[i])
      let q = context.transform.point(x[i], lower[i])
      if p.x.isFinite && p.y.isFinite && q.y.isFinite { run.append(i) } else { flush() }
    }
    flush()
    context.renderer.draw(path, style: .filled(color))
  }

  public func drawLegendSwatch(in rect: Rect, context: DrawContext) {
    let r = Rect(
      x: rect.minX, y: rect.minY + rect.height * 0.15, width: rect.width, height: rect.height * 0.7)
    context.renderer.draw(.rectangle(r), style: .filled(color))
  }

  public func displayPoints(in context: DrawContext) -> [Point] {
    let stride = Swift.max(1, x.count / 1000)
    return Swift.stride(from: 0, to: x.count, by: stride).flatMap {
      [context.transform.point(x[$0], upper[$0]), context.transform.point(x[$0], lower[$0])]
    }
  }
}

/// A horizontal or vertical line across the whole axes, as `axhline`/`axvline`.
public struct ReferenceLine: Mark {
  public enum Orientation: Sendable { case horizontal, vertical }
  public var orientation: Orientation
  public var value: Double
  public var label: String?
  public var color: Color
  public var width: Double
  public var dash: [Double]

  public init(
    _ orientation: Orientation, at value: Double, label: String? = nil, color: Color,
    width: Double = 1, dash: [Double] = [5, 3]
  ) {
    self.orientation = orientation
    self.value = value
    self.label = label
    self.color = color
    self.width = width
    self.dash = dash
  }

  public func extent(xLog: Bool, yLog: Bool) -> Extent {
    switch orientation {
    case .horizontal: Extent(y: Extent.range([value], log: yLog))
    case .vertical: Extent(x: Extent.range([value], log: xLog))
    }
  }

  public func draw(in context: DrawContext) {
    let a = context.transform.area
    let p: [Point]
    switch orientation {
    case .horizontal:
      let y = context.transform.displayY(value)
      p = [Point(a.minX, y), Point(a.maxX, y)]
    case .vertical:
      let x = context.transform.displayX(value)
      p = [Point(x, a.minY), Point(x, a.maxY)]
    }
    guard p.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return }
    context.renderer.draw(Path(polyline: p), style: .stroked(color, width: width, dash: dash))
  }

  public func drawLegendSwatch(in rect: Rect, context: DrawContext) {
    let midY = rect.minY + rect.height / 2
    context.renderer.draw(
      Path(polyline: [Point(rect.minX, midY), Point(rect.maxX, midY)]),
      style: .stroked(color, width: width, dash: dash))
  }
}
