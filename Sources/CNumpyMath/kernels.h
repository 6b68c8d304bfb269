// Included twice by numpy_math.c: KERNEL(name) names one instantiation and KERNEL_ATTRIBUTES
// selects the FMA instruction for it. __builtin_fma is a single rounding in both.

// The main path, for |x| < 707.70 and not NaN; no branches, so that loops of it vectorize.
static KERNEL_ATTRIBUTES inline double KERNEL(exp_main)(double x) {
  const double log2e = from_bits(0x3ff71547652b82feULL);
  // 1.5 * 2^48 (plus an exponent bias in its low bits that the subtraction cancels): adding it
  // leaves N with 4 fraction bits, and the bits of the sum count N in sixteenths.
  const double shifter = from_bits(0x42f8000000003ff0ULL);
  // SVML rounds this FMA toward zero. The sum is positive, so when round-to-nearest went up
  // (the exact residual is negative) step one ulp down.
  double s = __builtin_fma(x, log2e, shifter);
  uint64_t sixteenths = to_bits(s) - (__builtin_fma(x, log2e, shifter - s) < 0);
  s = from_bits(sixteenths);
  double n = s - shifter;
  uint64_t k = sixteenths - to_bits(shifter);  // 16 N, two's complement
  double r = __builtin_fma(-n, from_bits(0x3fe62e42fefa39efULL), x);
  r = __builtin_fma(-from_bits(0x3c7abc9e3b39803fULL), n, r);
  double r2 = r * r;
  double p = __builtin_fma(from_bits(0x3f57411836940c04ULL), r, from_bits(0x3f81101cbbc265c0ULL));
  double q = __builtin_fma(from_bits(0x3fa55557242d68feULL), r, from_bits(0x3fc5555553939732ULL));
  double t = __builtin_fma(from_bits(0x3fe000000000d008ULL), r, from_bits(0x3fefffffffffff70ULL));
  p = __builtin_fma(r2, p, q);
  p = __builtin_fma(r2, p, t);
  double hi = exp_hi16[k & 15];
  double z = __builtin_fma(p, r, exp_lo16[k & 15]);
  z = __builtin_fma(hi, z, hi);
  // z * 2^floor(N), exact because the result is normal: floor(N) + 1023 from the sixteenths.
  return z * from_bits(((k + 16 * 1023) & ~(uint64_t)15) << 48);
}

static KERNEL_ATTRIBUTES inline int KERNEL(exp_is_main)(double x) {
  return fabs(x) < from_bits(0x40861da04cbafe44ULL);  // false for NaN too
}

static KERNEL_ATTRIBUTES inline double KERNEL(exp_one)(double x) {
  if (KERNEL(exp_is_main)(x)) return KERNEL(exp_main)(x);
  if (x != x) return x + x;
  return exp_rare(x);
}

static KERNEL_ATTRIBUTES void KERNEL(exp_array)(const double *x, double *y, long count) {
  for (long i = 0; i < count; i++) y[i] = KERNEL(exp_one)(x[i]);
}

static KERNEL_ATTRIBUTES void KERNEL(sigmoid_array)(const double *z, double *a, long count,
                                                     double scale) {
  // Usually every input takes the main path: then one branch-free loop.
  int all_main = 1;
  for (long i = 0; i < count; i++) all_main &= KERNEL(exp_is_main)(-(scale * z[i]));
  if (all_main) {
    for (long i = 0; i < count; i++) a[i] = 1 / (1 + KERNEL(exp_main)(-(scale * z[i])));
  } else {
    for (long i = 0; i < count; i++) a[i] = 1 / (1 + KERNEL(exp_one)(-(scale * z[i])));
  }
}

// numpy's `(update > 0) != (last_update > 0)` for each parameter, counted when `counting`, from
// the parameters before and after the update (a step too small to move a weight, or a zero
// gradient, still had the direction -g: numpy sees `update` before the addition absorbs it).
// Branch-free and restrict-qualified, so that it vectorizes: it runs once per training step, and
// a branch on `moved` would be mispredicted every few weights.
static KERNEL_ATTRIBUTES void KERNEL(count_flips)(const double *restrict now,
                                                  const double *restrict gradient,
                                                  double *restrict previous,
                                                  int64_t *restrict last_up,
                                                  int32_t *restrict counts, long count,
                                                  int counting) {
  int64_t mask = counting ? -1 : 0;
  for (long i = 0; i < count; i++) {
    double moved = now[i] - previous[i];
    int64_t up = -(int64_t)((moved > 0) | ((moved == 0) & (gradient[i] < 0)));
    counts[i] -= (int32_t)((up ^ last_up[i]) & mask);
    last_up[i] = up;
    previous[i] = now[i];
  }
}

// Sum of x[p * incx] * y[p * incy], p < k, one FMA after another from zero: OpenBLAS's small
// dgemm kernels (numpy's matrix . matrix).
static KERNEL_ATTRIBUTES inline double KERNEL(dot_sequential)(const double *x, long incx,
                                                               const double *y, long incy,
                                                               long k) {
  double s = 0;
  for (long p = 0; p < k; p++) s = __builtin_fma(x[p * incx], y[p * incy], s);
  return s;
}

