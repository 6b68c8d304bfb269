import Downhill
import DownhillPlot
import DownhillTesting
import Foundation
import Testing

/// The code of every DocC article, verbatim, run: an article whose code no longer compiles
/// fails the build, and one that throws fails its test. `everyArticleIsHere` checks that each
/// ```swift block of the catalogues appears in this file, so an edited article cannot drift.
@Suite struct ArticleCodeTests {
  /// Downhill.docc/RecordingAHistory.md
  @Test func recordingAHistory() throws {
    var generator = SeededGenerator(seed: 1)
    var network = try Tutorials.t4Network(hidden: 4, generator: &generator)
    var optimizer = SGD(learningRate: 1)
    let training = TrainingOptions(iterations: 60000)
    let history = try History(
      network: network, optimizer: optimizer, dataset: .t4XOR, training: training, seed: 1,
      options: HistoryOptions(every: 10))
    try network.train(on: .t4XOR, using: &optimizer, options: training, history: history)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runs/t4")
    try history.save(to: folder)
    print(try History(contentsOf: folder).losses.last ?? .nan)
  }

  /// Downhill.docc/TrainingANetwork.md
  @Test func trainingANetwork() throws {
    let run = TrainingRun(
      dataset: .t4XOR, sizes: [3, 4, 1], bias: .none, activations: [.sigmoid],
      cost: try Cost(name: "half-sse"), optimizerName: "sgd", learningRate: 1,
      iterations: 10000, batchSize: nil, seed: 1, initialization: .symmetricUniform,
      reportEvery: 1000, history: nil)
    let outcome = try run.run { report in
      print("step \(report.step): cost \(report.loss), mean |error| \(report.meanAbsoluteError)")
    }
    print("training accuracy", outcome.trainAccuracy ?? .nan)
    // XOR is learnt: its four examples are classified right.
    #expect(outcome.trainAccuracy == 1)
  }

  /// Downhill.docc/History.md
  @Test func historyPage() throws {
    var generator = SeededGenerator(seed: 1)
    var network = try Tutorials.t4Network(hidden: 4, generator: &generator)
    var optimizer = SGD(learningRate: 1)
    let training = TrainingOptions(iterations: 1000)
    let history = try History(
      network: network, optimizer: optimizer, dataset: .t4XOR, training: training, seed: 1,
      options: HistoryOptions(every: 10))
    try network.train(on: .t4XOR, using: &optimizer, options: training, history: history)
    let norms = try history.gradientNorms(layer: 0)  // one per recorded step
    print(history.steps.count, norms.count)
    #expect(norms.count == 100)
  }

  /// DownhillPlot.docc/DrawingAFigure.md, its three blocks.
  @Test func drawingAFigure() throws {
    do {
      let steps = (0..<200).map(Double.init)
      let cost = steps.map { 0.5 * exp(-$0 / 40) + 0.01 }
      let figure = Figure(width: 800, height: 500, title: "Training")
      let axes = figure.axes
      axes.plot(steps, cost, label: "cost")
      axes.yScale = .log
      axes.xLabel = "step"
      axes.yLabel = "cost"
      let svg = FileManager.default.temporaryDirectory.appendingPathComponent("cost.svg")
      try figure.write(to: svg)  // the extension picks the format: .png, .svg or .pdf
    }
    do {
      let panels = Figure(width: 900, height: 400)
      let grid = panels.subplots(rows: 1, columns: 2, sharedY: true)
      grid[0][0].plot([1, 2, 4, 8], label: "doubling")
      grid[0][1].plot([8, 4, 2, 1], label: "halving")
      let pdf = try panels.render(format: .pdf)  // the bytes, for a pipe or a test
      print(pdf.count)
    }
    do {
      var gif = try AnimatedGIF(width: 320, height: 240, delay: 0.05)  // seconds per frame
      for frame in 0..<3 {
        let picture = Figure(width: 320, height: 240)
        picture.axes.plot((0...frame).map(Double.init), label: "frame \(frame)")
        try gif.append(picture)
      }
      let bytes = try gif.encoded()
      print(bytes.count)
    }
  }

  /// DownhillPlot.docc/Figure.md
  @Test func figurePage() throws {
    let figure = Figure(width: 640, height: 400, title: "sin")
    let x = stride(from: 0.0, through: 6.3, by: 0.1).map { $0 }
    figure.axes.plot(x, x.map(sin), label: "sin x")
    let png = try figure.render(format: .png)
    print(png.count)
  }

  /// DownhillFigures.docc/GettingStarted.md
  @Test func gettingStarted() throws {
    let iterations = (0..<1000).map(Double.init)
    let losses = iterations.map { 0.25 / (1 + $0 / 50) }  // a run's cost per iteration
    let figure = Figure(width: 800, height: 500)
    let axes = figure.axes
    axes.plot(iterations, losses, label: "α = 1")
    axes.yScale = .log
    axes.xLabel = "iteration"
    axes.yLabel = "cost"
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("loss.svg").path
    try figure.write(to: path)  // .png, .svg or .pdf, written atomically
  }

  /// DownhillFigures.docc/GettingStarted.md's SVG options, compiled here; not run, because it
  /// writes into the working folder.
  func writeWithSVGOptions(_ figure: Figure) throws {
    try figure.write(to: "loss.svg", svg: SVGOptions(idPrefix: "loss-", textAsText: true))
  }

  /// Every ```swift block of every article and page, without its imports, is in this file
  /// (compared line by line without indentation).
  @Test func everyArticleIsHere() throws {
    let here = URL(fileURLWithPath: #filePath)
    let root = here.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let lines = { (text: String) in
      text.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
    }
    let source = lines(try String(contentsOf: here, encoding: .utf8)).filter { !$0.isEmpty }
      .joined(separator: "\n")
    let sources = root.appendingPathComponent("Sources")
    var blocks = 0
    for module in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
      let catalogue = sources.appendingPathComponent("\(module)/\(module).docc")
      guard let pages = try? FileManager.default.contentsOfDirectory(atPath: catalogue.path)
      else { continue }
      for page in pages where page.hasSuffix(".md") {
        let text = try String(
          contentsOf: catalogue.appendingPathComponent(page), encoding: .utf8)
        for block in text.components(separatedBy: "```swift\n").dropFirst() {
          let code = lines(block.components(separatedBy: "```")[0])
            .filter { !$0.hasPrefix("import ") && !$0.isEmpty }
          blocks += 1
          #expect(
            source.contains(code.joined(separator: "\n")),
            "\(module).docc/\(page): a ```swift block that is not in \(here.lastPathComponent)")
        }
      }
    }
    #expect(blocks >= 9)
  }
}

/// DownhillTesting.docc/TestingYourFigures.md: the figure it checks.
func makeLossFigure() -> Figure {
  let figure = Figure(width: 400, height: 300)
  figure.axes.plot([0.25, 0.12, 0.06, 0.03, 0.02], label: "cost")
  figure.axes.yScale = .log
  return figure
}

@Test func lossCurve() {
  expectFigure(makeLossFigure(), named: "loss-curve")
}

/// DownhillTesting.docc/expectFigure.md
@Test func squares() {
  let figure = Figure(width: 400, height: 300)
  figure.axes.plot([0, 1, 4, 9, 16], label: "x²")
  expectFigure(figure, named: "squares")
}
