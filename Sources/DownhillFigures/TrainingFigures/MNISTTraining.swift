import Downhill
import DownhillPlot
import Foundation

/// The tutorials' digit recogniser: a [784, 64, 10] network (ReLU, softmax with cross-entropy,
/// Adam) trained on the 2,000-image MNIST subset shipped in `figures/data/mnist-small` (or any
/// MNIST folder), loss per step beside test accuracy per epoch, sigmoid against ReLU.
public enum MNISTTraining {
  struct Curves {
    var steps: [Double] = []
    var losses: [Double] = []
    var epochs: [Double] = []
    var accuracies: [Double] = []
  }

  static func train(
    _ train: Dataset, test: Dataset, hidden: Activation, epochs: Int, batch: Int
  ) throws -> Curves {
    var generator = SeededGenerator(seed: 1)
    var network = try Network(
      sizes: [784, 64, 10], activations: [hidden, .softmax], bias: .folded,
      cost: .categoricalCrossEntropy,
      initialization: .he, generator: &generator)
    var optimizer: any Optimizer = try OptimizerNames.make("adam", learningRate: 0.002)
    let stepsPerEpoch = (train.inputs.rows + batch - 1) / batch
    var curves = Curves()
    curves.epochs.append(0)
    curves.accuracies.append(try network.accuracy(on: test) * 100)
    for epoch in 0..<epochs {
      try network.train(
        on: train, using: &optimizer,
        options: TrainingOptions(
          iterations: stepsPerEpoch, batchSize: batch, reportEvery: 1,
          firstStep: epoch * stepsPerEpoch),
        generator: &generator
      ) { report in
        curves.steps.append(Double(report.step) / Double(stepsPerEpoch))
        curves.losses.append(report.loss)
      }
      curves.epochs.append(Double(epoch + 1))
      curves.accuracies.append(try network.accuracy(on: test) * 100)
    }
    return curves
  }

  public static func figure(data: URL, epochs: Int = 10, batch: Int = 64) throws -> Figure {
    let train = try Dataset.mnist(directory: data, split: .train)
    let test = try Dataset.mnist(directory: data, split: .test)
    let f = Figure(
      width: 1000, height: 430,
      title:
        "Digits (MNIST, \(train.inputs.rows) training / \(test.inputs.rows) test images): 784–64–10, Adam"
    )
    let panels = f.subplots(rows: 1, columns: 2)
    let (lossAxes, accuracyAxes) = (panels[0][0], panels[0][1])
    for (name, activation, color) in [
      ("ReLU", Activation.relu, Theme.standard.cycle[0]),
      ("sigmoid", .sigmoid, Theme.standard.cycle[1]),
    ] {
      let c = try Self.train(train, test: test, hidden: activation, epochs: epochs, batch: batch)
      lossAxes.plot(
        c.steps, c.losses, label: "\(name) hidden layer", color: color.withAlpha(0.85), width: 1.2)
      accuracyAxes.plot(
        c.epochs, c.accuracies, label: "\(name) hidden layer", color: color, marker: .circle,
        markerSize: 5)
    }
    lossAxes.title = "training loss per mini-batch"
    lossAxes.yScale = .log
    lossAxes.xLabel = "epoch"
    lossAxes.yLabel = "cross-entropy"
    lossAxes.showsGrid = true
    accuracyAxes.title = "test accuracy after each epoch"
    accuracyAxes.xLabel = "epoch"
    accuracyAxes.yLabel = "accuracy (%)"
    accuracyAxes.showsGrid = true
    accuracyAxes.legend = .lowerRight
    lossAxes.legend = .upperRight
    return f
  }
}
