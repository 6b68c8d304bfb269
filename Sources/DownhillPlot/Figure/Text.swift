/// A font: DejaVu Sans by default, because its metrics and glyphs are the same on every machine
/// that installs `fonts-dejavu-core`, which keeps output bytes deterministic.
public struct Font: Equatable, Hashable, Sendable {
  public var family: String
  public var size: Double
  public var bold: Bool

  public init(family: String = "DejaVu Sans", size: Double, bold: Bool = false) {
    self.family = family
    self.size = size
    self.bold = bold
  }
}

/// Where a text's anchor point sits relative to its box.
public struct TextAnchor: Equatable, Sendable {
  public enum Horizontal: Sendable { case left, center, right }
  /// `baseline` aligns the text's baseline; the others use the font's ascent and descent, so
  /// labels with and without descenders line up.
  public enum Vertical: Sendable { case top, center, baseline, bottom }
  public var horizontal: Horizontal
  public var vertical: Vertical

  public init(_ horizontal: Horizontal, _ vertical: Vertical) {
    self.horizontal = horizontal
    self.vertical = vertical
  }
}

/// A text's size as laid out: the advance width and the font's line ascent and descent.
public struct TextMetrics: Equatable, Sendable {
  public var width: Double
  public var ascent: Double
  public var descent: Double
  public var height: Double { ascent + descent }

  public init(width: Double, ascent: Double, descent: Double) {
    self.width = width
    self.ascent = ascent
    self.descent = descent
  }
}
