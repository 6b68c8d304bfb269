// Runs downhill_dense_descend over many small-network configurations and prints, per
// configuration, the loss and FNV hashes of the final parameters and of every buffer the pass
// leaves behind (z, a, delta, folded inputs, scratch, gradient, records). Built once against
// the sources as they are and once without the fast path (scripts/check/small-network.sh):
// the two outputs must be identical.
#include "dense_network.h"
#include "numpy_math.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned long fnv(unsigned long h, const void *p, size_t n) {
  const unsigned char *c = p;
  for (size_t i = 0; i < n; i++) h = (h ^ c[i]) * 1099511628211UL;
  return h;
}

static unsigned long long rng;
static double uniform(void) {  // in [-1, 1), a fixed LCG so both builds draw the same numbers
  rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
  return (double)(rng >> 11) / 9007199254740992.0 * 2 - 1;
}

static const double inputs8[8][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1},
                                     {0.5, 0.25}, {0.3, 0.9}, {0.75, 0.1}, {0.2, 0.6}};
static const int labels8[8] = {0, 1, 1, 0, 1, 0, 1, 0};

enum { NET_TWO, NET_THREE, NET_FOLDED_SECOND, NET_FOLDED_FIRST };
static const char *net_names[] = {"3-H-O", "3-H-H-O", "3-H-(H+1)-O", "(2+1)-H-O"};
static const char *act_names[] = {"sig", "ssig", "tanh", "relu", "leaky", "softmax", "id"};
static const char *cost_names[] = {"mse", "hss", "ss", "bce", "cce"};

struct config {
  int net, H, O, rows, act_h, act_o, cost;
  double par_h, par_o, rate, init_scale;
  long steps, crossover;
  int records;
  unsigned seed;
};

