import ArgumentParser
import Downhill
import DownhillFigures
import DownhillPlot
import Foundation

/// `downhill landscape RUN`: the loss over a plane through a recorded run's final weights.
struct LandscapeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "landscape",
    abstract: "Compute the loss over a plane around a recorded run's final weights, and draw it.",
    discussion: """
      The plane is final weights + α·d₁ + β·d₂ with d₁, d₂ two random directions whose filters \
      are scaled to the weights' (Li et al. 2018), or the training path's first two principal \
      components; the loss is evaluated on the run's data at every point. --shard K/N computes \
      every N-th row of β from K into a partial file (--save), and `downhill landscape merge` \
      joins the parts: a job array (Slurm --array, GNU parallel) spreads a large grid, with the \
      same result as one process, byte for byte.

      Examples:
        downhill landscape runs/xor --grid 51 --range -1:1 --out land.svg --save land.npz
        downhill landscape runs/mnist --grid 101 --shard 3/8 --save part3.npz
        downhill landscape merge part*.npz --out land.npz
      """,
    subcommands: [Compute.self, Merge.self], defaultSubcommand: Compute.self)

  struct Compute: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "compute", abstract: "Compute a landscape (the default).")

    @Argument(help: "The history folder.", completion: .directory) var history: String
    @Option(help: "Points a side of the grid (2…1001).") var grid = 51
    @Option(parsing: .unconditional, help: "The range of α and β, LOW:HIGH.") var range = "-1:1"
    @Option(
      help: "Directions: random (filter-normalised) or pca (of the training path).",
      completion: .list(["random", "pca"]))
    var directions = "random"
    @Option(help: "Seed of the random directions.") var seed: UInt32 = 2
    @Option(help: "Compute only every N-th β row from K (K/N, from 0); needs --save.")
    var shard: String?
    @Option(help: "The figure's file: .png, .svg or .pdf.") var out: String?
    @Option(help: "Save the grid and its directions as .npz (numpy's np.load reads it).")
    var save: String?
    @Option(help: "Where the run's data is now, if it moved.") var data: String?
    @Option(help: "Use only the first N examples of the data.") var examples: Int?
    @OptionGroup var svg: SVGOutputOptions

    func validate() throws {
      guard (2...1001).contains(grid) else { throw ValidationError("--grid must be 2…1001") }
      guard out != nil || save != nil else {
        throw ValidationError("give --out FILE, --save FILE.npz, or both")
      }
      if let out, OutputFormat(path: out) == nil {
        throw ValidationError(PlotError.unknownFormat(path: out).description)
      }
      if let save, !save.hasSuffix(".npz") {
        throw ValidationError("--save needs a .npz file name")
      }
      if shard != nil && (save == nil || out != nil) {
        throw ValidationError("a shard is part of a grid: give --save PART.npz and no --out")
      }
      guard ["random", "pca"].contains(directions) else {
        throw ValidationError("unknown --directions '\(directions)' (random, pca)")
      }
      if let examples, examples <= 0 { throw ValidationError("--examples must be positive") }
      _ = try bounds()
      _ = try part()
    }

    /// --range as (low, high); a malformed range is a usage error.
    private func bounds() throws -> (low: Double, high: Double) {
      let parts = range.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]),
        low.isFinite, high.isFinite, low < high
      else {
        throw ValidationError("--range must be LOW:HIGH with finite LOW < HIGH, got '\(range)'")
      }
      return (low, high)
    }

    /// --shard as the part of the grid to compute; a malformed shard is a usage error.
    private func part() throws -> LandscapeShard {
      guard let text = shard else { return .whole }
      let kn = text.split(separator: "/")
      guard kn.count == 2, let k = Int(kn[0]), let n = Int(kn[1]) else {
        throw ValidationError("--shard must be K/N, e.g. 3/8, got '\(text)'")
      }
      do { return try LandscapeShard(index: k, of: n) } catch {
        throw ValidationError("--shard \(text): \(error)")
      }
    }

    func run() throws {
      do { try compute() } catch let error as CLIError { throw error } catch {
        throw CLIError("\(error)")
      }
    }

    private func compute() throws {
      let (low, high) = try bounds()
      let part = try part()
      let run = try History(contentsOf: URL(fileURLWithPath: history))
      guard let final = run.finalParameters else {
        throw CLIError(
          "\(history) has no final weights (saved before history format 2): train it again")
      }
      guard let source = run.metadata.datasetSource else {
        throw CLIError("meta.json does not say where the run's data is: pass --data PATH")
      }
      let all = try source.load(path: data)
      let dataset = examples.map { all.prefix($0) } ?? all
      let network = try run.metadata.network(parameters: final)
      let (d1, d2): ([Double], [Double])
      if directions == "pca" {
        let pca = try TrajectoryPCA(history: run, final: final)
        (d1, d2) = (pca.first, pca.second)
      } else {
        var generator = SeededGenerator(seed: seed)
        (d1, d2) = network.randomDirections(generator: &generator)
      }
      let landscape = try LossLandscape(
        network: network, inputs: dataset.inputs, targets: dataset.targets, directions: d1, d2)
      let axis = try LossLandscape.axis(from: low, to: high, count: grid)
      let progress = ProgressLine()
      let start = ContinuousClock.now
      let result = try landscape.grid(alphas: axis, betas: axis, shard: part) { done, total in
        let elapsed = (ContinuousClock.now - start).seconds
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        progress.update(
          "points", done: done, total: total,
          fields: [
            "\(done)/\(total)", "\(DecimalText.fixed(rate, decimals: 1))/s",
            "\(DecimalText.fixed(left, decimals: 0)) s left",
          ], now: done == total)
      }
      progress.finish()
      if let save {
        try result.write(to: URL(fileURLWithPath: save))
        print("wrote \(save)")
      }
      if let out {
        let name = directions == "pca" ? "principal component" : "direction"
        try LandscapeFigure.figure(
          try result.surface(),
          title:
            "Loss around the final weights of \(URL(fileURLWithPath: history).lastPathComponent)",
          directions: name
        ).write(to: out, svg: svg.options)
        print("wrote \(out)")
      }
    }
  }

  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge", abstract: "Join the partial grids of --shard runs into one.")

    @Argument(help: "The partial .npz files.", completion: .file(extensions: ["npz"]))
    var parts: [String]
    @Option(help: "The whole grid: .npz, or a figure (.png, .svg, .pdf).") var out: String
    @OptionGroup var svg: SVGOutputOptions

    func run() throws {
      do {
        let grids = try parts.map { path in
          do { return try LandscapeGrid(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CLIError("\(path): \(error)")
          }
        }
        let whole = try LandscapeGrid.merge(grids)
        if out.hasSuffix(".npz") {
          try whole.write(to: URL(fileURLWithPath: out))
        } else {
          try LandscapeFigure.figure(
            try whole.surface(), title: "Loss landscape", directions: "direction"
          ).write(to: out, svg: svg.options)
        }
        print("wrote \(out)")
      } catch let error as CLIError { throw error } catch { throw CLIError("\(error)") }
    }
  }
}
