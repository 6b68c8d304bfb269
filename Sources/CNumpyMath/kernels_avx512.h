// The AVX-512 array kernels around exp_svml.h's exp8_main: about twice as fast as the scalar
// kernels on the tutorials' 4-to-32-wide sigmoids, which were a third of a T4 step.

static AVX512_ATTRIBUTES inline __mmask8 lanes_left(long left) {
  return left >= 8 ? 0xff : (__mmask8)((1u << left) - 1);
}

// The vector's lanes from memory the caller's product has just written, four doubles at a
// time or one by one. The load must match those stores for the CPU to forward them: an 8-wide or
// masked load over them waits until they reach the cache, on the step's critical path (T4's
// products store rows of 4, and columns one by one: 146 → 140 ns a step in a C loop of T4).
static AVX512_ATTRIBUTES inline __m512d load_lanes(const double *p, long left) {
  if (left >= 8) {
    return _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_loadu_pd(p)), _mm256_loadu_pd(p + 4),
                              1);
  }
  if (left == 4) return _mm512_zextpd256_pd512(_mm256_loadu_pd(p));
  return _mm512_maskz_loadu_pd(lanes_left(left), p);
}

// And back, unmasked where the lanes allow, for the loads of the next product.
static AVX512_ATTRIBUTES inline void store_lanes(double *p, long left, __m512d y) {
  if (left >= 8) {
    _mm512_storeu_pd(p, y);
  } else if (left == 4) {
    _mm256_storeu_pd(p, _mm512_castpd512_pd256(y));
  } else {
    _mm512_mask_storeu_pd(p, lanes_left(left), y);
  }
}

// y = e^x, or 1 / (1 + e^x) with `sigmoid`, for x = load * factor. Lanes off the main path are
// redone one at a time by the scalar kernel.
static AVX512_ATTRIBUTES inline void exp8_apply(const double *in, double *out, long count,
                                                double factor, int sigmoid) {
  const __m512d one = _mm512_set1_pd(1);
  for (long i = 0; i < count; i += 8) {
    __mmask8 lanes = lanes_left(count - i);
    __m512d x = load_lanes(in + i, count - i);
    if (factor != 1) x = _mm512_mul_pd(x, _mm512_set1_pd(factor));
    __m512d y = exp8_main(x);
    if (sigmoid) y = _mm512_div_pd(one, _mm512_add_pd(one, y));
    store_lanes(out + i, count - i, y);
    __mmask8 rare = lanes & ~exp8_is_main(x);
    if (rare) {
      double xs[8];
      _mm512_storeu_pd(xs, x);
      for (int j = 0; j < 8; j++) {
        if (!(rare >> j & 1)) continue;
        double e = exp_one_fma(xs[j]);
        out[i + j] = sigmoid ? 1 / (1 + e) : e;
      }
    }
  }
}

static AVX512_ATTRIBUTES void exp_array_avx512(const double *x, double *y, long count) {
  exp8_apply(x, y, count, 1, 0);
}

// -(scale * z) is (-scale) * z exactly: rounding to nearest is symmetric.
static AVX512_ATTRIBUTES void sigmoid_array_avx512(const double *z, double *a, long count,
                                                   double scale) {
  exp8_apply(z, a, count, -scale, 1);
}