static long configs_run;
static int timing;  // "time" mode: print the best of 15 runs in ns a step instead of hashes

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static void run(struct config c) {
  configs_run++;
  int rows = c.rows, H = c.H, O = c.O;
  double X[8 * 3], X2[8 * 2], Y[8 * 2];
  for (int r = 0; r < rows; r++) {
    X[r * 3] = X2[r * 2] = inputs8[r][0];
    X[r * 3 + 1] = X2[r * 2 + 1] = inputs8[r][1];
    X[r * 3 + 2] = 1;
    if (O == 1) {
      Y[r] = labels8[r];
    } else {
      for (int j = 0; j < O; j++) Y[r * O + j] = (j == labels8[r]);
    }
  }
  struct downhill_dense_layer L[3];
  int count = c.net == NET_THREE ? 3 : 2;
  long sizes[3][3];  // inputs, width, outputs
  switch (c.net) {
    case NET_TWO:
      sizes[0][0] = 3, sizes[0][1] = 3, sizes[0][2] = H;
      sizes[1][0] = H, sizes[1][1] = H, sizes[1][2] = O;
      break;
    case NET_THREE:
      sizes[0][0] = 3, sizes[0][1] = 3, sizes[0][2] = H;
      sizes[1][0] = H, sizes[1][1] = H, sizes[1][2] = H;
      sizes[2][0] = H, sizes[2][1] = H, sizes[2][2] = O;
      break;
    case NET_FOLDED_SECOND:
      sizes[0][0] = 3, sizes[0][1] = 3, sizes[0][2] = H;
      sizes[1][0] = H, sizes[1][1] = H + 1, sizes[1][2] = O;
      break;
    default:
      sizes[0][0] = 2, sizes[0][1] = 3, sizes[0][2] = H;
      sizes[1][0] = H, sizes[1][1] = H, sizes[1][2] = O;
  }
  long np = 0;
  double *buffers[3][4];
  for (int l = 0; l < count; l++) {
    long outputs = sizes[l][2];
    int folded = (c.net == NET_FOLDED_SECOND && l == 1) || (c.net == NET_FOLDED_FIRST && l == 0);
    L[l] = (struct downhill_dense_layer){sizes[l][0], sizes[l][1], outputs, np, folded,
                                         l == count - 1 ? c.act_o : c.act_h,
                                         l == count - 1 ? c.par_o : c.par_h};
    np += sizes[l][1] * outputs;
    for (int b = 0; b < 4; b++) buffers[l][b] = calloc(rows * (sizes[l][1] + outputs + 1) + 8, 8);
    L[l].z = buffers[l][1];
    L[l].a = buffers[l][2];
    L[l].delta = buffers[l][3];
    if (l == 0) {
      if (folded) {  // its own input with the ones column
        for (int r = 0; r < rows; r++) {
          buffers[l][0][r * 3] = X2[r * 2];
          buffers[l][0][r * 3 + 1] = X2[r * 2 + 1];
          buffers[l][0][r * 3 + 2] = 1;
        }
        L[l].input = buffers[l][0];
      } else {
        L[l].input = X;
      }
    } else {
      L[l].input = folded ? buffers[l][0] : L[l - 1].a;
    }
  }
  double *p = calloc(np, 8), *g = calloc(np, 8), *scratch = calloc(rows * O + 8, 8);
  rng = c.seed;
  for (long i = 0; i < np; i++) p[i] = c.init_scale * uniform();
  long record_bytes = 24 + np * 8;
  char *records = c.records ? calloc(c.steps, record_bytes) : NULL;
  struct downhill_dense_pass pass = {L, count, c.cost, rows, Y, scratch, c.crossover};
  double loss = 0, best = 1e9, *p0 = malloc(np * 8);
  memcpy(p0, p, np * 8);
  for (int rep = 0; rep < (timing ? 15 : 1); rep++) {
    memcpy(p, p0, np * 8);
    double t0 = now();
    loss = downhill_dense_descend(&pass, p, g, np, c.rate, c.steps, records, record_bytes, 1000,
                                  c.rate * 0.5);
    double t = now() - t0;
    if (t < best) best = t;
  }
  free(p0);
  if (timing) {
    printf("%-12s H=%d O=%d rows=%d %s(%g)->%s(%g) %s rec=%d  %.1f ns/step\n", net_names[c.net],
           H, O, rows, act_names[c.act_h], c.par_h, act_names[c.act_o], c.par_o,
           cost_names[c.cost], c.records, best / c.steps * 1e9);
    for (int l = 0; l < count; l++)
      for (int b = 0; b < 4; b++) free(buffers[l][b]);
    free(p), free(g), free(scratch), free(records);
    return;
  }
  unsigned long hp = fnv(1469598103934665603UL, p, np * 8);
  unsigned long hb = fnv(hp, g, np * 8);
  hb = fnv(hb, scratch, (rows * O) * 8);
  for (int l = 0; l < count; l++) {
    long n = rows * sizes[l][2];
    hb = fnv(hb, L[l].z, n * 8);
    hb = fnv(hb, L[l].a, n * 8);
    hb = fnv(hb, L[l].delta, n * 8);
    if (L[l].folded && l > 0) hb = fnv(hb, L[l].input, rows * sizes[l][1] * 8);
  }
  if (records) hb = fnv(hb, records, c.steps * record_bytes);
  printf("%s H=%d O=%d rows=%d %s(%g)->%s(%g) %s rate=%g init=%g steps=%ld xo=%ld rec=%d seed=%u"
         "  loss %.17g params %016lx all %016lx\n",
         net_names[c.net], H, O, rows, act_names[c.act_h], c.par_h, act_names[c.act_o], c.par_o,
         cost_names[c.cost], c.rate, c.init_scale, c.steps, c.crossover, c.records, c.seed, loss,
         hp, hb);
  for (int l = 0; l < count; l++)
    for (int b = 0; b < 4; b++) free(buffers[l][b]);
  free(p), free(g), free(scratch), free(records);
}

// Output layers: activation, its parameter, width, cost.
static const struct { int act; double par; int O, cost; } outputs_[] = {
    {DOWNHILL_SIGMOID, 0, 1, DOWNHILL_MEAN_SQUARED},
    {DOWNHILL_SIGMOID, 0, 1, DOWNHILL_HALF_SUM_SQUARED},
    {DOWNHILL_SIGMOID, 0, 1, DOWNHILL_SUM_SQUARED},
    {DOWNHILL_SIGMOID, 0, 1, DOWNHILL_BINARY_CROSS_ENTROPY},         // fused
    {DOWNHILL_SCALED_SIGMOID, 2, 1, DOWNHILL_BINARY_CROSS_ENTROPY},  // not fused
    {DOWNHILL_SOFTMAX, 0, 2, DOWNHILL_CATEGORICAL_CROSS_ENTROPY},    // fused
    {DOWNHILL_SOFTMAX, 0, 2, DOWNHILL_MEAN_SQUARED},                 // softmax backward
    {DOWNHILL_SIGMOID, 0, 2, DOWNHILL_CATEGORICAL_CROSS_ENTROPY},    // not fused
    {DOWNHILL_IDENTITY, 0, 1, DOWNHILL_HALF_SUM_SQUARED},
    {DOWNHILL_TANH, 0, 2, DOWNHILL_SUM_SQUARED},
    {DOWNHILL_LEAKY_RELU, 0.01, 1, DOWNHILL_MEAN_SQUARED},
    {DOWNHILL_RELU, 0, 2, DOWNHILL_HALF_SUM_SQUARED},
    {DOWNHILL_SIGMOID, 0, 2, DOWNHILL_BINARY_CROSS_ENTROPY},
};
static const struct { int act; double par; } hidden[] = {
    {DOWNHILL_SIGMOID, 0}, {DOWNHILL_SCALED_SIGMOID, 2}, {DOWNHILL_TANH, 0},
    {DOWNHILL_RELU, 0},    {DOWNHILL_LEAKY_RELU, 0.01},  {DOWNHILL_IDENTITY, 0},
    {DOWNHILL_SOFTMAX, 0},
};

