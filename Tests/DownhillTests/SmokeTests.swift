import Testing

@testable import Downhill

@Test func versionIsSet() { #expect(!DownhillVersion.string.isEmpty) }
