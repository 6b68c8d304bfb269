/// Thins a dense time series to what a raster can show: for a polyline whose x never
/// decreases, the points falling in one column of `width` display units are replaced by the
/// column's first, lowest, highest and last point, in the order the line visits them (the M4
/// aggregation of Jugel et al., VLDB 2014).
///
/// A noisy 60,000-point loss curve crosses each pixel column dozens of times; the ink in that
/// column is the vertical span between its extremes plus the lines in and out, and those four
/// points draw exactly that. Every column keeps its exact vertical extent, and no vertex moves:
/// the result is a subsequence of the input.
enum ColumnReducer {
  /// Whether reducing `points` could help: x never decreases, and there are more than four
  /// points per column on average.
  static func applies(to points: [Point], width: Double) -> Bool {
    guard points.count > 8, width > 0, let first = points.first, let last = points.last else {
      return false
    }
    let columns = (last.x - first.x) / width + 1
    guard Double(points.count) > 4 * columns else { return false }
    for (a, b) in zip(points, points.dropFirst()) where b.x < a.x { return false }
    return true
  }

  /// The reduced polyline; returns `points` unchanged unless ``applies(to:width:)``.
  static func reduce(_ points: [Point], width: Double = 0.5) -> [Point] {
    guard applies(to: points, width: width) else { return points }
    var output: [Point] = []
    output.reserveCapacity(Int((points.last!.x - points.first!.x) / width + 1) * 4)
    var start = 0
    while start < points.count {
      let column = (points[start].x / width).rounded(.down)
      var end = start + 1
      var low = start
      var high = start
      while end < points.count, (points[end].x / width).rounded(.down) == column {
        if points[end].y < points[low].y { low = end }
        if points[end].y > points[high].y { high = end }
        end += 1
      }
      // Indices in visiting order, each once.
      for i in Set([start, low, high, end - 1]).sorted() { output.append(points[i]) }
      start = end
    }
    return output
  }
}
