import CNumpyMath

/// numpy's float64 results where Downhill needs them to the last bit (see CNumpyMath): the
/// tutorials' chaotic runs follow numpy's trajectory only if every rounding agrees.
public enum NumpyMath {
  /// e^x exactly as `np.exp` computes it on an AVX-512 machine (numpy 2.x links Intel's SVML
  /// there), on any CPU.
  public static func exp(_ x: Double) -> Double { downhill_np_exp(x) }

  /// The same through libm's `fma` instead of the FMA instruction (what a CPU without FMA runs).
  static func portableExp(_ x: Double) -> Double { downhill_np_exp_portable(x) }

  /// e^x of every element, as `np.exp(array)` computes it (eight lanes at a time on AVX-512).
  public static func exp(_ xs: [Double]) -> [Double] { apply(xs, downhill_np_exp_array) }

  /// The array path without AVX-512 or FMA instructions.
  static func portableExp(_ xs: [Double]) -> [Double] {
    apply(xs, downhill_np_exp_array_portable)
  }

  /// `1 / (1 + np.exp(-(scale * z)))` of every element.
  public static func sigmoid(_ zs: [Double], scale: Double = 1) -> [Double] {
    apply(zs) { downhill_np_sigmoid($0, $1, $2, scale) }
  }

  /// The sigmoid without AVX-512 or FMA instructions.
  static func portableSigmoid(_ zs: [Double], scale: Double = 1) -> [Double] {
    apply(zs) { downhill_np_sigmoid_portable($0, $1, $2, scale) }
  }

  private static func apply(
    _ xs: [Double],
    _ kernel: (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void
  ) -> [Double] {
    [Double](unsafeUninitializedCapacity: xs.count) { out, initialized in
      xs.withUnsafeBufferPointer { kernel($0.baseAddress, out.baseAddress, xs.count) }
      initialized = xs.count
    }
  }
}
