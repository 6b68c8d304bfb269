import DownhillPlot
import Foundation

/// Progress on standard error, as Keras and tqdm show it: lines that stay (one per epoch, per
/// figure) and, on a terminal, one live line under them with a bar, redrawn at most ten times a
/// second and cut to the terminal's width so that it never wraps. Not on a terminal there is no
/// live line, and each line that stays is written whole at once; quiet, nothing is written.
final class ProgressLine: @unchecked Sendable {
  /// Whether the live line is drawn: standard error is a terminal and not quiet.
  let live: Bool
  private let quiet: Bool
  // The landscape's grid reports from several threads.
  private let lock = NSLock()
  private var drawn: ContinuousClock.Instant?
  private var onScreen = false

  init(quiet: Bool = false) {
    self.quiet = quiet
    live = !quiet && isatty(2) != 0
  }

  /// The terminal's width: TIOCGWINSZ, else $COLUMNS, else 80.
  static func columns() -> Int {
    var size = winsize()
    if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 0 {
      return n
    }
    return 80
  }

  /// Whether `update` would redraw now: the live line is drawn, and not within the last tenth of
  /// a second. Lets a caller called at every step build its text only when it is shown.
  var due: Bool {
    guard live else { return false }
    lock.lock()
    defer { lock.unlock() }
    return drawn.map { ContinuousClock.now - $0 >= .milliseconds(100) } ?? true
  }

  /// Redraws the live line, at most ten times a second unless `now`: `prefix`, a bar of `done`
  /// out of `total` filling the width left, then as many of `fields` as fit.
  func update(
    _ prefix: String, done: Int? = nil, total: Int? = nil, fields: [String] = [],
    now: Bool = false
  ) {
    guard live else { return }
    lock.lock()
    defer { lock.unlock() }
    let time = ContinuousClock.now
    if !now, let drawn, time - drawn < .milliseconds(100) { return }
    drawn = time
    // The last column stays empty: writing into it wraps on some terminals.
    let width = Self.columns() - 1
    var shown = fields
    var text = ""
    while true {
      let after = shown.isEmpty ? "" : "  " + shown.joined(separator: "  ")
      let room = width - prefix.count - after.count - 3
      if let done, let total, total > 0, room >= 6 {
        let bar = min(room, 50)
        let filled = min(bar, max(0, done) * bar / total)
        let head = filled < bar && filled > 0 ? ">" : ""
        text =
          "\(prefix) [" + String(repeating: "=", count: filled - head.count) + head
          + String(repeating: ".", count: bar - filled) + "]" + after
        break
      }
      if shown.isEmpty || (done == nil && prefix.count + after.count <= width) {
        text = prefix + after
        break
      }
      shown.removeLast()
    }
    write("\r" + Self.fit(text, width) + "\u{1B}[K")
    onScreen = true
  }

  /// A line that stays, in place of the live line. On a terminal the fields that do not fit its
  /// width are left out, those at `dropping` first (in that order), then from the end; elsewhere
  /// the line is whole.
  func line(_ fields: [String], dropping order: [Int] = []) {
    guard !quiet else { return }
    lock.lock()
    defer { lock.unlock() }
    let width = Self.columns() - 1
    var shown: [String?] = fields
    var order = order[...]
    func text() -> String { shown.compactMap { $0 }.joined(separator: "  ") }
    while live && text().count > width && shown.compactMap({ $0 }).count > 1 {
      if let next = order.popFirst() {
        shown[next] = nil
      } else if let last = shown.lastIndex(where: { $0 != nil }) {
        shown[last] = nil
      }
    }
    write((onScreen ? "\r\u{1B}[K" : "") + (live ? Self.fit(text(), width) : text()) + "\n")
    onScreen = false
    drawn = nil
  }

  /// Runs `body`, which prints to standard output, with the live line cleared first and standard
  /// output flushed after, so that what it prints never glues onto the bar.
  func aside(_ body: () -> Void) {
    lock.lock()
    if onScreen { write("\r\u{1B}[K") }
    onScreen = false
    drawn = nil
    lock.unlock()
    body()
    fflush(nil)  // every output stream: standard output is the one written
  }

  /// Clears the live line.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if onScreen { write("\r\u{1B}[K") }
    onScreen = false
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// `text` cut to `width` characters, with "…" when cut.
  private static func fit(_ text: String, _ width: Int) -> String {
    text.count <= width ? text : String(text.prefix(max(width - 1, 0))) + "…"
  }
}
