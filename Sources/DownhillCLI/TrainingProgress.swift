import Downhill
import DownhillPlot
import Foundation

/// `train`'s progress, as Keras prints it: a line per epoch that stays, and on a terminal a live
/// bar in between.
///
/// With mini-batches the trainer reports every step, and a line's cost and accuracy are the means
/// over the epoch's batches (Keras's running mean). On the full batch every update is an epoch;
/// the trainer reports every `tick` steps and the last, and a line every `perLine` updates shows
/// the numbers of the weights after them. Every number is that of the weights a step starts
/// from, as the trainer reports it.
struct TrainingProgress {
  let display: ProgressLine
  /// The number of updates in the run.
  let total: Int
  /// Updates per line: an epoch's batches, or the report interval on the full batch.
  let perLine: Int
  /// Whether the run takes mini-batches (a line per epoch of them) or the full batch.
  let epochs: Bool
  private var started = ContinuousClock.now
  private var lineStart = 0
  private var cost = 0.0
  private var error = 0.0
  private var accuracy = 0.0
  private var count = 0

  init(display: ProgressLine, total: Int, perLine: Int, epochs: Bool) {
    self.display = display
    self.total = total
    self.perLine = max(perLine, 1)
    self.epochs = epochs
  }

  /// How often the trainer reports on the full batch: a divisor of the line interval and of
  /// `--report-every` (so that both land on reported steps), near a thousandth of the run (so
  /// that a tiny network's steps are not slowed by the reports).
  static func tick(perLine: Int, reportEvery: Int?, total: Int) -> Int {
    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    return gcd(gcd(perLine, reportEvery ?? perLine), max(total / 1000, 1))
  }

  /// Counts one reported step and redraws the live bar, or writes the line when the step ends
  /// one.
  mutating func record(_ report: StepReport) {
    let ends: Bool
    // The bar's progress, and the updates since the last line (for the rate).
    let (finished, of, done): (Int, Int, Int)
    if epochs {
      let index = report.step / perLine
      let inLine = min(perLine, total - index * perLine)
      let step = report.step % perLine + 1
      ends = step == inLine
      (finished, of, done) = (step, inLine, step)
      cost += report.loss
      error += report.meanAbsoluteError
      accuracy += report.accuracy ?? 0
      count += 1
    } else {
      let last = report.step == total - 1
      let updates = last ? total : report.step
      ends = last || (updates > 0 && updates % perLine == 0)
      (finished, of, done) = (updates, total, updates - lineStart)
      (cost, error, accuracy, count) =
        (report.loss, report.meanAbsoluteError, report.accuracy ?? 0, 1)
    }
    // Text only for a line that ends here or a redraw that is due: this can run at every step.
    guard ends || display.due else { return }
    let seconds = (ContinuousClock.now - started).seconds
    let label =
      epochs
      ? "Epoch \(report.step / perLine + 1)/\((total + perLine - 1) / perLine)"
      : "Epoch \(finished)/\(total)"
    var measures = ["cost \(Self.short(cost / Double(count)))"]
    if report.accuracy != nil {
      measures.append(
        "accuracy \(DecimalText.fixed(100 * accuracy / Double(count), decimals: 1)) %")
    } else {
      measures.append("mean |error| \(Self.short(error / Double(count)))")
    }
    let rate = seconds > 0 ? Double(done) / seconds : 0
    let counted = epochs ? ["\(finished)/\(of)"] : []
    if ends {
      // cost and accuracy before the time, so that a narrow terminal keeps them.
      display.line(
        [label] + counted + measures + [
          "\(DecimalText.fixed(seconds, decimals: 1)) s",
          "\(DecimalText.fixed(rate, decimals: 0)) it/s",
        ], dropping: epochs ? [5, 4, 1] : [4, 3])
      started = ContinuousClock.now
      lineStart = finished
      (cost, error, accuracy, count) = (0, 0, 0, 0)
    } else {
      let left = rate > 0 ? Double(of - finished) / rate : 0
      display.update(
        label, done: finished, total: of,
        fields: counted + measures + ["\(DecimalText.fixed(left, decimals: 0)) s left"],
        now: true)
    }
  }

  /// Four significant digits: enough to watch a cost fall.
  static func short(_ x: Double) -> String { String(format: "%.4g", x) }
}
