// The small-network fast path of downhill_dense_descend (dense_network.c), for networks whose
// layers have at most eight inputs (the bias column included) and eight outputs, over at most
// eight rows, on CPUs with AVX-512F and FMA (else, and for any pass it does not reproduce, the
// generic path).
#include <math.h>
#include <string.h>

#include "dense_network_internal.h"
#include "numpy_math.h"
#include "product_order.h"

// Every a * b + c here rounds twice, as in dense_network.c.
#pragma clang fp contract(off)

// DOWNHILL_NO_SMALL_NETWORK builds without it, for scripts/check/small-network.sh to compare.
#if defined(__x86_64__) && !defined(DOWNHILL_NO_SMALL_NETWORK)
#include "exp_svml.h"

// A step of such a network is one long chain of dependent operations, a few dozen per layer, and
// the generic pass lengthens it with what surrounds them: a call per product and activation, each
// product's shape dispatch, scalar loops, every intermediate matrix stored and loaded again. Here
// a plan made once per call fixes each product's summation order, and the steps run in one
// function on vectors. Each matrix is held by columns, column j in one register whose lane i is
// row i, so that every product, activation and cost gradient works lane by lane across the rows
// and each column goes on from a product through the elementwise operations after it while still
// in a register. The one exception, ∂C/∂W, sums over the rows: it reads the layer's input by rows,
// transposed off the critical path during the forward pass. Every element takes exactly the
// operations, in the same order, that the generic pass gives it, so the bits are the same.
//
// T4 (60,000 steps of a 3-4-1 sigmoid network over 4 rows): 93 ns a step against 175 for the
// generic pass (best of 40 runs, alternating, in a slow spell of the 2 shared vCPUs where the
// generic pass, usually 140, took 175).

#define SMALL_ATTRIBUTES __attribute__((target("avx512f,fma,cldemote")))
#define SMALL_INLINE static SMALL_ATTRIBUTES inline __attribute__((always_inline))

enum { small_lanes = 8, small_layers = 8 };

struct small_layer {
  long inputs, width, outputs, offset;
  int activation;
  double parameter;
  double factor;  // of the sigmoids' exp argument, -scale
  int forward, back_input, back_weights;  // the orders of x W, δ Wᵀ and xᵀ δ
};

struct small_plan {
  long count, rows;
  int cost, fused;
  int narrow;  // rows <= 4: every column fits the low four lanes
  struct small_layer layers[small_layers];
};

// Whether the fast path reproduces this pass, and its plan if so. Anything it does not handle
// exactly as downhill_dense_pass would stays on the generic path.
static int small_plan(const struct downhill_dense_pass *pass, long parameter_count,
                      struct small_plan *plan) {
  long count = pass->count, rows = pass->rows, covered = 0;
  if (count < 1 || count > small_layers || rows < 1 || rows > small_lanes) return 0;
  if (pass->cost < DOWNHILL_MEAN_SQUARED || pass->cost > DOWNHILL_CATEGORICAL_CROSS_ENTROPY)
    return 0;
  if (!downhill_np_has_avx512()) return 0;
  for (long l = 0; l < count; l++) {
    const struct downhill_dense_layer *layer = &pass->layers[l];
    long inputs = layer->inputs, width = layer->width, outputs = layer->outputs;
    if (width < 1 || width > small_lanes || outputs < 1 || outputs > small_lanes) return 0;
    if (layer->activation < DOWNHILL_SIGMOID || layer->activation > DOWNHILL_IDENTITY) return 0;
    // Forward and ∂C/∂W multiply-add rows · outputs · width times, ∂C/∂x rows · inputs · outputs:
    // all below the crossover, or OpenBLAS's order would apply.
    if (rows * outputs * width >= pass->crossover) return 0;
    if (l > 0) {
      // The pass reads the previous layer's `a`, beside a ones column when the bias is folded.
      const struct downhill_dense_layer *previous = &pass->layers[l - 1];
      if (inputs != previous->outputs || rows * inputs * outputs >= pass->crossover) return 0;
      if (layer->folded ? width != inputs + 1 : (width != inputs || layer->input != previous->a))
        return 0;
    }
    // Each parameter in exactly one layer's weights: a parameter outside them would still move
    // by its stale gradient every step.
    if (layer->offset < 0 || layer->offset + width * outputs > parameter_count) return 0;
    for (long m = 0; m < l; m++) {
      const struct downhill_dense_layer *other = &pass->layers[m];
      if (layer->offset < other->offset + other->width * other->outputs &&
          other->offset < layer->offset + width * outputs)
        return 0;
    }
    covered += width * outputs;
    double scale = layer->activation == DOWNHILL_SCALED_SIGMOID ? layer->parameter : 1;
    plan->layers[l] = (struct small_layer){
        .inputs = inputs,
        .width = width,
        .outputs = outputs,
        .offset = layer->offset,
        .activation = layer->activation,
        .parameter = layer->parameter,
        .factor = -scale,
        .forward = downhill_product_order(rows, outputs, width, 0),
        .back_input = downhill_product_order(rows, inputs, outputs, 0),
        .back_weights = downhill_product_order(width, outputs, rows, 1),
    };
  }
  if (covered != parameter_count) return 0;
  plan->count = count;
  plan->rows = rows;
  plan->cost = pass->cost;
  plan->fused = downhill_has_fused_gradient(pass->cost, pass->layers[count - 1].activation);
  plan->narrow = rows <= 4;
  return 1;
}

