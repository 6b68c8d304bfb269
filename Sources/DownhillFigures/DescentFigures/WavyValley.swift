import Downhill
import DownhillPlot

/// The multi-minimum curve of `sgd-local-min` and `sgd-randomness-ensemble`: a quadratic bowl
/// with a sinusoid on it, f(x) = x²/5 + 2·sin(1.5x). On [−5.5, 5.5] it has three minima
/// (x ≈ −4.78, −0.96 the global one, 2.88) separated by maxima at x ≈ −3.46 and 1.15.
public enum WavyValley {
  /// The curve, as the descent core parses it.
  public static let function = "x^2/5 + 2*sin(1.5*x)"
  /// Where the figures draw the curve and drop the balls.
  public static let domain = -5.5...5.5
  /// f″ ≤ 0.4 + 4.5 = 4.9, so with γ < 1/4.9 the map x ↦ x − γf′(x) is increasing: a ball can
  /// never jump over a maximum, and each ends in the minimum of the basin it starts in.
  public static let step = 0.1
  /// The stopping rule's |Δx|: tight enough to tell each end point's minimum apart.
  public static let precision = 1e-6
  /// One colour per minimum, left to right; the global (middle) one is green. At least 16
  /// ΔE2000 apart under simulated colour blindness (tab10's orange and green, used before, are
  /// 1.3 apart for protanopes), 3.9:1 against white, and none of them the curve's blue.
  static let colors = [0x7b2d8e, 0x007859, 0xc26a00].map { Color(hex: $0) }

  static func curve() throws -> Curve { try Curve(function) }

  /// The minima, left to right.
  public static func minima() throws -> [Double] {
    try curve().criticalPoints(in: domain).filter(\.isMinimum).map(\.x)
  }

  /// The maxima between the minima, left to right: the basins' borders.
  public static func maxima() throws -> [Double] {
    try curve().criticalPoints(in: domain).filter { !$0.isMinimum }.map(\.x)
  }

  /// Which basin (0, 1, 2 left to right) `x` lies in.
  public static func basin(of x: Double, borders: [Double]) -> Int {
    borders.firstIndex { x < $0 } ?? borders.count
  }

  /// Plain gradient descent from `start` with the shared step.
  public static func descend(from start: Double) throws -> Descent.Result {
    try Descent.run(function, start: [start], step: step, precision: precision)
  }
}
