import DownhillTesting
import Foundation
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

@Suite struct FigureBaselineTests {
  /// A fake test file in a fresh folder, with its own artifacts folder.
  func scratch() throws -> (testFile: String, artifacts: URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "downhill-baseline-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return (
      dir.appendingPathComponent("SomeTests.swift").path, dir.appendingPathComponent("artifacts")
    )
  }

  @Test func aMissingBaselineFailsWithInstructions() throws {
    let (file, _) = try scratch()
    let outcome = FigureBaseline(name: "new", testFile: file).check(
      SampleFigures.lossCurves(), tolerance: 2)
    #expect(outcome.failure?.contains("DOWNHILL_RECORD=1") == true)
  }

  @Test func aChangedFigureFailsAndLeavesExpectedActualAndDiff() throws {
    let (file, _) = try scratch()
    let baseline = FigureBaseline(name: "loss", testFile: file)
    try FileManager.default.createDirectory(
      at: baseline.baseline.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(SampleFigures.lossCurves().render(format: .png)).write(to: baseline.baseline)
    #expect(baseline.check(SampleFigures.lossCurves(), tolerance: 2).failure == nil)

    let changed = SampleFigures.lossCurves()
    changed.axes.title = "something else entirely"
    let outcome = baseline.check(changed, tolerance: 0.5)
    #expect(outcome.failure?.contains("exceeds tolerance") == true)
    for suffix in ["-expected", "-actual", "-diff"] {
      #expect(
        FileManager.default.fileExists(
          atPath: baseline.artifacts.appendingPathComponent("loss\(suffix).png").path))
    }
  }
}
