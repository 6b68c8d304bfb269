/// How far apart two images may be and still count as the same figure.
///
/// A pixel *differs* when one of its channels (alpha composited onto white, 0…255) is off by
/// more than `channelThreshold`; the images match when at most `differingPixels` pixels differ.
/// RMS over the whole image cannot be the measure: a curve moved by 3 pixels in an 800×500
/// figure is an RMS below 1, while a renderer upgrade that shades every antialiased edge a
/// few levels differently is an RMS of the same size. Counting strong differences separates
/// them: antialiasing moves a channel by a few levels, a moved or recoloured line by a hundred.
public struct PixelTolerance: Equatable, Sendable {
  public var channelThreshold: Double
  public var differingPixels: Int

  public init(channelThreshold: Double, differingPixels: Int) {
    self.channelThreshold = channelThreshold
    self.differingPixels = differingPixels
  }

  /// 64 levels and 8 pixels. Measured on the catalogue (docs/TESTING.md): one curve moved by
  /// 3 pixels differs in 300 pixels or more, one series recoloured in its every pixel, while
  /// the same figure drawn again differs in none.
  public static let standard = PixelTolerance(channelThreshold: 64, differingPixels: 8)
}

/// How far apart two images are: matplotlib's `compare_images` RMS of the per-channel
/// differences (RGB, 0…255, alpha composited onto white first), and how many pixels differ by
/// more than a threshold (``PixelTolerance``).
public struct ImageComparison: Sendable {
  public let rms: Double
  /// The tolerance the comparison was made with.
  public let tolerance: PixelTolerance
  /// Pixels with a channel off by more than `tolerance.channelThreshold`.
  public let differingPixels: Int
  /// The largest difference of any channel of any compared pixel.
  public let maxChannelDifference: Double
  /// |expected − actual| per channel, amplified ×10 so faint differences show.
  public let diff: RasterImage?

  /// Compares two images; images of different sizes are infinitely far apart. Pixels inside
  /// `ignoring` (device pixels) are left out: the boxes of text compared by its words instead.
  public init(
    expected: RasterImage, actual: RasterImage,
    tolerance: PixelTolerance = .standard, ignoring: [Rect] = []
  ) {
    self.tolerance = tolerance
    guard expected.width == actual.width, expected.height == actual.height else {
      rms = .infinity
      differingPixels = Int.max
      maxChannelDifference = .infinity
      diff = nil
      return
    }
    let width = expected.width
    var ignored = [Bool](repeating: false, count: expected.width * expected.height)
    for r in ignoring {
      let x0 = max(0, Int(r.minX.rounded(.down)))
      let x1 = min(width, Int(r.maxX.rounded(.up)))
      let y0 = max(0, Int(r.minY.rounded(.down)))
      let y1 = min(expected.height, Int(r.maxY.rounded(.up)))
      guard x0 < x1, y0 < y1 else { continue }
      for y in y0..<y1 { for x in x0..<x1 { ignored[y * width + x] = true } }
    }
    var sum = 0.0
    var count = 0
    var largest = 0.0
    var diffPixels = [UInt8](repeating: 255, count: expected.pixels.count)
    for p in stride(from: 0, to: expected.pixels.count, by: 4) where !ignored[p / 4] {
      var pixelLargest = 0.0
      for c in 0..<3 {
        let e = Self.onWhite(expected.pixels[p + c], alpha: expected.pixels[p + 3])
        let a = Self.onWhite(actual.pixels[p + c], alpha: actual.pixels[p + 3])
        let d = e - a
        sum += d * d
        pixelLargest = max(pixelLargest, abs(d))
        diffPixels[p + c] = UInt8(min(255, abs(d) * 10))
      }
      if pixelLargest > tolerance.channelThreshold { count += 1 }
      largest = max(largest, pixelLargest)
    }
    rms = (sum / Double(expected.width * expected.height * 3)).squareRoot()
    differingPixels = count
    maxChannelDifference = largest
    diff = RasterImage(width: expected.width, height: expected.height, pixels: diffPixels)
  }

  /// Whether the images count as the same under `tolerance`.
  public var matches: Bool { differingPixels <= tolerance.differingPixels }

  /// "412 pixels differ by more than 64 levels (largest 255, RMS 1.203)".
  public var summary: String {
    guard diff != nil else { return "sizes differ" }
    return
      "\(differingPixels) pixel\(differingPixels == 1 ? "" : "s") differ by more than \(Int(tolerance.channelThreshold)) levels, \(tolerance.differingPixels) allowed (largest \(Int(maxChannelDifference)), RMS \(DecimalText.fixed(rms, decimals: 3)))"
  }

  private static func onWhite(_ v: UInt8, alpha: UInt8) -> Double {
    let a = Double(alpha) / 255
    return Double(v) * a + 255 * (1 - a)
  }
}
