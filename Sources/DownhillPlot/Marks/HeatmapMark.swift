/// A matrix shown as coloured cells through a colormap, as matplotlib's `imshow` with nearest
/// interpolation. Cell (r, c) covers x ∈ [c − ½, c + ½], y ∈ [r − ½, r + ½]; the axes shows
/// row 0 at the top.
public struct HeatmapMark: Mark {
  public var rows: Int
  public var columns: Int
  /// Row-major values.
  public var values: [Double]
  public var mapping: ColorMapping?
  public var label: String? { nil }

  public init(
    rows: Int, columns: Int, values: [Double], colormap: Colormap = .viridis, isLog: Bool = false
  ) {
    precondition(
      rows >= 0 && columns >= 0 && values.count == rows * columns,
      "heatmap values must fill rows × columns")
    self.rows = rows
    self.columns = columns
    self.values = values
    self.mapping = ColorMapping(values: values, colormap: colormap, isLog: isLog)
  }

  public var colorMapping: ColorMapping? { mapping }
  /// An image fills its axes, as `imshow` does.
  public var limitFit: LimitFit { .tight }

  public func extent(xLog: Bool, yLog: Bool) -> Extent {
    guard rows > 0, columns > 0 else { return Extent() }
    return Extent(x: -0.5...(Double(columns) - 0.5), y: -0.5...(Double(rows) - 0.5))
  }

  public func draw(in context: DrawContext) {
    guard rows > 0, columns > 0 else { return }
    var pixels = [UInt8](repeating: 0, count: rows * columns * 4)
    for i in 0..<(rows * columns) {
      let c = mapping?.color(for: values[i]) ?? Color(red: 0, green: 0, blue: 0, alpha: 0)
      pixels.replaceSubrange((4 * i)..<(4 * i + 4), with: c.rgba8)
    }
    let t = context.transform
    let p0 = t.point(-0.5, -0.5)
    let p1 = t.point(Double(columns) - 0.5, Double(rows) - 0.5)
    let rect = Rect(
      x: Swift.min(p0.x, p1.x), y: Swift.min(p0.y, p1.y), width: abs(p1.x - p0.x),
      height: abs(p1.y - p0.y))
    // Row 0 must land where y = 0 is drawn: at the top when the axis is inverted, else flip.
    let topIsRowZero = p0.y < p1.y
    var image = RasterImage(width: columns, height: rows, pixels: pixels)
    if !topIsRowZero {
      var flipped = [UInt8](repeating: 0, count: pixels.count)
      for r in 0..<rows {
        let src = r * columns * 4
        let dst = (rows - 1 - r) * columns * 4
        flipped[dst..<(dst + columns * 4)] = pixels[src..<(src + columns * 4)]
      }
      image = RasterImage(width: columns, height: rows, pixels: flipped)
    }
    context.renderer.draw(image, in: rect, smooth: false)
  }
}
