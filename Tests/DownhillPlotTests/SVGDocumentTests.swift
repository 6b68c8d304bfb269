import Foundation
import Testing

@testable import DownhillPlot

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What an SVG needs to survive being inlined in a web page beside others, and to be read by
/// people who do not see it: ids of its own, a title, a description, text as text on request.
@Suite struct SVGDocumentTests {
  static func svg(_ figure: Figure, _ options: SVGOptions = SVGOptions()) throws -> String {
    String(decoding: try figure.render(format: .svg(options)), as: UTF8.self)
  }

  static func ids(in text: String) -> Set<String> {
    guard let regex = try? NSRegularExpression(pattern: #" id="([^"]*)""#) else { return [] }
    return Set(
      regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
        Range($0.range(at: 1), in: text).map { String(text[$0]) }
      })
  }

  @Test func twoDifferentFiguresShareNoID() throws {
    let a = try Self.svg(SampleFigures.lossCurves())
    let b = try Self.svg(SampleFigures.gallery())
    let idsA = Self.ids(in: a)
    let idsB = Self.ids(in: b)
    // Both have glyphs and clips, which were g1… and c1… in every file.
    #expect(idsA.count > 10 && idsB.count > 10)
    #expect(idsA.isDisjoint(with: idsB), "shared: \(idsA.intersection(idsB).sorted())")
    // Every id of a file has the file's one prefix, a letter first.
    let prefixA = try #require(idsA.first.map { String($0.prefix(7)) })
    #expect(prefixA.first!.isLetter && prefixA.hasSuffix("-"))
    #expect(idsA.allSatisfy { $0.hasPrefix(prefixA) })
  }

  @Test func theSameFigureGetsTheSameBytes() throws {
    #expect(
      try SampleFigures.lossCurves().render(format: .svg)
        == SampleFigures.lossCurves().render(format: .svg))
  }

  @Test func aGivenPrefixIsUsedVerbatimAndABadOneRefused() throws {
    let text = try Self.svg(SampleFigures.lossCurves(), SVGOptions(idPrefix: "loss-"))
    let ids = Self.ids(in: text)
    #expect(!ids.isEmpty && ids.allSatisfy { $0.hasPrefix("loss-") })
    #expect(text.contains("href=\"#loss-g1\"") && text.contains("url(#loss-c1)"))
    let bare = try Self.svg(SampleFigures.lossCurves(), SVGOptions(idPrefix: ""))
    #expect(bare.contains("<clipPath id=\"c1\">"))
    #expect(throws: PlotError.invalidSVGIDPrefix("1x")) {
      try SampleFigures.lossCurves().render(format: .svg(SVGOptions(idPrefix: "1x")))
    }
    #expect(!SVGOptions.isValidIDPrefix("a b") && SVGOptions.isValidIDPrefix("_a.b-1"))
  }

  @Test func titleAndDescriptionNameTheImage() throws {
    let f = SampleFigures.lossCurves()
    f.title = "Loss & <accuracy>"
    f.documentDescription = "Two runs' loss falling over 200 steps."
    let text = try Self.svg(f, SVGOptions(idPrefix: "p-"))
    #expect(XMLParser(data: Data(text.utf8)).parse())
    #expect(text.contains("role=\"img\" aria-labelledby=\"p-title\" aria-describedby=\"p-desc\">"))
    #expect(text.contains("<title id=\"p-title\">Loss &amp; &lt;accuracy&gt;</title>"))
    #expect(text.contains("<desc id=\"p-desc\">Two runs' loss falling over 200 steps.</desc>"))
    // Without a drawn title, documentTitle names it without drawing anything.
    let g = SampleFigures.lossCurves()
    g.title = nil
    g.documentTitle = "Loss of two runs"
    #expect(try Self.svg(g).contains("-title\">Loss of two runs</title>"))
    let plain = SampleFigures.lossCurves()
    plain.title = nil
    #expect(try g.render(format: .png) == plain.render(format: .png))
  }

  @Test func textAsTextWritesTextElementsWithAFontFallback() throws {
    let bytes = try OutputFormat.svg(SVGOptions(textAsText: true)).render(width: 200, height: 50) {
      r in
      r.draw(
        text: "a<b & c", at: Point(100, 30), font: Font(size: 12, bold: true), color: .black,
        anchor: TextAnchor(.center, .baseline), rotation: .pi / 2)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(XMLParser(data: Data(bytes)).parse())
    #expect(text.contains("font-family=\"DejaVu Sans, Bitstream Vera Sans"))
    #expect(
      text.contains(
        "<text x=\"100\" y=\"30\" text-anchor=\"middle\" transform=\"rotate(-90 100 30)\" font-size=\"12\" font-weight=\"bold\">a&lt;b &amp; c</text>"
      ))
    #expect(!text.contains("<use") && !text.contains("<path id="))
  }

  @Test func pathsDropSegmentsThatStayOnTheirGridPoint() {
    var e = SVGPathEncoder(grid: .eighth)
    e.append(
      Path(polyline: [Point(10, 10), Point(12, 10), Point(12.01, 10), Point(12, 10), Point(14, 11)])
    )
    #expect(String(decoding: e.bytes, as: UTF8.self) == "M10 10h2l2 1")
    // A lone zero-length segment stays: with round caps it is a dot.
    var dot = SVGPathEncoder(grid: .eighth)
    dot.append(Path(polyline: [Point(5, 5), Point(5, 5)]))
    #expect(String(decoding: dot.bytes, as: UTF8.self) == "M5 5H5")
  }

  @Test func aVisible3DPathIsOnePolyline() throws {
    let f = Figure(width: 400, height: 320)
    let a = f.axes3D()
    a.xLimits = 0...1
    a.yLimits = 0...1
    a.zLimits = 0...1
    a.surface(x: [0, 1], y: [0, 1], z: [0.2, 0.2, 0.2, 0.2], colormap: .viridis, shaded: false)
    let red = Color(hex: 0xff0000)
    let blue = Color(hex: 0x0000ff)
    // Two crossing paths above the plane, fifty points each.
    a.line((0..<50).map { Vector3(0.1 + Double($0) * 0.016, 0.5, 0.8) }, color: red, width: 2)
    a.line((0..<50).map { Vector3(0.5, 0.1 + Double($0) * 0.016, 0.7) }, color: blue, width: 2)
    let paths = try record(f).paths
    for color in [red, blue] {
      let drawn = paths.filter { $0.1.stroke?.color == color }
      #expect(drawn.count == 1 && drawn.first?.0.elements.count == 50)
    }
  }

  @Test func pngsStateTheirResolution() throws {
    func pHYs(_ png: [UInt8]) -> (UInt32, UInt32, UInt8)? {
      let name = Array("pHYs".utf8)
      guard let at = (8..<png.count - 13).first(where: { Array(png[$0..<$0 + 4]) == name })
      else { return nil }
      func word(_ i: Int) -> UInt32 { png[i..<i + 4].reduce(0) { $0 << 8 | UInt32($1) } }
      return (word(at + 4), word(at + 8), png[at + 12])
    }
    let f = SampleFigures.lossCurves()
    // A display unit is a CSS pixel, 1/96 in: 96 dpi is 3780 pixels a metre, unit 1 (metre).
    let one = try #require(pHYs(try f.render(format: .png)))
    #expect(one == (3780, 3780, 1))
    f.scale = 2
    let two = try #require(pHYs(try f.render(format: .png)))
    #expect(two == (7559, 7559, 1))
  }
}