// a + b and a - b. When nothing beyond lane 3 matters (`narrow`), in the 256-bit adder: two
// cycles instead of the 512-bit one's four, and a step's critical path has several. With the
// four-lane division of small_sigmoid_narrow, T4 110 → 93 ns a step. The lanes above come out
// zero.
SMALL_INLINE __m512d small_add(__m512d a, __m512d b, int narrow) {
  if (narrow)
    return _mm512_zextpd256_pd512(
        _mm256_add_pd(_mm512_castpd512_pd256(a), _mm512_castpd512_pd256(b)));
  return _mm512_add_pd(a, b);
}

SMALL_INLINE __m512d small_sub(__m512d a, __m512d b, int narrow) {
  if (narrow)
    return _mm512_zextpd256_pd512(
        _mm256_sub_pd(_mm512_castpd512_pd256(a), _mm512_castpd512_pd256(b)));
  return _mm512_sub_pd(a, b);
}

// Column j of a product: the sum over p < k of x[p] (a column of lanes) times s[p * sp + j * sj]
// (one number), in `order`.
SMALL_INLINE __m512d small_column(int order, long j, long k, const __m512d *x, const double *s,
                                  long sp, long sj, int narrow) {
#define S(p) _mm512_set1_pd(s[(p) * sp + j * sj])
  const __m512d zero = _mm512_setzero_pd();
  switch (order) {
    case DOWNHILL_ORDER_SINGLE:
      return _mm512_mul_pd(x[0], S(0));
    case DOWNHILL_ORDER_SEQUENTIAL: {
      __m512d c = zero;
      for (long p = 0; p < k; p++) c = _mm512_fmadd_pd(x[p], S(p), c);
      return c;
    }
    case DOWNHILL_ORDER_FOUR_LANES: {
      __m512d c0 = zero, c1 = zero, c2 = zero, c3 = zero;
      long p = 0;
      for (; p + 4 <= k; p += 4) {
        c0 = _mm512_fmadd_pd(x[p], S(p), c0);
        c1 = _mm512_fmadd_pd(x[p + 1], S(p + 1), c1);
        c2 = _mm512_fmadd_pd(x[p + 2], S(p + 2), c2);
        c3 = _mm512_fmadd_pd(x[p + 3], S(p + 3), c3);
      }
      __m512d c = small_add(small_add(c0, c2, narrow), small_add(c1, c3, narrow), narrow);
      for (; p < k; p++) c = _mm512_fmadd_pd(x[p], S(p), c);
      return c;
    }
    case DOWNHILL_ORDER_COLUMNS4: {
      __m512d c = _mm512_mul_pd(x[1], S(1));
      c = _mm512_fmadd_pd(x[0], S(0), c);
      c = _mm512_fmadd_pd(x[2], S(2), c);
      return _mm512_fmadd_pd(x[3], S(3), c);
    }
    default: {  // DOWNHILL_ORDER_PLAIN
      __m512d c = zero;
      for (long p = 0; p < k; p++) c = small_add(c, _mm512_mul_pd(x[p], S(p)), narrow);
      return c;
    }
  }
#undef S
}

