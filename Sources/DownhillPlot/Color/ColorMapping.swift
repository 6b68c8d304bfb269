import Foundation

/// Maps values to colours through a colormap over [lower, upper], shared by a mark that colours
/// by value (scatter, heatmap, surface) and the colorbar that explains it.
public struct ColorMapping: Sendable {
  public var colormap: Colormap
  public var lower: Double
  public var upper: Double
  public var isLog: Bool
  /// Increasing band edges for discrete colours (filled contours): each interval between
  /// neighbours has one colour, that of its middle, and a colorbar shows the bands as blocks.
  public var bands: [Double]?

  public init(
    colormap: Colormap = .viridis, lower: Double, upper: Double, isLog: Bool = false,
    bands: [Double]? = nil
  ) {
    self.colormap = colormap
    self.lower = lower
    self.upper = upper
    self.isLog = isLog
    self.bands = bands
  }

  /// A mapping spanning the finite values given (positive ones for log); nil if none are.
  public init?(values: [Double], colormap: Colormap = .viridis, isLog: Bool = false) {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values where v.isFinite && (!isLog || v > 0) {
      lo = Swift.min(lo, v)
      hi = Swift.max(hi, v)
    }
    guard lo <= hi else { return nil }
    self.init(colormap: colormap, lower: lo, upper: hi, isLog: isLog)
  }

  /// Position of `v` along the colormap, 0…1 (NaN stays NaN so the colormap shows it as bad).
  public func fraction(_ v: Double) -> Double {
    if isLog {
      guard v > 0, lower > 0 else { return .nan }
      let (a, b) = (log10(lower), log10(upper))
      return b > a ? (log10(v) - a) / (b - a) : 0.5
    }
    return upper > lower ? (v - lower) / (upper - lower) : 0.5
  }

  public func color(for v: Double) -> Color { colormap.color(at: fraction(v)) }

  /// The colour of the band `a…b`: the colour at its middle (geometric middle when log).
  public func bandColor(_ a: Double, _ b: Double) -> Color {
    color(for: isLog && a > 0 && b > 0 ? (a * b).squareRoot() : (a + b) / 2)
  }
}
