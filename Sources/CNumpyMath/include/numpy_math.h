#ifndef DOWNHILL_NUMPY_MATH_H
#define DOWNHILL_NUMPY_MATH_H

#include <stdint.h>

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

/// downhill_np_exp_array and downhill_np_sigmoid without the AVX-512 and FMA instructions, for
/// the tests to check that every CPU gets the same bits.
void downhill_np_exp_array_portable(const double *x, double *y, long count);
void downhill_np_sigmoid_portable(const double *z, double *a, long count, double scale);

/// The tutorials' sign-flip count: counts[i] += 1 where parameter i's update direction
/// (numpy's `update > 0`, from `previous` to `now`, or -gradient when it did not move) differs
/// from last_up[i] (0 or -1), if `counting`; then previous = now and last_up = the direction.
void downhill_np_count_flips(const double *now, const double *gradient, double *previous,
                             int64_t *last_up, int32_t *counts, long count, int counting);

/// C (m x n, leading dimension ldc) = op(A) . op(B) for row-major A and B, summing as `np.dot`
/// does for small operands (product_order.h lists which shapes are checked against numpy).
void downhill_np_product(long m, long n, long k, const double *a, long lda, int transpose_a,
                         const double *b, long ldb, int transpose_b, double *c, long ldc);

#endif
