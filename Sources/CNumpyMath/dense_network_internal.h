// What dense_network.c and its small-network fast path (small_network.c) share, beyond the
// public dense_network.h.
#ifndef DOWNHILL_DENSE_NETWORK_INTERNAL_H
#define DOWNHILL_DENSE_NETWORK_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "dense_network.h"

// The floor of a cost's logarithm and denominators: Swift's max(x, tiny).
static const double tiny = 1e-300;

// A ring record: its step, loss and learning rate, then the gradient (and the parameters).
static inline void step_record_header(void *record, long step, double loss, double rate) {
  char *r = record;
  int64_t number = step;
  memcpy(r, &number, 8);
  memcpy(r + 8, &loss, 8);
  memcpy(r + 16, &rate, 8);
}

static inline double *step_record_gradient(void *record) {
  return (double *)((char *)record + 24);
}

/// Runs the first `steps` steps of downhill_dense_descend on the vector fast path if the
/// network is small enough and the CPU has AVX-512F and FMA, and returns how many it ran: all of
/// them, or 0 (the caller runs the rest).
long downhill_small_descend(const struct downhill_dense_pass *pass, double *parameters,
                            long parameter_count, double rate, long steps, void *records,
                            long record_bytes, long first_step, double recorded_rate);

#endif
