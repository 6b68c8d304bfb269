@testable import Downhill

/// The T4 XOR run the history tests record: seed 1, SGD at α = 1, as `options` say.
func trainT4XOR(
  options: HistoryOptions, iterations: Int = 200, hidden: Int = 4
) throws -> (history: History, network: Network) {
  var g = SeededGenerator(seed: 1)
  var net = try Tutorials.t4Network(hidden: hidden, generator: &g)
  let h = try History(
    network: net, options: options,
    metadata: Tutorials.t4Metadata(network: net, alpha: 1, iterations: iterations))
  var opt: any Optimizer = SGD(learningRate: 1)
  try net.train(
    on: .t4XOR, optimizer: &opt, options: TrainingOptions(iterations: iterations),
    generator: &g, history: h, learningRate: 1)
  return (h, net)
}
