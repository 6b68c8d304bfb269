// numpy's dispatch in cblas_matrixproduct for 2-D operands C (m x n) = op(A) (m x k) . op(B)
// (k x n), as the summation order of the OpenBLAS routine it reaches. Each case was checked bit
// for bit against numpy 2.4 and its OpenBLAS on AVX-512 (the T4 programs print identically):
//   k = 1                      single products, whichever routine runs;
//   matrix . matrix            gemm: sequential FMAs (k = 3, 4; 3 to 32 columns);
//   matrix . column, 4n rows   dgemv_t: four running sums (k = 4, 32);
//   matrixT . column, k = 4    dgemv_n on 4n rows: x1 y1, then x0 y0, x2 y2, x3 y3 fused in.
// Every other shape (row . matrix, gemv with rows left over, other k) sums plainly in k order,
// as OpenBLAS's scalar remainder loops do; its tiling of other gemv shapes is not reproduced.
// kernels.h's KERNEL(product) sums in these orders.
#ifndef DOWNHILL_PRODUCT_ORDER_H
#define DOWNHILL_PRODUCT_ORDER_H

enum downhill_product_order {
  DOWNHILL_ORDER_SINGLE,      // k = 1: one product
  DOWNHILL_ORDER_SEQUENTIAL,  // gemm: FMAs one after another from zero
  DOWNHILL_ORDER_FOUR_LANES,  // dgemv_t: four running sums, (s0 + s2) + (s1 + s3), then the rest
  DOWNHILL_ORDER_COLUMNS4,    // dgemv_n, k = 4: x1 y1, then x0 y0, x2 y2, x3 y3 fused in
  DOWNHILL_ORDER_PLAIN,       // rounded products added in order
};

// For m, n and k of at least 1.
static inline enum downhill_product_order downhill_product_order(long m, long n, long k,
                                                                 int transpose_a) {
  if (k == 1) return DOWNHILL_ORDER_SINGLE;
  if (m > 1 && n > 1) return DOWNHILL_ORDER_SEQUENTIAL;
  if (n == 1 && m % 4 == 0 && !transpose_a) return DOWNHILL_ORDER_FOUR_LANES;
  if (n == 1 && m % 4 == 0 && k == 4) return DOWNHILL_ORDER_COLUMNS4;
  return DOWNHILL_ORDER_PLAIN;
}

#endif