// A few shapes for the speed of the fast path against the generic one.
static void time_some(void) {
  timing = 1;
  struct config T4 = {NET_TWO, 4, 1, 4, DOWNHILL_SIGMOID, DOWNHILL_SIGMOID,
                      DOWNHILL_HALF_SUM_SQUARED, 0, 0, 1, 1, 20000, 1000000, 0, 1};
  struct config c = T4;
  run(c);
  c.records = 1;
  run(c);
  c = T4, c.H = 8;
  run(c);
  c = T4, c.rows = 8;
  run(c);
  c = T4, c.net = NET_THREE, c.H = 3, c.O = 2, c.act_o = DOWNHILL_SOFTMAX;
  c.cost = DOWNHILL_CATEGORICAL_CROSS_ENTROPY;
  run(c);
  c.rows = 8;
  run(c);
  c = T4, c.net = NET_FOLDED_SECOND, c.H = 3;
  run(c);
  c = T4, c.act_h = DOWNHILL_TANH;
  run(c);
  c = T4, c.act_h = DOWNHILL_RELU, c.rate = 0.5;
  run(c);
  c = T4, c.O = 2, c.act_o = DOWNHILL_SOFTMAX, c.cost = DOWNHILL_CATEGORICAL_CROSS_ENTROPY;
  run(c);
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "time")) {
    time_some();
    return 0;
  }
  long steps = argc > 1 ? atol(argv[1]) : 1000;
  static const int Hs[] = {1, 2, 3, 4, 5, 7, 8, 32};
  static const int rowss[] = {1, 3, 4, 8};
  static const double rates[] = {0.5, 1, 10};
  unsigned seed = 1;
  // T4 itself, full length: the reference hashes.
  for (int h = 0; h < 8; h++)
    for (int r = 0; r < 3; r++)
      run((struct config){NET_TWO, Hs[h], 1, 4, DOWNHILL_SIGMOID, DOWNHILL_SIGMOID,
                          DOWNHILL_HALF_SUM_SQUARED, 0, 0, rates[r], 1, 60000, 1000000, 0,
                          seed++});
  // The grid.
  for (int net = 0; net < 4; net++)
    for (int h = 0; h < 8; h++)
      for (int ro = 0; ro < 4; ro++)
        for (int a = 0; a < (int)(sizeof hidden / sizeof *hidden); a++)
          for (int o = 0; o < (int)(sizeof outputs_ / sizeof *outputs_); o++)
            for (int r = 0; r < 3; r++)
              run((struct config){net, Hs[h], outputs_[o].O, rowss[ro], hidden[a].act,
                                  outputs_[o].act, outputs_[o].cost, hidden[a].par,
                                  outputs_[o].par, rates[r], 1, steps, 1000000, 0, seed++});
  // Records, short runs (1 and 2 steps: the fast path's edges), large weights (exp off its main
  // path, overflow, NaN), a scaled sigmoid whose exp factor is 1, a crossover that sends some
  // products to OpenBLAS.
  for (int net = 0; net < 4; net++)
    for (int h = 0; h < 8; h++)
      for (int ro = 0; ro < 4; ro++)
        for (int o = 0; o < (int)(sizeof outputs_ / sizeof *outputs_); o++) {
          int a = (h + ro + o) % (int)(sizeof hidden / sizeof *hidden);
          struct config c = {net, Hs[h], outputs_[o].O, rowss[ro], hidden[a].act,
                             outputs_[o].act, outputs_[o].cost, hidden[a].par,
                             outputs_[o].par, 1, 1, 40, 1000000, 1, seed++};
          run(c);
          c.records = 0;
          for (long s = 0; s <= 3; s++) {
            c.steps = s;
            c.seed = seed++;
            run(c);
          }
          c.steps = 200;
          c.init_scale = 400;
          for (int r = 0; r < 3; r++) {
            c.rate = rates[r];
            c.seed = seed++;
            run(c);
            c.records = 1;
            run(c);
            c.records = 0;
          }
          c.init_scale = 1;
          c.rate = 1;
          c.act_h = DOWNHILL_SCALED_SIGMOID;
          c.par_h = -1;
          c.seed = seed++;
          run(c);
          c.crossover = 24;
          run(c);
        }
  fprintf(stderr, "%ld configurations\n", configs_run);
}
