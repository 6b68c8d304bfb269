// downhill-bench: release-build benchmarks.
// `swift run -c release downhill-bench [plot|svg|training|t4|gif|surfaces|landscape|landscape-grid FILE]`.
let which = CommandLine.arguments.dropFirst().first ?? "all"
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
