// numpy's float64 exp and small products, rounding exactly as numpy 2.x on AVX-512 machines.
//
// np.exp: numpy links Intel's SVML on x86-64 Linux and calls __svml_exp8_ha for float64 arrays
// on AVX-512 CPUs. Its algorithm, reproduced operation by operation below (disassembled from the
// numpy 2.4 wheel and checked against np.exp on 10 million inputs, including the rare paths):
//   N = x * log2(e) rounded toward zero to 1/16,   j = the 4 fraction bits of N,
//   r = (x - N * ln2_hi) - N * ln2_lo            (two FMAs),
//   e^x = 2^floor(N) * (T[j] + T[j] * (p(r) * r + t[j])),
// with a degree-6 polynomial p and T[j] = 2^(j/16) = hi * (1 + t). Inputs with |x| >= 707.70
// (overflow, underflow, denormal results) take a scalar path with a 64-entry table and no FMA.
// The tables are 2^(j/N) rounded (scripts/oracle/exp_tables.py prints them); the polynomial
// coefficients and thresholds are the constants of that numpy build.
#include "numpy_math.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "exp_svml.h"
#include "product_order.h"

// Every a * b + c below must round twice unless written as fma: no contraction.
#pragma clang fp contract(off)

// 2^(j/64), the same way, for the rare path.
static const uint64_t exp_table64[64][2] = {
  {0x3ff0000000000000ULL, 0x0000000000000000ULL},
  {0x3ff02c9a3e778061ULL, 0xbc7160139cd8dc5dULL},
  {0x3ff059b0d3158574ULL, 0x3c8cd2523567f613ULL},
  {0x3ff0874518759bc8ULL, 0x3c60f74e61e6c861ULL},
  {0x3ff0b5586cf9890fULL, 0x3c979aa65d837b6dULL},
  {0x3ff0e3ec32d3d1a2ULL, 0x3c3ebe3d702f9cd1ULL},
  {0x3ff11301d0125b51ULL, 0xbc9556522a2fbd0eULL},
  {0x3ff1429aaea92de0ULL, 0xbc91c923b9d5f416ULL},
  {0x3ff172b83c7d517bULL, 0xbc801b15eaa59348ULL},
  {0x3ff1a35beb6fcb75ULL, 0x3c8b898c3f1353bfULL},
  {0x3ff1d4873168b9aaULL, 0x3c9aecf73e3a2f60ULL},
  {0x3ff2063b88628cd6ULL, 0x3c8a6f4144a6c38dULL},
  {0x3ff2387a6e756238ULL, 0x3c968efde3a8a894ULL},
  {0x3ff26b4565e27cddULL, 0x3c80472b981fe7f2ULL},
  {0x3ff29e9df51fdee1ULL, 0x3c82f7e16d09ab31ULL},
  {0x3ff2d285a6e4030bULL, 0x3c8b3782720c0ab4ULL},
  {0x3ff306fe0a31b715ULL, 0x3c834d754db0abb6ULL},
  {0x3ff33c08b26416ffULL, 0x3c8fdd395dd3f84aULL},
  {0x3ff371a7373aa9cbULL, 0xbc924aedcc4b5068ULL},
  {0x3ff3a7db34e59ff7ULL, 0xbc71d1e83e9436d2ULL},
  {0x3ff3dea64c123422ULL, 0x3c859f48a72a4c6dULL},
  {0x3ff4160a21f72e2aULL, 0xbc58a78f4817895bULL},
  {0x3ff44e086061892dULL, 0x3c4363ed60c2ac11ULL},
  {0x3ff486a2b5c13cd0ULL, 0x3c6ecce1daa10379ULL},
  {0x3ff4bfdad5362a27ULL, 0x3c7690cebb7aafb0ULL},
  {0x3ff4f9b2769d2ca7ULL, 0xbc8f94340071a38eULL},
  {0x3ff5342b569d4f82ULL, 0xbc78dec6bd0f385fULL},
  {0x3ff56f4736b527daULL, 0x3c93350518fdd78eULL},
  {0x3ff5ab07dd485429ULL, 0x3c9063e1e21c5409ULL},
  {0x3ff5e76f15ad2148ULL, 0x3c9432e62b64c035ULL},
  {0x3ff6247eb03a5585ULL, 0xbc8c33c53bef4da8ULL},
  {0x3ff6623882552225ULL, 0xbc93cedd78565858ULL},
  {0x3ff6a09e667f3bcdULL, 0xbc93b3efbf5e2228ULL},
  {0x3ff6dfb23c651a2fULL, 0xbc6367efb86da9eeULL},
  {0x3ff71f75e8ec5f74ULL, 0xbc781f647e5a3ecfULL},
  {0x3ff75feb564267c9ULL, 0xbc8619321e55e68aULL},
  {0x3ff7a11473eb0187ULL, 0xbc7b32dcb94da51dULL},
  {0x3ff7e2f336cf4e62ULL, 0x3c65ebe1abd66c55ULL},
  {0x3ff82589994cce13ULL, 0xbc9369b6f13b3734ULL},
  {0x3ff868d99b4492edULL, 0xbc94d450d872576eULL},
  {0x3ff8ace5422aa0dbULL, 0x3c8db72fc1f0eab4ULL},
  {0x3ff8f1ae99157736ULL, 0x3c7bf68359f35f44ULL},
  {0x3ff93737b0cdc5e5ULL, 0xbc5da9b88b6c1e29ULL},
  {0x3ff97d829fde4e50ULL, 0xbc92434322f4f9aaULL},
  {0x3ff9c49182a3f090ULL, 0x3c71affc2b91ce27ULL},
  {0x3ffa0c667b5de565ULL, 0xbc87c50422622263ULL},
  {0x3ffa5503b23e255dULL, 0xbc91bbd1d3bcbb15ULL},
  {0x3ffa9e6b5579fdbfULL, 0x3c8469846e735ab3ULL},
  {0x3ffae89f995ad3adULL, 0x3c8c1a7792cb3387ULL},
  {0x3ffb33a2b84f15fbULL, 0xbc55c3d956dcaebaULL},
  {0x3ffb7f76f2fb5e47ULL, 0xbc68d6f438ad9334ULL},
  {0x3ffbcc1e904bc1d2ULL, 0x3c74ffd70a5fddcdULL},
  {0x3ffc199bdd85529cULL, 0x3c736eae30af0cb3ULL},
  {0x3ffc67f12e57d14bULL, 0x3c84e08fd10959acULL},
  {0x3ffcb720dcef9069ULL, 0x3c676b2c6c921968ULL},
  {0x3ffd072d4a07897cULL, 0xbc8fad5d3ffffa6fULL},
  {0x3ffd5818dcfba487ULL, 0x3c74a385a63d07a7ULL},
  {0x3ffda9e603db3285ULL, 0x3c8e5a50d5c192acULL},
  {0x3ffdfc97337b9b5fULL, 0xbc82d52107b43e1fULL},
  {0x3ffe502ee78b3ff6ULL, 0x3c74b604603a88d3ULL},
  {0x3ffea4afa2a490daULL, 0xbc8ff7128fd391f0ULL},
  {0x3ffefa1bee615a27ULL, 0x3c8ec3bc41aa2008ULL},
  {0x3fff50765b6e4540ULL, 0x3c8a64a931d185eeULL},
  {0x3fffa7c1819e90d8ULL, 0x3c77893b4d91cd9dULL},
};

