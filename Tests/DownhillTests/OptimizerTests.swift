import Foundation
import Testing

@testable import Downhill

/// `Tests/DownhillTests/Data/optimizer_steps.json`, written by `scripts/oracle/optimizers.py`.
struct OptimizerReference: Decodable {
  struct Case: Decodable {
    var optimizer: String
    var hyper: [String: Double]
    var function: String
    var start: [Double]
    var points: [[Double]]
    var values: [Double]
  }
  struct LBFGSRun: Decodable {
    var start: [Double]
    var x: [Double]
    var nit: Int
    var nfev: Int
  }
  struct SGDRun: Decodable {
    var learningRate: Double
    var steps: Int
  }
  var cases: [Case]
  var lbfgs_rosenbrock: LBFGSRun
  var sgd_rosenbrock_steps_to_1e_6: SGDRun

  enum CodingKeys: String, CodingKey {
    case cases, lbfgs_rosenbrock
    case sgd_rosenbrock_steps_to_1e_6 = "sgd_rosenbrock_steps_to_1e-6"
  }

  static let shared: OptimizerReference = {
    let data = try! Data(contentsOf: TestData.url("optimizer_steps", "json"))
    return try! JSONDecoder().decode(OptimizerReference.self, from: data)
  }()
}

/// Runs `optimizer` for `steps` steps and returns every point visited (start included).
func path(
  _ optimizer: inout some Optimizer, _ function: TestFunction, from start: [Double], steps: Int
)
  -> [[Double]]
{
  minimize(function.objective, from: start, optimizer: &optimizer, steps: steps).points
}

func function(named name: String) -> TestFunction {
  switch name {
  case "rosenbrock": .rosenbrock
  case "beale": .beale
  default: .bowl
  }
}

