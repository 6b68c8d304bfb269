import Downhill
import DownhillPlot

/// One figure of a run's report: the figure, a caption saying what it shows, and the numbers
/// behind it as a table (written beside the figure as CSV, for numpy or pandas).
public struct ReportFigure {
  /// The file name stem (`loss`, `gradient-norms`, …).
  public let name: String
  public let caption: String
  public let figure: Figure
  public let data: DataTable

  /// The caption also describes the figure inside its file (an SVG's `<desc>`), unless the
  /// figure describes itself.
  init(name: String, caption: String, figure: Figure, data: DataTable) {
    self.name = name
    self.caption = caption
    self.figure = figure
    self.data = data
    if figure.documentDescription == nil { figure.documentDescription = caption }
  }
}

/// Plain columns with a header, written as CSV.
public struct DataTable: Sendable, Equatable {
  public var header: [String]
  public var rows: [[String]]

  public init(header: [String], rows: [[String]] = []) {
    self.header = header
    self.rows = rows
  }

  public mutating func append(_ values: [any CustomStringConvertible]) {
    rows.append(values.map(\.description))
  }

  /// The CSV text: a header line and one line per row (numbers as Swift's `description`, which
  /// reads back exactly).
  public var csv: String {
    ([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
  }
}

/// What the figures that recompute the loss need: the data the run trained on (or a part of it).
public struct ReportData: Sendable {
  public var dataset: Dataset
  /// Set when only the first rows of a large dataset are used, for the caption.
  public var note: String?

  /// `dataset`, or its first `limit` rows when it is larger (the loss of an MNIST network over a
  /// grid of thousands of points on all 60,000 images would take minutes).
  public init(dataset: Dataset, limit: Int = 2000) {
    self.dataset = dataset.prefix(limit)
    note =
      dataset.inputs.rows > limit
      ? "on the first \(limit) of its \(dataset.inputs.rows) examples" : nil
  }
}

extension Double {
  /// Whether values with this ratio of largest to smallest span enough decades for a log axis.
  static func spansDecades(_ values: [Double]) -> Bool {
    let positive = values.filter { $0 > 0 && $0.isFinite }
    guard let low = positive.min(), let high = positive.max(), positive.count == values.count
    else { return false }
    return high / low >= 100
  }
}
