#ifndef DOWNHILL_DENSE_NETWORK_H
#define DOWNHILL_DENSE_NETWORK_H

/// The arithmetic of a dense network's activations, costs and passes on raw row-major buffers,
/// rounding as the tutorials' numpy programs do (products by downhill_np_product below the BLAS
/// crossover). Swift's `Kernels` wraps these, so `Matrix`, `Network.evaluate`, `NetworkLoss`
/// and the training loop share one implementation.

enum downhill_activation {
  DOWNHILL_SIGMOID,
  DOWNHILL_SCALED_SIGMOID,  // σ(c·x), c the layer's parameter
  DOWNHILL_TANH,
  DOWNHILL_RELU,
  DOWNHILL_LEAKY_RELU,  // slope = the layer's parameter
  DOWNHILL_SOFTMAX,
  DOWNHILL_IDENTITY,
};

enum downhill_cost {
  DOWNHILL_MEAN_SQUARED,
  DOWNHILL_HALF_SUM_SQUARED,
  DOWNHILL_SUM_SQUARED,
  DOWNHILL_BINARY_CROSS_ENTROPY,
  DOWNHILL_CATEGORICAL_CROSS_ENTROPY,
};

/// a = f(z) for a rows x columns block.
void downhill_activation_forward(int activation, double parameter, const double *z, double *a,
                                 long rows, long columns);

/// out = ∂C/∂z from g = ∂C/∂a (out may be g).
void downhill_activation_backward(int activation, double parameter, const double *z,
                                  const double *a, const double *g, double *out, long rows,
                                  long columns);

/// The cost's per-element terms into `terms`, then its value (numpy's pairwise sum).
double downhill_cost_value(int cost, const double *o, const double *t, double *terms, long rows,
                           long columns);

/// ∂C/∂o into `out`.
void downhill_cost_gradient(int cost, const double *o, const double *t, double *out, long rows,
                            long columns);

/// Whether the output activation cancels the cost's denominator (sigmoid + BCE, softmax + CCE):
/// then ∂C/∂z is (o − t) / rows, downhill_fused_gradient.
int downhill_has_fused_gradient(int cost, int activation);
void downhill_fused_gradient(const double *o, const double *t, double *out, long rows,
                             long columns);

/// numpy's `pairwise_sum` for doubles.
double downhill_pairwise_sum(const double *a, long n);

/// C (m x n) = op(A) . op(B): downhill_np_product below `crossover` multiply-adds (m n k), else
/// OpenBLAS. Zero when k is 0.
void downhill_dense_product(long m, long n, long k, const double *a, long lda, int transpose_a,
                            const double *b, long ldb, int transpose_b, double *c, long ldc,
                            long crossover);

/// Limits OpenBLAS to one thread and stops its idle workers, which otherwise spin on
/// sched_yield on every core for about 0.1 s after the library starts them at load.
void downhill_blas_single_thread(void);
/// Makes OpenBLAS single-threaded once, before the first product (see dense_network.c).
void downhill_blas_default_threads(void);

/// One layer of a training pass: where its weights sit in the flat parameter vector and its
/// buffers (capacity rows each). `input` is the previous layer's `a` unless the layer is first
/// or folds its bias (then its own copy, with a ones column).
struct downhill_dense_layer {
  long inputs;   // without the bias column
  long width;    // inputs, plus one when the bias is folded
  long outputs;
  long offset;
  int folded;
  int activation;
  double parameter;
  double *input, *z, *a, *delta;
};

/// A network's forward and backward pass over `rows` loaded examples.
struct downhill_dense_pass {
  const struct downhill_dense_layer *layers;
  long count;
  int cost;
  long rows;
  const double *target;  // rows x the last layer's outputs
  double *scratch;       // as many
  long crossover;
};

/// Forward and backward at `parameters`: fills `gradient`, returns the loss.
double downhill_dense_pass(const struct downhill_dense_pass *pass, const double *parameters,
                           double *gradient);

#endif
