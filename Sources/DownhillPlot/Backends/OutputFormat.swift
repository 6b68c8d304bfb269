/// The file formats a figure can be written to, chosen by the output file's extension.
public enum OutputFormat: String, CaseIterable, Sendable {
  case png, svg, pdf

  /// The format for a path's extension (case-insensitive), or nil for an unknown one.
  public init?(path: String) {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    self.init(rawValue: name[name.index(after: dot)...].lowercased())
  }
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

  public var description: String {
    switch self {
    case .unknownFormat(let path):
      "cannot tell the format of '\(path)': use a file name ending in .png, .svg or .pdf"
    case .invalidSize(let w, let h, let s):
      "figure size \(w)×\(h) at scale \(s) is not drawable: width and height must be 1…\(Int(CairoCanvas.maximumPixels)) px after scaling"
    case .cannotWrite(let path, let reason):
      "cannot write '\(path)': \(reason)"
    case .cairo(let status):
      "Cairo failed: \(status)"
    case .animation(let problem):
      problem
    case .gif(let message):
      "giflib failed: \(message)"
    }
  }
}
