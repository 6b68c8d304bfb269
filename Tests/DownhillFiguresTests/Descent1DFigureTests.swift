import Downhill
import DownhillPlot
import Testing

@testable import DownhillFigures

@Suite struct Descent1DFigureTests {
  /// The 1D figures read no data: they draw from a folder that does not exist.
  @Test(arguments: Catalogue.descent1D.map(\.name))
  func drawWithoutData(name: String) throws {
    let entry = try #require(Catalogue.entry(named: name))
    let figure = try entry.make(
      CatalogueInputs(dataDirectory: .init(fileURLWithPath: "/nonexistent")))
    #expect(try !figure.textInventory().isEmpty)
  }

  @Test func quarticPathEndsAtT2sPrintedMinimum() throws {
    let run = try QuarticDescent.run()
    #expect(run.outcome == .converged)
    #expect(run.path.first == [4])
    #expect(run.path.last == run.minimum)
    #expect(abs(run.minimum[0] - QuarticDescent.analyticMinimum) < 1e-4)
    // The annotation prints what T2 prints.
    #expect(Tutorials.t2().contains("Local minimum occurs at \(run.minimum[0])"))
    #expect(Tutorials.t2().contains("Number of steps: \(run.steps)"))
  }

  @Test func quarticFigureShowsEveryIterate() throws {
    let run = try QuarticDescent.run()
    let figure = try QuarticDescent.figure(for: run)
    let curve = figure.grid[0][0]
    let points = curve.marks.compactMap { $0 as? ScatterMark }
    #expect(points.count == 1)
    #expect(points[0].x == run.path.map { $0[0] })
    // Every iterate, the start x₀ = 4 (f = 66) included, inside the limits the figure shows.
    let y = try #require(curve.yLimits)
    let f = try Curve(QuarticDescent.function)
    for x in run.path.map({ $0[0] }) {
      #expect(y.contains(try f(x)), "f(\(x)) off the plot")
    }
    #expect(y.contains(-7))
    // The zoomed panel has every step, one point each.
    let steps = figure.grid[0][1].marks.compactMap { $0 as? ScatterMark }
    #expect(steps.count == 1 && steps[0].x.count == run.path.count)
  }

  @Test func optimalStepApproachesZeroFromOneSide() throws {
    let run = try OptimalStep.run()
    #expect(run.outcome == .converged)
    let xs = run.path.map { $0[0] }
    #expect(xs.allSatisfy { $0 <= 0 })
    #expect(zip(xs, xs.dropFirst()).allSatisfy { $0 < $1 })
    #expect(abs(run.minimum[0]) < 0.01)
  }

  @Test func highStepOvershootsEveryTimeAndDiverges() throws {
    let run = try HighStep.run()
    #expect(run.outcome == .diverged)
    let xs = run.path.map { $0[0] }.prefix(20)
    // Each step lands on the other side of the minimum, further out than before.
    #expect(zip(xs, xs.dropFirst()).allSatisfy { $0 * $1 < 0 && abs($1) > abs($0) })
  }

  @Test func oneBallStuckOneGlobal() throws {
    let (stuck, global) = try LocalMinimum.run()
    let minima = try WavyValley.minima()
    #expect(minima.count == 3)
    let values = try minima.map { try Curve(WavyValley.function)($0) }
    let globalIndex = values.indices.min { values[$0] < values[$1] }!
    #expect(abs(global.minimum[0] - minima[globalIndex]) < 1e-4)
    #expect(abs(stuck.minimum[0] - minima[2]) < 1e-4)
    #expect(stuck.value > global.value + 1)
    #expect(stuck.outcome == .converged && global.outcome == .converged)
  }

  @Test func everyBallEndsInTheMinimumOfItsBasin() throws {
    let balls = try RandomStartsEnsemble.run()
    #expect(balls.count == RandomStartsEnsemble.count)
    #expect(balls.allSatisfy { $0.run.outcome == .converged })
    #expect(balls.allSatisfy { $0.endMinimum == $0.basin })
    #expect(Set(balls.map(\.basin)) == [0, 1, 2])
    // Seeded: the same starts every time.
    #expect(try RandomStartsEnsemble.run().map(\.start) == balls.map(\.start))
  }

  @Test func t5PreActivationsSitWhereTheSigmoidIsFlat() throws {
    let z = try StretchedSigmoid.preActivations()
    #expect(z.count == 1002)
    #expect(z.allSatisfy { $0 > 100 })
    let worst = z.max()!
    #expect(StretchedSigmoid.slope(worst, stretch: 1) < 1e-40)
    #expect(StretchedSigmoid.slope(worst, stretch: 1) > 0)
    #expect(StretchedSigmoid.slope(worst, stretch: StretchedSigmoid.stretch) > 1e-5)
  }

  @Test func criticalPointsOfAKnownCurve() throws {
    // f′ = x²(4x − 9): only the minimum at 9/4 changes sign (0 is a double root).
    let points = try Curve(QuarticDescent.function).criticalPoints(in: -2...4)
    #expect(points.count == 1)
    #expect(abs(points[0].x - 2.25) < 1e-9 && points[0].isMinimum)
  }

  @Test func numbersUseATrueMinus() {
    #expect(NumberText.fixed(-0.96149, 2) == "−0.96")
    #expect(NumberText.fixed(-0.0001, 2) == "0.00")
    #expect(NumberText.subscripts(17) == "₁₇")
    #expect(StretchedSigmoid.superscripts(-139) == "⁻¹³⁹")
  }
}