// |x| >= 707.70 (and infinities): SVML's scalar fallback. Plain double arithmetic in its order.
static double exp_rare(double x) {
  uint64_t bits = to_bits(x);
  int exponent = (int)((bits >> 52) & 0x7ff);
  if (exponent == 0x7ff) {
    if ((bits >> 63) && (bits & 0xfffffffffffffULL) == 0) return 0.0;  // e^-inf
    return x * x;                                                       // +inf, NaN
  }
  if (exponent <= 0x3ca) return 1.0 + x;
  if (x > from_bits(0x40862e42fefa39efULL)) return INFINITY;  // above ln(DBL_MAX)
  if (x < from_bits(0xc0874910d52d3051ULL)) return 0.0;       // below ln(min denormal / 2)
  double shifter = from_bits(0x4338000000000000ULL);          // 1.5 * 2^52
  double s = x * from_bits(0x40571547652b82feULL) + shifter;  // x * 64 / ln 2, rounded
  uint32_t low = (uint32_t)to_bits(s);
  int j = (int)(low & 0x3f);
  double n = s - shifter;
  double r = x - n * from_bits(0x3f862e42fefa0000ULL);
  r = r - n * from_bits(0x3d1cf79abc9e3b3aULL);
  double p = from_bits(0x3f56c16a1c2a3ffdULL) * r + from_bits(0x3f8111123aaf20d3ULL);
  p = p * r + from_bits(0x3fa5555555558fccULL);
  p = p * r + from_bits(0x3fc55555555548f8ULL);
  p = p * r + from_bits(0x3fe0000000000000ULL);
  p = p * r;
  p = p * r;
  p = p + r;
  double hi = from_bits(exp_table64[j][0]);
  p = (p + from_bits(exp_table64[j][1])) * hi;
  uint32_t m = low >> 6;  // floor(n / 64), modulo 2^26
  if (!(x < from_bits(0xc086232bdd7abcd2ULL))) {
    uint32_t biased = (m + 0x3ff) & 0x7ff;
    p = p + hi;
    if (biased > 0x7fe) return p * from_bits((uint64_t)(biased - 1) << 52) * 2.0;
    return p * from_bits((uint64_t)biased << 52);
  }
  // Denormal results: scale by 2^60 first, then round once into the denormal range.
  uint32_t biased = (m + 0x43b) & 0x7ff;
  double scale = from_bits((uint64_t)biased << 52);
  double tail = p * scale, head = scale * hi, sum = head + tail;
  double two_minus_60 = from_bits(0x3c30000000000000ULL);
  if (biased <= 0x32) return sum * two_minus_60;
  double low_part = (head - sum) + tail;
  double split = sum * from_bits(0x41f8000000000000ULL);  // 1.5 * 2^32
  double high = (sum + split) - split;
  low_part = low_part + (sum - high);
  return high * two_minus_60 + low_part * two_minus_60;
}

