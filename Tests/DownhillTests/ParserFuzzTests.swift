import Foundation
import Testing

@testable import Downhill

/// Every parser fed seeded mutations of committed inputs: each input is accepted or refused
/// with a non-empty error of one line (a text parser's may quote a line break of its input,
/// which the command line escapes), never
/// a trap, a hang or unbounded memory. A few hundred inputs per parser here;
/// `scripts/fuzz/parsers.sh` runs many more (DOWNHILL_FUZZ_ITERATIONS, DOWNHILL_FUZZ_SEED).
struct ParserFuzzTests {
  static let iterations =
    ProcessInfo.processInfo.environment["DOWNHILL_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 300
  static let seed =
    ProcessInfo.processInfo.environment["DOWNHILL_FUZZ_SEED"].flatMap(UInt64.init) ?? 19

  /// Text that parsers trip on, spliced in at random.
  static let tokens: [String] = [
    "nan", "-nan", "inf", "-inf", "1e309", "-1e309", "9223372036854775807", "-9223372036854775808",
    "18446744073709551616", "0x1p-1074", "\0", "\r\n", "\r", "\n", ",", ",,", "\"", "'", "(", ")",
    "((((((((", "))))))))", "-", "--", "^", "**", "e", "E", "1e", ".", "..", "{", "}", "[", "]",
    ":", "\u{1B}[31m", "\u{FEFF}", "é", "\u{200B}", " ", "\t", "sin(", "exp(", "x", "y", "0", "-0",
    "'shape': (", "'descr': '<f8'", "'fortran_order': False", "99999999999", "\"every\" : 0",
    "\"formatVersion\" : 2", "\"recordedSteps\" : -1", "null", "true", "1e-320",
  ]

  /// Seeded mutations of `seed`: flipped bits, bytes inserted, deleted, repeated or replaced by
  /// a token, the whole truncated; at most 64 KiB.
  struct Mutator {
    var random: SplitMix64

    mutating func mutate(_ seed: [UInt8]) -> [UInt8] {
      var bytes = seed
      for _ in 0..<Int.random(in: 1...8, using: &random) {
        let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<7, using: &random) {
        case 0 where !bytes.isEmpty: bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: at)
        case 2 where !bytes.isEmpty:
          bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &random)))
        case 3 where !bytes.isEmpty:
          let end = min(bytes.count, at + Int.random(in: 1...64, using: &random))
          let piece = bytes[at..<end]
          for _ in 0..<Int.random(in: 1...64, using: &random) {
            bytes.insert(contentsOf: piece, at: at)
          }
        case 4: bytes.insert(contentsOf: Array(tokens.randomElement(using: &random)!.utf8), at: at)
        case 5 where !bytes.isEmpty:
          let end = min(bytes.count, at + Int.random(in: 1...8, using: &random))
          bytes.replaceSubrange(at..<end, with: Array(tokens.randomElement(using: &random)!.utf8))
        default: bytes = Array(bytes.prefix(at))
        }
      }
      return Array(bytes.prefix(1 << 16))
    }
  }

  /// Runs `parse` on `iterations` mutations of each seed; checks the time of each and the
  /// errors' wording.
  /// - Parameter binary: errors never quote the input, so never hold a line break.
  func fuzz(
    _ name: String, seeds: [[UInt8]], seedOffset: UInt64, binary: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation, _ parse: ([UInt8]) throws -> Void
  ) {
    var mutator = Mutator(random: SplitMix64(seed: Self.seed &+ seedOffset))
    let clock = ContinuousClock()
    var (accepted, refused) = (0, 0)
    let memoryBefore = Self.peakMemory()
    for i in 0..<Self.iterations {
      let input = i < seeds.count ? seeds[i] : mutator.mutate(seeds[i % seeds.count])
      let start = clock.now
      do {
        try parse(input)
        accepted += 1
      } catch {
        refused += 1
        let text = "\(error)"
        let quotesALineBreak = !binary && (input.contains(10) || input.contains(13))
        #expect(
          !text.isEmpty && (quotesALineBreak || !text.contains("\n")),
          "\(name) input \(i): \(text.debugDescription)", sourceLocation: sourceLocation)
      }
      let took = clock.now - start
      #expect(
        took < .seconds(5), "\(name) input \(i) took \(took): \(input.prefix(200))",
        sourceLocation: sourceLocation)
    }
    // Bounded memory: the peak grows by far less than a careless allocation would take.
    #expect(
      Self.peakMemory() - memoryBefore < 1 << 30, "\(name): peak memory grew past 1 GiB",
      sourceLocation: sourceLocation)
    #expect(accepted + refused == Self.iterations)
    print("fuzz \(name): \(Self.iterations) inputs, \(accepted) accepted, \(refused) refused")
  }

  /// The process's peak resident memory in bytes.
  static func peakMemory() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
  }

  static func data(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: TestData.directory("").appendingPathComponent(path)))
  }

  @Test func csv() throws {
    let seeds = [
      try Self.data("history-v1/loss.csv"), try Self.data("mnist/expected.csv"),
      Array("x,y,target\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n".utf8),
      Array("a;b\r\n1;2\r\n\"3\";4\r\n".utf8),
    ]
    fuzz("CSV", seeds: seeds, seedOffset: 1) { bytes in
      _ = try CSVTable(parsing: String(decoding: bytes, as: UTF8.self))
    }
  }

  @Test func expression() throws {
    let seeds = [
      "x^4 - 3*x^3 + 2", "sin(x)*cos(y) + exp(-(x^2+y^2))", "(x-1)^2 + 100*(y - x^2)^2",
      "log(1 + x^2) / sqrt(abs(y) + 1)", "-(-(-x))", "2^-x*tanh(y)", "max(x, y) - min(x, -y)",
    ].map { Array($0.utf8) }
    fuzz("expression", seeds: seeds, seedOffset: 2) { bytes in
      let expression = try Expression(String(decoding: bytes, as: UTF8.self))
      for point in [[0.0, 0.0], [1.5, -2.0], [1e308, -1e-308]] {
        _ = expression.evaluate(at: point)
      }
    }
  }

  @Test func idx() throws {
    let plain = IDXFile(elementType: .uint8, dimensions: [3, 2, 2], payload: Array(0..<12))
      .encoded()
    let seeds = [
      try Self.data("mnist/t10k-labels.idx1-ubyte.gz"),
      try Self.data("mnist/t10k-images.idx3-ubyte.gz"), plain,
    ]
    fuzz("IDX", seeds: seeds, seedOffset: 3, binary: true) { bytes in
      _ = try IDXFile(bytes: bytes).values()
    }
  }

  @Test func npy() throws {
    let seeds = try ["layer0_weights.npy", "layer0_flips.npy", "layer1_gradients.npy"].map {
      try Self.data("history-v1/" + $0)
    }
    let file = try TestData.temporaryDirectory().appendingPathComponent("a.npy")
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    fuzz("NPY", seeds: seeds, seedOffset: 4, binary: true) { bytes in
      try Data(bytes).write(to: file)
      _ = try NPY.readAll(from: file)
    }
  }

  /// meta.json, and loss.csv beside it, as a history folder's loader reads them.
  @Test(arguments: ["meta.json", "loss.csv"])
  func historyFolder(file: String) throws {
    let folder = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = TestData.directory("history-v1")
    for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
      try FileManager.default.copyItem(
        at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    let seeds = [try Self.data("history-v1/" + file)]
    fuzz(file, seeds: seeds, seedOffset: file == "meta.json" ? 5 : 6) { bytes in
      try Data(bytes).write(to: folder.appendingPathComponent(file))
      _ = try History(contentsOf: folder)
    }
  }
}
