import Downhill
import DownhillPlot

/// Loss (or any metric) against iteration: one line per series, as the tutorials' error plots.
public enum LossCurve {
  public struct Options: Sendable {
    /// The x column; nil takes the table's first column.
    public var xColumn: String?
    /// The series to draw; empty draws every column but x.
    public var yColumns: [String] = []
    public var logX = false
    public var logY = false
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    /// The axes' ranges; nil fits the data.
    public var xLimits: ClosedRange<Double>?
    public var yLimits: ClosedRange<Double>?
    public var width = 800.0
    public var height = 500.0
    public var scale = 1.0
    /// Series colours in order; empty (or too few) takes the theme's cycle.
    public var colors: [Color] = []
    /// Where the legend goes; nil hides it.
    public var legend: LegendPlacement? = .best

    public init() {}
  }

  /// A figure of `table`'s columns; throws naming any column the table lacks.
  public static func figure(from table: CSVTable, options: Options) throws -> Figure {
    guard let first = table.columnNames.first else { throw FigureError.emptyTable }
    let xName = options.xColumn ?? first
    let yNames =
      options.yColumns.isEmpty ? table.columnNames.filter { $0 != xName } : options.yColumns
    for name in [xName] + yNames where table.column(named: name) == nil {
      throw FigureError.unknownColumn(name, available: table.columnNames)
    }
    guard !yNames.isEmpty else { throw FigureError.noSeries(xColumn: xName) }
    let series = yNames.map { (name: $0, values: table.column(named: $0)!) }
    var o = options
    o.xLabel = o.xLabel ?? xName
    o.yLabel = o.yLabel ?? (yNames.count == 1 ? yNames[0] : nil)
    return figure(x: table.column(named: xName)!, series: series, options: o)
  }

  /// The columns of a history's loss.csv. Without `yColumns` such a table draws its loss only:
  /// the learning rate beside it is on another scale.
  public static let historyColumns = ["step", "loss", "learning_rate"]

  /// Several tables on one axes, each its x column against its series (`downhill plot a.csv
  /// b.csv`). A series is labelled by its column, or `name:column` when that column is a series
  /// of more than one table. Throws naming the table and any column it lacks.
  public static func figure(
    from tables: [(name: String, table: CSVTable)], options: Options
  ) throws -> Figure {
    var lines: [(x: [Double], xName: String, table: String, column: String, values: [Double])] =
      []
    for (name, table) in tables {
      do {
        guard let first = table.columnNames.first else { throw FigureError.emptyTable }
        let xName = options.xColumn ?? first
        let yNames =
          !options.yColumns.isEmpty
          ? options.yColumns
          : table.columnNames == historyColumns
            ? ["loss"] : table.columnNames.filter { $0 != xName }
        for column in [xName] + yNames where table.column(named: column) == nil {
          throw FigureError.unknownColumn(column, available: table.columnNames)
        }
        guard !yNames.isEmpty else { throw FigureError.noSeries(xColumn: xName) }
        let x = table.column(named: xName)!
        for column in yNames {
          lines.append((x, xName, name, column, table.column(named: column)!))
        }
      } catch let error as FigureError where tables.count > 1 {
        throw FigureError.invalidOptions("\(name): \(error)")
      }
    }
    let clashing = Set(
      Dictionary(grouping: lines, by: \.column).filter { Set($0.value.map(\.table)).count > 1 }
        .keys)
    var o = options
    let xNames = Set(lines.map(\.xName))
    o.xLabel = o.xLabel ?? (xNames.count == 1 ? xNames.first : nil)
    o.yLabel = o.yLabel ?? (lines.count == 1 ? lines[0].column : nil)
    return figure(
      lines: lines.map {
        (
          x: $0.x, name: clashing.contains($0.column) ? "\($0.table):\($0.column)" : $0.column,
          values: $0.values
        )
      }, options: o)
  }

  public static func figure(
    x: [Double], series: [(name: String, values: [Double])], options: Options
  ) -> Figure {
    figure(lines: series.map { (x: x, name: $0.name, values: $0.values) }, options: options)
  }

  private static func figure(
    lines series: [(x: [Double], name: String, values: [Double])], options: Options
  ) -> Figure {
    let figure = Figure(width: options.width, height: options.height, scale: options.scale)
    let axes = figure.axes
    axes.title = options.title
    axes.xLabel = options.xLabel
    axes.yLabel = options.yLabel
    axes.xScale = options.logX ? .log : .linear
    axes.yScale = options.logY ? .log : .linear
    axes.xLimits = options.xLimits
    axes.yLimits = options.yLimits
    axes.showsGrid = true
    for (k, s) in series.enumerated() {
      axes.plot(
        s.x, s.values, label: series.count > 1 ? s.name : nil,
        color: options.colors.indices.contains(k) ? options.colors[k] : nil)
    }
    axes.legend = options.legend
    return figure
  }
}

/// Why a figure could not be built from the data given.
public enum FigureError: Error, Equatable, CustomStringConvertible {
  case emptyTable
  case unknownColumn(String, available: [String])
  case noSeries(xColumn: String)
  case invalidOptions(String)

  public var description: String {
    switch self {
    case .emptyTable: "the table has no columns"
    case .unknownColumn(let name, let available):
      "no column named '\(name)'; the columns are: \(available.joined(separator: ", "))"
    case .invalidOptions(let message): message
    case .noSeries(let x):
      "nothing to plot: the only column is the x column '\(x)'; add a y column or pass --y"
    }
  }
}