// rows[i] lane j = columns[j] lane i, for all eight.
SMALL_INLINE void small_transpose(const __m512d *columns, __m512d *rows) {
  __m512d t[8], u[8];
  for (int j = 0; j < 8; j += 2) {
    t[j] = _mm512_unpacklo_pd(columns[j], columns[j + 1]);
    t[j + 1] = _mm512_unpackhi_pd(columns[j], columns[j + 1]);
  }
  // t[2m + h]: lanes i = 2q + h of columns 2m, 2m + 1, q = 0..3 (a 128-bit lane each).
  for (int h = 0; h < 2; h++) {
    u[h] = _mm512_shuffle_f64x2(t[h], t[2 + h], 0x88);
    u[2 + h] = _mm512_shuffle_f64x2(t[h], t[2 + h], 0xdd);
    u[4 + h] = _mm512_shuffle_f64x2(t[4 + h], t[6 + h], 0x88);
    u[6 + h] = _mm512_shuffle_f64x2(t[4 + h], t[6 + h], 0xdd);
  }
  // u[h], u[4 + h]: rows h and 4 + h of columns 0-3 and 4-7; u[2 + h], u[6 + h]: rows 2 + h, 6 + h.
  for (int h = 0; h < 2; h++) {
    rows[h] = _mm512_shuffle_f64x2(u[h], u[4 + h], 0x88);
    rows[4 + h] = _mm512_shuffle_f64x2(u[h], u[4 + h], 0xdd);
    rows[2 + h] = _mm512_shuffle_f64x2(u[2 + h], u[6 + h], 0x88);
    rows[6 + h] = _mm512_shuffle_f64x2(u[2 + h], u[6 + h], 0xdd);
  }
}

// The same for rows 0-3 only (the lanes of `narrow` columns), of columns 0-3, or 0-7 if `eight`:
// 256-bit shuffles, 8 or 20 of them instead of 24 (T4 96 → 93 ns a step: the step is partly
// bound by the throughput of the vector ports).
SMALL_INLINE void small_transpose_narrow(const __m512d *columns, __m512d *rows, int eight) {
  __m256d block[2][4];
  for (int b = 0; b <= eight; b++) {
    const __m512d *c = columns + 4 * b;
    __m256d t0 = _mm256_unpacklo_pd(_mm512_castpd512_pd256(c[0]), _mm512_castpd512_pd256(c[1]));
    __m256d t1 = _mm256_unpackhi_pd(_mm512_castpd512_pd256(c[0]), _mm512_castpd512_pd256(c[1]));
    __m256d t2 = _mm256_unpacklo_pd(_mm512_castpd512_pd256(c[2]), _mm512_castpd512_pd256(c[3]));
    __m256d t3 = _mm256_unpackhi_pd(_mm512_castpd512_pd256(c[2]), _mm512_castpd512_pd256(c[3]));
    block[b][0] = _mm256_permute2f128_pd(t0, t2, 0x20);
    block[b][1] = _mm256_permute2f128_pd(t1, t3, 0x20);
    block[b][2] = _mm256_permute2f128_pd(t0, t2, 0x31);
    block[b][3] = _mm256_permute2f128_pd(t1, t3, 0x31);
  }
  for (int i = 0; i < 4; i++) {
    rows[i] = _mm512_zextpd256_pd512(block[0][i]);
    if (eight) rows[i] = _mm512_insertf64x4(rows[i], block[1][i], 1);
  }
}

