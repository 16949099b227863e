#include "CDescentMatmul.h"

// Tiled scalar transpose: the portable path, and the edges of the AVX2 one.
#define TRANSPOSE_TILED(T, src, rows, cols, dst, r0, c0)                                     \
  for (long i0 = (r0); i0 < (rows); i0 += 8)                                                  \
    for (long j0 = (c0); j0 < (cols); j0 += 8) {                                              \
      long i1 = i0 + 8 < (rows) ? i0 + 8 : (rows), j1 = j0 + 8 < (cols) ? j0 + 8 : (cols);    \
      for (long i = i0; i < i1; i++)                                                          \
        for (long j = j0; j < j1; j++) (dst)[j * (rows) + i] = (src)[i * (cols) + j];         \
    }

static void transpose_f32_portable(const float *src, long rows, long cols, float *dst) {
  TRANSPOSE_TILED(float, src, rows, cols, dst, 0, 0)
}
static void transpose_f64_portable(const double *src, long rows, long cols, double *dst) {
  TRANSPOSE_TILED(double, src, rows, cols, dst, 0, 0)
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#define TARGET __attribute__((target("avx2,fma")))
#define INLINE static inline __attribute__((always_inline))

int descent_matmul_has_avx2_fma(void) {
  static int cached = -1;
  if (cached < 0) {
    __builtin_cpu_init();
    cached = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }
  return cached;
}

// The k dimension is swept in blocks of KC so that the B panel (KC x 16 floats, 16 KiB)
// stays in L1 while every row block of A passes over it. Splitting k changes nothing in the
// result: the partial sums are stored and reloaded in the same precision.
enum { KC = 256 };

// ---------------------------------------------------------------------------------------
// Single precision

// Lane masks for a partial panel of `cols` (< 16) columns: lanes < cols are all-ones.
INLINE TARGET void smasks(long cols, __m256i *m0, __m256i *m1) {
  const __m256i index0 = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  const __m256i index1 = _mm256_setr_epi32(8, 9, 10, 11, 12, 13, 14, 15);
  const __m256i limit = _mm256_set1_epi32((int)cols);
  *m0 = _mm256_cmpgt_epi32(limit, index0);
  *m1 = _mm256_cmpgt_epi32(limit, index1);
}

// An MR x 16 block of C from `count` steps of p. MR is a compile-time constant at each call
// site, so the loops over rows unroll and the accumulators live in registers.
INLINE TARGET void skernel(const int MR, const int FULL, const float *a, long rsa, long csa, const float *b, long ldb,
                           float *c, long ldc, long count, int overwrite, __m256i m0, __m256i m1) {
  __m256 acc0[6], acc1[6];
#pragma clang loop unroll(full)
  for (int r = 0; r < 6; r++) {
    acc0[r] = _mm256_setzero_ps();
    acc1[r] = _mm256_setzero_ps();
  }
  for (long p = 0; p < count; p++) {
    __m256 b0, b1;
    if (FULL) {
      b0 = _mm256_loadu_ps(b + p * ldb);
      b1 = _mm256_loadu_ps(b + p * ldb + 8);
    } else {
      b0 = _mm256_maskload_ps(b + p * ldb, m0);
      b1 = _mm256_maskload_ps(b + p * ldb + 8, m1);
    }
    const float *ap = a + p * csa;
#pragma clang loop unroll(full)
    for (int r = 0; r < 6; r++) {
      if (r < MR) {
        __m256 x = _mm256_broadcast_ss(ap + r * rsa);
        acc0[r] = _mm256_fmadd_ps(x, b0, acc0[r]);
        acc1[r] = _mm256_fmadd_ps(x, b1, acc1[r]);
      }
    }
  }
#pragma clang loop unroll(full)
  for (int r = 0; r < 6; r++) {
    if (r < MR) {
      float *cr = c + r * ldc;
      if (FULL) {
        if (overwrite) {
          _mm256_storeu_ps(cr, acc0[r]);
          _mm256_storeu_ps(cr + 8, acc1[r]);
        } else {
          _mm256_storeu_ps(cr, _mm256_add_ps(_mm256_loadu_ps(cr), acc0[r]));
          _mm256_storeu_ps(cr + 8, _mm256_add_ps(_mm256_loadu_ps(cr + 8), acc1[r]));
        }
      } else {
        if (overwrite) {
          _mm256_maskstore_ps(cr, m0, acc0[r]);
          _mm256_maskstore_ps(cr + 8, m1, acc1[r]);
        } else {
          _mm256_maskstore_ps(cr, m0, _mm256_add_ps(_mm256_maskload_ps(cr, m0), acc0[r]));
          _mm256_maskstore_ps(cr + 8, m1, _mm256_add_ps(_mm256_maskload_ps(cr + 8, m1), acc1[r]));
        }
      }
    }
  }
}

INLINE TARGET void spanel(const int FULL, const float *a, long rsa, long csa, const float *b, long ldb, float *c,
                          long ldc, long m, long count, int overwrite, __m256i m0, __m256i m1) {
  long i = 0;
  for (; i + 6 <= m; i += 6)
    skernel(6, FULL, a + i * rsa, rsa, csa, b, ldb, c + i * ldc, ldc, count, overwrite, m0, m1);
  switch (m - i) {
  case 5: skernel(5, FULL, a + i * rsa, rsa, csa, b, ldb, c + i * ldc, ldc, count, overwrite, m0, m1); break;
  case 4: skernel(4, FULL, a + i * rsa, rsa, csa, b, ldb, c + i * ldc, ldc, count, overwrite, m0, m1); break;
  case 3: skernel(3, FULL, a + i * rsa, rsa, csa, b, ldb, c + i * ldc, ldc, count, overwrite, m0, m1); break;
  case 2: skernel(2, FULL, a + i * rsa, rsa, csa, b, ldb, c + i * ldc, ldc, count, overwrite, m0, m1); break;
  case 1: skernel(1, FULL, a + i * rsa, rsa, csa, b, ldb, c + i * ldc, ldc, count, overwrite, m0, m1); break;
  default: break;
  }
}

// Row-major A (each row contiguous along p) is packed, MC rows at a time, into a
// p-major block `packed[p * MC + r]`, so the kernel's six broadcasts per step read one
// contiguous line at constant offsets (measured: 80 -> ~100 GFLOP/s on 64x64 @ 64x128).
// Packing does not change any sum: each entry still accumulates p = 0, 1, ... in order.
enum { MC = 48 };

TARGET static void pack_rows_f32(const float *a, long lda, long rows, long count, float *packed) {
  long rows8 = rows & ~7L, count8 = count & ~7L;
  for (long i = 0; i < rows8; i += 8) {
    for (long p = 0; p < count8; p += 8) {
      __m256 r0 = _mm256_loadu_ps(a + (i + 0) * lda + p), r1 = _mm256_loadu_ps(a + (i + 1) * lda + p);
      __m256 r2 = _mm256_loadu_ps(a + (i + 2) * lda + p), r3 = _mm256_loadu_ps(a + (i + 3) * lda + p);
      __m256 r4 = _mm256_loadu_ps(a + (i + 4) * lda + p), r5 = _mm256_loadu_ps(a + (i + 5) * lda + p);
      __m256 r6 = _mm256_loadu_ps(a + (i + 6) * lda + p), r7 = _mm256_loadu_ps(a + (i + 7) * lda + p);
      __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
      __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
      __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
      __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
      __m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE);
      __m256 u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE);
      __m256 u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE);
      __m256 u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
      _mm256_storeu_ps(packed + (p + 0) * MC + i, _mm256_permute2f128_ps(u0, u4, 0x20));
      _mm256_storeu_ps(packed + (p + 1) * MC + i, _mm256_permute2f128_ps(u1, u5, 0x20));
      _mm256_storeu_ps(packed + (p + 2) * MC + i, _mm256_permute2f128_ps(u2, u6, 0x20));
      _mm256_storeu_ps(packed + (p + 3) * MC + i, _mm256_permute2f128_ps(u3, u7, 0x20));
      _mm256_storeu_ps(packed + (p + 4) * MC + i, _mm256_permute2f128_ps(u0, u4, 0x31));
      _mm256_storeu_ps(packed + (p + 5) * MC + i, _mm256_permute2f128_ps(u1, u5, 0x31));
      _mm256_storeu_ps(packed + (p + 6) * MC + i, _mm256_permute2f128_ps(u2, u6, 0x31));
      _mm256_storeu_ps(packed + (p + 7) * MC + i, _mm256_permute2f128_ps(u3, u7, 0x31));
    }
  }
  for (long i = 0; i < rows8; i++)
    for (long p = count8; p < count; p++) packed[p * MC + i] = a[i * lda + p];
  for (long i = rows8; i < rows; i++)
    for (long p = 0; p < count; p++) packed[p * MC + i] = a[i * lda + p];
}

