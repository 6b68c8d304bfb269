// OpenBLAS through dlopen, on first use. Linked in, libopenblas.so.0 (with libgfortran and
// libquadmath) was loaded and initialised at every start (symbol binding, CPU detection,
// buffers, a worker thread per core): a C hello world took 2.6 ms instead of 0.9 ms, and
// `downhill tutorial t2` 6.1 ms instead of 4.9 ms (9 million more instructions), though most
// commands (`tutorial`, `descend`, `plot`) never call BLAS: their products stay below
// Matrix.blasCrossover.
//
// The prototypes are written here rather than taken from <cblas.h>: depending on the COpenBLAS
// module for it would put pkg-config's -lopenblas back on the link line of every product (see
// Package.swift). DownhillTests, which links OpenBLAS directly, checks them against cblas.h's.
#include "blas_loader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// CBLAS's enum values (cblas.h): CblasRowMajor, CblasNoTrans, CblasTrans.
enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112 };

typedef void (*dgemm_fn)(int order, int trans_a, int trans_b, int m, int n, int k, double alpha,
                         const double *a, int lda, const double *b, int ldb, double beta,
                         double *c, int ldc);
typedef char *(*core_name_fn)(void);
typedef void (*set_threads_fn)(int count);
typedef int (*shutdown_fn)(void);

// Written once by load() before pthread_once returns, then only read.
static dgemm_fn dgemm;
static core_name_fn core_name;
static set_threads_fn set_threads;
static shutdown_fn shutdown_threads;  // only OpenBLAS's pthread build exports it

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
// Guards loaded and requested_threads: a count set while another thread loads is not lost.
static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static int loaded;
static int requested_threads;  // 0: none requested

static void fail(const char *problem) {
  fprintf(stderr,
          "Error: OpenBLAS (libopenblas.so.0) could not be loaded: %s; install it with: "
          "apt-get install libopenblas0\n",
          problem);
  exit(EXIT_FAILURE);
}

static void *symbol(void *library, const char *name) {
  void *address = dlsym(library, name);
  if (!address) {
    const char *error = dlerror();
    fail(error ? error : name);
  }
  return address;
}

// With one thread OpenBLAS never calls its pool, so stop it too: OpenBLAS 0.3.21's
// openblas_set_num_threads first restarts the whole pool when it is down, whatever the count,
// and the workers spin on sched_yield for ~0.1 s (a quarter of a short command on two cores).
// A later count above 1, or a threaded product, restarts them. Called with threads_lock held.
static void apply_threads(int count) {
  set_threads(count);
  if (count == 1 && shutdown_threads) shutdown_threads();
}

static void load(void) {
  void *library = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
  if (!library) fail(dlerror());
  dgemm = (dgemm_fn)symbol(library, "cblas_dgemm");
  core_name = (core_name_fn)symbol(library, "openblas_get_corename");
  set_threads = (set_threads_fn)symbol(library, "openblas_set_num_threads");
  shutdown_threads = (shutdown_fn)dlsym(library, "blas_thread_shutdown_");
  pthread_mutex_lock(&threads_lock);
  loaded = 1;
  if (requested_threads) apply_threads(requested_threads);
  pthread_mutex_unlock(&threads_lock);
}

static void ensure_loaded(void) { pthread_once(&load_once, load); }

void downhill_blas_product(int m, int n, int k, const double *a, int lda, int transpose_a,
                           const double *b, int ldb, int transpose_b, double *c, int ldc) {
  ensure_loaded();
  dgemm(ROW_MAJOR, transpose_a ? TRANS : NO_TRANS, transpose_b ? TRANS : NO_TRANS, m, n, k, 1.0,
        a, lda, b, ldb, 0.0, c, ldc);
}

const char *downhill_blas_core_name(void) {
  ensure_loaded();
  return core_name();
}

void downhill_blas_set_threads(int count) {
  pthread_mutex_lock(&threads_lock);
  requested_threads = count < 1 ? 1 : count;
  if (loaded) apply_threads(requested_threads);
  pthread_mutex_unlock(&threads_lock);
}

void downhill_blas_release_idle_threads(void) {
  pthread_mutex_lock(&threads_lock);
  if (loaded && shutdown_threads) shutdown_threads();
  pthread_mutex_unlock(&threads_lock);
}

int downhill_blas_is_loaded(void) {
  pthread_mutex_lock(&threads_lock);
  int result = loaded;
  pthread_mutex_unlock(&threads_lock);
  return result;
}
