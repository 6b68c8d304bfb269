import Testing
@testable import DownhillPlot

@Test func versionIsSet() { #expect(!DownhillPlotVersion.string.isEmpty) }
