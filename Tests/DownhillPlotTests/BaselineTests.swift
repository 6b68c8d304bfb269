import DownhillTesting
import Testing

@testable import DownhillPlot

/// Figures compared with committed baselines in `__Figures__/` (RMS tolerance, as matplotlib's
/// `compare_images`). Record new ones with `DOWNHILL_RECORD=1 swift test`.
@Suite struct BaselineTests {
  @Test func lossCurves() { expectFigure(SampleFigures.lossCurves(), named: "loss-curves") }
  @Test func gallery() { expectFigure(SampleFigures.gallery(), named: "gallery") }

  @Test func comparisonMeasuresRMSLikeMatplotlib() throws {
    // One channel of one pixel off by 30 in a 2×1 image: sqrt(30² / 6).
    let a = RasterImage(width: 2, height: 1, pixels: [0, 0, 0, 255, 10, 10, 10, 255])
    let b = RasterImage(width: 2, height: 1, pixels: [30, 0, 0, 255, 10, 10, 10, 255])
    let c = ImageComparison(expected: a, actual: b)
    #expect(abs(c.rms - (900.0 / 6).squareRoot()) < 1e-12)
    #expect(c.diff?.pixels[0] == 255)
    #expect(ImageComparison(expected: a, actual: a).rms == 0)
    #expect(
      ImageComparison(
        expected: a, actual: RasterImage(width: 1, height: 1, pixels: [0, 0, 0, 255])
      ).rms == .infinity)
  }

  @Test func pngRoundTripsThroughTheCodec() throws {
    let image = RasterImage(
      width: 3, height: 2, pixels: (0..<24).map { UInt8(($0 * 37) % 256) | ($0 % 4 == 3 ? 255 : 0) }
    )
    let back = try #require(RasterImage(png: try image.pngData()))
    #expect(back == image)
  }
}
