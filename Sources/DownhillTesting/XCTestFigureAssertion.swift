#if canImport(XCTest)
  import DownhillPlot
  import XCTest

  /// XCTest's twin of ``expectFigure(_:named:tolerance:filePath:sourceLocation:)``: compares a
  /// figure's text exactly with `__Figures__/NAME.txt` and its pixels without text with
  /// `__Figures__/NAME.png` beside the test file, with the same tolerance, artifacts folder,
  /// `DOWNHILL_RECORD=1` recording and missing-record failure.
  public func assertFigure(
    _ figure: Figure, named name: String, tolerance: PixelTolerance = .standard,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let outcome = FigureBaseline(name: name, testFile: "\(file)").check(
      figure, tolerance: tolerance)
    if let failure = outcome.failure { XCTFail(failure, file: file, line: line) }
  }
#endif
