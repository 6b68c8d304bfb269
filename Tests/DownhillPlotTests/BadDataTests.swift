import Foundation
import Testing

@testable import DownhillPlot

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct BadDataTests {
  /// The line's colour at a display point of a PNG rendered at scale 1.
  func isLineColored(_ image: RasterImage, _ x: Int, _ y: Int, near color: Color) -> Bool {
    for dy in -2...2 {
      let i = ((y + dy) * image.width + x) * 4
      let r = Double(image.pixels[i]) / 255
      let g = Double(image.pixels[i + 1]) / 255
      let b = Double(image.pixels[i + 2]) / 255
      if abs(r - color.red) < 0.15 && abs(g - color.green) < 0.15 && abs(b - color.blue) < 0.15 {
        return true
      }
    }
    return false
  }

  @Test func nanBreaksTheLine() throws {
    let f = Figure(width: 400, height: 300)
    let red = Color(hex: 0xd62728)
    let y: [Double] = (0..<101).map { $0 >= 45 && $0 <= 55 ? .nan : 0.5 }
    f.axes.plot((0..<101).map(Double.init), y, color: red, width: 2)
    f.axes.yLimits = 0...1
    f.axes.xLimits = 0...100
    let rec = try record(f)
    let image = try #require(RasterImage(png: try f.render(format: .png)))
    // Find the plot area from the recorded frame: the first stroked rectangle after the marks.
    let frames = rec.paths.compactMap { (p, s) -> Rect? in
      guard s.stroke?.color == Theme.standard.frame, p.elements.count == 5,
        case .move(let a) = p.elements[0],
        case .line(let c) = p.elements[2]
      else { return nil }
      return Rect(x: a.x, y: a.y, width: c.x - a.x, height: c.y - a.y)
    }
    let area = try #require(frames.first)
    let yMid = Int(area.minY + area.height / 2)
    let at = { (v: Double) in Int(area.minX + v / 100 * area.width) }
    #expect(isLineColored(image, at(20), yMid, near: red))
    #expect(isLineColored(image, at(80), yMid, near: red))
    #expect(!isLineColored(image, at(50), yMid, near: red), "the NaN gap must stay empty")
  }

  @Test func infinitiesAndHugeValuesRenderInEveryFormat() throws {
    let f = Figure(width: 400, height: 300)
    f.axes.plot([0, 1, 2, 3, 4, 5], [1, .infinity, 2, -.infinity, 1e300, 3])
    f.axes.scatter([0, 1, .nan, 3], [1, .nan, 2, -.infinity])
    try expectValidInEveryFormat(f)
  }

  @Test func logAxisWarnsAboutNonPositiveValuesAndDropsThem() throws {
    let f = Figure(width: 400, height: 300)
    f.axes.plot([1, 2, 3, 4], [1, 0, -1, 10], label: "loss")
    f.axes.yScale = .log
    var warnings: [String] = []
    f.onWarning = { warnings.append($0) }
    _ = try f.render(format: .png)
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains("'loss' has 2 values ≤ 0 on the log y axis") == true)
  }

  @Test func emptySinglePointAndConstantDataGiveFiniteTicks() throws {
    let cases: [([Double], [Double])] = [
      ([], []), ([3], [7]), ([0, 1, 2], [5, 5, 5]), ([1, 1], [1e-300, 1e-300]),
    ]
    for (x, y) in cases {
      let f = Figure(width: 300, height: 200)
      f.axes.plot(x, y, marker: .circle)
      let rec = try record(f)
      let labels = rec.texts.map(\.string)
      #expect(labels.count >= 4, "too few tick labels for \(x), \(y): \(labels)")
      #expect(labels.allSatisfy { !$0.contains("nan") && !$0.contains("inf") })
      try expectValidInEveryFormat(f)
    }
  }

  @Test func logAxisWithNoPositiveDataStillDraws() throws {
    let f = Figure(width: 300, height: 200)
    f.axes.plot([1, 2], [0, -3])
    f.axes.yScale = .log
    var warnings: [String] = []
    f.onWarning = { warnings.append($0) }
    let ticks = try f.textInventory().filter { $0.role == .yTickLabel }.map(\.text)
    #expect(ticks.count >= 2, "\(ticks)")
    #expect(ticks.allSatisfy { !$0.contains("nan") && !$0.contains("inf") })
    #expect(warnings.count == 1, "\(warnings)")
    try expectValidInEveryFormat(f)
  }

  /// A figure drawn in every format is a whole file of its kind: a PNG of the figure's size, an
  /// SVG that parses with no NaN or infinite coordinate, a PDF with its trailer.
  func expectValidInEveryFormat(
    _ f: Figure, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let png = try #require(RasterImage(png: try f.render(format: .png)))
    #expect(
      png.width == Int(f.width) && png.height == Int(f.height), sourceLocation: sourceLocation)
    let svg = try f.render(format: .svg)
    let text = String(decoding: svg, as: UTF8.self).lowercased()
    #expect(XMLParser(data: Data(svg)).parse(), sourceLocation: sourceLocation)
    #expect(!text.contains("nan") && !text.contains("inf"), sourceLocation: sourceLocation)
    let pdf = String(decoding: try f.render(format: .pdf), as: UTF8.self)
    #expect(
      pdf.hasPrefix("%PDF-") && pdf.hasSuffix("%%EOF\n"), sourceLocation: sourceLocation)
  }
}
