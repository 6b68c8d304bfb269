// downhill-bench: release-build benchmarks.
// `swift run -c release downhill-bench [plot|svg|training|t4|crossover|gif|surfaces]`.
let which = CommandLine.arguments.dropFirst().first ?? "all"
if which == "all" || which == "plot" { PlotBench.run() }
if which == "all" || which == "svg" { SVGBench.run() }
if which == "surface-png" { PlotBench.surfacePNGOnly() }
if which == "all" || which == "training" { TrainingBench.run() }
if which == "crossover" {
  TrainingBench.setUpBLAS()
  TrainingBench.crossover()
}
if which == "t4" { TrainingBench.t4Only() }
if which == "all" || which == "gif" { GIFBench.run() }
if which == "all" || which == "surfaces" { SurfaceBench.run() }
