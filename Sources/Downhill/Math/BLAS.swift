import CNumpyMath
import COpenBLAS
import Foundation

extension Matrix {
  /// Products with fewer multiply-adds than this sum in CNumpyMath, in the order numpy's OpenBLAS
  /// sums them (so the tutorials' products round exactly as `np.dot` does); larger ones call
  /// OpenBLAS `cblas_dgemm`.
  ///
  /// The threshold is set by exactness, not speed: OpenBLAS is faster from the smallest sizes,
  /// but `cblas_dgemm` sums matrix·vector shapes in another order than the gemv routines numpy
  /// calls for them. The tutorials' largest products (T4 with 32 hidden units: 4 × 3 · 3 × 32,
  /// 384 multiply-adds) stay below it; everything MNIST-sized goes to BLAS.
  static let blasCrossover = 1024

  /// `op(a) · op(b)` where `op` optionally transposes, without materialising the transpose.
  public static func product(
    _ a: Matrix, transposingA: Bool = false, _ b: Matrix, transposingB: Bool = false
  ) -> Matrix {
    let m = transposingA ? a.columns : a.rows
    let k = transposingA ? a.rows : a.columns
    let kb = transposingB ? b.columns : b.rows
    let n = transposingB ? b.rows : b.columns
    precondition(k == kb, "cannot multiply \(m)×\(k) by \(kb)×\(n)")
    if m * n * k < blasCrossover {
      return productWithLoops(a, transposingA: transposingA, b, transposingB: transposingB)
    }
    return productWithBLAS(a, transposingA: transposingA, b, transposingB: transposingB)
  }

  /// The product without BLAS, summed as `np.dot` sums small products (CNumpyMath).
  public static func productWithLoops(
    _ a: Matrix, transposingA: Bool = false, _ b: Matrix, transposingB: Bool = false
  ) -> Matrix {
    multiply(a, transposingA, b, transposingB, useBLAS: false)
  }

  /// The product by OpenBLAS `cblas_dgemm`.
  public static func productWithBLAS(
    _ a: Matrix, transposingA: Bool = false, _ b: Matrix, transposingB: Bool = false
  ) -> Matrix {
    multiply(a, transposingA, b, transposingB, useBLAS: true)
  }

  private static func multiply(
    _ a: Matrix, _ transposingA: Bool, _ b: Matrix, _ transposingB: Bool, useBLAS: Bool
  ) -> Matrix {
    let m = transposingA ? a.columns : a.rows
    let k = transposingA ? a.rows : a.columns
    let n = transposingB ? b.rows : b.columns
    var out = Matrix(rows: m, columns: n)
    guard m > 0, n > 0, k > 0 else { return out }
    a.values.withUnsafeBufferPointer { ap in
      b.values.withUnsafeBufferPointer { bp in
        out.values.withUnsafeMutableBufferPointer { cp in
          Kernels.gemm(
            m: m, n: n, k: k, a: ap.baseAddress!, lda: a.columns, transposingA: transposingA,
            b: bp.baseAddress!, ldb: b.columns, transposingB: transposingB, c: cp.baseAddress!,
            ldc: n, useBLAS: useBLAS)
        }
      }
    }
    return out
  }
}

/// OpenBLAS settings.
package enum BLAS {
  /// The kernel family OpenBLAS picked for this CPU (e.g. "Haswell", "SkylakeX").
  package static var coreName: String { String(cString: openblas_get_corename()) }

  /// Re-executes the current process with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to
  /// its generic "Prescott" kernels on a CPU that has AVX2 or AVX-512.
  ///
  /// OpenBLAS 0.3.21 (Debian 12) does not recognise some virtual CPUs ("Intel Xeon Processor")
  /// and runs SSE3 kernels, which made an MNIST epoch more than twice as slow. The kernels are
  /// chosen once, when the library loads, so the variable must be in the environment before
  /// that. Call this before any output, which the new process would repeat. Returns normally
  /// when nothing needs doing or the exec fails.
  package static func ensureOptimizedKernels() {
    guard getenv("OPENBLAS_CORETYPE") == nil, coreName.lowercased() == "prescott" else { return }
    guard let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let flags = cpu.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return }
    let words = Set(flags.split(separator: " "))
    let core: String
    if words.contains("avx512f") {
      core = "SkylakeX"
    } else if words.contains("avx2") {
      core = "Haswell"
    } else {
      return
    }
    setenv("OPENBLAS_CORETYPE", core, 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
  }

  /// Limits OpenBLAS's worker threads (at least 1). On a machine whose cores are shared, one
  /// thread avoids threads spinning against each other for products as small as a mini-batch's.
  /// With one, the idle workers OpenBLAS started when it loaded are stopped: they would spin on
  /// the other cores for a tenth of a second, longer than most commands take.
  package static func setThreads(_ count: Int) {
    let count = Int32(clamping: max(count, 1))
    // The one-thread default first, so that it never overrides this count later.
    downhill_blas_default_threads()
    // Setting the count again would restart a stopped pool.
    guard openblas_get_num_threads() != count else { return }
    if count == 1 { downhill_blas_single_thread() } else { openblas_set_num_threads(count) }
  }
}
