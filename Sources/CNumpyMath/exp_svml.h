// numpy's exp (numpy_math.c explains it) as both C files use it: the bit helpers, the 16-entry
// tables, and on x86-64 the eight-lane main path of SVML's __svml_exp8_ha, which numpy_math.c's
// array kernels and dense_network.c's small-network fast path inline.
#ifndef DOWNHILL_EXP_SVML_H
#define DOWNHILL_EXP_SVML_H

#include <stdint.h>
#include <string.h>

static inline double from_bits(uint64_t u) {
  double d;
  memcpy(&d, &u, sizeof d);
  return d;
}

static inline uint64_t to_bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

// 2^(j/16) rounded, and (2^(j/16) - hi) / hi rounded: separate arrays, for vector gathers.
static const double exp_hi16[16] = {
    0x1.0000000000000p+0, 0x1.0b5586cf9890fp+0, 0x1.172b83c7d517bp+0, 0x1.2387a6e756238p+0,
    0x1.306fe0a31b715p+0, 0x1.3dea64c123422p+0, 0x1.4bfdad5362a27p+0, 0x1.5ab07dd485429p+0,
    0x1.6a09e667f3bcdp+0, 0x1.7a11473eb0187p+0, 0x1.8ace5422aa0dbp+0, 0x1.9c49182a3f090p+0,
    0x1.ae89f995ad3adp+0, 0x1.c199bdd85529cp+0, 0x1.d5818dcfba487p+0, 0x1.ea4afa2a490dap+0};

static const double exp_lo16[16] = {
    0x0.0p+0, 0x1.79aa65d837b6dp-54, -0x1.01b15eaa59348p-55, 0x1.68efde3a8a894p-54,
    0x1.34d754db0abb6p-55, 0x1.59f48a72a4c6dp-55, 0x1.690cebb7aafb0p-56,
    0x1.063e1e21c5409p-54, -0x1.3b3efbf5e2228p-54, -0x1.b32dcb94da51dp-56,
    0x1.db72fc1f0eab4p-55, 0x1.1affc2b91ce27p-56, 0x1.c1a7792cb3387p-55,
    0x1.36eae30af0cb3p-56, 0x1.4a385a63d07a7p-56, -0x1.ff7128fd391f0p-55};

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX512_ATTRIBUTES __attribute__((target("avx512f")))

// The AVX-512 shape of the exp main path, as SVML's __svml_exp8_ha itself runs it: eight lanes,
// the first FMA rounded toward zero by embedded rounding (no correction step), and the 16-entry
// tables held in two registers and read by vpermt2pd instead of gathers. Same operations in the
// same order as exp_main in kernels.h, so the same bits.
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

// Whether the CPU and the OS support AVX-512F and FMA (numpy_math.c asks once): the condition for
// running code compiled for them.
int downhill_np_has_avx512(void);
#endif

#endif
