/// Errors Downhill throws for bad user input; each message is one readable line.
public enum DownhillError: Error, Equatable, CustomStringConvertible, Sendable {
  case invalidArgument(String)
  case shapeMismatch(String)
  case corruptFile(path: String, reason: String)
  case io(String)

  public var description: String {
    switch self {
    case .invalidArgument(let m): m
    case .shapeMismatch(let m): m
    case .corruptFile(let path, let reason): "\(path): \(reason)"
    case .io(let m): m
    }
  }
}