@Suite struct OptimizerTests {
  @Test(arguments: OptimizerReference.shared.cases.map { "\($0.optimizer)/\($0.function)" })
  func firstStepsMatchNumpy(label: String) throws {
    let reference = try #require(
      OptimizerReference.shared.cases.first { "\($0.optimizer)/\($0.function)" == label })
    let h = reference.hyper
    let f = function(named: reference.function)
    let steps = reference.points.count - 1
    let points: [[Double]]
    switch reference.optimizer {
    case "sgd":
      var o = SGD(learningRate: h["learningRate"]!)
      points = path(&o, f, from: reference.start, steps: steps)
    case "momentum":
      var o = SGD(learningRate: h["learningRate"]!, momentum: h["momentum"]!)
      points = path(&o, f, from: reference.start, steps: steps)
    case "nesterov":
      var o = SGD(learningRate: h["learningRate"]!, momentum: h["momentum"]!, nesterov: true)
      points = path(&o, f, from: reference.start, steps: steps)
    case "adagrad":
      var o = AdaGrad(learningRate: h["learningRate"]!, epsilon: h["epsilon"]!)
      points = path(&o, f, from: reference.start, steps: steps)
    case "rmsprop":
      var o = RMSProp(learningRate: h["learningRate"]!, rho: h["rho"]!, epsilon: h["epsilon"]!)
      points = path(&o, f, from: reference.start, steps: steps)
    case "adadelta":
      var o = AdaDelta(learningRate: h["learningRate"]!, rho: h["rho"]!, epsilon: h["epsilon"]!)
      points = path(&o, f, from: reference.start, steps: steps)
    case "adam":
      var o = Adam(
        learningRate: h["learningRate"]!, beta1: h["beta1"]!, beta2: h["beta2"]!,
        epsilon: h["epsilon"]!)
      points = path(&o, f, from: reference.start, steps: steps)
    case "lbfgs":
      var o = LBFGS(memory: Int(h["memory"]!))
      points = path(&o, f, from: reference.start, steps: steps)
    case "annealing":
      var o = SimulatedAnnealing(
        temperature: h["temperature"]!, cooling: h["cooling"]!, stepSize: h["stepSize"]!,
        seed: UInt64(h["seed"]!))
      points = path(&o, f, from: reference.start, steps: steps)
    default:
      Issue.record("unknown optimizer \(reference.optimizer)")
      return
    }
    #expect(points.count == reference.points.count)
    for (k, (ours, theirs)) in zip(points, reference.points).enumerated() {
      for (a, b) in zip(ours, theirs) {
        #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "step \(k): \(ours) vs numpy \(theirs)")
      }
    }
  }

  @Test func lbfgsReachesRosenbrockMinimumFarFasterThanSGD() {
    let reference = OptimizerReference.shared
    var lbfgs = LBFGS()
    let run = minimize(
      TestFunction.rosenbrock.objective, from: [-1.2, 1], optimizer: &lbfgs, steps: 200,
      tolerance: 1e-9)
    #expect(run.stop == .converged)
    #expect(abs(run.final[0] - 1) < 1e-6 && abs(run.final[1] - 1) < 1e-6, "\(run.final)")
    // scipy's L-BFGS-B needs `nit` iterations; ours should be in the same league...
    #expect(
      run.steps <= 2 * reference.lbfgs_rosenbrock.nit,
      "\(run.steps) steps, scipy \(reference.lbfgs_rosenbrock.nit)")
    // ...while plain gradient descent needs tens of thousands (numpy-measured).
    #expect(reference.sgd_rosenbrock_steps_to_1e_6.steps > 100 * run.steps)
    var sgd = SGD(learningRate: reference.sgd_rosenbrock_steps_to_1e_6.learningRate)
    let slow = minimize(
      TestFunction.rosenbrock.objective, from: [-1.2, 1], optimizer: &sgd, steps: run.steps)
    #expect(abs(slow.final[0] - 1) > 0.1)
  }

  @Test func lbfgsSolvesBealeAndAQuadraticExactly() {
    var lbfgs = LBFGS()
    let beale = minimize(
      TestFunction.beale.objective, from: [1, 1], optimizer: &lbfgs, steps: 200, tolerance: 1e-10)
    #expect(beale.stop == .converged)
    #expect(abs(beale.final[0] - 3) < 1e-6 && abs(beale.final[1] - 0.5) < 1e-6, "\(beale.final)")
    // On a quadratic, L-BFGS with Wolfe line searches needs a handful of steps per dimension.
    var fresh = LBFGS(memory: 5)
    let bowl = TestFunction.quadraticBowl(scales: [1, 3, 10, 30])
    let run = minimize(
      bowl.objective, from: [1, -2, 0.5, 0.1], optimizer: &fresh, steps: 50, tolerance: 1e-10)
    #expect(run.stop == .converged)
    #expect(run.steps < 30, "\(run.steps)")
  }

  @Test(arguments: [
    "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "lbfgs", "annealing",
  ])
  func convergesOnABowl(name: String) {
    let bowl = TestFunction.bowl
    let start = [1.5, -1.0]
    let run: Trajectory
    switch name {
    case "sgd":
      var o = SGD(learningRate: 0.04);
      run = minimize(bowl.objective, from: start, optimizer: &o, steps: 2000)
    case "momentum":
      var o = SGD(learningRate: 0.02, momentum: 0.9);
      run = minimize(bowl.objective, from: start, optimizer: &o, steps: 2000)
    case "nesterov":
      var o = SGD(learningRate: 0.02, momentum: 0.9, nesterov: true);
      run = minimize(bowl.objective, from: start, optimizer: &o, steps: 2000)
    case "adagrad":
      var o = AdaGrad(learningRate: 0.5);
      run = minimize(bowl.objective, from: start, optimizer: &o, steps: 2000)
    case "rmsprop":
      var o = RMSProp(learningRate: 0.01);
      run = minimize(bowl.objective, from: start, optimizer: &o, steps: 2000)
    case "adadelta":
      var o = AdaDelta(learningRate: 0.05, rho: 0.9, epsilon: 1e-2);
      run = minimize(bowl.objective, from: start, optimizer: &o, steps: 2000)
    case "adam":
      var o = Adam(learningRate: 0.05);
      run = minimize(bowl.objective, from: start, optimizer: &o, steps: 2000)
    case "lbfgs":
      var o = LBFGS(); run = minimize(bowl.objective, from: start, optimizer: &o, steps: 2000)
    default:
      var o = SimulatedAnnealing(temperature: 0.1, cooling: 0.995, stepSize: 0.1, seed: 1);
      run = minimize(bowl.objective, from: start, optimizer: &o, steps: 2000)
    }
    #expect(run.stop != .diverged)
    #expect(run.finalValue < 1e-3, "\(name) ended at \(run.final), f = \(run.finalValue)")
    #expect(run.finalValue < run.values[0])
  }

  @Test func minimizeRecordsEveryPointAndStopsOnDivergence() {
    var sgd = SGD(learningRate: 0.5)  // too large for the y direction (curvature 20)
    let run = minimize(TestFunction.bowl.objective, from: [1, 1], optimizer: &sgd, steps: 10_000)
    #expect(run.stop == .diverged)
    #expect(run.steps < 1000)
    #expect(run.points.count == run.values.count && run.values.count == run.gradients.count)
    #expect(run.evaluations == run.points.count)
    var good = SGD(learningRate: 0.01)
    let converged = minimize(
      TestFunction.quartic.objective, from: [4], optimizer: &good, steps: 10_000, tolerance: 1e-8)
    #expect(converged.stop == .converged)
    #expect(abs(converged.final[0] - 2.25) < 1e-8)
  }

  @Test func annealingIsReproducibleAndAcceptsAnyGenerator() {
    var a = SimulatedAnnealing(seed: 3)
    var b = SimulatedAnnealing(generator: SplitMix64(seed: 3))
    let f = TestFunction.rosenbrock.objective
    #expect(
      minimize(f, from: [0, 0], optimizer: &a, steps: 50).points
        == minimize(f, from: [0, 0], optimizer: &b, steps: 50).points)
    var system = SimulatedAnnealing(generator: SystemRandomNumberGenerator())
    let run = minimize(f, from: [0, 0], optimizer: &system, steps: 50)
    #expect(run.steps == 50)
  }

  @Test func analyticGradientsMatchFiniteDifferences() {
    for function in [TestFunction.rosenbrock, .beale, .bowl, .quartic] {
      let point = Array([0.7, -0.3][..<function.dimension])
      let gradient = function.evaluate(point).gradient
      for i in point.indices {
        var plus = point, minus = point
        plus[i] += 1e-6
        minus[i] -= 1e-6
        let numeric = (function.evaluate(plus).value - function.evaluate(minus).value) / 2e-6
        #expect(abs(numeric - gradient[i]) < 1e-5 * max(1, abs(numeric)), "\(function.name) ∂\(i)")
      }
      #expect(function.evaluate(function.minimum).gradient.allSatisfy { abs($0) < 1e-12 })
    }
  }
}
