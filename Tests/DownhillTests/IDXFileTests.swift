import Foundation
import Testing

@testable import Downhill

@Suite struct IDXFileTests {
  /// Three 2×3 "images" and their labels.
  static let images = IDXFile(
    elementType: .uint8, dimensions: [3, 2, 3], payload: (0..<18).map { UInt8($0 * 15) })
  static let labels = IDXFile(elementType: .uint8, dimensions: [3], payload: [3, 0, 9])

  @Test func roundTripsPlainAndGzipped() throws {
    let plain = Self.images.encoded()
    #expect(Array(plain.prefix(4)) == [0, 0, 8, 3])
    #expect(try IDXFile(bytes: plain) == Self.images)
    let gzipped = try Gzip.compress(plain)
    #expect(Gzip.isCompressed(gzipped))
    #expect(try IDXFile(bytes: gzipped) == Self.images)
    #expect(Self.images.magic == 0x0000_0803)
    #expect(Self.labels.magic == 0x0000_0801)
  }

  @Test func decodesWiderElementTypes() throws {
    // int16 −2 and 300, float32 1.5, float64 −0.25, all big-endian.
    let shorts = try IDXFile(bytes: [0, 0, 0x0B, 1, 0, 0, 0, 2, 0xFF, 0xFE, 0x01, 0x2C])
    #expect(shorts.values() == [-2, 300])
    let float = try IDXFile(bytes: [0, 0, 0x0D, 1, 0, 0, 0, 1, 0x3F, 0xC0, 0, 0])
    #expect(float.values() == [1.5])
    let double = try IDXFile(bytes: [0, 0, 0x0E, 1, 0, 0, 0, 1, 0xBF, 0xD0, 0, 0, 0, 0, 0, 0])
    #expect(double.values() == [-0.25])
  }

  @Test func rejectsBadMagicTruncationAndTrailingBytes() throws {
    let plain = Self.images.encoded()
    #expect(throws: IDXError.badMagic(0x0100_0803)) { try IDXFile(bytes: [1] + plain.dropFirst()) }
    #expect(throws: IDXError.badMagic(0x0000_0703)) {
      try IDXFile(bytes: [0, 0, 7] + plain.dropFirst(3))
    }
    #expect(throws: IDXError.tooShort(2)) { try IDXFile(bytes: [0, 0]) }
    #expect(throws: IDXError.tooShort(10)) { try IDXFile(bytes: Array(plain.prefix(10))) }
    #expect(throws: IDXError.truncated(dimensions: [3, 2, 3], expected: 18, found: 17)) {
      try IDXFile(bytes: Array(plain.dropLast()))
    }
    #expect(throws: IDXError.trailingBytes(dimensions: [3, 2, 3], extra: 1)) {
      try IDXFile(bytes: plain + [0])
    }
    let message = "\(IDXError.truncated(dimensions: [3, 2, 3], expected: 18, found: 17))"
    #expect(message == "IDX data is truncated: 3×2×3 needs 18 bytes, found 17")
    #expect("\(IDXError.badMagic(0x0000_0703))" == "bad IDX magic number 0x00000703")
  }

  @Test func rejectsTruncatedAndCorruptGzip() throws {
    let gzipped = try Gzip.compress(Self.images.encoded())
    #expect(throws: IDXError.gzip(.truncated)) { try IDXFile(bytes: Array(gzipped.dropLast(12))) }
    var corrupt = gzipped
    corrupt[12] ^= 0xFF
    #expect(throws: IDXError.self) { try IDXFile(bytes: corrupt) }
  }

  @Test func gzipHandlesLargeAndMultiMemberStreams() throws {
    let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
    let packed = try Gzip.compress(big)
    #expect(try Gzip.decompress(packed) == big)
    #expect(try Gzip.decompress(packed + (try Gzip.compress([1, 2, 3]))) == big + [1, 2, 3])
    #expect(try Gzip.decompress(try Gzip.compress([])) == [])
  }

  @Test func mnistFromFilesTheTestWrites() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // Plain original names for the images, gzipped original names for the labels.
    try Data(Self.images.encoded()).write(
      to: directory.appendingPathComponent("train-images-idx3-ubyte"))
    try Data(try Gzip.compress(Self.labels.encoded()))
      .write(to: directory.appendingPathComponent("train-labels-idx1-ubyte.gz"))
    let data = try Dataset.mnist(directory: directory, split: .train)
    #expect(data.inputs.shape == (3, 6))
    #expect(data.inputs[1, 2] == Double(8 * 15) / 255)
    #expect(data.inputs[2, 5] == 1)
    #expect(data.targets.shape == (3, 10))
    #expect(data.targets.values.reduce(0, +) == 3)
    #expect(data.targets[0, 3] == 1 && data.targets[1, 0] == 1 && data.targets[2, 9] == 1)
    let limited = try Dataset.mnist(directory: directory, split: .train, limit: 2)
    #expect(limited.inputs.rows == 2 && limited.targets.rows == 2)

    // The test split is absent: the error lists the names tried.
    do {
      _ = try Dataset.mnist(directory: directory, split: .test)
      Issue.record("expected missing file")
    } catch {
      #expect("\(error)".contains("t10k-images-idx3-ubyte.gz"))
    }
  }

  @Test func mnistRejectsSwappedAndMismatchedFiles() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data(Self.labels.encoded()).write(
      to: directory.appendingPathComponent("train-images-idx3-ubyte"))
    try Data(Self.labels.encoded()).write(
      to: directory.appendingPathComponent("train-labels-idx1-ubyte"))
    #expect(
      throws: IDXError.inFile(
        "train-images-idx3-ubyte", .unexpectedMagic(found: 0x801, expected: 0x803, role: "images"))
    ) {
      try Dataset.mnist(directory: directory, split: .train)
    }
    let twoLabels = IDXFile(elementType: .uint8, dimensions: [2], payload: [1, 2])
    #expect(throws: IDXError.self) { try Dataset.mnist(images: Self.images, labels: twoLabels) }
    let badLabel = IDXFile(elementType: .uint8, dimensions: [3], payload: [1, 2, 10])
    #expect(throws: IDXError.invalid("MNIST label 2 is 10, not a digit 0…9")) {
      try Dataset.mnist(images: Self.images, labels: badLabel)
    }
  }

  @Test func mnistCommittedFixtureMatchesNumpy() throws {
    let data = try Dataset.mnist(directory: TestData.directory("mnist"), split: .test)
    let expected = try CSVTable(contentsOf: TestData.url("expected", "csv", in: "mnist"))
    #expect(data.inputs.shape == (4, 784))
    for i in 0..<4 {
      let row = Array(data.inputs.values[(i * 784)..<((i + 1) * 784)])
      #expect(abs(row.reduce(0, +) - expected.column(named: "pixel_sum")![i]) < 1e-9)
      #expect(row[100] == expected.column(named: "pixel_100")![i])
      let label = Int(expected.column(named: "label")![i])
      #expect(data.targets[i, label] == 1)
    }
  }
}
