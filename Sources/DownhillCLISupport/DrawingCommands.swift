import ArgumentParser

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The commands that draw (`figures`, `plot`, `surface`, `contour`), which live in a second
/// executable, `downhill-draw`, beside `downhill`: the only one that links Cairo.
///
/// Cairo brings 15 shared libraries (X11, fontconfig, freetype, pixman…) that the loader maps
/// and relocates at every start of a process linking it. Without them (alternating runs,
/// medians of 150 and 60): `downhill tutorial t2` 4.4 → 3.1 ms; T4 with its full history saved
/// 20.2 → 18.1 ms, without a history 16.8 → 15.2 ms. So `downhill` trains, and hands a drawing
/// command, unchanged, to `downhill-draw`, whose root command is also called `downhill`: its
/// help and errors read the same. The configurations are here, once, for both: `downhill
/// --help` lists them too.
public enum DrawingCommands {
  public static let figures = CommandConfiguration(
    commandName: "figures",
    abstract: "Regenerate the tutorial figures into figures/.",
    discussion: """
      Examples:
        downhill figures                      # every figure, PNG and SVG, into figures/
        downhill figures --only xor-learning-rates --format png --out /tmp/figs
        downhill figures --list
      """)

  public static let plot = CommandConfiguration(
    commandName: "plot",
    abstract: "Plot the columns of a CSV file as lines, to PNG, SVG or PDF.",
    discussion: """
      The CSV needs a header row. The first column is x unless --x names another; every \
      other column is a series unless --y picks some. The output format follows the file \
      extension.

      Examples:
        downhill plot figures/data/xor-loss.csv --out loss.png --logy
        downhill plot run.csv --x step --y loss --y accuracy --out run.svg --title "Training"
      """)

  public static let surface = CommandConfiguration(
    commandName: "surface",
    abstract: "Draw a tutorial cost surface in 3D, with descent paths over it.",
    discussion: """
      Examples:
        downhill surface --problem not --cost mse --out mse.png
        downhill surface --cost cross-entropy --grid 120 --starts 5 --optimizer adam --alpha 0.5 --out ce.svg
        downhill surface --cost mse --azimuth 200 --elevation 45 --out view.pdf
      """)

  public static let contour = CommandConfiguration(
    commandName: "contour",
    abstract: "Draw a tutorial cost surface as contours, with descent paths over it.",
    discussion: """
      Examples:
        downhill contour --cost cross-entropy --starts 5 --out ce-contours.png
        downhill contour --cost mse --grid 300 --starts 3 --optimizer momentum --alpha 1 --out mse.svg
      """)

  // An array: the first Set<String> of a process costs a conformance lookup over the binary.
  static let names = [figures, plot, surface, contour].compactMap(\.commandName)

  /// The drawing executable's name: `swift build` builds it beside `downhill`.
  public static let executable = "downhill-draw"

  /// Replaces this process with `downhill-draw` if `arguments` (argv) name a drawing command,
  /// or ask for its help (`downhill help plot`); otherwise returns. If it cannot, it says why
  /// and exits with status 1.
  public static func forwardIfDrawing(_ arguments: [String]) {
    let at = arguments.count > 2 && arguments[1] == "help" ? 2 : 1
    guard arguments.count > at, names.contains(arguments[at]) else { return }
    let path = siblingPath()
    var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments.dropFirst()).map { strdup($0) }
    argv.append(nil)
    execv(path, argv)
    let problem =
      errno == ENOENT ? "is not built" : "cannot run (\(String(cString: strerror(errno))))"
    var message =
      "Error: 'downhill \(arguments[at])' draws with \(path), which \(problem): run 'swift build'"
      + " (add -c release for a release build), which builds both, or install it beside downhill\n"
    message.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    exit(1)
  }

  /// `downhill-draw` in this executable's folder.
  private static func siblingPath() -> String {
    var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX))
    let length = readlink("/proc/self/exe", &buffer, buffer.count)
    let me =
      length > 0 ? String(decoding: buffer[..<length], as: UTF8.self) : CommandLine.arguments[0]
    let folder = me.lastIndex(of: "/").map { String(me[..<$0]) } ?? "."
    return folder + "/" + executable
  }
}