// The lanes whose exp leaves the main path, one at a time through numpy_math.c's scalar kernel,
// as exp8_apply redoes them.
static SMALL_ATTRIBUTES __attribute__((noinline)) __m512d small_exp_rare(__m512d x, __m512d y,
                                                                          __mmask8 rare,
                                                                          int sigmoid) {
  double xs[8], ys[8];
  _mm512_storeu_pd(xs, x);
  _mm512_storeu_pd(ys, y);
  for (int i = 0; i < 8; i++) {
    if (!(rare >> i & 1)) continue;
    double e = downhill_np_exp(xs[i]);
    ys[i] = sigmoid ? 1 / (1 + e) : e;
  }
  return _mm512_loadu_pd(ys);
}

// Swift's max(x, tiny), lane by lane.
SMALL_INLINE __m512d small_at_least_tiny(__m512d x) {
  __m512d t = _mm512_set1_pd(tiny);
  return _mm512_mask_mov_pd(x, _mm512_cmp_pd_mask(t, x, _CMP_GE_OQ), t);
}

// The sigmoid's exp argument as exp8_apply forms it, z · (-scale) unless that factor is 1. For
// the plain sigmoid -z instead (1 cycle, not 4, twice on T4's critical path: 94 → 93 ns a step):
// the same number but for a NaN's sign, and NaNs take the rare path, which starts again from the
// exact argument.
SMALL_INLINE __m512d small_sigmoid_argument(const struct small_layer *layer, __m512d z) {
  if (layer->factor == -1)
    return _mm512_castsi512_pd(
        _mm512_xor_si512(_mm512_castpd_si512(z), _mm512_set1_epi64(INT64_MIN)));
  if (layer->factor != 1) return _mm512_mul_pd(z, _mm512_set1_pd(layer->factor));
  return z;
}

SMALL_INLINE __m512d small_sigmoid_exact_argument(const struct small_layer *layer, __m512d z) {
  return layer->factor != 1 ? _mm512_mul_pd(z, _mm512_set1_pd(layer->factor)) : z;
}

// 1 / (1 + e) on the low four lanes: the 256-bit adder, and a division of four lanes rather than
// eight (half the latency).
SMALL_INLINE __m512d small_sigmoid_narrow(__m256d e) {
  __m256d one = _mm256_set1_pd(1);
  return _mm512_zextpd256_pd512(_mm256_div_pd(one, _mm256_add_pd(one, e)));
}

// downhill_activation_forward for one column (not softmax): a = f(z) in `lanes`, and zero or at
// least finite in the others.
SMALL_INLINE __m512d small_activate(const struct small_layer *layer, __m512d z, __mmask8 lanes,
                                    int narrow) {
  const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1);
  switch (layer->activation) {
    case DOWNHILL_SIGMOID:
    case DOWNHILL_SCALED_SIGMOID: {
      __m512d x = small_sigmoid_argument(layer, z), e = exp8_main(x), a;
      if (narrow) {
        a = small_sigmoid_narrow(_mm512_castpd512_pd256(e));
      } else {
        a = _mm512_maskz_div_pd(lanes, one, _mm512_add_pd(one, e));
      }
      __mmask8 rare = lanes & ~exp8_is_main(x);
      if (rare) a = small_exp_rare(small_sigmoid_exact_argument(layer, z), a, rare, 1);
      return a;
    }
    case DOWNHILL_TANH: {
      double in[8], out[8] = {0};
      _mm512_storeu_pd(in, z);
      for (int i = 0; i < 8; i++)
        if (lanes >> i & 1) out[i] = tanh(in[i]);
      return _mm512_loadu_pd(out);
    }
    case DOWNHILL_RELU:
      return _mm512_maskz_mov_pd(lanes & _mm512_cmp_pd_mask(z, zero, _CMP_GT_OQ), z);
    case DOWNHILL_LEAKY_RELU: {
      __m512d leak = _mm512_maskz_mul_pd(lanes, _mm512_set1_pd(layer->parameter), z);
      return _mm512_mask_mov_pd(leak, lanes & _mm512_cmp_pd_mask(z, zero, _CMP_GT_OQ), z);
    }
    default:  // identity
      return _mm512_maskz_mov_pd(lanes, z);
  }
}

