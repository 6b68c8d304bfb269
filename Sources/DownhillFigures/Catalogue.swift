import Downhill
import DownhillPlot
import Foundation

/// One figure of the tutorial catalogue: a name (the file name without extension) and how to
/// draw it.
public struct CatalogueEntry: Sendable {
  public let name: String
  public let summary: String
  public let make: @Sendable (CatalogueInputs) throws -> Figure

  /// The figure, described by the summary where it does not describe itself (an SVG's
  /// `<desc>`).
  public func figure(_ inputs: CatalogueInputs) throws -> Figure {
    let figure = try make(inputs)
    if figure.documentDescription == nil { figure.documentDescription = summary }
    return figure
  }
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

  /// The catalogue's files that the DocC catalogues show, each with the resources folder it is
  /// copied into (relative to the folder that holds `figures/`): `downhill figures` writes these
  /// copies too, and `--check` compares them, so that they never go stale.
  public static let documentationCopies: [String: [String]] = [
    "cost-surface-comparison.svg": ["Sources/DownhillFigures/DownhillFigures.docc/Resources"],
    "fx-quartic.svg": ["Sources/DownhillFigures/DownhillFigures.docc/Resources"],
    "learning-rate-sweep.svg": ["Sources/DownhillFigures/DownhillFigures.docc/Resources"],
    "mnist-training.svg": ["Sources/Downhill/Downhill.docc/Resources"],
  ]
}
