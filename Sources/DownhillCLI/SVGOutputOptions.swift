import ArgumentParser
import DownhillPlot

/// `--svg-id-prefix` and `--svg-text`, for every command that can write an SVG.
struct SVGOutputOptions: ParsableArguments {
  enum TextMode: String, ExpressibleByArgument, CaseIterable {
    case paths, text
  }

  @Option(
    name: .customLong("svg-id-prefix"),
    help: ArgumentHelp(
      "Put PREFIX before every id in an SVG (default: one derived from the figure, so SVGs inlined in one page never share ids; \"\" for none).",
      valueName: "prefix"))
  var idPrefix: String?

  @Option(
    name: .customLong("svg-text"),
    help:
      "SVG text as glyph outlines (paths: looks the same everywhere) or <text> elements (text: searchable and selectable, in the reader's fonts)."
  )
  var text: TextMode = .paths

  func validate() throws {
    if let idPrefix, !SVGOptions.isValidIDPrefix(idPrefix) {
      throw ValidationError(PlotError.invalidSVGIDPrefix(idPrefix).description)
    }
  }

  var options: SVGOptions { SVGOptions(idPrefix: idPrefix, textAsText: text == .text) }

  /// `format` with these options when it is SVG.
  func applied(to format: OutputFormat) -> OutputFormat {
    format == .svg ? .svg(options) : format
  }
}
