import DownhillPlot
import Foundation
import Testing

/// Compares a figure's PNG with a baseline stored beside the test, in `__Figures__/NAME.png`.
///
/// - On a mismatch (RMS above `tolerance`, as matplotlib's `compare_images`) the test fails and
///   `NAME-expected.png`, `NAME-actual.png` and `NAME-diff.png` are written to the artifacts
///   folder: `$DOWNHILL_ARTIFACTS`, or `.build/downhill-artifacts` in the package.
/// - `DOWNHILL_RECORD=1` writes the baseline instead (and fails, so recording is never silent).
/// - A missing baseline fails with the command that records it.
/// - Every figure drawn is left in the artifacts folder as `NAME.png` for review.
public func expectFigure(
  _ figure: Figure, named name: String, tolerance: Double = 2.0,
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
  public let baseline: URL
  public let artifacts: URL

  public init(name: String, testFile: String) {
    self.name = name
    let testURL = URL(fileURLWithPath: testFile)
    baseline = testURL.deletingLastPathComponent().appendingPathComponent("__Figures__")
      .appendingPathComponent("\(name).png")
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
    public let rms: Double?
    public let failure: String?
  }

  public func check(_ figure: Figure, tolerance: Double) -> Outcome {
    let fm = FileManager.default
    do {
      try fm.createDirectory(at: artifacts, withIntermediateDirectories: true)
      let actualBytes = try figure.render(format: .png)
      try Data(actualBytes).write(to: artifacts.appendingPathComponent("\(name).png"))
      if ProcessInfo.processInfo.environment["DOWNHILL_RECORD"] == "1" {
        try fm.createDirectory(
          at: baseline.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actualBytes).write(to: baseline)
        return Outcome(
          rms: nil,
          failure: "recorded baseline \(baseline.path); run again without DOWNHILL_RECORD=1")
      }
      guard let expectedData = fm.contents(atPath: baseline.path) else {
        return Outcome(
          rms: nil,
          failure:
            "no baseline at \(baseline.path); record it with DOWNHILL_RECORD=1 swift test, look at it, and commit it"
        )
      }
      guard let expected = RasterImage(png: [UInt8](expectedData)),
        let actual = RasterImage(png: actualBytes)
      else {
        return Outcome(rms: nil, failure: "baseline \(baseline.path) is not a readable PNG")
      }
      let comparison = ImageComparison(expected: expected, actual: actual)
      guard comparison.rms > tolerance else { return Outcome(rms: comparison.rms, failure: nil) }
      try Data(expectedData).write(to: artifacts.appendingPathComponent("\(name)-expected.png"))
      try Data(actualBytes).write(to: artifacts.appendingPathComponent("\(name)-actual.png"))
      if let diff = comparison.diff {
        try Data(diff.pngData()).write(to: artifacts.appendingPathComponent("\(name)-diff.png"))
      }
      let what =
        comparison.diff == nil
        ? "size \(actual.width)×\(actual.height) differs from the baseline's \(expected.width)×\(expected.height)"
        : "RMS \(String(format: "%.3f", comparison.rms)) exceeds tolerance \(tolerance)"
      return Outcome(
        rms: comparison.rms,
        failure: "figure '\(name)' \(what); expected, actual and diff PNGs are in \(artifacts.path)"
      )
    } catch {
      return Outcome(rms: nil, failure: "figure '\(name)' could not be compared: \(error)")
    }
  }
}
