import DownhillFigures
import DownhillPlot
import DownhillTesting
import Foundation
import Testing

/// A reader for `.npy` files written from the format's specification
/// (numpy.org/doc/stable/reference/generated/numpy.lib.format.html), sharing no code with the
/// project's NPY writer: magic `\x93NUMPY`, a version, a little-endian header length (2 bytes in
/// version 1, 4 in versions 2 and 3), a Python dict literal with `descr`, `fortran_order` and
/// `shape`, then the data.
struct NPYArray {
  var descr: String
  var fortranOrder: Bool
  var shape: [Int]
  var values: [Double]

  enum Failure: Error { case notNPY(String) }

  init(contentsOf url: URL) throws {
    let bytes = [UInt8](try Data(contentsOf: url))
    guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
      throw Failure.notNPY("magic")
    }
    let major = bytes[6]
    let headerLength: Int
    let headerStart: Int
    if major == 1 {
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
      headerStart = 10
    } else {
      headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
      headerStart = 12
    }
    let header = String(decoding: bytes[headerStart..<headerStart + headerLength], as: UTF8.self)
    // The total of magic, version, length and header is a multiple of 64 (16 in old files).
    guard (headerStart + headerLength) % 16 == 0, header.hasSuffix("\n") else {
      throw Failure.notNPY("header padding")
    }
    func value(_ key: String) throws -> Substring {
      guard let k = header.range(of: "'\(key)':") else { throw Failure.notNPY(key) }
      return header[k.upperBound...].drop { $0 == " " }
    }
    let d = try value("descr").dropFirst()
    descr = String(d.prefix { $0 != "'" })
    fortranOrder = try value("fortran_order").hasPrefix("True")
    let s = try value("shape").dropFirst().prefix { $0 != ")" }
    shape = s.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    let data = Array(bytes[(headerStart + headerLength)...])
    let count = shape.reduce(1, *)
    func little(_ i: Int, _ width: Int) -> UInt64 {
      (0..<width).reduce(UInt64(0)) { $0 | UInt64(data[i * width + $1]) << (8 * UInt64($1)) }
    }
    switch descr {
    case "<f8":
      guard data.count == count * 8 else { throw Failure.notNPY("size") }
      values = (0..<count).map { Double(bitPattern: little($0, 8)) }
    case "<f4":
      guard data.count == count * 4 else { throw Failure.notNPY("size") }
      values = (0..<count).map { Double(Float(bitPattern: UInt32(little($0, 4)))) }
    case "<i4":
      guard data.count == count * 4 else { throw Failure.notNPY("size") }
      values = (0..<count).map { Double(Int32(bitPattern: UInt32(little($0, 4)))) }
    default:
      throw Failure.notNPY("descr \(descr)")
    }
  }

  /// The element at a C-order (row-major) index, whichever order the file stores.
  subscript(_ index: Int...) -> Double {
    let strides =
      fortranOrder
      ? shape.indices.map { shape[..<$0].reduce(1, *) }
      : shape.indices.map { shape[($0 + 1)...].reduce(1, *) }
    return values[zip(index, strides).map(*).reduce(0, +)]
  }
}

/// `downhill train --history` read back as numpy would read it: the arrays' shapes against
/// meta.json, and the weights recorded at each step give, through a forward pass written here,
/// the loss loss.csv holds for that step — so a weight array written transposed, shifted by a
/// step or in the wrong layer fails.
@Suite struct HistoryCommandLineTests {
  let cli = CommandLineTests()

