import ArgumentParser
import AtomicFiles
import Downhill
import DownhillFigures
import DownhillPlot
import Foundation

struct FiguresCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "figures",
    abstract: "Regenerate the tutorial figures into figures/.",
    discussion: """
      Examples:
        downhill figures                      # every figure, PNG and SVG, into figures/
        downhill figures --only xor-learning-rates --format png --out /tmp/figs
        downhill figures --list
      """)

  @Option(help: "The folder to write into.") var out = "figures"
  @Option(
    help: ArgumentHelp(
      "The folder holding the data the figures read (default: figures/data here, else beside the package this executable was built in).",
      valueName: "dir"))
  var data: String?
  @Option(
    help:
      "Formats to write, comma-separated: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))."
  )
  var format = "png,svg"
  @Option(help: "Only these figures (repeatable).") var only: [String] = []
  @Flag(help: "List the figures and exit.") var list = false
  @Option(help: "Frames per animation (GIF).") var frames = 36
  @Flag(
    help:
      "Write nothing; exit non-zero naming every committed file that differs from what the code draws now."
  )
  var check = false

  func run() throws {
    if list {
      for e in Catalogue.all { print("\(e.name)  \(e.summary)") }
      for e in Animations.all { print("\(e.name).gif  \(e.summary)") }
      return
    }
    guard frames >= 1, frames <= 1000 else { throw ValidationError("--frames must be 1…1000") }
    let formats = try format.split(separator: ",", omittingEmptySubsequences: false).map {
      name -> OutputFormat in
      guard let f = OutputFormat(rawValue: name.trimmingSpaces.lowercased())
      else {
        throw ValidationError("unknown format '\(name)': use \(OutputFormat.names)")
      }
      return f
    }
    // An animation by its name or by its file's, as --list prints it (descent.gif).
    let animationNames = only.map { $0.hasSuffix(".gif") ? String($0.dropLast(4)) : $0 }
    for (name, animation) in zip(only, animationNames)
    where Catalogue.entry(named: name) == nil && Animations.entry(named: animation) == nil {
      throw ValidationError("no figure named '\(name)'; see 'downhill figures --list'")
    }
    let entries = only.isEmpty ? Catalogue.all : Catalogue.all.filter { only.contains($0.name) }
    let animations =
      only.isEmpty ? Animations.all : Animations.all.filter { animationNames.contains($0.name) }
    // Only the figures read data; the animations compute theirs.
    let data = entries.isEmpty ? "figures/data" : try dataFolder()
    // --check writes nothing, not even the folder; a run that fails leaves no folder it made.
    let made = check ? [] : try OutputFolder.create(out)
    do {
      try write(entries: entries, animations: animations, formats: formats, data: data)
    } catch {
      OutputFolder.removeIfEmpty(made)
      throw error
    }
  }

  private func write(
    entries: [CatalogueEntry], animations: [AnimationEntry], formats: [OutputFormat], data: String
  ) throws {
    let inputs = CatalogueInputs(dataDirectory: URL(fileURLWithPath: data))
    let clock = ContinuousClock()
    let start = clock.now
    var stale: [String] = []
    // Writes, or in --check mode compares with what is committed.
    func emit(_ bytes: [UInt8], to path: String) throws {
      if check {
        if FileManager.default.contents(atPath: path).map([UInt8].init) != bytes {
          stale.append(path)
        }
      } else {
        try AtomicFile.write(bytes, to: path)
        print("wrote \(path)")
      }
    }
    for entry in entries {
      let figure = try entry.make(inputs)
      for f in formats {
        try emit(figure.render(format: f), to: "\(out)/\(entry.name).\(f.rawValue)")
      }
    }
    for animation in animations {
      try emit(animation.make(frames).encoded(), to: "\(out)/\(animation.name).gif")
    }
    if check {
      guard stale.isEmpty else {
        throw OutOfDate(files: stale)
      }
      print(
        "all \(entries.count * formats.count + animations.count) files match what the code draws")
      return
    }
    let count = entries.count + animations.count
    let seconds = (clock.now - start).seconds
    print("\(count) figure\(count == 1 ? "" : "s") in \(DecimalText.fixed(seconds, decimals: 2)) s")
  }
}

extension FiguresCommand {
  /// --data if given, else figures/data in the working folder, else figures/data of the
  /// package whose .build folder holds this executable (`<package>/.build/<config>/downhill`):
  /// `downhill figures` works from anywhere in a checkout's build.
  func dataFolder() throws -> String {
    if let data {
      guard Self.isFolder(data) else {
        throw CLIError(
          "the data folder \(data) does not exist: pass --data DIR, the repository's figures/data")
      }
      return data
    }
    let package = Self.packageFolder()
    for candidate in ["figures/data"] + [package.map { "\($0)/figures/data" }].compactMap({ $0 })
    where Self.isFolder(candidate) {
      return candidate
    }
    throw CLIError(
      "no figures/data folder here\(package.map { " or in \($0)" } ?? ""): run in the repository or pass --data DIR, the repository's figures/data"
    )
  }

  /// The package folder above the `.build` folder this executable sits in, or nil.
  static func packageFolder() -> String? {
    guard
      let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    else { return nil }
    let parts = executable.split(separator: "/", omittingEmptySubsequences: false)
    guard let build = parts.lastIndex(of: ".build"), build > 0 else { return nil }
    return parts[..<build].joined(separator: "/")
  }

  private static func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }
}

/// `--check` found committed files that differ from what the code draws (exit status 1, no usage).
struct OutOfDate: Error, CustomStringConvertible {
  var files: [String]
  var description: String {
    "out of date (run 'downhill figures' and commit): \(files.joined(separator: ", "))"
  }
}
