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

  @Option(help: "The folder to write into.", completion: .directory) var out = "figures"
  @Option(
    help: ArgumentHelp(
      "The folder holding the data the figures read (default: figures/data here, else beside the package this executable was built in).",
      valueName: "dir"), completion: .directory)
  var data: String?
  @Option(
    help:
      "Formats to write, comma-separated: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
    completion: .list(OutputFormat.allCases.map(\.rawValue)))
  var format = "png,svg"
  @Option(
    help: "Only these figures (repeatable).",
    completion: .list(Catalogue.all.map(\.name) + Animations.all.map(\.name)))
  var only: [String] = []
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
      for e in Animations.all { print("\(e.fileName)  \(e.summary)") }
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
    let chosen = Set(only.compactMap { Animations.entry(named: $0)?.name })
    let animations =
      only.isEmpty ? Animations.all : Animations.all.filter { chosen.contains($0.name) }
    // Only the figures read data; the animations compute theirs.
    let data = entries.isEmpty ? "figures/data" : try dataFolder()
    // --check writes nothing, not even the folder; a run that fails leaves no folder it made.
    // The text records go in text/ beside the figures (the animations have none).
    let made = check ? [] : try OutputFolder.create(entries.isEmpty ? out : "\(out)/text")
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
    var files = 0
    // The DocC catalogues' copies of figures, when writing the repository's figures/ beside them.
    let root = URL(fileURLWithPath: out).deletingLastPathComponent()
    func doccCopies(of file: String) -> [String] {
      (Catalogue.documentationCopies[file] ?? []).map { root.appendingPathComponent($0).path }
        .filter { FileManager.default.fileExists(atPath: $0) }
    }
    let checker = CommittedFigureCheck(exact: exact)
    func committed(_ path: String) -> [UInt8]? {
      FileManager.default.contents(atPath: path).map([UInt8].init)
    }
    // A line per figure, flushed as it is done (a log that is cut short still says what was
    // written); on a terminal the figure being drawn shows below them.
    let display = ProgressLine()
    defer { display.finish() }  // before an error's message too
    let total = entries.count + animations.count
    var index = 0
    func counted(_ name: String, _ draw: () throws -> Void) throws {
      index += 1
      display.update("[\(index)/\(total)] \(name) …", now: true)
      let started = clock.now
      try draw()
      let seconds = DecimalText.fixed((clock.now - started).seconds, decimals: 1)
      display.aside { print("[\(index)/\(total)] \(name)  \(seconds) s") }
    }
    for entry in entries {
      try counted(entry.name) {
        let figure = try entry.figure(inputs)
        let texts = try figure.textInventory()
        let recordPath = CommittedFigureCheck.textRecordPath(name: entry.name, in: out)
        // Written, or in --check mode compared with what is committed: the text record exactly,
        // each file by its pixels outside the text (`checker`).
        var problems: [String] = []
        if check {
          problems += checker.textDifferences(
            texts, committed: committed(recordPath).map { String(decoding: $0, as: UTF8.self) }
          ).map { "text: \($0)" }
        } else {
          try AtomicFile.write(Array(TextRecord(texts).contents.utf8), to: recordPath)
        }
        for f in formats {
          let bytes = try figure.render(format: f)
          let file = "\(entry.name).\(f.rawValue)"
          for (path, name) in [("\(out)/\(file)", f.rawValue)]
            + doccCopies(of: file).map({ ("\($0)/\(file)", "\($0)/\(file)") })
          {
            files += 1
            if !check {
              try AtomicFile.write(bytes, to: path)
            } else if let difference = try checker.fileDifference(
              figure, texts: texts, format: f, now: bytes, committed: committed(path))
            {
              problems.append("\(name): \(difference)")
            }
          }
        }
        if !problems.isEmpty {
          stale.append(entry.name)
          display.aside { print("\(entry.name): " + problems.joined(separator: "\n  ")) }
        }
      }
    }
    for animation in animations {
      // Animations are frames of pixels with no text record: compared byte for byte.
      try counted(animation.fileName) {
        let bytes = try animation.make(frames).encoded()
        let path = "\(out)/\(animation.fileName)"
        files += 1
        if !check {
          try AtomicFile.write(bytes, to: path)
        } else if committed(path) != bytes {
          stale.append(animation.fileName)
          display.aside { print("\(animation.fileName): bytes differ") }
        }
      }
    }
    display.finish()
    if check {
      guard stale.isEmpty else {
        throw OutOfDate(files: stale)
      }
      print(
        "\(files == 1 ? "the file matches" : "all \(files) files match") what the code draws\(exact ? " byte for byte" : " (text exactly, pixels within tolerance)")"
      )
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

/// `--check` found committed figures that differ from what the code draws (exit status 1, no
/// usage); what differs was printed above.
struct OutOfDate: Error, CustomStringConvertible {
  var files: [String]
  var description: String {
    "out of date (run 'downhill figures' and commit): \(files.joined(separator: ", "))"
  }
}
