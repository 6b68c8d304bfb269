import Foundation

/// Simulated annealing (Kirkpatrick et al. 1983) with the Metropolis acceptance rule. It ignores
/// the gradient: each step proposes a random neighbour and asks `objective` for its value.
///
///     x′ᵢ = xᵢ + σ·(2uᵢ − 1)                     uᵢ uniform in [0, 1), one per coordinate
///     accept x′ if f(x′) ≤ f(x), or else with probability exp(−(f(x′) − f(x)) / T)
///     T ← c·T                                    after every step, accepted or not
///
/// The acceptance draw is made only when f(x′) > f(x). Generic over the random source so that
/// any seeded `RandomNumberGenerator & Sendable` can drive it.
public struct SimulatedAnnealing<Generator: RandomNumberGenerator & Sendable>: Optimizer {
  /// The current temperature T.
  public var temperature: Double
  /// The factor c by which T shrinks each step.
  public var cooling: Double
  /// The half-width σ of the uniform proposal box.
  public var stepSize: Double
  public var generator: Generator
  /// How many proposals were accepted so far.
  public private(set) var accepted = 0
  public var name: String { "annealing" }
  public var isStochastic: Bool { true }

  public init(
    temperature: Double = 1, cooling: Double = 0.99, stepSize: Double = 0.1, generator: Generator
  ) {
    self.temperature = temperature
    self.cooling = cooling
    self.stepSize = stepSize
    self.generator = generator
  }

  public mutating func step(
    _ parameters: inout [Double], value: Double, gradient: [Double], objective: Objective
  ) {
    var candidate = parameters
    for i in candidate.indices { candidate[i] += stepSize * (2 * generator.unitInterval() - 1) }
    let candidateValue = objective(candidate).value
    var accept = candidateValue <= value
    if !accept, candidateValue.isFinite, temperature > 0 {
      accept = generator.unitInterval() < exp(-(candidateValue - value) / temperature)
    }
    if accept {
      parameters = candidate
      accepted += 1
    }
    temperature *= cooling
  }
}

extension SimulatedAnnealing where Generator == SplitMix64 {
  /// Annealing driven by `SplitMix64(seed:)`.
  public init(temperature: Double = 1, cooling: Double = 0.99, stepSize: Double = 0.1, seed: UInt64)
  {
    self.init(
      temperature: temperature, cooling: cooling, stepSize: stepSize,
      generator: SplitMix64(seed: seed))
  }
}
