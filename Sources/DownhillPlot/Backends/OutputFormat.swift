import AtomicFiles
import Foundation

/// A file format a figure can be written to, chosen by the output file's extension: its name
/// and how a drawing is encoded in it.
///
/// `allCases` is the one table of formats. A new format is a renderer (see `Renderer`) and one
/// entry there; `init(path:)`, `init(rawValue:)` and the extensions that error messages list
/// are derived from it.
public struct OutputFormat: CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// The file extension, lowercase and without the dot; also the format's name.
  public let rawValue: String
  /// Encodes what the drawing closure draws on a width × height figure; `scale` is device
  /// pixels per display unit, which only raster formats use, and `metadata` what formats that
  /// can carry it say about the figure.
  private let encode:
    @Sendable (
      _ width: Double, _ height: Double, _ scale: Double, _ metadata: DocumentMetadata,
      _ draw: (Renderer) -> Void
    ) throws -> [UInt8]

  /// A format named `name` (and a variant of one: `svg(_:)` with options).
  init(
    _ name: String,
    encode:
      @escaping @Sendable (Double, Double, Double, DocumentMetadata, (Renderer) -> Void) throws ->
      [UInt8]
  ) {
    rawValue = name
    self.encode = encode
  }

  /// Pixels through Cairo's image surface, encoded by `PNGEncoder`.
  public static let png = OutputFormat("png") { width, height, scale, _, draw in
    try CairoCanvas.renderWithCairo(
      format: .png, width: width, height: height, scale: scale, draw: draw)
  }
  /// `SVGRenderer`'s own SVG, far smaller than what Cairo's SVG surface writes, with the
  /// default `SVGOptions` (`svg(_:)` for others).
  public static let svg = OutputFormat.svg(SVGOptions())
  /// Cairo's PDF surface.
  public static let pdf = OutputFormat("pdf") { width, height, scale, _, draw in
    try CairoCanvas.renderWithCairo(
      format: .pdf, width: width, height: height, scale: scale, draw: draw)
  }

  /// Every format, in the order messages list them.
  public static let allCases: [OutputFormat] = [.png, .svg, .pdf]

  /// The format named `rawValue` (lowercase, no dot), or nil for an unknown one.
  public init?(rawValue: String) {
    guard let format = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
    self = format
  }

  /// The format for a path's extension (case-insensitive), or nil for an unknown one.
  public init?(path: String) {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    self.init(rawValue: name[name.index(after: dot)...].lowercased())
  }

  /// Draws with `draw` and returns the file's bytes; `scale` multiplies raster pixels only;
  /// `metadata` goes where the format has a place for it (SVG's `<title>` and `<desc>`).
  public func render(
    width: Double, height: Double, scale: Double = 1, metadata: DocumentMetadata = .init(),
    draw: (Renderer) -> Void
  ) throws -> [UInt8] {
    try encode(width, height, scale, metadata, draw)
  }

  /// The formats' names for a message: "png, svg or pdf".
  public static var names: String { listed(allCases.map(\.rawValue)) }
  /// The file name endings for a message: ".png, .svg or .pdf".
  public static var extensions: String { listed(allCases.map { "." + $0.rawValue }) }

  private static func listed(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " or " + items.last!
  }

  public var description: String { rawValue }

  public static func == (a: OutputFormat, b: OutputFormat) -> Bool { a.rawValue == b.rawValue }
  public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

/// Why a figure could not be written. Every message is one line that names the problem and the
/// way out.
public enum PlotError: Error, Equatable, CustomStringConvertible {
  case unknownFormat(path: String)
  case invalidSize(width: Double, height: Double, scale: Double)
  case cannotWrite(path: String, reason: String)
  case cairo(String)
  /// An animation that cannot be encoded as given (size, delay, loop count, frames).
  case animation(String)
  /// giflib reported an error while encoding.
  case gif(String)
  /// An `SVGOptions.idPrefix` that cannot start an XML id.
  case invalidSVGIDPrefix(String)

  public var description: String {
    switch self {
    case .unknownFormat(let path):
      "cannot tell the format of '\(path)': use a file name ending in \(OutputFormat.extensions)"
    case .invalidSize(let w, let h, let s):
      "figure size \(w)×\(h) at scale \(s) is not drawable: width and height must be 1…\(Int(CairoCanvas.maximumPixels)) px after scaling, \(Int(CairoCanvas.maximumArea)) px in all"
    case .cannotWrite(let path, let reason):
      "cannot write '\(path)': \(reason)"
    case .cairo(let status):
      "Cairo failed: \(status)"
    case .animation(let problem):
      problem
    case .gif(let message):
      "giflib failed: \(message)"
    case .invalidSVGIDPrefix(let prefix):
      "SVG id prefix '\(prefix)' cannot start an id: use a letter or _, then letters, digits, -, _ or ."
    }
  }
}

/// The path of a file URL, for the writers that take either; other URLs cannot be written.
func filePath(of url: URL) throws -> String {
  guard url.isFileURL else {
    throw PlotError.cannotWrite(path: url.absoluteString, reason: "only file URLs can be written")
  }
  return url.path
}

/// Writes a figure's file whole or not at all (`AtomicFile`), with the plotting core's errors.
func writeAtomically(_ bytes: [UInt8], to path: String) throws {
  do { try AtomicFile.write(bytes, to: path) } catch let error as FileError {
    throw PlotError.cannotWrite(path: path, reason: error.reason)
  }
}
