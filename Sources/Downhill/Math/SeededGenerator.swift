import Foundation

/// A random number generator that reproduces numpy's legacy `RandomState` draw for draw.
///
/// `SeededGenerator(seed: 1)` followed by `random(rows: 3, columns: 4)` gives exactly the
/// matrix `np.random.seed(1); np.random.random((3, 4))` gives, so ported tutorials print the
/// numbers the Python printed. The generator is MT19937 seeded as numpy seeds it from an integer
/// (`init_genrand`); `init(key:)` seeds from an array as numpy does for array seeds
/// (`init_by_array`).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private static let n = 624
  private static let m = 397

  private var state: [UInt32]
  private var position: Int
  /// The second value of the last polar Box–Muller pair, as numpy's `has_gauss`/`gauss`.
  private var cachedGauss: Double?

  /// The seed the generator started from, kept for run metadata.
  public let seed: UInt32

  /// Seeds as `np.random.seed(seed)` does.
  public init(seed: UInt32) {
    self.seed = seed
    state = Array(repeating: 0, count: Self.n)
    var value = seed
    for i in 0..<Self.n {
      state[i] = value
      value = 1_812_433_253 &* (value ^ (value >> 30)) &+ UInt32(i + 1)
    }
    position = Self.n
  }

  /// Seeds as `np.random.seed(np.array(key, dtype=np.uint32))` does (`init_by_array`).
  public init(key: [UInt32]) {
    self.init(seed: 19_650_218)
    let n = Self.n
    var i = 1
    var j = 0
    var k = max(n, key.count)
    while k > 0 {
      state[i] =
        (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_664_525))
        &+ (key.isEmpty ? 0 : key[j]) &+ UInt32(j)
      i += 1
      j += 1
      if i >= n {
        state[0] = state[n - 1]
        i = 1
      }
      if j >= key.count { j = 0 }
      k -= 1
    }
    k = n - 1
    while k > 0 {
      state[i] =
        (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_566_083_941))
        &- UInt32(i)
      i += 1
      if i >= n {
        state[0] = state[n - 1]
        i = 1
      }
      k -= 1
    }
    state[0] = 0x8000_0000
    position = n
  }

  private mutating func regenerate() {
    let n = Self.n
    let m = Self.m
    for i in 0..<n {
      let y = (state[i] & 0x8000_0000) | (state[(i + 1) % n] & 0x7fff_ffff)
      var next = state[(i + m) % n] ^ (y >> 1)
      if y & 1 != 0 { next ^= 0x9908_b0df }
      state[i] = next
    }
    position = 0
  }

  /// The next raw 32-bit output of MT19937 (numpy's `next_uint32`).
  public mutating func nextUInt32() -> UInt32 {
    if position >= Self.n { regenerate() }
    var y = state[position]
    position += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9d2c_5680
    y ^= (y << 15) & 0xefc6_0000
    y ^= y >> 18
    return y
  }

  /// Two 32-bit draws, high word first, for `RandomNumberGenerator`.
  public mutating func next() -> UInt64 {
    let high = UInt64(nextUInt32())
    return (high << 32) | UInt64(nextUInt32())
  }

  /// A double in [0, 1) with 53 random bits, as `np.random.random_sample()`.
  public mutating func randomSample() -> Double {
    let a = Double(nextUInt32() >> 5)
    let b = Double(nextUInt32() >> 6)
    return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
  }

  /// A rows × columns matrix of `randomSample()` values filled row-major, as
  /// `np.random.random((rows, columns))`.
  public mutating func random(rows: Int, columns: Int) -> Matrix {
    let (rows, columns) = (max(rows, 0), max(columns, 0))
    var values = [Double]()
    values.reserveCapacity(rows * columns)
    for _ in 0..<(rows * columns) { values.append(randomSample()) }
    return Matrix(rows: rows, columns: columns, values: values)
  }

  /// A double in [low, high), as `np.random.uniform(low, high)`.
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * randomSample()
  }

  /// A standard normal draw by numpy's legacy polar method, which makes two values per accepted
  /// pair and caches the second for the next call.
  public mutating func standardNormal() -> Double {
    if let cached = cachedGauss {
      cachedGauss = nil
      return cached
    }
    var x1 = 0.0
    var x2 = 0.0
    var r2 = 0.0
    repeat {
      x1 = 2 * randomSample() - 1
      x2 = 2 * randomSample() - 1
      r2 = x1 * x1 + x2 * x2
    } while r2 >= 1 || r2 == 0
    let f = (-2 * Foundation.log(r2) / r2).squareRoot()
    cachedGauss = f * x1
    return f * x2
  }

  /// `np.random.normal(mean, standardDeviation)`.
  public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
    mean + standardDeviation * standardNormal()
  }

  /// A rows × columns matrix of normal draws, row-major, as `np.random.normal(m, s, (r, c))`.
  public mutating func normal(
    mean: Double, standardDeviation: Double, rows: Int, columns: Int
  ) -> Matrix {
    let (rows, columns) = (max(rows, 0), max(columns, 0))
    var values = [Double]()
    values.reserveCapacity(rows * columns)
    for _ in 0..<(rows * columns) {
      values.append(normal(mean: mean, standardDeviation: standardDeviation))
    }
    return Matrix(rows: rows, columns: columns, values: values)
  }

  /// A uniform integer in 0...maximum by numpy's masked rejection (`random_interval`).
  public mutating func interval(_ maximum: UInt64) -> UInt64 {
    if maximum == 0 { return 0 }
    var mask = maximum
    mask |= mask >> 1
    mask |= mask >> 2
    mask |= mask >> 4
    mask |= mask >> 8
    mask |= mask >> 16
    mask |= mask >> 32
    if maximum <= 0xffff_ffff {
      while true {
        let value = UInt64(nextUInt32()) & mask
        if value <= maximum { return value }
      }
    }
    while true {
      let value = next() & mask
      if value <= maximum { return value }
    }
  }

  /// An integer in low..<high, as legacy `np.random.randint(low, high)`.
  ///
  /// Returns `low` when the range is empty rather than trapping; callers that take user input
  /// validate the range first.
  public mutating func randint(_ low: Int, _ high: Int) -> Int {
    guard high > low else { return low }
    let range = UInt64(bitPattern: Int64(high &- low &- 1))
    return low &+ Int(truncatingIfNeeded: interval(range))
  }

  /// Shuffles in place by numpy's legacy algorithm (Fisher–Yates from the end).
  public mutating func shuffle<T>(_ values: inout [T]) {
    guard values.count > 1 else { return }
    for i in stride(from: values.count - 1, through: 1, by: -1) {
      let j = Int(interval(UInt64(i)))
      values.swapAt(i, j)
    }
  }

  /// `np.random.permutation(count)`: 0..<count in a shuffled order.
  public mutating func permutation(_ count: Int) -> [Int] {
    var values = Array(0..<max(count, 0))
    shuffle(&values)
    return values
  }

  /// `np.random.permutation(values)`: a shuffled copy.
  public mutating func permutation<T>(_ values: [T]) -> [T] {
    var copy = values
    shuffle(&copy)
    return copy
  }
}
