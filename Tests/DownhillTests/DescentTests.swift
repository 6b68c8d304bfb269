import Foundation
import Testing

@testable import Downhill

/// `Tests/DownhillTests/Data/descent.json`, written by `scripts/oracle/t2_descent.py`.
struct DescentReference: Decodable {
  struct Run: Decodable {
    var function: String
    var start: [Double]
    var step: Double
    var precision: Double
    var minimum: [Double]
    var steps: Int
    var path_head: [[Double]]
  }
  var t2: Run
  var two_dimensional: Run

  static func load() throws -> DescentReference {
    try JSONDecoder().decode(Self.self, from: Data(contentsOf: TestData.url("descent", "json")))
  }
}

@Suite struct DescentTests {
  @Test(arguments: [\DescentReference.t2, \DescentReference.two_dimensional])
  func reproducesThePythonProgram(run: KeyPath<DescentReference, DescentReference.Run> & Sendable)
    throws
  {
    let reference = try DescentReference.load()[keyPath: run]
    let result = try Descent.run(
      reference.function, start: reference.start, step: reference.step,
      precision: reference.precision)
    #expect(result.outcome == .converged)
    #expect(result.steps == reference.steps)
    for (ours, theirs) in zip(result.minimum, reference.minimum) {
      // ≥ 10 significant digits; in practice the two agree to the last bit or two.
      #expect(abs(ours - theirs) <= 1e-12 * abs(theirs), "\(ours) vs python \(theirs)")
    }
    // The dual numbers compute d(3x³) as 3·(3x²) where Python writes 9x², so points may differ
    // in the last bit; the iteration contracts, so that never grows.
    for (ours, theirs) in zip(result.path, reference.path_head) {
      for (a, b) in zip(ours, theirs) { #expect(abs(a - b) <= 4 * b.ulp, "\(ours) vs \(theirs)") }
    }
    #expect(result.path.count == result.steps + 1)
  }

  @Test func t2MinimumIsNearNineQuarters() throws {
    let result = try Descent.run("x^4 - 3*x^3 + 2", start: [4], step: 0.01, precision: 0.00001)
    #expect(abs(result.minimum[0] - 2.25) < 1e-4)
    #expect(abs(result.value - (pow(2.25, 4) - 3 * pow(2.25, 3) + 2)) < 1e-7)
  }

  @Test func tooLargeAStepDivergesWithoutHanging() throws {
    let result = try Descent.run("x^4 - 3*x^3 + 2", start: [4], step: 0.1, precision: 0.00001)
    #expect(result.outcome == .diverged)
    #expect(result.steps < 100)
  }

  @Test func runningOutOfStepsIsReported() throws {
    let result = try Descent.run("x^2", start: [1], step: 1e-6, precision: 1e-12, maxSteps: 50)
    #expect(result.outcome == .maxSteps)
    #expect(result.steps == 50 && result.path.count == 51)
  }

  @Test func otherOptimizersAndAnnealing() throws {
    var adam = Adam(learningRate: 0.1)
    let viaAdam = try Descent.run(
      "(x-1)^2 + (y+2)^2", start: [0, 0], precision: 1e-9, maxSteps: 100_000, optimizer: &adam)
    #expect(viaAdam.outcome == .converged)
    #expect(abs(viaAdam.minimum[0] - 1) < 1e-6 && abs(viaAdam.minimum[1] + 2) < 1e-6)
    var annealing = SimulatedAnnealing(temperature: 0.5, cooling: 0.99, stepSize: 0.2, seed: 9)
    let annealed = try Descent.run(
      "x^4 - 3*x^3 + 2", start: [4], precision: 1e-5, maxSteps: 500, optimizer: &annealing)
    #expect(annealed.outcome == .maxSteps && annealed.steps == 500)
    #expect(abs(annealed.minimum[0] - 2.25) < 0.3)
  }

  @Test func badArgumentsThrow() {
    #expect(throws: DescentError.self) {
      try Descent.run("x^2", start: [1], step: 0, precision: 1e-5)
    }
    #expect(throws: DescentError.self) {
      try Descent.run("x^2", start: [], step: 0.1, precision: 1e-5)
    }
    #expect(throws: DescentError.self) {
      try Descent.run("x^2", start: [.nan], step: 0.1, precision: 1e-5)
    }
    #expect(throws: DescentError.self) {
      try Descent.run("x^2", start: [1], step: 0.1, precision: -1)
    }
    #expect(throws: DescentError.self) {
      try Descent.run("x^2", start: [1, 2, 3], step: 0.1, precision: 1e-5)
    }
    do {
      _ = try Descent.run("x*y", start: [1], step: 0.1, precision: 1e-5)
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "the function uses 'y' but the start has 1 coordinate (x)")
    }
    #expect(throws: DescentError.expression(.unknownVariable("z", column: 5, allowed: ["x", "y"])))
    {
      try Descent.run("x + z", start: [1, 1], step: 0.1, precision: 1e-5)
    }
  }
}
