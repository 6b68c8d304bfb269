import DownhillPlot
import Foundation
import Testing

/// Compares a figure with its record beside the test, in two parts, as matplotlib's
/// `image_comparison(remove_text=True)` plus a check of the words:
///
/// 1. its text — every string drawn, with its role — exactly against `__Figures__/NAME.txt`
///    (one `role: text` a line); a failure names each string that changed ("legend entry 3:
///    expected 'α = 100', got 'α = 10'");
/// 2. its pixels drawn with the text left out against `__Figures__/NAME.png`, within
///    `tolerance` (`PixelTolerance.standard`: a curve moved by 3 pixels or a series in
///    another colour fails; a font or antialiasing change cannot, the text being left out).
///
/// - On a pixel mismatch `NAME-expected.png`, `NAME-actual.png` and `NAME-diff.png` are written
///   to the artifacts folder: `$DOWNHILL_ARTIFACTS`, or `.build/downhill-artifacts` in the
///   package; on a text mismatch, `NAME-actual.txt`.
/// - `DOWNHILL_RECORD=1` writes both records instead (and fails, so recording is never silent).
/// - A missing record fails with the command that records it.
/// - Every figure drawn is left in the artifacts folder as `NAME.png`, text included, for review.
public func expectFigure(
  _ figure: Figure, named name: String, tolerance: PixelTolerance = .standard,
  filePath: StaticString = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
  let outcome = FigureBaseline(name: name, testFile: "\(filePath)").check(
    figure, tolerance: tolerance)
  if let failure = outcome.failure {
    Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
  }
}

/// The files one figure assertion reads and writes; shared by the Swift Testing and XCTest
/// front ends.
public struct FigureBaseline: Sendable {
  public let name: String
  /// The pixels drawn without text: `__Figures__/NAME.png`.
  public let baseline: URL
  /// The words: `__Figures__/NAME.txt`.
  public let textBaseline: URL
  public let artifacts: URL

  public init(name: String, testFile: String) {
    self.name = name
    let testURL = URL(fileURLWithPath: testFile)
    let folder = testURL.deletingLastPathComponent().appendingPathComponent("__Figures__")
    baseline = folder.appendingPathComponent("\(name).png")
    textBaseline = folder.appendingPathComponent("\(name).txt")
    if let custom = ProcessInfo.processInfo.environment["DOWNHILL_ARTIFACTS"], !custom.isEmpty {
      artifacts = URL(fileURLWithPath: custom)
    } else {
      artifacts = Self.packageRoot(from: testURL).appendingPathComponent(
        ".build/downhill-artifacts")
    }
  }

  /// The nearest folder above the test file that holds a Package.swift.
  public static func packageRoot(from file: URL) -> URL {
    var dir = file.deletingLastPathComponent()
    while dir.path != "/" {
      if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
        return dir
      }
      dir = dir.deletingLastPathComponent()
    }
    return file.deletingLastPathComponent()
  }

  public struct Outcome: Sendable {
    /// The pixel comparison, when there was a baseline of the same size to compare with.
    public let comparison: ImageComparison?
    /// What changed in the text, one sentence per string; empty when it matched.
    public let textDifferences: [String]
    public let failure: String?
  }

  /// Whether `DOWNHILL_RECORD=1` asks for records to be written rather than compared.
  public static var recording: Bool {
    ProcessInfo.processInfo.environment["DOWNHILL_RECORD"] == "1"
  }

  /// Compares `figure` with the records, or writes them when `recording`.
  public func check(
    _ figure: Figure, tolerance: PixelTolerance = .standard, recording: Bool = Self.recording
  ) -> Outcome {
    let fm = FileManager.default
    func artifact(_ suffix: String) -> URL { artifacts.appendingPathComponent("\(name)\(suffix)") }
    do {
      try fm.createDirectory(at: artifacts, withIntermediateDirectories: true)
      try Data(figure.render(format: .png)).write(to: artifact(".png"))
      let (image, texts) = try figure.rasterWithoutText()
      let actualBytes = try image.pngData()
      let actualText = TextRecord(texts)
      if recording {
        try fm.createDirectory(
          at: baseline.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actualBytes).write(to: baseline)
        try Data(actualText.contents.utf8).write(to: textBaseline)
        return Outcome(
          comparison: nil, textDifferences: [],
          failure:
            "recorded \(baseline.path) and \(textBaseline.lastPathComponent); run again without DOWNHILL_RECORD=1"
        )
      }
      guard let expectedData = fm.contents(atPath: baseline.path),
        let expectedTextData = fm.contents(atPath: textBaseline.path)
      else {
        return Outcome(
          comparison: nil, textDifferences: [],
          failure:
            "no record at \(baseline.deletingPathExtension().path).png/.txt; record it with DOWNHILL_RECORD=1 swift test, look at it, and commit it"
        )
      }
      var problems: [String] = []
      let textDifferences = actualText.differences(
        from: TextRecord(contents: String(decoding: expectedTextData, as: UTF8.self)))
      if !textDifferences.isEmpty {
        try Data(actualText.contents.utf8).write(to: artifact("-actual.txt"))
        problems.append(
          "text differs from \(textBaseline.lastPathComponent):\n  "
            + textDifferences.joined(separator: "\n  "))
      }
      guard let expected = RasterImage(png: [UInt8](expectedData)) else {
        return Outcome(
          comparison: nil, textDifferences: textDifferences,
          failure: "baseline \(baseline.path) is not a readable PNG")
      }
      let comparison = ImageComparison(expected: expected, actual: image, tolerance: tolerance)
      if !comparison.matches {
        try Data(expectedData).write(to: artifact("-expected.png"))
        try Data(actualBytes).write(to: artifact("-actual.png"))
        if let diff = comparison.diff { try Data(diff.pngData()).write(to: artifact("-diff.png")) }
        problems.append(
          comparison.diff == nil
            ? "size \(image.width)×\(image.height) differs from the baseline's \(expected.width)×\(expected.height)"
            : "pixels without text: \(comparison.summary); expected, actual and diff PNGs are in \(artifacts.path)"
        )
      }
      return Outcome(
        comparison: comparison, textDifferences: textDifferences,
        failure: problems.isEmpty
          ? nil : "figure '\(name)': " + problems.joined(separator: "\n"))
    } catch {
      return Outcome(
        comparison: nil, textDifferences: [],
        failure: "figure '\(name)' could not be compared: \(error)")
    }
  }
}
