import AtomicFiles
import Foundation

/// A command's output folder (`figures --out`): made with its missing parents, and taken away
/// again when the command fails before anything was written into it.
enum OutputFolder {
  /// Creates `path` and its missing parents; returns the folders it made, deepest first.
  /// - Throws: `FileError` (one line) when a file is in the way or permission is missing.
  static func create(_ path: String) throws -> [String] {
    var made: [String] = []
    var folder = URL(fileURLWithPath: path).standardizedFileURL
    while folder.path != "/", !FileManager.default.fileExists(atPath: folder.path) {
      made.append(folder.path)
      folder.deleteLastPathComponent()
    }
    try Folders.create(path, purpose: "output folder")
    return made
  }

  /// Removes the folders `create` made, deepest first, as long as they are empty.
  static func removeIfEmpty(_ made: [String]) {
    for folder in made where rmdir(folder) != 0 { return }
  }
}
