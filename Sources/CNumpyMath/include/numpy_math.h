#ifndef DOWNHILL_NUMPY_MATH_H
#define DOWNHILL_NUMPY_MATH_H

/// Float64 arithmetic that rounds exactly as numpy 2.x does on an x86-64 CPU with AVX-512 (the
/// development machine and CI), so that chaotic training runs follow the numpy trajectory bit
/// for bit. The results do not depend on the CPU running Downhill: without FMA hardware the
/// same fused operations go through libm's correctly rounded fma().

/// e^x as numpy's float64 `np.exp` computes it (the SVML "ha" kernel numpy links on AVX-512).
double downhill_np_exp(double x);

/// downhill_np_exp through libm's fma() whatever the CPU: the path of CPUs without FMA,
/// exposed so that the tests check it gives the same bits.
double downhill_np_exp_portable(double x);

/// a[i] = 1 / (1 + e^(-(scale * z[i]))), the tutorials' sigmoid; scale 1 gives exactly
/// `1 / (1 + np.exp(-z))`.
void downhill_np_sigmoid(const double *z, double *a, long count, double scale);

/// y[i] = e^(x[i]).
void downhill_np_exp_array(const double *x, double *y, long count);

/// C (m x n, leading dimension ldc) = op(A) . op(B) for row-major A and B, summing as `np.dot`
/// does for small operands (see small_products.c for which shapes are checked against numpy).
void downhill_np_product(long m, long n, long k, const double *a, long lda, int transpose_a,
                         const double *b, long ldb, int transpose_b, double *c, long ldc);

#endif
