import DownhillPlot

enum PlotBench {
  static func run() {
    // TODO(issue 2): the 60,000-point line chart to PNG and SVG.
  }
}