// The FMA-using kernels, compiled twice: with the FMA instruction, and with libm's fma().
#if defined(__x86_64__)
#define KERNEL_ATTRIBUTES __attribute__((target("avx2,fma")))
#define KERNEL(name) name##_fma
#include "kernels.h"
#undef KERNEL_ATTRIBUTES
#undef KERNEL
#endif
#define KERNEL_ATTRIBUTES
#define KERNEL(name) name##_generic
#include "kernels.h"

#if defined(__x86_64__)
// The FMA kernels only where the CPU has the instruction (the others call libm's fma()).
#define HAS_FMA (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
#define DISPATCH(name, ...) (HAS_FMA ? name##_fma(__VA_ARGS__) : name##_generic(__VA_ARGS__))
#else
#define DISPATCH(name, ...) name##_generic(__VA_ARGS__)
#endif

double downhill_np_exp(double x) { return DISPATCH(exp_one, x); }

double downhill_np_exp_portable(double x) { return exp_one_generic(x); }

void downhill_np_exp_array(const double *x, double *y, long count) {
  DISPATCH(exp_array, x, y, count);
}

void downhill_np_exp_array_portable(const double *x, double *y, long count) {
  exp_array_generic(x, y, count);
}

void downhill_np_sigmoid(const double *z, double *a, long count, double scale) {
  DISPATCH(sigmoid_array, z, a, count, scale);
}

void downhill_np_sigmoid_portable(const double *z, double *a, long count, double scale) {
  sigmoid_array_generic(z, a, count, scale);
}

void downhill_np_count_flips(const double *now, const double *gradient, double *previous,
                             int64_t *last_up, int32_t *counts, long count, int counting) {
  DISPATCH(count_flips, now, gradient, previous, last_up, counts, count, counting);
}

void downhill_np_product(long m, long n, long k, const double *a, long lda, int transpose_a,
                         const double *b, long ldb, int transpose_b, double *c, long ldc) {
  DISPATCH(product, m, n, k, a, lda, transpose_a, b, ldb, transpose_b, c, ldc);
}
