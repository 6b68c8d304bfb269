/// Colours, fonts and sizes shared by every part of a figure. The default follows matplotlib's
/// current look (tab10 cycle, DejaVu Sans, outward ticks) with a slightly lighter frame. Sizes are
/// matplotlib's in points at 96 display units an inch (a CSS pixel): 10 pt tick labels, axis
/// labels and legends are 13.3 units, 12 pt titles 16. Text is near-black #1a1a1a (17.4:1 on
/// white), not black: browsers fill glyph outlines heavier than FreeType, and black text took
/// six SVGs past RMS 10 from their own PNGs in Chromium.
public struct Theme: Sendable {
  public var background = Color.white
  public var axesBackground = Color.white
  public var text = Color(hex: 0x1a1a1a)
  public var frame = Color(hex: 0x4d4d4d)
  public var grid = Color(hex: 0xdedede)
  public var fontFamily = "DejaVu Sans"
  public var tickLabelSize = 13.3
  public var labelSize = 13.3
  public var titleSize = 16.0
  public var figureTitleSize = 16.5
  public var legendSize = 13.3
  public var lineWidth = 1.75
  public var frameWidth = 0.9
  public var tickLength = 4.5
  public var minorTickLength = 2.5
  /// Space around the whole figure and between text and what it labels.
  public var outerPad = 10.0
  public var pad = 5.0
  /// Space between neighbouring subplots.
  public var gap = 18.0
  /// matplotlib's tab10, the default series colours.
  public var cycle: [Color] = [
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22,
    0x17becf,
  ].map { Color(hex: $0) }

  public init() {}

  public static let standard = Theme()

  func font(_ size: Double, bold: Bool = false) -> Font {
    Font(family: fontFamily, size: size, bold: bold)
  }
}
