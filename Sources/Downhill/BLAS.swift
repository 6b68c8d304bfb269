import CBLASLoader
import Foundation

extension Matrix {
  /// Products with fewer multiply-adds than this sum in CNumpyMath, in the order numpy's OpenBLAS
  /// sums them (so the tutorials' products round exactly as `np.dot` does); larger ones call
  /// OpenBLAS `cblas_dgemm`.
  ///
  /// The threshold is set by exactness, not speed. With its SkylakeX kernels OpenBLAS is faster
  /// from the smallest sizes (`downhill-bench crossover`, release, 2 shared cores, OpenBLAS
  /// 0.3.21, µs per n×n·n×n product, CNumpyMath | BLAS: n=4 0.08 | 0.07, n=10 0.32 | 0.15,
  /// n=16 1.09 | 0.22), but `cblas_dgemm` sums matrix·vector shapes in another order than the
  /// gemv routines numpy calls for them. The tutorials' largest products (T4 with 32 hidden
  /// units: 4 × 3 · 3 × 32, 384 multiply-adds) stay below it, where a product costs well under a
  /// microsecond either way, which also keeps `downhill tutorial` from ever loading OpenBLAS;
  /// everything MNIST-sized goes to BLAS.
  public static let blasCrossover = 1024

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

/// OpenBLAS settings. OpenBLAS loads on the first product above the crossover (or `coreName`),
/// not at start-up: see CBLASLoader.
public enum BLAS {
  /// Whether this process has loaded OpenBLAS yet.
  public static var isLoaded: Bool { downhill_blas_is_loaded() != 0 }

  /// The kernel family OpenBLAS picked for this CPU (e.g. "Haswell", "SkylakeX"). Loads OpenBLAS.
  public static var coreName: String { String(cString: downhill_blas_core_name()) }

  /// Re-executes the current process with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to
  /// its generic "Prescott" kernels on a CPU that has AVX2 or AVX-512. Loads OpenBLAS.
  ///
  /// OpenBLAS 0.3.21 (Debian 12) does not recognise the virtual CPU of the build machine
  /// ("Intel Xeon Processor") and runs SSE3 kernels: an MNIST epoch took 3.2 s instead of 1.4 s.
  /// The kernels are chosen once, when the library loads, so the variable must be in the
  /// environment before that. Call this before any output, which the new process would repeat.
  /// Returns normally when nothing needs doing or the exec fails.
  public static func ensureOptimizedKernels() {
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

  /// Stops OpenBLAS's idle worker threads, which spin on `sched_yield` for ~0.1 s after they
  /// start or finish a product (a quarter of a short command on two cores); OpenBLAS restarts them
  /// on its next threaded product. Does nothing, and does not load OpenBLAS, before it is loaded.
  public static func releaseIdleThreads() {
    downhill_blas_release_idle_threads()
  }

  /// Limits OpenBLAS's worker threads (at least 1). On a machine whose cores are shared, one
  /// thread avoids threads spinning against each other for products as small as a mini-batch's.
  /// Does not load OpenBLAS: the count applies when it loads.
  public static func setThreads(_ count: Int) {
    downhill_blas_set_threads(Int32(clamping: count))
  }
}
