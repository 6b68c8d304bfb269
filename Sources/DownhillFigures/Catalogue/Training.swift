import Downhill
import DownhillPlot

extension Catalogue {
  // TODO: filled by the figure catalogue work (issue 5).
  static let training: [CatalogueEntry] = []
}
