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

  /// A baseline recorded for `figure` in a scratch folder, as `DOWNHILL_RECORD=1` records it.
  func recorded(_ figure: Figure, name: String) throws -> FigureBaseline {
    let (file, _) = try scratch()
    let baseline = FigureBaseline(name: name, testFile: file)
    try FileManager.default.createDirectory(
      at: baseline.baseline.deletingLastPathComponent(), withIntermediateDirectories: true)
    let (image, texts) = try figure.rasterWithoutText()
    try Data(image.pngData()).write(to: baseline.baseline)
    try Data(TextRecord(texts).contents.utf8).write(to: baseline.textBaseline)
    return baseline
  }

  /// Three curves on fixed limits; `shift` moves the second up by that many data units,
  /// `color` recolours it, `labels` names the three.
  static func curves(
    shift: Double = 0, color: Color? = nil, labels: [String] = ["α = 1", "α = 10", "α = 100"]
  ) -> Figure {
    let f = Figure(width: 640, height: 400, title: "Three rates")
    let x = (0..<200).map { Double($0) / 20 }
    f.axes.plot(x, x.map { sin($0) }, label: labels[0])
    f.axes.plot(x, x.map { 0.5 * cos($0) + shift }, label: labels[1], color: color)
    f.axes.plot(x, x.map { -0.8 + 0.05 * $0 }, label: labels[2])
    f.axes.yLimits = -1.5...1.5
    f.axes.xLabel = "step"
    f.axes.yLabel = "value"
    return f
  }

  /// Data units per display unit on the y axis, read off two y tick labels' positions.
  static func yUnitsPerPixel(_ figure: Figure) throws -> Double {
    let ticks = try figure.textInventory().filter { $0.role == .yTickLabel }
    let a = try #require(ticks.first)
    let b = try #require(ticks.last)
    let va = try #require(Double(a.text.replacingOccurrences(of: "−", with: "-")))
    let vb = try #require(Double(b.text.replacingOccurrences(of: "−", with: "-")))
    return abs(va - vb) / abs(a.box.midY - b.box.midY)
  }

  @Test func aMissingRecordFailsWithInstructions() throws {
    let (file, _) = try scratch()
    let outcome = FigureBaseline(name: "new", testFile: file).check(
      SampleFigures.lossCurves(), recording: false)
    #expect(outcome.failure?.contains("DOWNHILL_RECORD=1") == true)
  }

  @Test func theSameFigurePasses() throws {
    let baseline = try recorded(Self.curves(), name: "same")
    let outcome = baseline.check(Self.curves(), recording: false)
    #expect(outcome.failure == nil)
    #expect(outcome.comparison?.differingPixels == 0)
  }

  @Test func aChangedLegendEntryIsNamed() throws {
    let baseline = try recorded(Self.curves(), name: "legend")
    let outcome = baseline.check(
      Self.curves(labels: ["α = 1", "α = 10", "α = 10"]), recording: false)
    #expect(outcome.textDifferences == ["legend entry 3: expected 'α = 100', got 'α = 10'"])
    #expect(outcome.failure?.contains("legend entry 3: expected 'α = 100', got 'α = 10'") == true)
    #expect(
      FileManager.default.fileExists(
        atPath: baseline.artifacts.appendingPathComponent("legend-actual.txt").path))
  }

  @Test func aChangedAxisLabelIsNamed() throws {
    let baseline = try recorded(Self.curves(), name: "labels")
    let swapped = Self.curves()
    swapped.axes.xLabel = "value"
    swapped.axes.yLabel = "step"
    #expect(
      baseline.check(swapped, recording: false).textDifferences == [
        "x label 1: expected 'step', got 'value'", "y label 1: expected 'value', got 'step'",
      ])
  }

  /// A curve moved by 3 pixels: thousands of pixels differ strongly (8 are allowed).
  @Test func aCurveMovedByThreePixelsFails() throws {
    let baseline = try recorded(Self.curves(), name: "moved")
    let threePixels = 3 * (try Self.yUnitsPerPixel(Self.curves()))
    let outcome = baseline.check(Self.curves(shift: threePixels), recording: false)
    let comparison = try #require(outcome.comparison)
    #expect(outcome.textDifferences.isEmpty)
    print("3-pixel shift: \(comparison.summary)")
    #expect(comparison.differingPixels > 100 * PixelTolerance.standard.differingPixels)
    #expect(outcome.failure?.contains("pixels without text") == true)
    for suffix in ["-expected", "-actual", "-diff"] {
      #expect(
        FileManager.default.fileExists(
          atPath: baseline.artifacts.appendingPathComponent("moved\(suffix).png").path))
    }
  }

  @Test func aSeriesInAnotherColourFails() throws {
    let baseline = try recorded(Self.curves(), name: "colour")
    let outcome = baseline.check(Self.curves(color: Color(hex: 0x2ca02c)), recording: false)
    #expect(outcome.failure != nil)
    #expect(outcome.comparison.map { !$0.matches } == true)
    print("recoloured series: \(outcome.comparison!.summary)")
  }

  /// Every string the sample figures draw has a role, and a rotated label's box is upright.
  @Test func everyStringHasARoleAndABox() throws {
    for figure in [SampleFigures.gallery(), SampleFigures.lossCurves(), ContourSamples.gallery()] {
      let texts = try figure.textInventory()
      #expect(!texts.isEmpty)
      #expect(texts.allSatisfy { $0.role != .other }, "\(texts.filter { $0.role == .other })")
      for t in texts {
        #expect(
          t.box.minX >= 0 && t.box.maxX <= figure.width && t.box.minY >= 0
            && t.box.maxY <= figure.height, "\(t.line) at \(t.box)")
      }
    }
    let texts = try Self.curves().textInventory()
    let roles = Set(texts.map(\.role))
    #expect(
      roles == [.figureTitle, .xTickLabel, .yTickLabel, .xLabel, .yLabel, .legendEntry],
      "\(roles)")
    let y = try #require(texts.first { $0.role == .yLabel })
    let x = try #require(texts.first { $0.role == .xLabel })
    #expect(y.box.height > 2 * y.box.width && x.box.width > x.box.height)
  }

  @Test func textDifferencesNameAddedAndRemovedStrings() {
    let old = TextRecord(lines: [
      "title: T", "x tick label: 0", "x tick label: 1", "x tick label: 2",
    ])
    let new = TextRecord(lines: ["title: T", "x tick label: 0", "x tick label: 2"])
    #expect(new.differences(from: old) == ["x tick label 2: expected '1', missing"])
    #expect(old.differences(from: new) == ["x tick label 2: unexpected '1'"])
    #expect(old.differences(from: old).isEmpty)
    #expect(TextRecord(contents: old.contents) == old)
  }

  @Test func comparisonCountsPixelsBeyondTheThresholdAndSkipsIgnoredBoxes() {
    // Pixel 0 off by 30 (antialiasing-sized), pixel 1 off by 200 (a moved line).
    let a = RasterImage(width: 2, height: 1, pixels: [0, 0, 0, 255, 10, 10, 10, 255])
    let b = RasterImage(width: 2, height: 1, pixels: [30, 0, 0, 255, 210, 10, 10, 255])
    let c = ImageComparison(expected: a, actual: b)
    #expect(c.differingPixels == 1)
    #expect(c.maxChannelDifference == 200)
    let ignoring = ImageComparison(
      expected: a, actual: b, ignoring: [Rect(x: 1, y: 0, width: 1, height: 1)])
    #expect(ignoring.differingPixels == 0)
    #expect(ignoring.matches)
  }
}
