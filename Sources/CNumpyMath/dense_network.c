// A dense network's arithmetic, operation for operation as the numpy programs round it: the
// activations, the costs, and a whole forward and backward pass over raw buffers, so that the
// training loop allocates nothing per step.
#include "dense_network.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <cblas.h>

#include "numpy_math.h"

// Every a * b + c here rounds twice, as it did in Swift.
#pragma clang fp contract(off)

// The floor under a log or a division by an output (cross-entropy of a saturated output).
static const double tiny = 1e-300;

// Swift's max(x, tiny): x itself when it is NaN.
static inline double at_least_tiny(double x) { return tiny >= x ? tiny : x; }

static inline double safe_log(double x) { return log(at_least_tiny(x)); }

void downhill_activation_forward(int activation, double parameter, const double *z, double *a,
                                 long rows, long columns) {
  long count = rows * columns;
  switch (activation) {
    case DOWNHILL_SIGMOID:
      downhill_np_sigmoid(z, a, count, 1);
      break;
    case DOWNHILL_SCALED_SIGMOID:
      downhill_np_sigmoid(z, a, count, parameter);
      break;
    case DOWNHILL_TANH:
      for (long i = 0; i < count; i++) a[i] = tanh(z[i]);
      break;
    case DOWNHILL_RELU:
      for (long i = 0; i < count; i++) a[i] = z[i] > 0 ? z[i] : 0;
      break;
    case DOWNHILL_LEAKY_RELU:
      for (long i = 0; i < count; i++) a[i] = z[i] > 0 ? z[i] : parameter * z[i];
      break;
    case DOWNHILL_SOFTMAX:
      for (long r = 0; r < rows; r++) {
        const double *zr = z + r * columns;
        double *ar = a + r * columns;
        // Subtracting the row maximum keeps exp from overflowing; the result is unchanged.
        double peak = -INFINITY;
        for (long i = 0; i < columns; i++)
          if (zr[i] > peak) peak = zr[i];
        for (long i = 0; i < columns; i++) ar[i] = zr[i] - peak;
        downhill_np_exp_array(ar, ar, columns);
        double total = 0;
        for (long i = 0; i < columns; i++) total += ar[i];
        for (long i = 0; i < columns; i++) ar[i] /= total;
      }
      break;
    default:  // identity
      for (long i = 0; i < count; i++) a[i] = z[i];
  }
}

void downhill_activation_backward(int activation, double parameter, const double *z,
                                  const double *a, const double *g, double *out, long rows,
                                  long columns) {
  long count = rows * columns;
  switch (activation) {
    case DOWNHILL_SIGMOID:
      for (long i = 0; i < count; i++) out[i] = g[i] * (a[i] * (1 - a[i]));
      break;
    case DOWNHILL_SCALED_SIGMOID:
      for (long i = 0; i < count; i++) out[i] = g[i] * (parameter * (a[i] * (1 - a[i])));
      break;
    case DOWNHILL_TANH:
      for (long i = 0; i < count; i++) out[i] = g[i] * (1 - a[i] * a[i]);
      break;
    case DOWNHILL_RELU:
      for (long i = 0; i < count; i++) out[i] = z[i] > 0 ? g[i] : 0;
      break;
    case DOWNHILL_LEAKY_RELU:
      for (long i = 0; i < count; i++) out[i] = z[i] > 0 ? g[i] : parameter * g[i];
      break;
    case DOWNHILL_SOFTMAX:
      // Jacobian–vector product per row: ∂C/∂z_i = a_i (g_i − Σ_j g_j a_j).
      for (long r = 0; r < rows; r++) {
        long base = r * columns;
        double inner = 0;
        for (long i = base; i < base + columns; i++) inner += g[i] * a[i];
        for (long i = base; i < base + columns; i++) out[i] = a[i] * (g[i] - inner);
      }
      break;
    default:  // identity
      for (long i = 0; i < count; i++) out[i] = g[i];
  }
}

