@testable import Downhill

/// The T4 XOR run the history tests record: seed 1, SGD at α = 1 unless `alpha` (or another
/// `optimizer`) says otherwise, recording as `options` say.
func trainT4XOR(
  options: HistoryOptions, iterations: Int = 200, hidden: Int = 4, alpha: Double = 1,
  optimizer: (any Optimizer)? = nil
) throws -> (history: History, network: Network) {
  var g = SeededGenerator(seed: 1)
  var net = try Tutorials.t4Network(hidden: hidden, generator: &g)
  var opt: any Optimizer = optimizer ?? SGD(learningRate: alpha)
  let training = TrainingOptions(iterations: iterations)
  let h = try History(
    network: net, optimizer: opt, dataset: .t4XOR, training: training, seed: 1, options: options)
  try net.train(on: .t4XOR, using: &opt, options: training, history: h)
  return (h, net)
}
