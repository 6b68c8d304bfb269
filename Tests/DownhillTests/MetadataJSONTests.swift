import Foundation
import Testing

@testable import Downhill

/// meta.json is written without JSONEncoder; it must still be what JSONEncoder writes.
struct MetadataJSONTests {
  func viaEncoder(_ m: RunMetadata) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(m)
  }

  static let cases: [RunMetadata] = {
    var t4 = RunMetadata(
      layerSizes: [3, 4, 1], activations: ["sigmoid", "sigmoid"], bias: "input", cost: "half-sse",
      seed: 1, optimizer: "sgd", hyperParameters: ["learningRate": 1, "iterations": 60000],
      dataset: "t4-xor", examples: 4, batchSize: nil, every: 1, recordedLayers: [0, 1],
      layerShapes: [[3, 4], [4, 1]], precision: "float64")
    t4.recordedSteps = 60000
    t4.wallTimeSeconds = 0.010596632957458496
    var mnist = RunMetadata(
      layerSizes: [784, 128, 10], activations: ["relu", "softmax"], bias: "folded", cost: "cce",
      seed: nil, optimizer: "adam",
      hyperParameters: [
        "beta1": 0.9, "beta2": 0.999, "beta10": 1e20, "Alpha": -0.0, "alpha": 1e-05,
        "epsilon": 1e-08, "_z": 9.5e15, "big": 1e15, "é": 2.5e-07,
      ],
      dataset: "runs/my \"data\"\\set\n\t\u{1}\u{1f}\r\u{8}\u{c}é✓.csv", examples: 60000,
      batchSize: 64, every: 100, recordedLayers: [], layerShapes: [], precision: "float32")
    mnist.recordedSteps = 4690
    mnist.wallTimeSeconds = 7.5
    var empty = t4
    empty.hyperParameters = [:]
    empty.activations = []
    empty.seed = UInt32.max
    empty.wallTimeSeconds = 0
    return [t4, mnist, empty]
  }()

  @Test(arguments: cases) func sameBytesAsJSONEncoder(metadata: RunMetadata) throws {
    let written = try MetadataJSON.encode(metadata)
    #expect(
      String(decoding: written, as: UTF8.self)
        == String(decoding: try viaEncoder(metadata), as: UTF8.self))
    #expect(try JSONDecoder().decode(RunMetadata.self, from: written) == metadata)
  }

  @Test func aNonFiniteNumberIsRefused() {
    var m = Self.cases[0]
    m.hyperParameters["momentum"] = .nan
    #expect(throws: EncodingError.self) { try MetadataJSON.encode(m) }
    m.hyperParameters["momentum"] = 0
    m.wallTimeSeconds = .infinity
    #expect(throws: EncodingError.self) { try MetadataJSON.encode(m) }
  }
}