double downhill_pairwise_sum(const double *a, long n) {
  if (n < 8) {
    double res = 0;
    for (long i = 0; i < n; i++) res += a[i];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (int j = 0; j < 8; j++) r[j] = a[j];
    long i = 8;
    for (; i < n - (n % 8); i += 8)
      for (int j = 0; j < 8; j++) r[j] += a[i + j];
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += a[i];
    return res;
  }
  long n2 = n / 2;
  n2 -= n2 % 8;
  return downhill_pairwise_sum(a, n2) + downhill_pairwise_sum(a + n2, n - n2);
}

double downhill_cost_value(int cost, const double *o, const double *t, double *terms, long rows,
                           long columns) {
  long count = rows * columns;
  double examples = (double)(rows > 1 ? rows : 1);
  switch (cost) {
    case DOWNHILL_BINARY_CROSS_ENTROPY:
      for (long i = 0; i < count; i++)
        terms[i] = -(t[i] * safe_log(o[i]) + (1 - t[i]) * safe_log(1 - o[i]));
      break;
    case DOWNHILL_CATEGORICAL_CROSS_ENTROPY:
      for (long i = 0; i < count; i++) terms[i] = t[i] == 0 ? 0 : -t[i] * safe_log(o[i]);
      break;
    default:  // the squared errors
      for (long i = 0; i < count; i++) terms[i] = (o[i] - t[i]) * (o[i] - t[i]);
  }
  double sum = downhill_pairwise_sum(terms, count);
  switch (cost) {
    case DOWNHILL_MEAN_SQUARED:
      return count == 0 ? NAN : sum / (double)count;
    case DOWNHILL_HALF_SUM_SQUARED:
      return 0.5 * sum;
    case DOWNHILL_SUM_SQUARED:
      return sum;
    default:  // the cross-entropies
      return sum / examples;
  }
}

void downhill_cost_gradient(int cost, const double *o, const double *t, double *out, long rows,
                            long columns) {
  long count = rows * columns;
  double examples = (double)(rows > 1 ? rows : 1);
  switch (cost) {
    case DOWNHILL_MEAN_SQUARED: {
      double n = (double)(count > 1 ? count : 1);
      for (long i = 0; i < count; i++) out[i] = 2 * (o[i] - t[i]) / n;
      break;
    }
    case DOWNHILL_HALF_SUM_SQUARED:
      for (long i = 0; i < count; i++) out[i] = o[i] - t[i];
      break;
    case DOWNHILL_SUM_SQUARED:
      for (long i = 0; i < count; i++) out[i] = 2 * (o[i] - t[i]);
      break;
    case DOWNHILL_BINARY_CROSS_ENTROPY:
      for (long i = 0; i < count; i++)
        out[i] = (o[i] - t[i]) / at_least_tiny(o[i] * (1 - o[i])) / examples;
      break;
    default:  // categorical cross-entropy
      for (long i = 0; i < count; i++)
        out[i] = t[i] == 0 ? 0 : -t[i] / at_least_tiny(o[i]) / examples;
  }
}

int downhill_has_fused_gradient(int cost, int activation) {
  return (cost == DOWNHILL_BINARY_CROSS_ENTROPY && activation == DOWNHILL_SIGMOID) ||
         (cost == DOWNHILL_CATEGORICAL_CROSS_ENTROPY && activation == DOWNHILL_SOFTMAX);
}

void downhill_fused_gradient(const double *o, const double *t, double *out, long rows,
                             long columns) {
  double examples = (double)(rows > 1 ? rows : 1);
  for (long i = 0; i < rows * columns; i++) out[i] = (o[i] - t[i]) / examples;
}

// OpenBLAS's pthread build only: stops its worker threads (it starts them again for a threaded
// product). Weak, so that other builds of OpenBLAS link too.
extern int blas_thread_shutdown_(void) __attribute__((weak));

void downhill_blas_single_thread(void) {
  openblas_set_num_threads(1);
  if (blas_thread_shutdown_) blas_thread_shutdown_();
}

