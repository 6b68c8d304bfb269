@testable import Downhill

/// The T4 XOR run the history tests record: seed 1, SGD at α = 1 unless `alpha` (or another
/// `optimizer`) says otherwise, recording as `options` say.
func trainT4XOR(
  options: HistoryOptions, iterations: Int = 200, hidden: Int = 4, alpha: Double = 1,
  optimizer: (any Optimizer)? = nil
) throws -> (history: History, network: Network) {
  var g = SeededGenerator(seed: 1)
  var net = try Tutorials.t4Network(hidden: hidden, generator: &g)
  let h = try History(
    network: net, options: options,
    metadata: Tutorials.t4Metadata(network: net, alpha: alpha, iterations: iterations))
  var opt: any Optimizer = optimizer ?? SGD(learningRate: alpha)
  try net.train(
    on: .t4XOR, optimizer: &opt, options: TrainingOptions(iterations: iterations),
    generator: &g, history: h, learningRate: alpha)
  return (h, net)
}
