import ArgumentParser
import AtomicFiles
import Downhill
import DownhillFigures
import DownhillPlot
import Foundation

struct PlotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plot",
    abstract: "Plot the columns of CSV files as lines, to PNG, SVG or PDF.",
    discussion: """
      Each file needs a header row; `-` reads standard input. The first column is x unless --x \
      names another; every other column is a series unless --y picks some (a history's \
      loss.csv draws its loss). Several files draw on one axes; a column that more than one \
      file has is labelled file:column. The output format follows the file extension, or \
      --format; `--out -` writes to standard output.

      Examples:
        downhill plot figures/data/xor-loss.csv --out loss.png --logy
        downhill plot run.csv --x step --y loss --y accuracy --out run.svg --title "Training"
        downhill plot runs/a/loss.csv runs/b/loss.csv --out losses.svg --ylim 0:1
        printf 'x y\\n1 2\\n2 3\\n' | downhill plot - --out - --format svg > xy.svg
      """)

  @Argument(
    help:
      "CSV files with a header row (files, pipes or FIFOs, at most 1 GiB each); - reads standard input.",
    completion: .file(extensions: ["csv", "tsv", "txt", "dat"]))
  var files: [String] = []

  @Option(
    name: .long,
    help: "Where to write the figure: a \(OutputFormat.extensions) path, or - for standard output."
  )
  var out: String

  @Option(
    help: "The format: \(OutputFormat.names) (default: the --out file's extension).",
    completion: .list(OutputFormat.allCases.map(\.rawValue)))
  var format: String?

  @Option(help: "How fields are separated: comma, tab, whitespace, or auto (from the header).")
  var delimiter: Delimiter = .auto

  @Option(name: .customLong("x"), help: "The column to use as x (default: the first).")
  var xColumn: String?

  @Option(
    name: .customLong("y"), help: "A column to plot; repeat for several (default: all but x).")
  var yColumns: [String] = []

  @Flag(name: .customLong("logy"), help: "Logarithmic y axis.")
  var logY = false

  @Flag(name: .customLong("logx"), help: "Logarithmic x axis.")
  var logX = false

  @Option(parsing: .unconditional, help: "The x axis's range, LOW:HIGH (default: the data's).")
  var xlim: String?
  @Option(parsing: .unconditional, help: "The y axis's range, LOW:HIGH (default: the data's).")
  var ylim: String?

  @OptionGroup var svg: SVGOutputOptions
  @Option(help: "Title above the plot.") var title: String?
  @Option(help: "Label of the x axis (default: the x column's name).") var xlabel: String?
  @Option(help: "Label of the y axis (default: the series' name when there is one).") var ylabel:
    String?
  @Option(help: "Figure width in pixels (after --scale: 1…32767, width × height ≤ 67108864).")
  var width: Double = 800
  @Option(help: "Figure height in pixels (after --scale: 1…32767, width × height ≤ 67108864).")
  var height: Double = 500
  @Option(help: "Pixel scale for PNG output (2 for HiDPI).") var scale: Double = 1

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give a CSV file, or - for standard input") }
    guard files.filter({ $0 == "-" }).count <= 1 else {
      throw ValidationError("standard input (-) can be read only once")
    }
    _ = try outputFormat()
    _ = try Self.limits(xlim, option: "--xlim")
    _ = try Self.limits(ylim, option: "--ylim")
  }

  /// --format, or the format --out's extension names.
  private func outputFormat() throws -> OutputFormat {
    guard let format else {
      guard out != "-" else {
        throw ValidationError(
          "--out - writes to standard output: give --format \(OutputFormat.names)")
      }
      guard let f = OutputFormat(path: out) else {
        throw ValidationError(PlotError.unknownFormat(path: out).description)
      }
      return f
    }
    guard let f = OutputFormat(rawValue: format.lowercased()) else {
      throw ValidationError("unknown --format '\(format)': use \(OutputFormat.names)")
    }
    if out != "-", let named = OutputFormat(path: out), named != f {
      throw ValidationError("--format \(f) but --out \(out) names \(named)")
    }
    return f
  }

  /// LOW:HIGH as a range; nil for no option.
  private static func limits(_ text: String?, option: String) throws -> ClosedRange<Double>? {
    guard let text else { return nil }
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map {
      Double($0.trimmingSpaces)
    }
    guard parts.count == 2, let low = parts[0], let high = parts[1], low.isFinite, high.isFinite,
      low < high
    else {
      throw ValidationError("\(option) must be LOW:HIGH with LOW < HIGH, e.g. 0:10, got '\(text)'")
    }
    return low...high
  }

  /// The most a CSV file may hold: far more than any plot needs, and a bound on memory when
  /// the "file" is a pipe that never ends.
  static let maximumInputBytes = 1 << 30

  /// The bytes of `file` (standard input for `-`): a regular file, a pipe or a FIFO.
  private static func contents(of file: String) throws -> Data {
    let name = file == "-" ? "standard input" : file
    let handle: FileHandle
    if file == "-" {
      handle = FileHandle.standardInput
    } else {
      guard !Folders.isFolder(file), let opened = FileHandle(forReadingAtPath: file) else {
        throw CLIError("cannot read \(file): \(Folders.whyUnreadable(file))")
      }
      handle = opened
    }
    var data = Data()
    do {
      while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
        data.append(chunk)
        guard data.count <= maximumInputBytes else {
          throw CLIError("\(name) holds more than 1 GiB: plot a smaller table")
        }
      }
    } catch let error as CLIError {
      throw error
    } catch {
      let reason = (error as NSError).userInfo[NSUnderlyingErrorKey].map { "\($0)" }
      throw CLIError("cannot read \(name): \(reason ?? error.localizedDescription)")
    }
    return data
  }

  /// The table in `file` (standard input for `-`), split at --delimiter.
  private func table(_ file: String) throws -> CSVTable {
    let data = try Self.contents(of: file)
    let name = file == "-" ? "standard input" : file
    guard let text = String(data: data, encoding: .utf8) else {
      throw CLIError("cannot read \(name): not UTF-8 text")
    }
    do { return try CSVTable(parsing: delimiter.commaSeparated(text)) } catch {
      throw CLIError("\(name): \(error)")
    }
  }

  func run() throws {
    let format = try outputFormat()
    let tables = try files.map { (name: $0 == "-" ? "stdin" : $0, table: try table($0)) }
    var options = LossCurve.Options()
    options.xColumn = xColumn
    options.yColumns = yColumns
    options.logX = logX
    options.logY = logY
    options.xLimits = try Self.limits(xlim, option: "--xlim")
    options.yLimits = try Self.limits(ylim, option: "--ylim")
    options.title = title
    options.xLabel = xlabel
    options.yLabel = ylabel
    options.width = width
    options.height = height
    options.scale = scale
    let figure: Figure
    // A column the files lack is a bad --x or --y: a usage error.
    do { figure = try LossCurve.figure(from: tables, options: options) } catch let error
      as FigureError
    {
      throw ValidationError(error.description)
    }
    let bytes = try figure.render(format: svg.applied(to: format))
    if out == "-" {
      FileHandle.standardOutput.write(Data(bytes))
    } else {
      do { try AtomicFile.write(bytes, to: out) } catch let error as FileError {
        throw CLIError("cannot write '\(out)': \(error.reason)")
      }
    }
  }
}
