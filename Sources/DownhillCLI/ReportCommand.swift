import ArgumentParser
import Downhill
import DownhillFigures
import DownhillPlot
import Foundation

/// `downhill report RUN`: every figure of a recorded run, as one folder with an HTML page.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract:
      "Draw a recorded run: loss, gradient and weight norms, distributions, flips, landscape.",
    discussion: """
      Reads a history folder (train --history DIR) and writes DIR/report/: index.html, a PNG and an \
      SVG per figure, and the numbers behind each as data/<figure>.csv. Figures: \
      \(RunReport.names.joined(separator: ", ")). The interpolation and the landscape recompute \
      the loss on the run's data (at most --examples of it), found from meta.json.

      Examples:
        downhill report runs/xor
        downhill report runs/xor --only landscape --out xor-landscape.svg
        downhill report runs/mnist --data ~/mnist --grid 21
      """)

  @Argument(help: "The history folder.", completion: .directory) var history: String
  @Option(help: "Where to write: a folder (default RUN/report), or a file with --only NAME.")
  var out: String?
  @Option(help: "Only this figure (repeatable).", completion: .list(RunReport.names))
  var only: [String] = []
  @Option(
    help: "Formats, comma-separated: png, svg, pdf.",
    completion: .list(OutputFormat.allCases.map(\.rawValue)))
  var format = "png,svg"
  @Option(help: "Where the run's data is now, if it moved (a CSV file or the MNIST folder).")
  var data: String?
  @Option(help: "Landscape grid points a side (2…201).") var grid = 31
  @Option(help: "Examples the recomputed loss uses at most.") var examples = 2000
  @OptionGroup var svg: SVGOutputOptions

  func validate() throws {
    guard (2...201).contains(grid) else { throw ValidationError("--grid must be 2…201") }
    guard examples > 0 else { throw ValidationError("--examples must be positive") }
    for name in only where !RunReport.names.contains(Self.canonical(name)) {
      throw ValidationError(
        "unknown figure '\(name)' (\(RunReport.names.joined(separator: ", ")))")
    }
    _ = try formats()
    if let out, OutputFormat(path: out) != nil, only.count != 1 {
      throw ValidationError(
        "--out \(out) is one file: give exactly one --only figure, or a folder")
    }
  }

  /// --format as formats; an unknown name is a usage error.
  private func formats() throws -> [OutputFormat] {
    try format.split(separator: ",").map { name -> OutputFormat in
      guard let f = OutputFormat(rawValue: String(name)) else {
        throw ValidationError("unknown format '\(name)' (\(OutputFormat.names))")
      }
      return f
    }
  }

  static func canonical(_ name: String) -> String { name == "landscape-3d" ? "landscape" : name }

  func run() throws {
    let run: History
    do { run = try History(contentsOf: URL(fileURLWithPath: history)) } catch {
      throw CLIError("\(error)")
    }
    let names = only.isEmpty ? RunReport.names : only.map(Self.canonical)
    var reportData: ReportData?
    var skipped: [(String, String)] = []
    if names.contains(where: RunReport.needData.contains) {
      do {
        guard let source = run.metadata.datasetSource else {
          throw CLIError(
            "meta.json does not say where the run's data is (a history saved before format 2, or data built in a program)"
          )
        }
        reportData = ReportData(dataset: try source.load(path: data), limit: examples)
      } catch {
        if !only.isEmpty { throw CLIError("\(error)") }
        skipped += names.filter(RunReport.needData.contains).map { ($0, "\(error)") }
      }
    }
    let formats = try formats().map(svg.applied)
    var figures: [ReportFigure] = []
    let drawn = names.filter { name in !skipped.contains { $0.0 == name } }
    let clock = ContinuousClock()
    let display = ProgressLine()
    defer { display.finish() }  // before an error's message too
    for (i, name) in drawn.enumerated() {
      display.update("[\(i + 1)/\(drawn.count)] \(name) …", now: true)
      let start = clock.now
      do {
        figures.append(
          try RunReport.figure(named: name, history: run, data: reportData, gridSize: grid))
      } catch {
        if !only.isEmpty { throw CLIError("\(name): \(error)") }
        skipped.append((name, "\(error)"))
        continue
      }
      let seconds = (clock.now - start).seconds
      display.line([
        "[\(i + 1)/\(drawn.count)] \(name)", "\(DecimalText.fixed(seconds, decimals: 1)) s",
      ])
    }
    display.finish()
    if let out, OutputFormat(path: out) != nil {
      guard figures.count == 1 else {
        throw ValidationError(
          "--out \(out) is one file: give exactly one --only figure, or a folder")
      }
      try figures[0].figure.write(to: out, svg: svg.options)
      print("wrote \(out)")
      return
    }
    let folder = out ?? (history.hasSuffix("/") ? history : history + "/") + "report"
    // The lines above time each figure's numbers; drawing them into files is this last step.
    display.update("drawing \(figures.count) figures into \(folder) …", now: true)
    let writing = clock.now
    do {
      try RunReport.write(figures, skipped: skipped, history: run, to: folder, formats: formats)
    } catch { throw CLIError("\(error)") }
    display.finish()
    let drawing = DecimalText.fixed((clock.now - writing).seconds, decimals: 1)
    for (name, reason) in skipped {
      FileHandle.standardError.write(Data("skipped \(name): \(reason)\n".utf8))
    }
    print("wrote \(folder)/index.html (\(figures.count) figures drawn in \(drawing) s)")
  }
}

/// `downhill compare RUN RUN…`: the runs' loss curves overlaid.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Overlay the loss curves of recorded runs, labelled by what differs between them.",
    discussion: """
      Examples:
        downhill compare runs/a runs/b runs/c --out losses.svg
      """)

  @Argument(help: "History folders.", completion: .directory) var runs: [String]
  @Option(help: "The figure's file: .png, .svg or .pdf.") var out: String
  @Option(help: "The title.") var title: String?
  @OptionGroup var svg: SVGOutputOptions

  func validate() throws {
    guard !runs.isEmpty else { throw ValidationError("give at least one history folder") }
    guard OutputFormat(path: out) != nil else {
      throw ValidationError(PlotError.unknownFormat(path: out).description)
    }
  }

  func run() throws {
    do {
      let loaded = try runs.map { path -> (name: String, history: History) in
        let name = URL(fileURLWithPath: path).lastPathComponent
        return (name, try History(contentsOf: URL(fileURLWithPath: path)))
      }
      try RunComparison.figure(loaded, title: title).figure.write(to: out, svg: svg.options)
      print("wrote \(out)")
    } catch let error as CLIError { throw error } catch { throw CLIError("\(error)") }
  }
}
