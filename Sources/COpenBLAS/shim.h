#include <cblas.h>

/* OpenBLAS's pthread build exports this; it stops the worker threads, which OpenBLAS starts
   again by itself at the next threaded call. */
int blas_thread_shutdown_(void);
