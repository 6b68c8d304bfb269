import AtomicFiles
import COpenSSL
import Foundation

/// Where a dataset came from, so that a saved history can load the data it trained on again
/// (a report's landscape and interpolation recompute the loss on it).
public enum DatasetSource: Codable, Sendable, Equatable {
  /// One of the tutorials' datasets, by its name (`Dataset.builtIn(named:)`).
  case builtIn(name: String)
  /// A CSV file, by its absolute path and the SHA-256 of its bytes, with the target columns
  /// given (nil: the last column).
  case csv(path: String, sha256: String, targets: [String]?)
  /// The MNIST IDX files in a folder.
  case mnist(folder: String, split: MNISTSplit, limit: Int?)

  /// Loads the dataset again. A CSV whose bytes changed since the run is refused.
  /// - Parameter path: where the file or folder is now, if it moved.
  public func load(path: String? = nil) throws -> Dataset {
    switch self {
    case .builtIn(let name):
      guard let dataset = Dataset.builtIn(named: name) else {
        throw DownhillError.invalidArgument("unknown built-in dataset '\(name)'")
      }
      return dataset
    case .csv(let recorded, let sha256, let targets):
      let url = URL(fileURLWithPath: path ?? recorded)
      guard FileManager.default.fileExists(atPath: url.path) else {
        throw DownhillError.io(
          "\(url.path): \(Folders.whyUnreadable(url.path)); pass --data PATH to where the run's CSV is now"
        )
      }
      let now = try Self.sha256(of: url)
      guard now == sha256 else {
        throw DownhillError.invalidArgument(
          "\(url.path) changed since the run (SHA-256 \(now.prefix(12))…, the run's \(sha256.prefix(12))…); pass --data PATH to the file it trained on"
        )
      }
      return try Dataset.csv(url: url, targetColumns: targets)
    case .mnist(let folder, let split, let limit):
      return try Dataset.mnist(
        directory: URL(fileURLWithPath: path ?? folder), split: split, limit: limit)
    }
  }

  /// The SHA-256 of a file's bytes, in lowercase hex.
  public static func sha256(of url: URL) throws -> String {
    let data: Data
    do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
      throw DownhillError.io("cannot read \(url.path): \(Folders.whyUnreadable(url.path))")
    }
    var digest = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    let ok = data.withUnsafeBytes {
      EVP_Digest($0.baseAddress, $0.count, &digest, &length, EVP_sha256(), nil)
    }
    guard ok == 1, length == 32 else {
      throw DownhillError.io("cannot hash \(url.path): OpenSSL's SHA-256 failed")
    }
    return digest.map { String(format: "%02x", $0) }.joined()
  }
}
