import Downhill
import DownhillFigures
import DownhillPlot
import Foundation
import Testing

/// The report's figures of a committed run (Data/xor-run: 2-3-1, tanh then sigmoid, binary
/// cross-entropy, momentum, 60 steps), their numbers against numpy's (scripts/oracle/report.py
/// wrote Data/report-oracle.json from the same files), and the folder the report writes.
@Suite struct ReportTests {
  let history: History
  let oracle: [String: Any]

  init() throws {
    let data = try #require(Bundle.module.url(forResource: "Data", withExtension: nil))
    history = try History(contentsOf: data.appendingPathComponent("xor-run"))
    oracle =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: data.appendingPathComponent("report-oracle.json")))
      as! [String: Any]
  }

  func expectClose(_ a: [Double], _ b: [Double], _ what: String) {
    #expect(a.count == b.count, "\(what): \(a.count) values, numpy \(b.count)")
    for (x, y) in zip(a, b) {
      #expect(abs(x - y) <= 1e-12 * max(abs(y), 1e-300), "\(what): \(x) against numpy's \(y)")
    }
  }

  /// The column `name` of the rows whose column `key` is `value`.
  func column(_ t: DataTable, _ name: String, where key: String, is value: String) -> [Double] {
    let (c, k) = (t.header.firstIndex(of: name)!, t.header.firstIndex(of: key)!)
    return t.rows.filter { $0[k] == value }.map { Double($0[c])! }
  }

  @Test func normsAndRatiosMatchNumpy() throws {
    let g = try TrainingCurves.gradientNorms(history)
    let w = try TrainingCurves.weightNorms(history)
    let norms = oracle["gradient_norms"] as! [String: [Double]]
    let weights = oracle["weight_norms"] as! [String: [Double]]
    let ratios = oracle["update_ratios"] as! [String: [Double]]
    for layer in ["0", "1"] {
      expectClose(
        column(g.data, "gradient_norm", where: "layer", is: layer), norms[layer]!,
        "gradient norms \(layer)")
      expectClose(
        column(w.data, "weight_norm", where: "layer", is: layer), weights[layer]!,
        "weight norms \(layer)")
      expectClose(
        Array(column(w.data, "update_ratio", where: "layer", is: layer).dropFirst()),
        ratios[layer]!, "update ratios \(layer)")
    }
    #expect(g.figure.title == "Gradient norm per layer")
    #expect(g.data.header == ["step", "layer", "gradient_norm"])
  }

  @Test func distributionsAreNumpysPercentiles() throws {
    let d = try Distributions.figure(history, of: .weights)
    #expect(
      d.data.header == [
        "step", "layer", "min", "p7", "p16", "p31", "p50", "p69", "p84", "p93", "max",
      ])
    let expected = oracle["weight_percentiles"] as! [String: [[Double]]]
    for layer in ["0", "1"] {
      let rows = d.data.rows.filter { $0[1] == layer }.map { $0.dropFirst(2).map { Double($0)! } }
      #expect(rows.count == 60)
      for (r, e) in zip(rows, expected[layer]!) { expectClose(r, e, "percentiles \(layer)") }
    }
  }

  @Test func flipsAndInterpolationMatchNumpy() throws {
    let f = try SignFlipsReport.figure(history)
    let flips = oracle["final_flips"] as! [String: [Int]]
    for layer in ["0", "1"] {
      #expect(
        column(f.data, "flips", where: "layer", is: layer).map { Int($0) } == flips[layer]!)
    }
    let data = ReportData(dataset: try #require(history.metadata.datasetSource).load())
    let i = try LossAroundRun.interpolation(history, data: data)
    expectClose(
      i.data.rows.map { Double($0[1])! }, oracle["interpolation"] as! [Double], "interpolation")
  }

  @Test func theReportFolderIsWrittenWhole() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "downhill-report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = ReportData(dataset: try #require(history.metadata.datasetSource).load())
    let figures = try ["loss", "sign-flips", "landscape"].map {
      try RunReport.figure(named: $0, history: history, data: data, gridSize: 9)
    }
    let folder = dir.appendingPathComponent("report").path
    try RunReport.write(figures, history: history, to: folder)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(
      files == [
        "data", "index.html", "landscape.png", "landscape.svg", "loss.png", "loss.svg",
        "sign-flips.png", "sign-flips.svg",
      ])
    let html = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
    #expect(html.contains("<img src=\"landscape.svg\""))
    #expect(html.contains("<th>optimizer</th><td>momentum</td>"))
    let csv = try String(contentsOfFile: folder + "/data/loss.csv", encoding: .utf8)
    #expect(csv.hasPrefix("step,loss,learning_rate\n0,0.8055448765917382,0.5\n"))
    #expect(csv.split(separator: "\n").count == 61)
    // Written again with one figure: the folder is replaced whole, nothing left beside it.
    try RunReport.write([figures[0]], history: history, to: folder)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [
        "data", "index.html", "loss.png", "loss.svg",
      ])
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report"])
  }

  @Test func compareLabelsRunsByWhatDiffers() throws {
    func run(_ alpha: Double) throws -> History {
      var g = SeededGenerator(seed: 1)
      var net = try Tutorials.t4Network(hidden: 4, generator: &g)
      var sgd = SGD(learningRate: alpha)
      let options = TrainingOptions(iterations: 30)
      let h = try History(network: net, optimizer: sgd, dataset: .t4XOR, training: options, seed: 1)
      try net.train(on: .t4XOR, using: &sgd, options: options, history: h)
      return h
    }
    let runs = [("a", try run(0.5)), ("b", try run(1))]
    #expect(RunComparison.labels(runs) == ["α=0.5", "α=1.0"])
    #expect(RunComparison.labels([("a", runs[0].1), ("b", runs[0].1)]) == ["a", "b"])
    let f = RunComparison.figure(runs)
    #expect(f.data.rows.count == 60 && f.data.rows[30][0] == "b")
  }
}
