import ArgumentParser
import Downhill

/// `downhill descend`: gradient descent on a typed function of x (or x and y), printing the
/// minimum the way the tutorials' T2 program does.
struct DescendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "descend",
    abstract: "Run gradient descent on a function of x (or of x and y) and print the minimum.",
    discussion: """
      Derivatives are exact (automatic differentiation of the typed function). Descent stops \
      when a step is no longer than --precision (its Euclidean length for two variables).

      Functions use + - * / ^ (or **), parentheses, numbers such as 1e-3 or .5, the constants \
      pi and e, and sin cos tan exp log sqrt abs tanh sigmoid.

      Examples:
        downhill descend --function "x^4 - 3*x^3 + 2" --start 4 --step 0.01
        downhill descend --function "(1-x)^2 + 100*(y-x^2)^2" \\
          --start -1.2,1 --optimizer lbfgs
      """)

  @Option(name: .long, help: "The function to minimize, of x or of x and y.")
  var function: String

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Where to start: one number, or x,y for a function of x and y.", valueName: "x[,y]"))
  var start: String

  @Option(name: .long, parsing: .unconditional, help: "Step size (learning rate) γ.")
  var step: Double = 0.01

  @Option(name: .long, parsing: .unconditional, help: "Stop when a step is no longer than this.")
  var precision: Double = 0.00001

  @Option(name: .long, help: "Give up after this many steps.")
  var maxSteps: Int = 1_000_000

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The optimizer (--step is its learning rate; L-BFGS ignores it).", valueName: "name"))
  var optimizer: DescendOptimizer = .sgd

  @Option(name: .long, help: "Random seed for --optimizer annealing.")
  var seed: UInt64 = 0

  func validate() throws {
    _ = try startPoint()
    guard step > 0, step.isFinite else { throw ValidationError("--step must be a positive number") }
    guard precision >= 0, precision.isFinite else {
      throw ValidationError("--precision must be a non-negative number")
    }
    guard maxSteps > 0 else { throw ValidationError("--max-steps must be positive") }
  }

  private func startPoint() throws -> [Double] {
    let parts = start.split(separator: ",", omittingEmptySubsequences: false)
    let values = parts.map { Double($0.filter { $0 != " " }) }
    guard (1...2).contains(parts.count), values.allSatisfy({ $0?.isFinite == true }) else {
      throw ValidationError(
        "--start must be one number or two separated by a comma, got '\(start)'")
    }
    return values.map { $0! }
  }

  func run() throws {
    let point = try startPoint()
    let result: Descent.Result
    do {
      result = try optimizer.descend(
        function, start: point, step: step, precision: precision, maxSteps: maxSteps, seed: seed)
    } catch {
      // The function or the start the command line gave: a usage error.
      throw ValidationError(error.description)
    }
    let location =
      result.minimum.count == 1
      ? result.minimum[0].description
      : "(" + result.minimum.map(\.description).joined(separator: ", ") + ")"
    switch result.outcome {
    case .converged:
      break
    case .maxSteps where optimizer == .annealing:
      break  // annealing always runs its full budget
    case .maxSteps:
      throw DescendFailure(
        message: "no convergence within \(result.steps) steps (last point \(location)); "
          + "raise --max-steps or --step")
    case .diverged where result.minimum.allSatisfy(\.isFinite):
      // The point is finite but f or its slope there is not: a smaller step cannot help at the
      // start, and only may on the way.
      let value =
        result.value.isNaN
        ? "f is not a number (NaN)"
        : result.value.isInfinite ? "f is infinite" : "the gradient of f is not finite"
      throw DescendFailure(
        message: result.steps == 0
          ? "\(value) at the start \(location): start where f and its gradient are finite numbers"
          : "\(value) at \(location), reached after \(result.steps) steps: start elsewhere or try a smaller --step"
      )
    case .diverged:
      throw DescendFailure(
        message: "diverged after \(result.steps) steps (reached \(location)); try a smaller --step")
    }
    print("Local minimum occurs at \(location)")
    print("Number of steps: \(result.steps)")
  }
}

/// A failure after the arguments were accepted: printed as one line, exit status 1.
struct DescendFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// The optimizers `descend` offers, with `--step` as each one's learning rate.
enum DescendOptimizer: String, CaseIterable, ExpressibleByArgument {
  case sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam, lbfgs, annealing

  func descend(
    _ function: String, start: [Double], step: Double, precision: Double, maxSteps: Int,
    seed: UInt64
  ) throws(DescentError) -> Descent.Result {
    switch self {
    case .sgd:
      return try Descent.run(
        function, start: start, step: step, precision: precision, maxSteps: maxSteps)
    case .momentum, .nesterov, .adagrad, .rmsprop, .adadelta, .adam, .lbfgs:
      // The library's name → optimizer table, so the CLI and the figures agree on defaults.
      guard var o = try? OptimizerNames.make(rawValue, learningRate: step) else {
        throw DescentError.badArgument("unknown optimizer '\(rawValue)'")
      }
      return try Descent.run(
        function, start: start, precision: precision, maxSteps: maxSteps, optimizer: &o)
    case .annealing:
      var o = SimulatedAnnealing(stepSize: step, seed: seed)
      return try Descent.run(
        function, start: start, precision: precision, maxSteps: maxSteps, optimizer: &o)
    }
  }
}
