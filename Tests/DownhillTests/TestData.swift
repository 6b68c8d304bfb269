import Foundation

/// Locates committed reference files under `Tests/DownhillTests/Data`.
enum TestData {
  static func url(_ name: String, _ ext: String, in subdirectory: String = "") -> URL {
    let folder = subdirectory.isEmpty ? "Data" : "Data/\(subdirectory)"
    guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: folder)
    else { fatalError("missing test resource \(folder)/\(name).\(ext)") }
    return url
  }

  static func directory(_ subdirectory: String) -> URL {
    Bundle.module.resourceURL!.appendingPathComponent("Data/\(subdirectory)", isDirectory: true)
  }

  /// A fresh empty temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("downhill-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
