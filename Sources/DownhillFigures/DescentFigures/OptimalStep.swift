import Downhill
import DownhillPlot

/// `sgd-optimal`: a well-chosen step on the bowl f(x) = x² rolls the ball smoothly down.
public enum OptimalStep {
  /// High on the left wall, so the numbered balls spread out before they crowd at the bottom.
  public static let start = -4.0
  /// Each step multiplies x by 1 − 2γ = 0.8: always towards 0, never past it.
  public static let step = 0.1

  /// The descent from `start` until a step moves at most 0.001.
  public static func run() throws -> Descent.Result {
    try Descent.run(BowlDescent.function, start: [start], step: step, precision: 0.001)
  }

  /// The bowl with `run`'s balls numbered, the rule x ← 0.8·x and where it converged.
  public static func figure(for run: Descent.Result) throws -> Figure {
    let (figure, axes, f) = try BowlDescent.figure(
      title: "A well-chosen step: γ = 0.1 on f(x) = x² converges smoothly")
    BowlDescent.drawBalls(
      run.path.map { $0[0] }, numbered: 8, on: f, in: axes, color: Color(hex: 0x2ca02c))
    let centre = TextAnchor(.center, .center)
    axes.text("x ← x − γ·2x = 0.8·x: every step goes downhill,", at: 0, 34, anchor: centre)
    axes.text("and none overshoots the minimum at x = 0.", at: 0, 32.2, anchor: centre)
    axes.text(
      "Converged (|Δx| ≤ 0.001) after \(run.steps) steps at x = "
        + NumberText.fixed(run.minimum[0], 4),
      at: 0, 30, anchor: centre, color: Color(hex: 0x2ca02c))
    return figure
  }
}