TARGET void descent_sgemm_avx2_fma(const float *a, long rsa, long csa, const float *b, long ldb, float *c, long ldc,
                                   long m, long j0, long j1, long k, int accumulate) {
  if (csa == 1 && rsa != 1 && m >= 6 && j1 - j0 > 32) {
    // Row-major A: pack MC x KC blocks (48 KiB on the stack), then sweep the column panels
    // (when there are at least three of them to share the packing: n = 10 lost by it).
    float packed[KC * MC];
    for (long p0 = 0; p0 < k; p0 += KC) {
      long count = k - p0 < KC ? k - p0 : KC;
      int overwrite = p0 == 0 && !accumulate;
      for (long i0 = 0; i0 < m; i0 += MC) {
        long rows = m - i0 < MC ? m - i0 : MC;
        pack_rows_f32(a + i0 * rsa + p0, rsa, rows, count, packed);
        for (long j = j0; j < j1; j += 16) {
          long cols = j1 - j < 16 ? j1 - j : 16;
          __m256i m0, m1;
          smasks(cols, &m0, &m1);
          if (cols == 16)
            spanel(1, packed, 1, MC, b + p0 * ldb + j, ldb, c + i0 * ldc + j, ldc, rows, count, overwrite, m0, m1);
          else
            spanel(0, packed, 1, MC, b + p0 * ldb + j, ldb, c + i0 * ldc + j, ldc, rows, count, overwrite, m0, m1);
        }
      }
    }
    return;
  }
  for (long j = j0; j < j1; j += 16) {
    long cols = j1 - j < 16 ? j1 - j : 16;
    __m256i m0, m1;
    smasks(cols, &m0, &m1);
    for (long p0 = 0; p0 < k; p0 += KC) {
      long count = k - p0 < KC ? k - p0 : KC;
      int overwrite = p0 == 0 && !accumulate;
      if (cols == 16)
        spanel(1, a + p0 * csa, rsa, csa, b + p0 * ldb + j, ldb, c + j, ldc, m, count, overwrite, m0, m1);
      else
        spanel(0, a + p0 * csa, rsa, csa, b + p0 * ldb + j, ldb, c + j, ldc, m, count, overwrite, m0, m1);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Double precision: the same with 4 lanes per register, 6 x 8 blocks.

INLINE TARGET void dmasks(long cols, __m256i *m0, __m256i *m1) {
  const __m256i index0 = _mm256_setr_epi64x(0, 1, 2, 3);
  const __m256i index1 = _mm256_setr_epi64x(4, 5, 6, 7);
  const __m256i limit = _mm256_set1_epi64x(cols);
  *m0 = _mm256_cmpgt_epi64(limit, index0);
  *m1 = _mm256_cmpgt_epi64(limit, index1);
}

INLINE TARGET void dkernel(const int MR, const int FULL, const double *a, long rsa, long csa, const double *b,
                           long ldb, double *c, long ldc, long count, int overwrite, __m256i m0, __m256i m1) {
  __m256d acc0[6], acc1[6];
#pragma clang loop unroll(full)
  for (int r = 0; r < 6; r++) {
    acc0[r] = _mm256_setzero_pd();
    acc1[r] = _mm256_setzero_pd();
  }
  for (long p = 0; p < count; p++) {
    __m256d b0, b1;
    if (FULL) {
      b0 = _mm256_loadu_pd(b + p * ldb);
      b1 = _mm256_loadu_pd(b + p * ldb + 4);
    } else {
      b0 = _mm256_maskload_pd(b + p * ldb, m0);
      b1 = _mm256_maskload_pd(b + p * ldb + 4, m1);
    }
    const double *ap = a + p * csa;
#pragma clang loop unroll(full)
    for (int r = 0; r < 6; r++) {
      if (r < MR) {
        __m256d x = _mm256_broadcast_sd(ap + r * rsa);
        acc0[r] = _mm256_fmadd_pd(x, b0, acc0[r]);
        acc1[r] = _mm256_fmadd_pd(x, b1, acc1[r]);
      }
    }
  }
#pragma clang loop unroll(full)
  for (int r = 0; r < 6; r++) {
    if (r < MR) {
      double *cr = c + r * ldc;
      if (FULL) {
        if (overwrite) {
          _mm256_storeu_pd(cr, acc0[r]);
          _mm256_storeu_pd(cr + 4, acc1[r]);
        } else {
          _mm256_storeu_pd(cr, _mm256_add_pd(_mm256_loadu_pd(cr), acc0[r]));
          _mm256_storeu_pd(cr + 4, _mm256_add_pd(_mm256_loadu_pd(cr + 4), acc1[r]));
        }
      } else {
        if (overwrite) {
          _mm256_maskstore_pd(cr, m0, acc0[r]);
          _mm256_maskstore_pd(cr + 4, m1, acc1[r]);
        } else {
          _mm256_maskstore_pd(cr, m0, _mm256_add_pd(_mm256_maskload_pd(cr, m0), acc0[r]));
          _mm256_maskstore_pd(cr + 4, m1, _mm256_add_pd(_mm256_maskload_pd(cr + 4, m1), acc1[r]));
        }
      }
    }
  }
}

INLINE TARGET void dpanel(const int FULL, const double *a, long rsa, long csa, const double *b, long ldb, double *c,
                          long ldc, long m, long count, int overwrite, __m256i m0, __m256i m1) {
  long i = 0;
  for (; i + 6 <= m; i += 6)
    dkernel(6, FULL, a + i * rsa, rsa, csa, b, ldb, c + i * ldc, ldc, count, overwrite, m0, m1);
  switch (m - i) {
  case 5: dkernel(5, FULL, a + i * rsa, rsa, csa, b, ldb, c + i * ldc, ldc, count, overwrite, m0, m1); break;
  case 4: dkernel(4, FULL, a + i * rsa, rsa, csa, b, ldb, c + i * ldc, ldc, count, overwrite, m0, m1); break;
  case 3: dkernel(3, FULL, a + i * rsa, rsa, csa, b, ldb, c + i * ldc, ldc, count, overwrite, m0, m1); break;
  case 2: dkernel(2, FULL, a + i * rsa, rsa, csa, b, ldb, c + i * ldc, ldc, count, overwrite, m0, m1); break;
  case 1: dkernel(1, FULL, a + i * rsa, rsa, csa, b, ldb, c + i * ldc, ldc, count, overwrite, m0, m1); break;
  default: break;
  }
}

TARGET void descent_dgemm_avx2_fma(const double *a, long rsa, long csa, const double *b, long ldb, double *c,
                                   long ldc, long m, long j0, long j1, long k, int accumulate) {
  // (Packing A as in single precision measured no gain here: 46-49 GFLOP/s either way.)
  for (long j = j0; j < j1; j += 8) {
    long cols = j1 - j < 8 ? j1 - j : 8;
    __m256i m0, m1;
    dmasks(cols, &m0, &m1);
    for (long p0 = 0; p0 < k; p0 += KC) {
      long count = k - p0 < KC ? k - p0 : KC;
      int overwrite = p0 == 0 && !accumulate;
      if (cols == 8)
        dpanel(1, a + p0 * csa, rsa, csa, b + p0 * ldb + j, ldb, c + j, ldc, m, count, overwrite, m0, m1);
      else
        dpanel(0, a + p0 * csa, rsa, csa, b + p0 * ldb + j, ldb, c + j, ldc, m, count, overwrite, m0, m1);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Element-wise: ReLU's mask. The compare-and-select form vectorizes (the branchy form
// Swift generated did not).

TARGET static void relu_mask_f32_avx2(float *restrict v, const float *restrict pre, long n) {
  for (long i = 0; i < n; i++) v[i] = pre[i] > 0 ? v[i] : 0.0f;
}
static void relu_mask_f32_portable(float *restrict v, const float *restrict pre, long n) {
  for (long i = 0; i < n; i++) v[i] = pre[i] > 0 ? v[i] : 0.0f;
}
void descent_relu_mask_f32(float *v, const float *pre, long n) {
  if (descent_matmul_has_avx2_fma()) relu_mask_f32_avx2(v, pre, n);
  else relu_mask_f32_portable(v, pre, n);
}

TARGET static void relu_mask_f64_avx2(double *restrict v, const double *restrict pre, long n) {
  for (long i = 0; i < n; i++) v[i] = pre[i] > 0 ? v[i] : 0.0;
}
static void relu_mask_f64_portable(double *restrict v, const double *restrict pre, long n) {
  for (long i = 0; i < n; i++) v[i] = pre[i] > 0 ? v[i] : 0.0;
}
void descent_relu_mask_f64(double *v, const double *pre, long n) {
  if (descent_matmul_has_avx2_fma()) relu_mask_f64_avx2(v, pre, n);
  else relu_mask_f64_portable(v, pre, n);
}

// ---------------------------------------------------------------------------------------
// Transpose: 8x8 blocks through registers (unpack/shuffle/permute), the edges tiled.

TARGET static void transpose_f32_avx2(const float *src, long rows, long cols, float *dst) {
  long rows8 = rows & ~7L, cols8 = cols & ~7L;
  for (long i = 0; i < rows8; i += 8) {
    for (long j = 0; j < cols8; j += 8) {
      __m256 r0 = _mm256_loadu_ps(src + (i + 0) * cols + j), r1 = _mm256_loadu_ps(src + (i + 1) * cols + j);
      __m256 r2 = _mm256_loadu_ps(src + (i + 2) * cols + j), r3 = _mm256_loadu_ps(src + (i + 3) * cols + j);
      __m256 r4 = _mm256_loadu_ps(src + (i + 4) * cols + j), r5 = _mm256_loadu_ps(src + (i + 5) * cols + j);
      __m256 r6 = _mm256_loadu_ps(src + (i + 6) * cols + j), r7 = _mm256_loadu_ps(src + (i + 7) * cols + j);
      __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
      __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
      __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
      __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
      __m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE);
      __m256 u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE);
      __m256 u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE);
      __m256 u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
      _mm256_storeu_ps(dst + (j + 0) * rows + i, _mm256_permute2f128_ps(u0, u4, 0x20));
      _mm256_storeu_ps(dst + (j + 1) * rows + i, _mm256_permute2f128_ps(u1, u5, 0x20));
      _mm256_storeu_ps(dst + (j + 2) * rows + i, _mm256_permute2f128_ps(u2, u6, 0x20));
      _mm256_storeu_ps(dst + (j + 3) * rows + i, _mm256_permute2f128_ps(u3, u7, 0x20));
      _mm256_storeu_ps(dst + (j + 4) * rows + i, _mm256_permute2f128_ps(u0, u4, 0x31));
      _mm256_storeu_ps(dst + (j + 5) * rows + i, _mm256_permute2f128_ps(u1, u5, 0x31));
      _mm256_storeu_ps(dst + (j + 6) * rows + i, _mm256_permute2f128_ps(u2, u6, 0x31));
      _mm256_storeu_ps(dst + (j + 7) * rows + i, _mm256_permute2f128_ps(u3, u7, 0x31));
    }
  }
  // Edges: the last cols % 8 columns of every row, then the last rows % 8 rows.
  for (long i = 0; i < rows8; i++)
    for (long j = cols8; j < cols; j++) dst[j * rows + i] = src[i * cols + j];
  for (long i = rows8; i < rows; i++)
    for (long j = 0; j < cols; j++) dst[j * rows + i] = src[i * cols + j];
}

void descent_transpose_f32(const float *src, long rows, long cols, float *dst) {
  if (descent_matmul_has_avx2_fma()) transpose_f32_avx2(src, rows, cols, dst);
  else transpose_f32_portable(src, rows, cols, dst);
}

void descent_transpose_f64(const double *src, long rows, long cols, double *dst) {
  transpose_f64_portable(src, rows, cols, dst);
}

#else  // not x86-64: no kernels; Matmul uses its Swift kernel.

void descent_transpose_f32(const float *src, long rows, long cols, float *dst) {
  transpose_f32_portable(src, rows, cols, dst);
}
void descent_transpose_f64(const double *src, long rows, long cols, double *dst) {
  transpose_f64_portable(src, rows, cols, dst);
}

void descent_relu_mask_f32(float *restrict v, const float *restrict pre, long n) {
  for (long i = 0; i < n; i++) v[i] = pre[i] > 0 ? v[i] : 0.0f;
}
void descent_relu_mask_f64(double *restrict v, const double *restrict pre, long n) {
  for (long i = 0; i < n; i++) v[i] = pre[i] > 0 ? v[i] : 0.0;
}

int descent_matmul_has_avx2_fma(void) { return 0; }

void descent_sgemm_avx2_fma(const float *a, long rsa, long csa, const float *b, long ldb, float *c, long ldc, long m,
                            long j0, long j1, long k, int accumulate) {
  (void)a; (void)rsa; (void)csa; (void)b; (void)ldb; (void)c; (void)ldc; (void)m; (void)j0; (void)j1; (void)k;
  (void)accumulate;
  __builtin_trap();
}

void descent_dgemm_avx2_fma(const double *a, long rsa, long csa, const double *b, long ldb, double *c, long ldc,
                            long m, long j0, long j1, long k, int accumulate) {
  (void)a; (void)rsa; (void)csa; (void)b; (void)ldb; (void)c; (void)ldc; (void)m; (void)j0; (void)j1; (void)k;
  (void)accumulate;
  __builtin_trap();
}

#endif
