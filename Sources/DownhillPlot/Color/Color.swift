/// An sRGB colour with straight (not premultiplied) alpha, components in 0…1.
public struct Color: Equatable, Hashable, Sendable {
  public var red: Double
  public var green: Double
  public var blue: Double
  public var alpha: Double

  public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
    self.red = red
    self.green = green
    self.blue = blue
    self.alpha = alpha
  }

  /// `Color(hex: 0x1f77b4)`, as matplotlib's "#1f77b4".
  public init(hex: UInt32, alpha: Double = 1) {
    self.init(
      red: Double((hex >> 16) & 0xff) / 255, green: Double((hex >> 8) & 0xff) / 255,
      blue: Double(hex & 0xff) / 255, alpha: alpha)
  }

  /// 8-bit RGBA, clamped (NaN → 0): how raster images and hex colours store a colour.
  var rgba8: [UInt8] {
    [red, green, blue, alpha].map {
      $0.isFinite ? UInt8(max(0, min(255, ($0 * 255).rounded()))) : 0
    }
  }

  public func withAlpha(_ alpha: Double) -> Color {
    Color(red: red, green: green, blue: blue, alpha: alpha)
  }

  public static let black = Color(red: 0, green: 0, blue: 0)
  public static let white = Color(red: 1, green: 1, blue: 1)
}
