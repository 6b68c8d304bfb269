import ArgumentParser
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
  @Option(help: "The folder holding the data the figures read.") var data = "figures/data"
  @Option(help: "Formats to write, comma-separated: png, svg, pdf.") var format = "png,svg"
  @Option(help: "Only these figures (repeatable).") var only: [String] = []
  @Flag(help: "List the figures and exit.") var list = false

  func run() throws {
    if list {
      for e in Catalogue.all { print("\(e.name)  \(e.summary)") }
      return
    }
    let formats = try format.split(separator: ",").map { name -> OutputFormat in
      guard let f = OutputFormat(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
        throw ValidationError("unknown format '\(name)': use png, svg or pdf")
      }
      return f
    }
    for name in only where Catalogue.entry(named: name) == nil {
      throw ValidationError("no figure named '\(name)'; see 'downhill figures --list'")
    }
    let entries = only.isEmpty ? Catalogue.all : Catalogue.all.filter { only.contains($0.name) }
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let inputs = CatalogueInputs(dataDirectory: URL(fileURLWithPath: data))
    let clock = ContinuousClock()
    let start = clock.now
    for entry in entries {
      let figure = try entry.make(inputs)
      for f in formats {
        let path = "\(out)/\(entry.name).\(f.rawValue)"
        try figure.write(to: path)
        print("wrote \(path)")
      }
    }
    print("\(entries.count) figure\(entries.count == 1 ? "" : "s") in \(clock.now - start)")
  }
}
