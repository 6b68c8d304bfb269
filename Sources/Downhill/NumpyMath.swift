import CNumpyMath

/// numpy's float64 results where Downhill needs them to the last bit (see CNumpyMath): the
/// tutorials' chaotic runs follow numpy's trajectory only if every rounding agrees.
public enum NumpyMath {
  /// e^x exactly as `np.exp` computes it on an AVX-512 machine (numpy 2.x links Intel's SVML
  /// there), on any CPU.
  public static func exp(_ x: Double) -> Double { downhill_np_exp(x) }

  /// The same through libm's `fma` instead of the FMA instruction (what a CPU without FMA runs).
  public static func portableExp(_ x: Double) -> Double { downhill_np_exp_portable(x) }
}
