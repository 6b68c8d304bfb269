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
        downhill figures --check              # what differs from the committed files, per figure

      Beside the figures, text/NAME.txt records every string a figure draws, with its role.
      --check compares that record exactly and the pixels within a tolerance, text left out
      (SVGs through rsvg-convert when installed), so a library upgrade that only reshapes glyphs
      passes; --check --exact compares every file byte for byte.
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
      "Write nothing; exit non-zero saying what differs, per figure, between the committed files and what the code draws now: the text exactly, the pixels within a tolerance."
  )
  var check = false
  @Flag(help: "With --check, compare every file byte for byte.") var exact = false

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
    for name in only
    where Catalogue.entry(named: name) == nil && Animations.entry(named: name) == nil {
      throw ValidationError("no figure named '\(name)'; see 'downhill figures --list'")
    }
    let entries = only.isEmpty ? Catalogue.all : Catalogue.all.filter { only.contains($0.name) }
    let animations =
      only.isEmpty ? Animations.all : Animations.all.filter { only.contains($0.name) }
    // Only the figures read data; the animations compute theirs.
    let data = entries.isEmpty ? "figures/data" : try dataFolder()
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let inputs = CatalogueInputs(dataDirectory: URL(fileURLWithPath: data))
    let clock = ContinuousClock()
    let start = clock.now
    if check {
      try checkCommitted(entries: entries, animations: animations, inputs: inputs, formats: formats)
      return
    }
    func write(_ bytes: [UInt8], to path: String) throws {
      try AtomicFile.write(bytes, to: path)
      print("wrote \(path)")
    }
    try FileManager.default.createDirectory(
      atPath: "\(out)/text", withIntermediateDirectories: true)
    for entry in entries {
      let figure = try entry.make(inputs)
      for f in formats {
        try write(figure.render(format: f), to: "\(out)/\(entry.name).\(f.rawValue)")
      }
      try write(
        Array(TextRecord(figure.textInventory()).contents.utf8),
        to: CommittedFigureCheck.textRecordPath(name: entry.name, in: out))
    }
    for animation in animations {
      try write(animation.make(frames).encoded(), to: "\(out)/\(animation.name).gif")
    }
    let count = entries.count + animations.count
    let seconds = (clock.now - start).seconds
    print("\(count) figure\(count == 1 ? "" : "s") in \(DecimalText.fixed(seconds, decimals: 2)) s")
  }
}

extension FiguresCommand {
  /// --check: prints what differs for each figure, and throws when anything does.
  func checkCommitted(
    entries: [CatalogueEntry], animations: [AnimationEntry], inputs: CatalogueInputs,
    formats: [OutputFormat]
  ) throws {
    let checker = CommittedFigureCheck(exact: exact)
    func committed(_ path: String) -> [UInt8]? {
      FileManager.default.contents(atPath: path).map([UInt8].init)
    }
    var stale: [String] = []
    var files = 0
    for entry in entries {
      let figure = try entry.make(inputs)
      var problems: [String] = []
      let textPath = CommittedFigureCheck.textRecordPath(name: entry.name, in: out)
      let texts = try figure.textInventory()
      let text = checker.textDifferences(
        texts, committed: committed(textPath).map { String(decoding: $0, as: UTF8.self) })
      problems += text.map { "text: \($0)" }
      for f in formats {
        files += 1
        let path = "\(out)/\(entry.name).\(f.rawValue)"
        if let difference = try checker.fileDifference(
          figure, texts: texts, format: f, committed: committed(path))
        {
          problems.append("\(f.rawValue): \(difference)")
        }
      }
      if !problems.isEmpty {
        stale.append(entry.name)
        print("\(entry.name): " + problems.joined(separator: "\n  "))
      }
    }
    // Animations are frames of pixels with no text record: compared byte for byte.
    for animation in animations {
      files += 1
      let path = "\(out)/\(animation.name).gif"
      if try committed(path) != animation.make(frames).encoded() {
        stale.append("\(animation.name).gif")
        print("\(animation.name).gif: bytes differ")
      }
    }
    guard stale.isEmpty else { throw OutOfDate(files: stale) }
    print(
      "\(files == 1 ? "the file matches" : "all \(files) files match") what the code draws\(exact ? " byte for byte" : " (text exactly, pixels within tolerance)")"
    )
  }

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

/// `--check` found committed figures that differ from what the code draws (exit status 1, no
/// usage); what differs was printed above.
struct OutOfDate: Error, CustomStringConvertible {
  var files: [String]
  var description: String {
    "out of date (run 'downhill figures' and commit): \(files.joined(separator: ", "))"
  }
}