// OpenBLAS starts with a worker per core, and two threads of a program (two tasks training, two
// tests) calling its threaded dgemm at once can deadlock in its thread server (seen: both stuck
// in dgemm_thread_tn). So the first product, or the first explicit thread count, makes it
// single-threaded; a caller may then ask for more workers, for one caller at a time.
static pthread_once_t blas_default = PTHREAD_ONCE_INIT;

void downhill_blas_default_threads(void) { pthread_once(&blas_default, downhill_blas_single_thread); }

void downhill_dense_product(long m, long n, long k, const double *a, long lda, int transpose_a,
                            const double *b, long ldb, int transpose_b, double *c, long ldc,
                            long crossover) {
  if (m <= 0 || n <= 0) return;
  if (k == 0) {
    for (long i = 0; i < m; i++)
      for (long j = 0; j < n; j++) c[i * ldc + j] = 0;
    return;
  }
  if (m * n * k < crossover) {
    downhill_np_product(m, n, k, a, lda, transpose_a, b, ldb, transpose_b, c, ldc);
  } else {
    downhill_blas_default_threads();
    cblas_dgemm(CblasRowMajor, transpose_a ? CblasTrans : CblasNoTrans,
                transpose_b ? CblasTrans : CblasNoTrans, (int)m, (int)n, (int)k, 1.0, a, (int)lda, b,
                (int)ldb, 0.0, c, (int)ldc);
  }
}

double downhill_dense_pass(const struct downhill_dense_pass *pass, const double *parameters,
                           double *gradient) {
  const struct downhill_dense_layer *layers = pass->layers;
  long rows = pass->rows, crossover = pass->crossover;
  for (long l = 0; l < pass->count; l++) {
    const struct downhill_dense_layer *layer = &layers[l];
    if (l > 0 && layer->folded) {
      const double *previous = layers[l - 1].a;
      for (long r = 0; r < rows; r++) {
        double *row = layer->input + r * layer->width;
        for (long c = 0; c < layer->inputs; c++) row[c] = previous[r * layer->inputs + c];
        row[layer->inputs] = 1;
      }
    }
    downhill_dense_product(rows, layer->outputs, layer->width, layer->input, layer->width, 0,
                           parameters + layer->offset, layer->outputs, 0, layer->z,
                           layer->outputs, crossover);
    downhill_activation_forward(layer->activation, layer->parameter, layer->z, layer->a, rows,
                                layer->outputs);
  }
  long last = pass->count - 1;
  const struct downhill_dense_layer *out = &layers[last];
  double loss = downhill_cost_value(pass->cost, out->a, pass->target, pass->scratch, rows,
                                    out->outputs);
  if (downhill_has_fused_gradient(pass->cost, out->activation)) {
    downhill_fused_gradient(out->a, pass->target, out->delta, rows, out->outputs);
  } else {
    downhill_cost_gradient(pass->cost, out->a, pass->target, pass->scratch, rows, out->outputs);
    downhill_activation_backward(out->activation, out->parameter, out->z, out->a, pass->scratch,
                                 out->delta, rows, out->outputs);
  }
  for (long l = last; l >= 0; l--) {
    const struct downhill_dense_layer *layer = &layers[l];
    // ∂C/∂W = [x | 1]ᵀ · ∂C/∂z
    downhill_dense_product(layer->width, layer->outputs, rows, layer->input, layer->width, 1,
                           layer->delta, layer->outputs, 0, gradient + layer->offset,
                           layer->outputs, crossover);
    if (l == 0) break;
    // ∂C/∂x = ∂C/∂z · Wᵀ without the bias row, into the previous layer's delta, then through
    // its activation in place.
    const struct downhill_dense_layer *previous = &layers[l - 1];
    downhill_dense_product(rows, layer->inputs, layer->outputs, layer->delta, layer->outputs, 0,
                           parameters + layer->offset, layer->outputs, 1, previous->delta,
                           layer->inputs, crossover);
    downhill_activation_backward(previous->activation, previous->parameter, previous->z,
                                 previous->a, previous->delta, previous->delta, rows,
                                 layer->inputs);
  }
  return loss;
}
