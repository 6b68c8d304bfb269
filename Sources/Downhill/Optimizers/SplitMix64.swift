/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast, seedable generator, so that simulated
/// annealing is reproducible without depending on the numpy-compatible generator. Any other
/// `RandomNumberGenerator & Sendable` (such as `SeededGenerator`) can be used instead.
///
/// The Python oracle in `scripts/oracle/optimizers.py` implements the same recurrence.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public private(set) var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension RandomNumberGenerator {
  /// A uniform double in [0, 1) from the top 53 bits of one draw. Spelled out, rather than
  /// `Double.random(in:using:)`, so that the oracle can reproduce it bit for bit.
  mutating func unitInterval() -> Double { Double(next() >> 11) * 0x1p-53 }
}