  @Test func trainedHistoryReadsAsNumpyReadsIt() throws {
    let dir = try cli.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = dir.appendingPathComponent("xor")
    let train = try cli.downhill(
      "train", "--problem", "xor", "--layers", "2,3,1", "--bias", "folded", "--activation",
      "tanh,sigmoid", "--cost", "bce", "--optimizer", "momentum", "--alpha", "0.5",
      "--iterations", "40", "--history", run.path)
    #expect(train.status == 0, "\(train.errors)")
    let files = try FileManager.default.contentsOfDirectory(atPath: run.path).sorted()
    #expect(
      files == [
        "final_parameters.npy", "layer0_flips.npy", "layer0_gradients.npy", "layer0_weights.npy",
        "layer1_flips.npy", "layer1_gradients.npy", "layer1_weights.npy", "loss.csv", "meta.json",
      ])
    let meta =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: run.appendingPathComponent("meta.json")))
      as! [String: Any]
    #expect(meta["layerShapes"] as? [[Int]] == [[3, 3], [4, 1]])
    #expect(meta["recordedSteps"] as? Int == 40)

    func array(_ name: String) throws -> NPYArray {
      try NPYArray(contentsOf: run.appendingPathComponent(name))
    }
    let w0 = try array("layer0_weights.npy")
    let w1 = try array("layer1_weights.npy")
    #expect(w0.descr == "<f8" && w0.shape == [40, 3, 3])
    #expect(w1.descr == "<f8" && w1.shape == [40, 4, 1])
    #expect(try array("layer0_gradients.npy").shape == [40, 3, 3])
    #expect(try array("layer1_flips.npy").descr == "<i4")
    #expect(try array("final_parameters.npy").shape == [13])

    let loss = try String(contentsOf: run.appendingPathComponent("loss.csv"), encoding: .utf8)
      .split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[1])! }
    #expect(loss.count == 40)
    // XOR through tanh then sigmoid, a bias row last in each layer, binary cross-entropy.
    let inputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
    let targets: [Double] = [0, 1, 1, 0]
    for step in [0, 1, 20, 39] {
      var total = 0.0
      for (x, t) in zip(inputs, targets) {
        let xb = x + [1]
        let hidden = (0..<3).map { j in tanh((0..<3).map { xb[$0] * w0[step, $0, j] }.reduce(0, +))
        }
        let hb = hidden + [1]
        let z = (0..<4).map { hb[$0] * w1[step, $0, 0] }.reduce(0, +)
        let p = 1 / (1 + exp(-z))
        total -= t * log(p) + (1 - t) * log(1 - p)
      }
      let mine = total / 4
      #expect(
        abs(mine - loss[step]) <= 1e-9 * loss[step],
        "step \(step): loss \(loss[step]) in loss.csv, \(mine) from the recorded weights")
    }
  }

  /// surface, contour and plot write the figure they are asked for, in the format of the
  /// extension: a PNG of the figure's size, an SVG whose text is the figure's labels.
  @Test func surfaceContourAndPlotWriteTheirFigures() throws {
    let dir = try cli.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let png = dir.appendingPathComponent("surface.png").path
    let surface = try cli.downhill("surface", "--points", "20", "--out", png)
    #expect(surface.status == 0, "\(surface.errors)")
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: png)))
    #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    // IHDR: width and height, big-endian, at bytes 16…23.
    let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
    #expect(width > 100 && height > 100, "\(width)×\(height)")
    let contour = try cli.downhill(
      "contour", "--range", "-2:2", "--points", "30", "--out",
      dir.appendingPathComponent("c.svg").path)
    #expect(contour.status == 0, "\(contour.errors)")
    #expect(
      try String(contentsOfFile: dir.appendingPathComponent("c.svg").path, encoding: .utf8)
        .hasPrefix("<"))
    let plot = try cli.downhill(
      ["plot", "-", "--xlabel", "time", "--out", dir.appendingPathComponent("p.png").path],
      input: "x,y\n1,2\n2,3\n")
    #expect(plot.status == 0, "\(plot.errors)")
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("p.png").path))
  }

  /// `figures --only` writes that figure, its text record, and nothing else; `--check` on that
  /// folder passes, and names the string when the record is edited.
  @Test func figuresOnlyAndCheck() throws {
    let dir = try cli.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("figs").path
    let only = ["--only", "xor-learning-rates", "--format", "png", "--out", out]
    let written = try cli.downhill(["figures"] + only)
    #expect(written.status == 0, "\(written.errors)")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [
        "text", "xor-learning-rates.png",
      ])
    let check = try cli.downhill(["figures", "--check"] + only)
    #expect(check.status == 0, "\(check.output) \(check.errors)")
    let record = out + "/text/xor-learning-rates.txt"
    let text = try String(contentsOfFile: record, encoding: .utf8)
    let first = try #require(text.split(separator: "\n").first { $0.hasPrefix("legend entry: ") })
    try text.replacingOccurrences(of: first + "\n", with: first + "0\n").write(
      toFile: record, atomically: true, encoding: .utf8)
    let stale = try cli.downhill(["figures", "--check"] + only)
    #expect(stale.status == 1)
    #expect(
      stale.output.contains(
        "xor-learning-rates: text: legend entry 1: expected '\(first.dropFirst(14))0', got '\(first.dropFirst(14))'"
      ), "\(stale.output)")
    #expect(stale.errors.split(separator: "\n").count == 1, "\(stale.errors)")
  }
}

/// `figures --check` survives what a rebuilt FreeType does — every glyph's pixels redrawn — and
/// still fails on a changed mark outside the text.
@Suite struct FiguresCheckToleranceTests {
  let cli = CommandLineTests()

  @Test func glyphPixelsMayChangeMarksMayNot() throws {
    let dir = try cli.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("figs").path
    let only = ["--only", "xor-learning-rates", "--format", "png", "--out", out]
    #expect(try cli.downhill(["figures"] + only).status == 0)
    let path = out + "/xor-learning-rates.png"
    let original = try #require(
      RasterImage(png: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))))
    let data = FigureBaseline.packageRoot(from: URL(fileURLWithPath: "\(#filePath)"))
      .appendingPathComponent("figures/data")
    let figure = try #require(Catalogue.entry(named: "xor-learning-rates"))
      .make(CatalogueInputs(dataDirectory: data))
    let boxes = try figure.textInventory().map(\.box)
    func write(_ image: RasterImage) throws {
      try Data(image.pngData()).write(to: URL(fileURLWithPath: path))
    }
    // Every pixel inside every text's box inverted: far more than a font upgrade changes.
    var glyphs = original
    for box in boxes {
      for y in Int(box.minY.rounded(.up))..<Int(box.maxY.rounded(.down)) {
        for x in Int(box.minX.rounded(.up))..<Int(box.maxX.rounded(.down)) {
          for c in 0..<3 { glyphs.pixels[(y * glyphs.width + x) * 4 + c] ^= 0xff }
        }
      }
    }
    try write(glyphs)
    let check = try cli.downhill(["figures", "--check"] + only)
    #expect(check.status == 0, "\(check.output)")
    // A 6 × 6 block in the middle of the plot, where no text is.
    var mark = original
    let (cx, cy) = (original.width / 2, original.height / 2)
    #expect(
      !boxes.contains {
        $0.minX - 3 < Double(cx + 6) && Double(cx) < $0.maxX + 3 && $0.minY - 3 < Double(cy + 6)
          && Double(cy) < $0.maxY + 3
      })
    for y in cy..<cy + 6 {
      for x in cx..<cx + 6 {
        let i = (y * mark.width + x) * 4
        mark.pixels[i] = mark.pixels[i] < 128 ? 255 : 0
      }
    }
    try write(mark)
    let stale = try cli.downhill(["figures", "--check"] + only)
    #expect(stale.status == 1)
    #expect(
      stale.output.contains("png: pixels outside the text: 36 pixels differ"), "\(stale.output)")
  }
}