// The sigmoids of two narrow columns, with one exp of eight lanes: that exp is most of a
// sigmoid's instructions, and the step is partly bound by their throughput (T4 102 → 93 ns a
// step, and with 8 hidden units 158 → 141).
SMALL_INLINE void small_sigmoid_pair(const struct small_layer *layer, __m512d z0, __m512d z1,
                                     __mmask8 lanes, __m512d *a0, __m512d *a1) {
  __m512d x = small_sigmoid_argument(
      layer, _mm512_insertf64x4(z0, _mm512_castpd512_pd256(z1), 1));
  __m512d e = exp8_main(x);
  *a0 = small_sigmoid_narrow(_mm512_castpd512_pd256(e));
  *a1 = small_sigmoid_narrow(_mm512_extractf64x4_pd(e, 1));
  if ((lanes | lanes << 4) & ~exp8_is_main(x)) {
    *a0 = small_activate(layer, z0, lanes, 1);
    *a1 = small_activate(layer, z1, lanes, 1);
  }
}

// Softmax over the n columns: each row's maximum, exp of the differences, their sum in column
// order, lane by lane.
SMALL_INLINE void small_softmax(const __m512d *z, __m512d *a, long n, __mmask8 lanes,
                               int narrow) {
  __m512d peak = _mm512_set1_pd(-INFINITY), total = _mm512_setzero_pd();
  for (long j = 0; j < n; j++)
    peak = _mm512_mask_mov_pd(peak, _mm512_cmp_pd_mask(z[j], peak, _CMP_GT_OQ), z[j]);
  for (long j = 0; j < n; j++) {
    __m512d x = small_sub(z[j], peak, narrow);
    __m512d y = exp8_main(x);
    __mmask8 rare = lanes & ~exp8_is_main(x);
    a[j] = rare ? small_exp_rare(x, y, rare, 0) : y;
    total = small_add(total, a[j], narrow);
  }
  for (long j = 0; j < n; j++) a[j] = _mm512_maskz_div_pd(lanes, a[j], total);
}

// downhill_activation_backward for one column (not softmax): ∂C/∂z from g = ∂C/∂a.
SMALL_INLINE __m512d small_backward(const struct small_layer *layer, __m512d z, __m512d a,
                                    __m512d g, __mmask8 lanes, int narrow) {
  const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1);
  switch (layer->activation) {
    case DOWNHILL_SIGMOID:
      return _mm512_maskz_mul_pd(lanes, g, _mm512_mul_pd(a, small_sub(one, a, narrow)));
    case DOWNHILL_SCALED_SIGMOID: {
      __m512d slope = _mm512_mul_pd(a, small_sub(one, a, narrow));
      return _mm512_maskz_mul_pd(lanes, g,
                                 _mm512_mul_pd(_mm512_set1_pd(layer->parameter), slope));
    }
    case DOWNHILL_TANH:
      return _mm512_maskz_mul_pd(lanes, g, small_sub(one, _mm512_mul_pd(a, a), narrow));
    case DOWNHILL_RELU:
      return _mm512_maskz_mov_pd(lanes & _mm512_cmp_pd_mask(z, zero, _CMP_GT_OQ), g);
    case DOWNHILL_LEAKY_RELU: {
      __m512d leak = _mm512_maskz_mul_pd(lanes, _mm512_set1_pd(layer->parameter), g);
      return _mm512_mask_mov_pd(leak, lanes & _mm512_cmp_pd_mask(z, zero, _CMP_GT_OQ), g);
    }
    default:  // identity
      return _mm512_maskz_mov_pd(lanes, g);
  }
}

// Softmax's Jacobian–vector product per row: ∂C/∂z_j = a_j (g_j − Σ_i g_i a_i).
SMALL_INLINE void small_softmax_backward(const __m512d *a, const __m512d *g, __m512d *out,
                                         long n, __mmask8 lanes, int narrow) {
  __m512d inner = _mm512_setzero_pd();
  for (long j = 0; j < n; j++) inner = small_add(inner, _mm512_mul_pd(g[j], a[j]), narrow);
  for (long j = 0; j < n; j++)
    out[j] = _mm512_maskz_mul_pd(lanes, a[j], small_sub(g[j], inner, narrow));
}

