import Downhill
import DownhillPlot

/// `sgd-high`: too large a step on the bowl f(x) = x² overshoots the valley, lands higher on
/// the other wall each time, and diverges.
public enum HighStep {
  /// Near the bottom, so the reader sees several bounces before the ball leaves the plot.
  public static let start = -1.5
  /// Each step multiplies x by 1 − 2γ = −1.2: across the minimum and 20 % further out.
  public static let step = 1.1

  /// Runs until f overflows, which the descent core reports as `.diverged`.
  public static func run() throws -> Descent.Result {
    try Descent.run(BowlDescent.function, start: [start], step: step, precision: 0.001)
  }

  /// The bowl with `run`'s balls up to the first one outside the axes, arrows between them, and
  /// a note of where the ball left and when f overflowed.
  public static func figure(for run: Descent.Result) throws -> Figure {
    let (figure, axes, f) = try BowlDescent.figure(
      title: "Too large a step: γ = 1.1 on f(x) = x² overshoots and diverges")
    let xs = run.path.map { $0[0] }
    // Up to the first point outside the axes: its arrow leaves the plot through the frame.
    let shown = (xs.firstIndex { !BowlDescent.xLimits.contains($0) } ?? xs.count - 1) + 1
    BowlDescent.drawBalls(
      Array(xs.prefix(shown)), numbered: shown, on: f, in: axes, color: Color(hex: 0xd62728))
    let gone = max(1, shown - 1)
    // Where the last arrow crosses the frame, so the reader sees which step it is.
    let (a, b) = (xs[gone - 1], xs[gone])
    let edge = b > 0 ? BowlDescent.xLimits.upperBound : BowlDescent.xLimits.lowerBound
    let exitY = f(a) + (edge - a) / (b - a) * (f(b) - f(a))
    axes.add(
      Annotation(
        b > 0 ? "to \(gone) →" : "← to \(gone)",
        at: (b > 0 ? edge - 0.1 : edge + 0.1, exitY + 1.2),
        anchor: TextAnchor(b > 0 ? .right : .left, .bottom), color: Color(hex: 0x333333),
        fontSize: 11))
    let centre = TextAnchor(.center, .center)
    axes.text("x ← x − γ·2x = −1.2·x: each step jumps across", at: 0, 34, anchor: centre)
    axes.text("the valley and lands 20 % further out.", at: 0, 32.2, anchor: centre)
    axes.text(
      "Step \(gone) leaves the plot (x\(NumberText.subscripts(gone)) = "
        + "\(NumberText.fixed(xs[gone], 2))); f overflows to ∞ after \(run.steps) steps.",
      at: 0, 30, anchor: centre, color: Color(hex: 0xd62728))
    return figure
  }
}
