/// How a figure is written as SVG (matplotlib's `svg.*` settings and `savefig(metadata=)`).
///
/// The defaults suit a file that is both a standalone image and one of several SVGs inlined in
/// an HTML page: ids unique to the drawing, text as glyph outlines that look the same without
/// the font installed.
public struct SVGOptions: Sendable, Hashable {
  /// Put before every id the file defines (glyphs, clips, title). SVGs inlined in one HTML page
  /// share one id namespace, so a second figure with the same ids would show the first one's
  /// glyphs and clips. nil derives the prefix from the drawing itself, so the same figure
  /// always gets the same bytes and two different figures different ids; "" writes bare ids.
  public var idPrefix: String?
  /// Text as `<text>` elements (searchable and selectable, sized by the reader's copy of the
  /// font, with a fallback list) instead of glyph outlines (matplotlib's
  /// `svg.fonttype = 'none'`).
  public var textAsText: Bool

  public init(idPrefix: String? = nil, textAsText: Bool = false) {
    self.idPrefix = idPrefix
    self.textAsText = textAsText
  }

  /// The fonts a reader without the figure's own font falls back to, as matplotlib's
  /// `font.sans-serif` list (DejaVu Sans is its first entry and the theme's default).
  static let fallbackFonts = "Bitstream Vera Sans, Verdana, Arial, Helvetica, sans-serif"

  /// Whether `prefix` can start an XML id: a letter or `_`, then letters, digits, `-`, `_`, `.`
  /// (ASCII only, so the check is simple and the prefix survives any HTML page).
  public static func isValidIDPrefix(_ prefix: String) -> Bool {
    guard let first = prefix.unicodeScalars.first else { return true }
    func isLetter(_ c: Unicode.Scalar) -> Bool {
      ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }
    guard isLetter(first) || first == "_" else { return false }
    return prefix.unicodeScalars.allSatisfy {
      isLetter($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
    }
  }
}

/// What a file says about its figure besides drawing it: SVG's `<title>` and `<desc>`, which
/// screen readers announce and browsers show as a tooltip.
public struct DocumentMetadata: Sendable, Hashable {
  public var title: String?
  public var description: String?

  public init(title: String? = nil, description: String? = nil) {
    self.title = title
    self.description = description
  }
}

extension OutputFormat {
  /// SVG written with `options` (an id prefix, text as text).
  public static func svg(_ options: SVGOptions) -> OutputFormat {
    OutputFormat("svg") { width, height, scale, metadata, draw in
      try SVGRenderer.render(
        width: width, height: height, scale: scale, options: options, metadata: metadata,
        draw: draw)
    }
  }
}