// One column of downhill_fused_gradient when the output activation fuses with the cost, else of
// downhill_cost_gradient.
SMALL_INLINE __m512d small_cost_gradient(const struct small_plan *plan, __m512d o, __m512d t,
                                         __mmask8 lanes, int narrow) {
  const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1), two = _mm512_set1_pd(2);
  long rows = plan->rows, count = rows * plan->layers[plan->count - 1].outputs;
  const __m512d examples = _mm512_set1_pd((double)(rows > 1 ? rows : 1));
  __m512d error = small_sub(o, t, narrow);
  if (plan->fused) return _mm512_maskz_div_pd(lanes, error, examples);
  switch (plan->cost) {
    case DOWNHILL_MEAN_SQUARED:
      return _mm512_maskz_div_pd(lanes, _mm512_mul_pd(two, error),
                                 _mm512_set1_pd((double)(count > 1 ? count : 1)));
    case DOWNHILL_HALF_SUM_SQUARED:
      return _mm512_maskz_mov_pd(lanes, error);
    case DOWNHILL_SUM_SQUARED:
      return _mm512_maskz_mul_pd(lanes, two, error);
    case DOWNHILL_BINARY_CROSS_ENTROPY: {
      __m512d spread = small_at_least_tiny(_mm512_mul_pd(o, small_sub(one, o, narrow)));
      return _mm512_maskz_div_pd(lanes, _mm512_div_pd(error, spread), examples);
    }
    default: {  // categorical cross-entropy
      __m512d minus_t = _mm512_castsi512_pd(
          _mm512_xor_si512(_mm512_castpd_si512(t), _mm512_set1_epi64(INT64_MIN)));
      __m512d q = _mm512_div_pd(_mm512_div_pd(minus_t, small_at_least_tiny(o)), examples);
      return _mm512_maskz_mov_pd(lanes & _mm512_cmp_pd_mask(t, zero, _CMP_NEQ_UQ), q);
    }
  }
}

// ∂C/∂z of an output column (not softmax's).
SMALL_INLINE __m512d small_output_delta(const struct small_plan *plan,
                                        const struct small_layer *layer, __m512d z, __m512d a,
                                        __m512d t, __mmask8 lanes, int narrow) {
  __m512d g = small_cost_gradient(plan, a, t, lanes, narrow);
  return plan->fused ? g : small_backward(layer, z, a, g, lanes, narrow);
}

// rows x columns row-major doubles into columns of lanes, and back.
SMALL_INLINE void small_load_columns(const double *m, long rows, long columns, __m512d *c) {
  for (long j = 0; j < columns; j++) {
    double lanes[8] = {0};
    for (long i = 0; i < rows; i++) lanes[i] = m[i * columns + j];
    c[j] = _mm512_loadu_pd(lanes);
  }
}

SMALL_INLINE void small_store_column(__m512d c, long rows, long columns, double *m) {
  double lanes[8];
  _mm512_storeu_pd(lanes, c);
  for (long i = 0; i < rows; i++) m[i * columns] = lanes[i];
}

// The fast path's matrices, by columns. The columns and lanes beyond a matrix's size stay zero or
// at least finite, so that whole-vector arithmetic on them costs no microcode assists.
struct small_state {
  __m512d x0[8];                     // the first layer's input
  __m512d rows_in[small_layers][8];  // each layer's input by rows: lane p is column p
  __m512d w[small_layers][8];        // the weights' columns: w[l][j] lane p is W[p][j]
  __m512d z[small_layers][8], a[small_layers][8], delta[small_layers][8];
  __m512d g[8], target[8];
};

