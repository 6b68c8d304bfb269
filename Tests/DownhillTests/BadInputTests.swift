import Foundation
import Testing

@testable import Downhill

/// Inputs that once trapped (overflow, Int of a non-finite double), overflowed the stack or took
/// unbounded memory: each is now a thrown one-line error.
@Suite struct BadInputTests {
  @Test func historyEveryNearIntMaxDoesNotOverflow() throws {
    let (h, _) = try trainT4XOR(options: HistoryOptions(every: Int.max), iterations: 5)
    #expect(h.steps == [0])
  }

  @Test func hugeLayerSizesAreRefusedBeforeAllocating() throws {
    var g = SeededGenerator(seed: 1)
    for sizes in [[1 << 32, 1 << 32, 1], [Int.max, 2, 1], [2, 100_000, 100_000, 1]] {
      #expect(throws: DownhillError.self) {
        try Network(
          sizes: sizes, activations: [.sigmoid], bias: .folded, cost: .halfSumSquared,
          initialization: .he, generator: &g)
      }
    }
  }

  @Test func inputSizeIsCheckedAgainstTheDataBeforeTheNetworkIsBuilt() throws {
    let run = TrainingRun(
      dataset: .xor, testSet: nil, sizes: [100_000, 100_000, 1], bias: .input,
      activations: [.sigmoid], cost: .halfSumSquared, optimizerName: "sgd", learningRate: 1,
      iterations: 1, batchSize: nil, seed: 1, initialization: .he, reportEvery: nil,
      history: nil)
    // The shape error, found before the network (80 GB of weights) would be built or refused.
    #expect {
      try run.run()
    } throws: { error in
      if case .shapeMismatch = error as? DownhillError { return true } else { return false }
    }
  }

  @Test func npyShapeWhoseSizeOverflowsIsCorrupt() throws {
    var data = NPY.header(element: .float64, shape: [1 << 40, 1 << 40])
    data.append(Data(count: 8))
    #expect(throws: DownhillError.self) { try NPY.parseHeader(data, path: "x.npy") }
    // An empty array with huge other dimensions is still a valid, empty array.
    let empty = try NPY.parseHeader(
      NPY.header(element: .float64, shape: [1 << 62, 1 << 62, 0]), path: "z.npy")
    #expect(empty.count == 0)
  }
}

/// Deeply nested typed functions: a clear error, not a stack overflow.
@Suite struct ExpressionDepthTests {
  func depthError(_ text: String) -> ExpressionError? {
    do {
      _ = try Expression(text)
      return nil
    } catch { return error }
  }

  @Test func deepNestingIsRefused() {
    let parentheses =
      String(repeating: "(", count: 30_000) + "x"
      + String(repeating: ")", count: 30_000)
    #expect(depthError(parentheses) == .tooDeep(limit: 200, column: 201))
    #expect(depthError("0+" + String(repeating: "-", count: 30_000) + "x") != nil)
    #expect(depthError(String(repeating: "sin(", count: 30_000) + "x") != nil)
    #expect(depthError(Array(repeating: "x", count: 30_000).joined(separator: "+")) != nil)
    #expect(depthError(Array(repeating: "x", count: 30_000).joined(separator: "^")) != nil)
  }

  @Test func reasonableNestingStillParses() throws {
    let parentheses =
      String(repeating: "(", count: 150) + "x"
      + String(repeating: ")", count: 150)
    #expect(try Expression(parentheses).value(at: [2]) == 2)
    let sum = Array(repeating: "x", count: 500).joined(separator: "+")
    #expect(try Expression(sum).value(at: [1]) == 500)
  }
}

/// A gzip that claims to be IDX inflates no further than its header promises.
@Suite struct GzipBombTests {
  @Test func inflationStopsAtWhatTheIDXHeaderPromises() throws {
    // A 1-D ubyte file of 10 elements, followed by 20 MB of zeros (about 20 KB compressed).
    let header: [UInt8] = [0, 0, 0x08, 1, 0, 0, 0, 10]
    let packed = try Gzip.compress(header + [UInt8](repeating: 0, count: 20_000_000))
    #expect(throws: IDXError.inflatesPastHeader(dimensions: [10], promised: 18)) {
      try IDXFile(bytes: packed)
    }
    #expect(try Gzip.decompress(packed, maximum: 100).count == 100)
    // What the header promises, exactly, still reads.
    let exact = try IDXFile(bytes: try Gzip.compress(header + [UInt8](repeating: 7, count: 10)))
    #expect(exact.dimensions == [10] && exact.payload == [UInt8](repeating: 7, count: 10))
  }
}

/// A wide CSV: columns are found by name through an index, not a linear search each.
@Suite struct WideCSVTests {
  @Test func lookingUpEveryColumnOfAWideTableIsFast() throws {
    let names = (0..<50_000).map { "column number \($0)" }
    let table = try CSVTable(
      columnNames: names, columns: names.indices.map { [Double($0)] })
    let start = ContinuousClock.now
    for (i, name) in names.enumerated() { #expect(table.column(named: name)?.first == Double(i)) }
    #expect(ContinuousClock.now - start < .seconds(3))
    #expect(table.column(named: "missing") == nil)
  }
}

/// Data that used to train or score silently to nan or 0: refused, naming where.
@Suite struct SilentWrongResultTests {
  func table(_ text: String) throws -> CSVTable { try CSVTable(parsing: text) }

  @Test func nonFiniteTrainingValuesAreRefusedWithRowAndColumn() throws {
    for (text, row, column) in [
      ("a,b,y\n0,0,0\n0,1,\n", 2, "y"), ("a,b,y\n0,0,nan\n", 1, "y"),
      ("a,b,y\n0,0,0\n1,1,0\n0,inf,1\n", 3, "b"),
    ] {
      #expect {
        try Dataset.csv(table: table(text))
      } throws: { error in
        guard case .notFinite(let r, let c, _) = error as? DatasetError else { return false }
        return r == row && c == column
      }
    }
    // Plotting still reads an empty cell as a missing value.
    #expect(try table("a,b\n1,\n").column(named: "b")?.first?.isNaN == true)
  }

  @Test func aNulByteInACellIsNotANumber() throws {
    #expect(throws: CSVError.self) { try CSVTable(parsing: "a,b\n1,2\u{0}abc\n") }
  }

  @Test func anEmptyMNISTSetIsRefused() throws {
    let images = IDXFile(elementType: .uint8, dimensions: [0, 28, 28], payload: [])
    let labels = IDXFile(elementType: .uint8, dimensions: [0], payload: [])
    #expect(throws: IDXError.self) { try Dataset.mnist(images: images, labels: labels) }
  }
}
