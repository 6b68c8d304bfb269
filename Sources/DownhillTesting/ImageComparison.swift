import DownhillPlot
import Foundation

/// How far apart two images are, as matplotlib's `compare_images`: the root mean square of the
/// per-channel differences (RGB, 0…255), alpha composited onto white first.
public struct ImageComparison: Sendable {
  public let rms: Double
  /// |expected − actual| per channel, amplified ×10 so faint differences show.
  public let diff: RasterImage?

  /// Compares two images; images of different sizes are infinitely far apart.
  public init(expected: RasterImage, actual: RasterImage) {
    guard expected.width == actual.width, expected.height == actual.height else {
      rms = .infinity
      diff = nil
      return
    }
    var sum = 0.0
    var diffPixels = [UInt8](repeating: 255, count: expected.pixels.count)
    for p in stride(from: 0, to: expected.pixels.count, by: 4) {
      for c in 0..<3 {
        let e = Self.onWhite(expected.pixels[p + c], alpha: expected.pixels[p + 3])
        let a = Self.onWhite(actual.pixels[p + c], alpha: actual.pixels[p + 3])
        let d = e - a
        sum += d * d
        diffPixels[p + c] = UInt8(min(255, abs(d) * 10))
      }
    }
    rms = (sum / Double(expected.width * expected.height * 3)).squareRoot()
    diff = RasterImage(width: expected.width, height: expected.height, pixels: diffPixels)
  }

  private static func onWhite(_ v: UInt8, alpha: UInt8) -> Double {
    let a = Double(alpha) / 255
    return Double(v) * a + 255 * (1 - a)
  }
}
