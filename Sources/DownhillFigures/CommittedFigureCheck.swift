import DownhillPlot
import Foundation

/// Compares a catalogue figure as the code draws it now with the files committed for it, by
/// meaning first and pixels second, as the test suite's `expectFigure` does:
///
/// - its words exactly, against the text record `downhill figures` writes beside the figures
///   (`text/NAME.txt`, one `role: text` a line);
/// - a PNG's pixels within `PixelTolerance.standard`, the boxes of the text left out, so a
///   rebuilt FreeType that shades glyphs differently cannot fail an unchanged figure;
/// - an SVG rasterised by `rsvg-convert` (librsvg-bin), both the committed one and the new
///   one, compared the same way; bytes when rsvg-convert is not installed;
/// - any other format (PDF), and everything in `exact` mode, byte for byte.
public struct CommittedFigureCheck {
  /// Byte-for-byte comparison of every file instead of text and pixels.
  public var exact: Bool
  public var tolerance: PixelTolerance

  public init(exact: Bool = false, tolerance: PixelTolerance = .standard) {
    self.exact = exact
    self.tolerance = tolerance
  }

  /// The text record's path for figure `name` in the figures folder `folder`.
  public static func textRecordPath(name: String, in folder: String) -> String {
    "\(folder)/text/\(name).txt"
  }

  /// What differs between the figure's strings (`Figure.textInventory()`) and the committed
  /// text record, one line each; empty when they match.
  public func textDifferences(_ texts: [FigureText], committed: String?) -> [String] {
    let now = TextRecord(texts)
    guard let committed else { return ["no text record"] }
    return now.differences(from: TextRecord(contents: committed))
  }

  /// What differs between `now`, `figure` drawn in `format`, and the committed file's bytes (nil
  /// when there is none); nil when they agree. `texts` are the figure's strings, whose boxes the
  /// pixel comparison leaves out.
  public func fileDifference(
    _ figure: Figure, texts: [FigureText], format: OutputFormat, now: [UInt8],
    committed: [UInt8]?
  ) throws -> String? {
    guard let committed else { return "missing" }
    if now == committed { return nil }
    if exact { return "bytes differ" }
    let old: RasterImage
    let new: RasterImage
    switch format {
    case .png:
      guard let committedImage = RasterImage(png: committed), let nowImage = RasterImage(png: now)
      else { return "not a readable PNG" }
      (old, new) = (committedImage, nowImage)
    case .svg:
      guard let rsvg = Self.rsvgConvert else { return "bytes differ (rsvg-convert not installed)" }
      guard
        let committedImage = try? Self.rasterize(svg: committed, with: rsvg, scale: figure.scale),
        let nowImage = try? Self.rasterize(svg: now, with: rsvg, scale: figure.scale)
      else { return "rsvg-convert cannot draw it" }
      (old, new) = (committedImage, nowImage)
    default:
      return "bytes differ"
    }
    // The text's boxes in device pixels, two pixels wider each way for antialiasing.
    let scale = Double(new.width) / figure.width
    let boxes = texts.map { t in
      Rect(
        x: t.box.minX * scale - 2, y: t.box.minY * scale - 2, width: t.box.width * scale + 4,
        height: t.box.height * scale + 4)
    }
    let comparison = ImageComparison(
      expected: old, actual: new, tolerance: tolerance, ignoring: boxes)
    return comparison.matches ? nil : "pixels outside the text: \(comparison.summary)"
  }

  /// rsvg-convert's path, if it is on PATH.
  static let rsvgConvert: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/rsvg-convert" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }()

  /// An SVG drawn to pixels by rsvg-convert, through a temporary file.
  static func rasterize(svg: [UInt8], with rsvg: String, scale: Double) throws -> RasterImage {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "downhill-check-\(UUID().uuidString).svg")
    try Data(svg).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: rsvg)
    process.arguments = ["--zoom", "\(scale)", "--format", "png", file.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let png = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let image = RasterImage(png: [UInt8](png)) else {
      throw PlotError.cairo("rsvg-convert failed")
    }
    return image
  }
}