// OpenBLAS dgemv_t (numpy's C-ordered matrix . column): four running sums over p mod 4,
// combined as (s0 + s2) + (s1 + s3), then the remainder.
static KERNEL_ATTRIBUTES inline double KERNEL(dot_four_lanes)(const double *x, long incx,
                                                               const double *y, long incy,
                                                               long k) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  long p = 0;
  for (; p + 4 <= k; p += 4) {
    s0 = __builtin_fma(x[p * incx], y[p * incy], s0);
    s1 = __builtin_fma(x[(p + 1) * incx], y[(p + 1) * incy], s1);
    s2 = __builtin_fma(x[(p + 2) * incx], y[(p + 2) * incy], s2);
    s3 = __builtin_fma(x[(p + 3) * incx], y[(p + 3) * incy], s3);
  }
  double s = (s0 + s2) + (s1 + s3);
  for (; p < k; p++) s = __builtin_fma(x[p * incx], y[p * incy], s);
  return s;
}

// OpenBLAS dgemv_n over four columns (numpy's transposed matrix . column, k = 4):
// x1 y1 first, then x0 y0, x2 y2, x3 y3 fused in.
static KERNEL_ATTRIBUTES inline double KERNEL(dot_columns4)(const double *x, long incx,
                                                             const double *y, long incy) {
  double s = x[incx] * y[incy];
  s = __builtin_fma(x[0], y[0], s);
  s = __builtin_fma(x[2 * incx], y[2 * incy], s);
  return __builtin_fma(x[3 * incx], y[3 * incy], s);
}

// Sum of x[p * incx] * y[p * incy] with each product rounded, in p order: OpenBLAS's scalar
// code for the rows its vector kernels leave over.
static KERNEL_ATTRIBUTES inline double KERNEL(dot_plain)(const double *x, long incx,
                                                          const double *y, long incy, long k) {
  double s = 0;
  for (long p = 0; p < k; p++) s += x[p * incx] * y[p * incy];
  return s;
}

// c[q] = sum over p < k of x[p * ap] * y[p * bp + q * bj], q < 4: four FMA chains side by side
// in registers (they vectorize; none of them changes).
// Always inlined: merely `inline`, the call stayed.
static KERNEL_ATTRIBUTES inline __attribute__((always_inline)) void KERNEL(four_chains)(
    const double *x, long ap, const double *y, long bp, long bj, long k, double *c) {
  double s[4] = {0, 0, 0, 0};
  for (long p = 0; p < k; p++) {
    double xp = x[p * ap];
    for (int q = 0; q < 4; q++) s[q] = __builtin_fma(xp, y[p * bp + q * bj], s[q]);
  }
  for (int q = 0; q < 4; q++) c[q] = s[q];
}

// C (m x n) = op(A) . op(B) summed as numpy sums it (product_order.h).
static KERNEL_ATTRIBUTES void KERNEL(product)(long m, long n, long k, const double *a, long lda,
                                               int transpose_a, const double *b, long ldb,
                                               int transpose_b, double *c, long ldc) {
  // a(i, p) = a[i * ai + p * ap], b(p, j) = b[p * bp + j * bj]
  long ai = transpose_a ? 1 : lda, ap = transpose_a ? lda : 1;
  long bp = transpose_b ? 1 : ldb, bj = transpose_b ? ldb : 1;
  switch (downhill_product_order(m, n, k, transpose_a)) {
    case DOWNHILL_ORDER_SINGLE:
      for (long i = 0; i < m; i++)
        for (long j = 0; j < n; j++) c[i * ldc + j] = a[i * ai] * b[j * bj];
      break;
    case DOWNHILL_ORDER_SEQUENTIAL:
      // gemm: each c(i, j) its own FMA chain, four of a row at a time, the rest one at a time.
      for (long i = 0; i < m; i++) {
        const double *x = a + i * ai;
        long j = 0;
        for (; j + 4 <= n; j += 4) {
          // With b's rows in place (bj = 1: every product of a training step but ∂C/∂x), the
          // chains' operands load with one vector move; a stride only known at run time would
          // gather them one by one.
          if (bj == 1) {
            KERNEL(four_chains)(x, ap, b + j, bp, 1, k, c + i * ldc + j);
          } else {
            KERNEL(four_chains)(x, ap, b + j * bj, bp, bj, k, c + i * ldc + j);
          }
        }
        for (; j < n; j++) c[i * ldc + j] = KERNEL(dot_sequential)(x, ap, b + j * bj, bp, k);
      }
      break;
    case DOWNHILL_ORDER_FOUR_LANES:
      for (long i = 0; i < m; i++) c[i * ldc] = KERNEL(dot_four_lanes)(a + i * ai, ap, b, bp, k);
      break;
    case DOWNHILL_ORDER_COLUMNS4:
      for (long i = 0; i < m; i++) c[i * ldc] = KERNEL(dot_columns4)(a + i * ai, ap, b, bp);
      break;
    case DOWNHILL_ORDER_PLAIN:
      for (long i = 0; i < m; i++)
        for (long j = 0; j < n; j++)
          c[i * ldc + j] = KERNEL(dot_plain)(a + i * ai, ap, b + j * bj, bp, k);
      break;
  }
}
