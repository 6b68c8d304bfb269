/// How values are distributed, and how that changes during training: histograms, quantile
/// bands over time and ridgelines of histograms (TensorBoard's histogram and distribution
/// dashboards).
extension Axes {
  /// A histogram of `values` in `bins` equal bins, as matplotlib's `hist(values, bins, range,
  /// density)`, binned as numpy's `np.histogram` (see ``Histogram``): each bin is half-open
  /// except the last, which also counts values equal to its upper edge; values outside `range`
  /// are not counted, and NaN and ±infinity are ignored. Empty input draws nothing.
  ///
  /// With `density`, the bars' heights make their total area 1, instead of counts.
  @discardableResult
  public func histogram(
    _ values: [Double], bins: Int = 10, range: ClosedRange<Double>? = nil, density: Bool = false,
    label: String? = nil, color: Color? = nil
  ) -> Axes {
    add(
      HistogramMark(
        Histogram(values: values, bins: bins, range: range), density: density, label: label,
        color: color ?? nextColor(), edgeColor: theme.axesBackground))
  }

  /// A histogram of `values` over the given bin edges (finite, increasing), as
  /// ``histogram(_:bins:range:density:label:color:)`` otherwise.
  @discardableResult
  public func histogram(
    _ values: [Double], edges: [Double], density: Bool = false, label: String? = nil,
    color: Color? = nil
  ) -> Axes {
    add(
      HistogramMark(
        Histogram(values: values, edges: edges), density: density, label: label,
        color: color ?? nextColor(), edgeColor: theme.axesBackground))
  }

  /// Bands between quantile curves over `x`, as TensorBoard's distribution view: `quantiles`
  /// holds the curves from the lowest quantile to the highest, each with one value per `x`
  /// (``Percentiles/curves(_:_:)`` computes TensorBoard's nine). Neighbouring curves are filled
  /// between, more opaquely towards the middle; an odd middle curve (the median) is a line.
  @discardableResult
  public func quantileBands(
    x: [Double], quantiles: [[Double]], color: Color? = nil, label: String? = nil
  ) -> Axes {
    add(
      QuantileBandsMark(
        x: x, quantiles: quantiles, label: label, color: color ?? nextColor(),
        lineWidth: theme.lineWidth))
  }

  /// Histograms over the same `edges` at successive times, oldest first, each raised a fixed
  /// step above the next as TensorBoard's histogram offset view (see ``RidgelineMark``): the
  /// oldest at the top and back, the newest at the front on the bottom. `labels` name the
  /// histograms ("step 1200") as y tick labels at their baselines; when they crowd, every k-th
  /// is shown, starting from the newest.
  @discardableResult
  public func ridgeline(
    edges: [Double], counts: [[Double]], labels: [String], color: Color? = nil
  ) -> Axes {
    let mark = RidgelineMark(edges: edges, counts: counts, color: color ?? nextColor())
    yTickValues = counts.indices.map(mark.baseline)
    yTickLabels = counts.indices.map { $0 < labels.count ? labels[$0] : "" }
    return add(mark)
  }
}
