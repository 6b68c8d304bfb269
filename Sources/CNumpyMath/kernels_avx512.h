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

// KERNEL(record_steps) (kernels.h) for AVX-512, by blocks of eight parameters: each block's
// parameters, flip directions and counts stay in registers from one step to the next, and its
// lanes go to each recorded layer's arrays by masked stores of the lanes in that layer (moved down
// to the first lane). Step by step through memory, a step's stores of `previous` and the counts
// were loaded again by the next at once, and masked or narrower loads over wider stores cannot be
// forwarded: T4's 60,000 steps in a C loop took 31 ns a step in the kernels.h loops, 20.5 here
// (the writer's thread recorded them in 2.4 ms of its 10.7). The same operations on the same numbers:
// copies, and one rounded multiply and subtraction per rebuilt parameter.
static AVX512_ATTRIBUTES void record_steps_avx512(
    const double *now, const double *gradient, long stride, long count, double rate,
    double *scratch, long n, double *previous, int64_t *last_up, int32_t *flip_counts,
    int counting_first, long layers, const long *offsets, const long *widths,
    void *const *weights, void *const *gradients, int32_t *const *flips, int float32) {
  (void)scratch;
  const __m512d zero = _mm512_setzero_pd(), factor = _mm512_set1_pd(rate);
  const __m512i minus_one = _mm512_set1_epi64(-1);
  for (long i = 0; i < n; i += 8) {
    __mmask8 m = lanes_left(n - i);
    // The recorded layers' parts of this block: lanes, and where the first goes.
    // At most eight: the layers' ranges are disjoint.
    enum { most = 8 };
    long parts = 0, layer[most], at[most];
    __mmask8 lanes[most];
    for (long l = 0; l < layers; l++) {
      long from = offsets[l] > i ? offsets[l] : i;
      long to = offsets[l] + widths[l] < i + 8 ? offsets[l] + widths[l] : i + 8;
      if (from >= to) continue;
      if (parts == most) {  // overlapping layers: not for this kernel
        return record_steps_generic(now, gradient, stride, count, rate, scratch, n, previous,
                                    last_up, flip_counts, counting_first, layers, offsets, widths,
                                    weights, gradients, flips, float32);
      }
      layer[parts] = l;
      at[parts] = from - offsets[l];
      lanes[parts] = (__mmask8)(lanes_left(to - i) & ~lanes_left(from - i));
      parts++;
    }
    __m512d before = _mm512_maskz_loadu_pd(m, previous + i);
    __mmask8 was = _mm512_test_epi64_mask(_mm512_maskz_loadu_epi64(m, last_up + i), minus_one);
    __m512i counts = _mm512_maskz_loadu_epi32(m, flip_counts + i);
    for (long s = 0; s < count; s++) {
      const double *g = gradient + s * stride;
      __m512d d = _mm512_maskz_loadu_pd(m, g + i);
      __m512d after = now ? _mm512_maskz_loadu_pd(m, now + s * stride + i)
                          : _mm512_sub_pd(before, _mm512_mul_pd(factor, d));
      // count_flips: up = moved > 0, or moved == 0 and the gradient negative (NaN: not up).
      __m512d moved = _mm512_sub_pd(after, before);
      __mmask8 up = _mm512_cmp_pd_mask(moved, zero, _CMP_GT_OQ) |
                    (_mm512_cmp_pd_mask(moved, zero, _CMP_EQ_OQ) &
                     _mm512_cmp_pd_mask(d, zero, _CMP_LT_OQ));
      if (s > 0 || counting_first)
        counts = _mm512_mask_sub_epi32(counts, (up ^ was) & m, counts, _mm512_set1_epi32(-1));
      for (long k = 0; k < parts; k++) {
        long l = layer[k], w = widths[l], first = s * w + at[k];
        __mmask8 part = lanes[k];
        __mmask8 low = (__mmask8)((1u << __builtin_popcount(part)) - 1);
        if (float32) {
          _mm512_mask_storeu_ps(
              (float *)weights[l] + first, low,
              _mm512_castps256_ps512(_mm512_cvtpd_ps(_mm512_maskz_compress_pd(part, before))));
          _mm512_mask_storeu_ps(
              (float *)gradients[l] + first, low,
              _mm512_castps256_ps512(_mm512_cvtpd_ps(_mm512_maskz_compress_pd(part, d))));
        } else {
          _mm512_mask_storeu_pd((double *)weights[l] + first, low,
                                _mm512_maskz_compress_pd(part, before));
          _mm512_mask_storeu_pd((double *)gradients[l] + first, low,
                                _mm512_maskz_compress_pd(part, d));
        }
        _mm512_mask_storeu_epi32(flips[l] + first, low, _mm512_maskz_compress_epi32(part, counts));
      }
      before = after;
      was = up;
    }
    _mm512_mask_storeu_pd(previous + i, m, before);
    _mm512_mask_storeu_epi64(last_up + i, m, _mm512_maskz_mov_epi64(was, minus_one));
    _mm512_mask_storeu_epi32(flip_counts + i, m, counts);
  }
}
