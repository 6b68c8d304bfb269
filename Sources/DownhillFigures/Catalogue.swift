import Downhill
import DownhillPlot
import Foundation

/// One figure of the tutorial catalogue: a name (the file name without extension) and how to
/// draw it.
public struct CatalogueEntry: Sendable {
  public let name: String
  public let summary: String
  public let make: @Sendable (CatalogueInputs) throws -> Figure
}

/// What catalogue figures may read: the data folder committed beside `figures/`.
public struct CatalogueInputs: Sendable {
  public var dataDirectory: URL
  public init(dataDirectory: URL) { self.dataDirectory = dataDirectory }
}

/// Every figure `downhill figures` regenerates. Each group lives in its own file as an
/// extension, so groups can grow independently.
public enum Catalogue {
  public static var all: [CatalogueEntry] { lossCurves + descent1D + training + surfaces }

  public static func entry(named name: String) -> CatalogueEntry? { all.first { $0.name == name } }
}