// `steps` steps of downhill_dense_descend. Each column of a product goes straight on through the
// elementwise operations after it (activation; cost gradient and activation derivative; the
// descent step) while still in a register: the critical path passes through memory only where a
// product reads its operands (T4 119 → 111 ns a step against whole matrices one operation
// after another). Inlined twice, with `narrow` 0 and 1, so that choosing the adder costs no
// branch (110 → 104 ns against a branch at each addition). The loss is computed only for the
// records: nothing else reads it.
SMALL_INLINE void small_steps(const struct small_plan *plan, struct small_state *m,
                              const struct downhill_dense_pass *pass, double rate, long steps,
                              void *records, long record_bytes, long first_step,
                              double recorded_rate, const int narrow) {
  long count = plan->count, last = count - 1, rows = plan->rows;
  const struct small_layer *layers = plan->layers, *out = &layers[last];
  const __mmask8 lanes = (__mmask8)((1u << rows) - 1);
  const __m512d r = _mm512_set1_pd(rate);
  for (long s = 0; s < steps; s++) {
    void *record = records ? (char *)records + s * record_bytes : NULL;
    for (long l = 0; l < count; l++) {
      const struct small_layer *layer = &layers[l];
      const __m512d *x = l ? m->a[l - 1] : m->x0;
      const double *weights = (const double *)m->w[l];
      __m512d *z = m->z[l], *a = m->a[l], *delta = m->delta[l];
      long n = layer->outputs;
      if (layer->activation != DOWNHILL_SOFTMAX) {
        long j = 0;
        if (narrow && (layer->activation == DOWNHILL_SIGMOID ||
                       layer->activation == DOWNHILL_SCALED_SIGMOID)) {
          for (; j + 2 <= n; j += 2) {
            __m512d z0 = small_column(layer->forward, j, layer->width, x, weights, 1, 8, narrow);
            __m512d z1 =
                small_column(layer->forward, j + 1, layer->width, x, weights, 1, 8, narrow);
            __m512d a0, a1;
            small_sigmoid_pair(layer, z0, z1, lanes, &a0, &a1);
            z[j] = z0, z[j + 1] = z1, a[j] = a0, a[j + 1] = a1;
            if (l == last) {
              delta[j] = small_output_delta(plan, layer, z0, a0, m->target[j], lanes, narrow);
              delta[j + 1] =
                  small_output_delta(plan, layer, z1, a1, m->target[j + 1], lanes, narrow);
            }
          }
        }
        for (; j < n; j++) {
          __m512d zj = small_column(layer->forward, j, layer->width, x, weights, 1, 8, narrow);
          __m512d aj = small_activate(layer, zj, lanes, narrow);
          z[j] = zj, a[j] = aj;
          if (l == last)
            delta[j] = small_output_delta(plan, layer, zj, aj, m->target[j], lanes, narrow);
        }
      } else {
        for (long j = 0; j < n; j++)
          z[j] = small_column(layer->forward, j, layer->width, x, weights, 1, 8, narrow);
        small_softmax(z, a, n, lanes, narrow);
        if (l == last) {
          for (long j = 0; j < n; j++)
            m->g[j] = small_cost_gradient(plan, a[j], m->target[j], lanes, narrow);
          if (plan->fused) {
            for (long j = 0; j < n; j++) delta[j] = m->g[j];
          } else {
            small_softmax_backward(a, m->g, delta, n, lanes, narrow);
          }
        }
      }
      if (l < last) {
        if (narrow) {
          small_transpose_narrow(a, m->rows_in[l + 1], layers[l + 1].width > 4);
        } else {
          small_transpose(a, m->rows_in[l + 1]);
        }
      }
    }
    for (long l = last; l >= 0; l--) {
      const struct small_layer *layer = &layers[l];
      const double *weights = (const double *)m->w[l];
      const __m512d *delta = m->delta[l];
      // ∂C/∂x with the weights before the step, through the previous layer's activation: the
      // critical path, so first.
      if (l > 0) {
        const struct small_layer *previous = &layers[l - 1];
        const __m512d *z = m->z[l - 1], *a = m->a[l - 1];
        __m512d *back = m->delta[l - 1];
        long n = layer->inputs, k = layer->outputs;
        if (previous->activation != DOWNHILL_SOFTMAX) {
          for (long j = 0; j < n; j++) {
            __m512d gj = small_column(layer->back_input, j, k, delta, weights, 8, 1, narrow);
            back[j] = small_backward(previous, z[j], a[j], gj, lanes, narrow);
          }
        } else {
          for (long j = 0; j < n; j++)
            m->g[j] = small_column(layer->back_input, j, k, delta, weights, 8, 1, narrow);
          small_softmax_backward(a, m->g, back, n, lanes, narrow);
        }
      }
      // ∂C/∂W (its lanes are W's rows, not the examples) and the step, rounded as
      // downhill_np_descent_step.
      for (long j = 0; j < layer->outputs; j++) {
        __m512d dw = small_column(layer->back_weights, j, rows, m->rows_in[l],
                                  (const double *)delta, 1, 8, 0);
        m->w[l][j] = _mm512_sub_pd(m->w[l][j], _mm512_mul_pd(r, dw));
        // Recording, straight into the step's ring record.
        if (records)
          small_store_column(dw, layer->width, layer->outputs,
                             step_record_gradient(record) + layer->offset + j);
      }
    }
    if (records) {
      double o[small_lanes * small_lanes], terms[small_lanes * small_lanes];
      for (long j = 0; j < out->outputs; j++)
        small_store_column(m->a[last][j], rows, out->outputs, o + j);
      double loss = downhill_cost_value(plan->cost, o, pass->target, terms, rows, out->outputs);
      step_record_header(record, first_step + s, loss, recorded_rate);
      // demote_record, inline here (the fast path's target includes CLDEMOTE).
      for (long b = 0; b < record_bytes; b += 64) __builtin_ia32_cldemote((char *)record + b);
    }
  }
}

