import Downhill
import DownhillPlot
import Foundation

/// `train`'s progress, as Keras prints it: a line per epoch with mini-batches (per `perLine`
/// updates on the full batch, where each update is an epoch) that stays, and on a terminal a
/// live bar in between.
///
/// With mini-batches a line's cost and accuracy are the means over its batches (Keras's running
/// mean); on the full batch they are the last step's. Every number is the value before that
/// step's update, as the trainer reports it.
struct TrainingProgress {
  let display: ProgressLine
  /// The number of updates in the run.
  let total: Int
  /// Updates per line: an epoch's batches, or the report interval on the full batch.
  let perLine: Int
  /// Whether a line is an epoch (mini-batches) or an interval of full-batch steps.
  let epochs: Bool
  private var started = ContinuousClock.now
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

  /// Counts one step and redraws the live bar, or writes the line when the step ends one.
  mutating func record(_ report: StepReport) {
    let index = report.step / perLine
    let done = report.step % perLine + 1
    let inLine = min(perLine, total - index * perLine)
    if epochs {
      cost += report.loss
      error += report.meanAbsoluteError
      accuracy += report.accuracy ?? 0
      count += 1
    } else {
      (cost, error, accuracy, count) =
        (report.loss, report.meanAbsoluteError, report.accuracy ?? 0, 1)
    }
    // Text only for a line that ends here or a redraw that is due: this runs at every step.
    let ends = done == inLine
    guard ends || display.due else { return }
    let seconds = (ContinuousClock.now - started).seconds
    // On the full batch every update is an epoch, as Keras counts them.
    let label =
      epochs
      ? "Epoch \(index + 1)/\((total + perLine - 1) / perLine)"
      : "Epoch \(report.step + 1)/\(total)"
    var measures = ["cost \(Self.short(cost / Double(count)))"]
    if report.accuracy != nil {
      measures.append(
        "accuracy \(DecimalText.fixed(100 * accuracy / Double(count), decimals: 1)) %")
    } else {
      measures.append("mean |error| \(Self.short(error / Double(count)))")
    }
    let rate = seconds > 0 ? Double(done) / seconds : 0
    if ends {
      // cost and accuracy before the time, so that a narrow terminal keeps them.
      let counted = epochs ? ["\(done)/\(inLine)"] : []
      display.line(
        [label] + counted + measures + [
          "\(DecimalText.fixed(seconds, decimals: 1)) s",
          "\(DecimalText.fixed(rate, decimals: 0)) it/s",
        ], dropping: epochs ? [5, 4, 1] : [4, 3])
      started = ContinuousClock.now
      (cost, error, accuracy, count) = (0, 0, 0, 0)
    } else {
      // The bar: the epoch's batches, or on the full batch the whole run.
      let (finished, of) = epochs ? (done, inLine) : (report.step + 1, total)
      let left = rate > 0 ? Double(of - finished) / rate : 0
      display.update(
        label, done: finished, total: of,
        fields: (epochs ? ["\(done)/\(inLine)"] : []) + measures + [
          "\(DecimalText.fixed(left, decimals: 0)) s left"
        ], now: true)
    }
  }

  /// Four significant digits: enough to watch a cost fall.
  static func short(_ x: Double) -> String { String(format: "%.4g", x) }
}
