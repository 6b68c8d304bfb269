// The AVX-512 shape of the exp main path, as SVML's __svml_exp8_ha itself runs it: eight lanes,
// the first FMA rounded toward zero by embedded rounding (no correction step), and the 16-entry
// tables held in two registers and read by vpermt2pd instead of gathers. Same operations in the
// same order as exp_main in kernels.h, so the same bits; about twice as fast on the tutorials'
// 4-to-32-wide sigmoids, which were a third of a T4 step.
#include <immintrin.h>

#define AVX512_ATTRIBUTES __attribute__((target("avx512f")))

static AVX512_ATTRIBUTES inline __m512d exp8_main(__m512d x) {
  const __m512d shifter = _mm512_set1_pd(from_bits(0x42f8000000003ff0ULL));
  __m512d s = _mm512_fmadd_round_pd(x, _mm512_set1_pd(from_bits(0x3ff71547652b82feULL)),
                                    shifter, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  __m512i k = _mm512_sub_epi64(_mm512_castpd_si512(s), _mm512_castpd_si512(shifter));
  __m512d n = _mm512_sub_pd(s, shifter);
  __m512d r = _mm512_fnmadd_pd(n, _mm512_set1_pd(from_bits(0x3fe62e42fefa39efULL)), x);
  r = _mm512_fnmadd_pd(_mm512_set1_pd(from_bits(0x3c7abc9e3b39803fULL)), n, r);
  __m512d r2 = _mm512_mul_pd(r, r);
  __m512d p = _mm512_fmadd_pd(_mm512_set1_pd(from_bits(0x3f57411836940c04ULL)), r,
                              _mm512_set1_pd(from_bits(0x3f81101cbbc265c0ULL)));
  __m512d q = _mm512_fmadd_pd(_mm512_set1_pd(from_bits(0x3fa55557242d68feULL)), r,
                              _mm512_set1_pd(from_bits(0x3fc5555553939732ULL)));
  __m512d t = _mm512_fmadd_pd(_mm512_set1_pd(from_bits(0x3fe000000000d008ULL)), r,
                              _mm512_set1_pd(from_bits(0x3fefffffffffff70ULL)));
  p = _mm512_fmadd_pd(r2, p, q);
  p = _mm512_fmadd_pd(r2, p, t);
  // vpermt2pd reads the low 4 bits of each index: j, the sixteenths.
  __m512d hi = _mm512_permutex2var_pd(_mm512_loadu_pd(exp_hi16), k, _mm512_loadu_pd(exp_hi16 + 8));
  __m512d lo = _mm512_permutex2var_pd(_mm512_loadu_pd(exp_lo16), k, _mm512_loadu_pd(exp_lo16 + 8));
  __m512d z = _mm512_fmadd_pd(p, r, lo);
  z = _mm512_fmadd_pd(hi, z, hi);
  __m512i scale = _mm512_slli_epi64(
      _mm512_andnot_si512(_mm512_set1_epi64(15), _mm512_add_epi64(k, _mm512_set1_epi64(16 * 1023))),
      48);
  return _mm512_mul_pd(z, _mm512_castsi512_pd(scale));
}

// Lanes of x on the main path (|x| < 707.70; not NaN).
static AVX512_ATTRIBUTES inline __mmask8 exp8_is_main(__m512d x) {
  return _mm512_cmp_pd_mask(_mm512_abs_pd(x), _mm512_set1_pd(from_bits(0x40861da04cbafe44ULL)),
                            _CMP_LT_OQ);
}

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
