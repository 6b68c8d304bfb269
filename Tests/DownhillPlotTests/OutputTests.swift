import Foundation
import Testing

@testable import DownhillPlot

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct OutputTests {
  @Test func pngHasSignatureAndPixelSizeAtScale() throws {
    let f = SampleFigures.lossCurves(width: 300, height: 200)
    f.scale = 2
    let bytes = try f.render(format: .png)
    #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    let image = try #require(RasterImage(png: bytes))
    #expect(image.width == 600 && image.height == 400)
  }

  @Test func svgParsesAsXMLWithPixelUnits() throws {
    let bytes = try SampleFigures.gallery().render(format: .svg)
    let parser = XMLParser(data: Data(bytes))
    #expect(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("width=\"900px\""))
  }

  @Test func pdfHasHeaderAndNoCreationDate() throws {
    let bytes = try SampleFigures.lossCurves().render(format: .pdf)
    #expect(String(decoding: bytes.prefix(5), as: UTF8.self) == "%PDF-")
    #expect(!String(decoding: bytes, as: UTF8.self).contains("CreationDate"))
  }

  @Test(arguments: OutputFormat.allCases)
  func sameFigureGivesSameBytes(format: OutputFormat) throws {
    let a = try SampleFigures.gallery().render(format: format)
    let b = try SampleFigures.gallery().render(format: format)
    let firstDifference =
      a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? (a.count == b.count ? nil : a.count)
    #expect(
      firstDifference == nil,
      "\(format) differs at byte \(firstDifference ?? -1): \(String(decoding: a[(firstDifference ?? 0)...].prefix(80), as: UTF8.self))"
    )
  }

  @Test func unwritablePathFailsAndLeavesNothing() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "downhill-ro-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let missing = dir.appendingPathComponent("no/such/folder/plot.png").path
    #expect(throws: PlotError.self) { try SampleFigures.lossCurves().write(to: missing) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }

  @Test func writeIsCompleteAndLeavesNoTemporaryFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "downhill-w-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("loss.svg").path
    try SampleFigures.lossCurves().write(to: path)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["loss.svg"])
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: path))
        == Data(SampleFigures.lossCurves().render(format: .svg)))
  }

  @Test func writesToAFileURLAsToItsPath() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "downhill-url-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("loss.svg")
    try SampleFigures.lossCurves().write(to: url)
    #expect(try Data(contentsOf: url) == Data(SampleFigures.lossCurves().render(format: .svg)))
    #expect(throws: PlotError.unknownFormat(path: dir.appendingPathComponent("loss.jpg").path)) {
      try SampleFigures.lossCurves().write(to: dir.appendingPathComponent("loss.jpg"))
    }
    #expect(throws: PlotError.self) {
      try SampleFigures.lossCurves().write(to: URL(string: "https://example.com/loss.svg")!)
    }
  }

  @Test func formatsComeFromOneTable() {
    #expect(OutputFormat.allCases.map(\.rawValue) == ["png", "svg", "pdf"])
    #expect(OutputFormat(rawValue: "pdf") == .pdf && OutputFormat(rawValue: "jpg") == nil)
    #expect(OutputFormat.extensions == ".png, .svg or .pdf")
    #expect(
      PlotError.unknownFormat(path: "a.jpg").description
        == "cannot tell the format of 'a.jpg': use a file name ending in .png, .svg or .pdf")
  }

  @Test func unknownExtensionIsAClearError() {
    #expect(throws: PlotError.unknownFormat(path: "plot.jpg")) {
      try SampleFigures.lossCurves().write(to: "plot.jpg")
    }
    #expect(OutputFormat(path: "a/b.SVG") == .svg)
    #expect(OutputFormat(path: "noextension") == nil)
    #expect(OutputFormat(path: ".png") == nil)
  }

  @Test(arguments: [(0.0, 400.0), (100_000, 400), (400, -1), (.nan, 400), (.infinity, 300)])
  func absurdSizesAreRejected(size: (Double, Double)) {
    let f = Figure(width: size.0, height: size.1)
    #expect(throws: PlotError.self) { try f.render(format: .png) }
    #expect(throws: PlotError.self) { try f.render(format: .svg) }
  }

  @Test func svgIDsDoNotDependOnEarlierRenders() throws {
    let first = try SampleFigures.lossCurves().render(format: .svg)
    _ = try SampleFigures.gallery().render(format: .svg)
    let again = try SampleFigures.lossCurves().render(format: .svg)
    #expect(first == again)
    let text = String(decoding: first, as: UTF8.self)
    // Numbered from 1 behind the file's own prefix.
    #expect(text.contains("g1\" transform=") && text.contains("c1\"><rect"))
  }
}
