#ifndef C_DESCENT_MATMUL_H
#define C_DESCENT_MATMUL_H

// Matrix-multiplication micro-kernels for x86-64 CPUs with AVX2 and FMA, compiled with
// per-function target attributes (no -march flag: the package still builds for and runs on
// baseline x86-64 and other architectures) and chosen at run time. DescentLearning's
// `Matmul` calls them when `descent_matmul_has_avx2_fma()` is 1 and falls back to its
// portable Swift kernel otherwise.
//
// Both compute, for the columns j0 <= j < j1 of C only (so threads can split the columns):
//
//     C[i, j] (+)= sum_{p = 0}^{k-1} A(i, p) * B[p, j]      0 <= i < m
//     A(i, p) = a[i * rowStrideA + p * columnStrideA]       (row-major A, or its transpose)
//     B[p, j] = b[p * ldb + j]                               (row-major k x n)
//     C[i, j] = c[i * ldc + j]
//
// Each entry is accumulated in its own register lane in the order p = 0, 1, ..., k-1 with
// fused multiply-adds, so results do not depend on how the columns are split.

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when this CPU runs the AVX2+FMA kernels, 0 otherwise (always 0 off x86-64).
int descent_matmul_has_avx2_fma(void);

/// Single precision: 6x16 register blocks (12 ymm accumulators).
void descent_sgemm_avx2_fma(const float *a, long rowStrideA, long columnStrideA, const float *b, long ldb,
                            float *c, long ldc, long m, long j0, long j1, long k, int accumulate);

/// Double precision: 6x8 register blocks (12 ymm accumulators).
void descent_dgemm_avx2_fma(const double *a, long rowStrideA, long columnStrideA, const double *b, long ldb,
                            double *c, long ldc, long m, long j0, long j1, long k, int accumulate);

/// dst (cols x rows, row-major) = transpose of src (rows x cols, row-major). Any CPU; AVX2
/// 8x8 register transposes when available. The buffers must not overlap.
void descent_transpose_f32(const float *src, long rows, long cols, float *dst);
void descent_transpose_f64(const double *src, long rows, long cols, double *dst);

/// ReLU's backward step: values[i] = pre[i] > 0 ? values[i] : 0 (NaN counts as inactive).
/// Any CPU; AVX2 when available. The pointers must not overlap.
void descent_relu_mask_f32(float *values, const float *pre, long count);
void descent_relu_mask_f64(double *values, const double *pre, long count);

#ifdef __cplusplus
}
#endif

#endif
