import AtomicFiles
import Downhill
import DownhillPlot
import Foundation

/// The report of a recorded run: every figure of it, each a function from the loaded history
/// (and, for those that recompute the loss, the run's data) to a `ReportFigure`, written as one
/// folder: `index.html`, a PNG and an SVG per figure, and `data/<figure>.csv`.
public enum RunReport {
  /// The report's figures, in order.
  public static let names = [
    "loss", "gradient-norms", "weight-norms", "weights-distributions", "weights-histograms",
    "gradients-distributions", "gradients-histograms", "sign-flips", "interpolation", "landscape",
  ]

  /// Figures that recompute the loss on the run's data.
  public static let needData: Set<String> = ["interpolation", "landscape"]

  /// The figure called `name` (one of `names`).
  /// `data` is the run's data, for the figures in `needData`; `gridSize` the landscape's points a
  /// side.
  public static func figure(
    named name: String, history: History, data: ReportData?, gridSize: Int = 31
  ) throws -> ReportFigure {
    func needed() throws -> ReportData {
      guard let data else {
        throw DownhillError.invalidArgument(
          "'\(name)' recomputes the loss: it needs the run's data")
      }
      return data
    }
    switch name {
    case "loss": return TrainingCurves.loss(history)
    case "gradient-norms": return try TrainingCurves.gradientNorms(history)
    case "weight-norms": return try TrainingCurves.weightNorms(history)
    case "weights-distributions": return try Distributions.figure(history, of: .weights)
    case "gradients-distributions": return try Distributions.figure(history, of: .gradients)
    case "weights-histograms": return try Distributions.histograms(history, of: .weights)
    case "gradients-histograms": return try Distributions.histograms(history, of: .gradients)
    case "sign-flips": return try SignFlipsReport.figure(history)
    case "interpolation": return try LossAroundRun.interpolation(history, data: try needed())
    case "landscape":
      return try LossAroundRun.landscape(history, data: try needed(), gridSize: gridSize)
    default:
      throw DownhillError.invalidArgument(
        "unknown report figure '\(name)' (\(names.joined(separator: ", ")))")
    }
  }

  /// Writes the report folder at `path` whole (an existing report is replaced only by a complete
  /// one): each figure in `formats`, its table as CSV, and `index.html` showing the run's
  /// meta.json, the figures with their captions, and `skipped` (figure, reason) pairs.
  public static func write(
    _ figures: [ReportFigure], skipped: [(String, String)] = [], history: History,
    to path: String, formats: [OutputFormat] = [.png, .svg]
  ) throws {
    let folder = try AtomicFolder(destination: path, purpose: "report folder")
    try FileManager.default.createDirectory(
      atPath: folder.file("data"), withIntermediateDirectories: false)
    for f in figures {
      for format in formats {
        try AtomicFile.write(
          try f.figure.render(format: format), to: folder.file("\(f.name).\(format.rawValue)"))
      }
      try AtomicFile.write(f.data.csv.utf8, to: folder.file("data/\(f.name).csv"))
    }
    let image = formats.contains(.svg) ? OutputFormat.svg : formats.first
    try AtomicFile.write(
      html(figures, skipped: skipped, history: history, image: image).utf8,
      to: folder.file("index.html"))
    try folder.commit()
  }

  /// One self-contained page: no scripts, no network; figures as image files beside it (an
  /// `<img>` keeps each SVG's ids to itself).
  static func html(
    _ figures: [ReportFigure], skipped: [(String, String)], history: History, image: OutputFormat?
  ) -> String {
    let meta = history.metadata
    var rows: [(String, String)] = [
      ("dataset", meta.dataset), ("examples", "\(meta.examples)"),
      ("layers", meta.layerSizes.map(String.init).joined(separator: "-")),
      ("activations", meta.activations.map(\.name).joined(separator: ", ")),
      ("bias", meta.bias.rawValue), ("cost", meta.cost.rawValue), ("optimizer", meta.optimizer),
    ]
    rows += meta.hyperParameters.sorted { $0.key < $1.key }.map { key, value in
      (key, value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))" : "\(value)")
    }
    rows += [
      ("seed", meta.seed.map(String.init) ?? "–"),
      ("steps", "\(history.loggedSteps.count)"),
      (
        "recorded",
        "every \(meta.every) steps, layers \(meta.recordedLayers), \(meta.precision.rawValue)"
      ),
      ("final loss", history.loggedLosses.last.map { "\($0)" } ?? "–"),
      ("training time", "\(DecimalText.fixed(meta.wallTimeSeconds, decimals: 3)) s"),
    ]
    if let last = history.epochs.last {
      rows.append(("test loss (last epoch)", "\(last.testLoss)"))
      if let accuracy = last.testAccuracy {
        rows.append(("test accuracy (last epoch)", "\(accuracy)"))
      }
    }
    var page = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8">
      <title>\(escape("Run report: " + TrainingCurves.describe(meta)))</title>
      <style>
      body { font-family: "DejaVu Sans", sans-serif; max-width: 1200px; margin: 2em auto; color: #1a1a1a; }
      table { border-collapse: collapse; } td, th { padding: 2px 12px 2px 0; text-align: left; }
      figure { margin: 2.5em 0; } img { max-width: 100%; height: auto; } figcaption { max-width: 60em; }
      </style></head><body>
      <h1>\(escape(TrainingCurves.describe(meta)))</h1>
      <table>

      """
    for (key, value) in rows {
      page += "<tr><th>\(escape(key))</th><td>\(escape(value))</td></tr>\n"
    }
    page += "</table>\n"
    for f in figures {
      page += "<figure id=\"\(f.name)\">\n"
      if let image {
        page +=
          "<img src=\"\(f.name).\(image.rawValue)\" alt=\"\(escape(f.figure.title ?? f.name))\">\n"
      }
      page +=
        "<figcaption>\(escape(f.caption)) <a href=\"data/\(f.name).csv\">Numbers (CSV)</a></figcaption>\n</figure>\n"
    }
    for (name, reason) in skipped {
      page += "<p>Not drawn: <b>\(escape(name))</b>: \(escape(reason))</p>\n"
    }
    return page + "</body></html>\n"
  }

  static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