// `steps` steps of downhill_dense_descend on the plan's network.
static SMALL_ATTRIBUTES void small_descend(const struct small_plan *plan,
                                           const struct downhill_dense_pass *pass,
                                           double *parameters, double rate, long steps,
                                           void *records, long record_bytes, long first_step,
                                           double recorded_rate) {
  long count = plan->count, rows = plan->rows;
  const struct small_layer *layers = plan->layers;
  struct small_state m;
  memset(&m, 0, sizeof m);
  const struct downhill_dense_layer *first = &pass->layers[0];
  small_load_columns(first->input, rows, first->width, m.x0);
  small_transpose(m.x0, m.rows_in[0]);
  small_load_columns(pass->target, rows, layers[count - 1].outputs, m.target);
  for (long l = 0; l < count; l++) {
    const struct small_layer *layer = &layers[l];
    // W's rows are its columns' lanes.
    small_load_columns(parameters + layer->offset, layer->width, layer->outputs, m.w[l]);
    // A folded bias: the ones column after the previous layer's outputs, which it never writes.
    if (l > 0 && layer->width > layer->inputs) m.a[l - 1][layer->inputs] = _mm512_set1_pd(1);
  }
  if (plan->narrow) {
    small_steps(plan, &m, pass, rate, steps, records, record_bytes, first_step, recorded_rate, 1);
  } else {
    small_steps(plan, &m, pass, rate, steps, records, record_bytes, first_step, recorded_rate, 0);
  }
  for (long l = 0; l < count; l++) {
    const struct small_layer *layer = &layers[l];
    for (long j = 0; j < layer->outputs; j++)
      small_store_column(m.w[l][j], layer->width, layer->outputs, parameters + layer->offset + j);
  }
}

long downhill_small_descend(const struct downhill_dense_pass *pass, double *parameters,
                            long parameter_count, double rate, long steps, void *records,
                            long record_bytes, long first_step, double recorded_rate) {
  struct small_plan plan;
  if (steps < 1 || !small_plan(pass, parameter_count, &plan)) return 0;
  small_descend(&plan, pass, parameters, rate, steps, records, record_bytes, first_step,
                recorded_rate);
  return steps;
}
#else
long downhill_small_descend(const struct downhill_dense_pass *pass, double *parameters,
                            long parameter_count, double rate, long steps, void *records,
                            long record_bytes, long first_step, double recorded_rate) {
  (void)pass, (void)parameters, (void)parameter_count, (void)rate, (void)steps, (void)records;
  (void)record_bytes, (void)first_step, (void)recorded_rate;
  return 0;
}
#endif
