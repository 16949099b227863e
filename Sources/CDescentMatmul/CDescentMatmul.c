#include "CDescentMatmul.h"

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

TARGET void descent_sgemm_avx2_fma(const float *a, long rsa, long csa, const float *b, long ldb, float *c, long ldc,
                                   long m, long j0, long j1, long k, int accumulate) {
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

#else  // not x86-64: no kernels; Matmul uses its Swift kernel.

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
