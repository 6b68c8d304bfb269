import ArgumentParser
import Downhill
import DownhillFigures
import DownhillPlot
import Foundation

struct PlotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plot",
    abstract: "Plot the columns of a CSV file as lines, to PNG, SVG or PDF.",
    discussion: """
      The CSV needs a header row. The first column is x unless --x names another; every \
      other column is a series unless --y picks some. The output format follows the file \
      extension.

      Examples:
        downhill plot figures/data/xor-loss.csv --out loss.png --logy
        downhill plot run.csv --x step --y loss --y accuracy --out run.svg --title "Training"
      """)

  @Argument(help: "A CSV file with a header row.")
  var file: String

  @Option(name: .long, help: "Where to write the figure: a \(OutputFormat.extensions) path.")
  var out: String

  @Option(name: .customLong("x"), help: "The column to use as x (default: the first).")
  var xColumn: String?

  @Option(
    name: .customLong("y"), help: "A column to plot; repeat for several (default: all but x).")
  var yColumns: [String] = []

  @Flag(name: .customLong("logy"), help: "Logarithmic y axis.")
  var logY = false

  @Flag(name: .customLong("logx"), help: "Logarithmic x axis.")
  var logX = false

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
    guard OutputFormat(path: out) != nil else {
      throw ValidationError(PlotError.unknownFormat(path: out).description)
    }
  }

  func run() throws {
    let table = try CSVTable(contentsOf: URL(fileURLWithPath: file))
    var options = LossCurve.Options()
    options.xColumn = xColumn
    options.yColumns = yColumns
    options.logX = logX
    options.logY = logY
    options.title = title
    options.xLabel = xlabel
    options.yLabel = ylabel
    options.width = width
    options.height = height
    options.scale = scale
    try LossCurve.figure(from: table, options: options).write(to: out)
  }
}
