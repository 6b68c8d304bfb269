// downhill-bench: release-build benchmarks.
// `swift run -c release downhill-bench [plot|svg|training|t4|gif|surfaces|landscape|landscape-grid FILE]`.
import Foundation

let which = CommandLine.arguments.dropFirst().first ?? "all"
let benchmarks = [
  "all", "plot", "svg", "surface-png", "training", "t4", "gif", "surfaces", "landscape",
  "landscape-grid",
]
let usage = """
  USAGE: downhill-bench [BENCHMARK]

  Release-build benchmarks; each prints its timings. Build with -c release.

  BENCHMARKS:
    all (default)         plot, svg, training, gif and surfaces
    plot, svg             figure drawing and SVG writing
    surface-png           one surface figure to PNG
    training, t4          training steps; the whole T4 process
    gif                   the animation encoder
    surfaces              cost surfaces
    landscape             the loss landscape grid
    landscape-grid FILE   recompute a landscape grid saved as .npz

  """
if which == "--help" || which == "-h" || which == "help" {
  print(usage, terminator: "")
  exit(0)
}
guard benchmarks.contains(which) else {
  FileHandle.standardError.write(
    Data("Error: unknown benchmark '\(which)'\n\(usage)".utf8))
  exit(64)
}
if which == "all" || which == "plot" { PlotBench.run() }
if which == "all" || which == "svg" { SVGBench.run() }
if which == "surface-png" { PlotBench.surfacePNGOnly() }
if which == "all" || which == "training" { TrainingBench.run() }
if which == "t4" {
  TrainingBench.setUpBLAS()
  TrainingBench.wholeProcessT4(numpy: false)
}
if which == "all" || which == "gif" { GIFBench.run() }
if which == "all" || which == "surfaces" { SurfaceBench.run() }
if which == "landscape" { LandscapeBench.run() }
if which == "landscape-grid" {
  LandscapeBench.recompute(CommandLine.arguments.dropFirst(2).first ?? LandscapeBench.output.path)
}
