#ifndef DOWNHILL_BLAS_LOADER_H
#define DOWNHILL_BLAS_LOADER_H

/// OpenBLAS (libopenblas.so.0), opened with dlopen on the first call that needs it. If it cannot
/// be loaded, that call prints one line on stderr naming the fix and exits the process with
/// status 1. All functions are thread-safe.

/// C (m x n, leading dimension ldc) = op(A) . op(B) for row-major A and B, by cblas_dgemm.
/// Loads OpenBLAS.
void downhill_blas_product(int m, int n, int k, const double *a, int lda, int transpose_a,
                           const double *b, int ldb, int transpose_b, double *c, int ldc);

/// The kernel family OpenBLAS picked for this CPU (openblas_get_corename). Loads OpenBLAS.
const char *downhill_blas_core_name(void);

/// Limits OpenBLAS to `count` threads (at least 1), now if it is loaded, else as soon as it
/// loads. Does not load it.
void downhill_blas_set_threads(int count);

/// Stops OpenBLAS's idle worker threads if it is loaded (and built with pthreads). Does not
/// load it.
void downhill_blas_release_idle_threads(void);

/// 1 once OpenBLAS is loaded, else 0.
int downhill_blas_is_loaded(void);

#endif
