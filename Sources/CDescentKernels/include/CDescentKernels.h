#ifndef C_DESCENT_KERNELS_H
#define C_DESCENT_KERNELS_H

// Kernels for Descent's optimizer updates. Not API: DescentOptimizers wraps them.
//
// Square roots: on Linux, Swift's Float/Double.squareRoot() compiles to a call of libm's
// sqrtf/sqrt with errno semantics (x < 0 or NaN branches to the library to set EDOM), and
// that call stops LLVM from vectorising the loop around it. __builtin_elementwise_sqrt is
// IEEE 754 sqrt (correctly rounded, NaN for x < 0) without errno, so loops that use it
// vectorise. The results are bit-identical to squareRoot().
//
// Fused updates: Swift compiles for the baseline x86-64 ISA (4 floats per SSE register),
// where Adam's two divisions and square root per element make one step compute-bound. The
// descent_* update functions (CDescentKernels.c) pick an AVX-512 or AVX2 copy of the same
// loop at run time (CPUID). Contraction is off, so every copy gives the same bits as the
// Swift loop it replaces, on every machine and at every vector width.

static inline __attribute__((always_inline)) float descent_sqrtf(float x) {
  return __builtin_elementwise_sqrt(x);
}

static inline __attribute__((always_inline)) double descent_sqrt(double x) {
  return __builtin_elementwise_sqrt(x);
}

/// Instruction-set levels of the fused kernels.
enum {
  DESCENT_KERNEL_BASELINE = 0,
  DESCENT_KERNEL_AVX2 = 1,
  DESCENT_KERNEL_AVX512 = 2,
};

/// The level the kernels use now (the best the CPU supports unless set).
int descent_kernel_level(void);
/// The best level this CPU supports.
int descent_kernel_best_level(void);
/// Makes the kernels use `level` (clamped to what the CPU supports; a negative value
/// restores the best); returns the level now in use. For tests and benchmarks.
int descent_kernel_set_level(int level);
/// "baseline", "avx2" or "avx512".
const char *descent_kernel_level_name(int level);

/// Per-step constants of the Adam/AdamW fast path (see Adam.swift).
typedef struct {
  float shrink, beta1Weight, beta2, beta2Weight, negativeStepSize, biasCorrection2Root, epsilon;
} descent_adam_constants_f32;

typedef struct {
  double shrink, beta1Weight, beta2, beta2Weight, negativeStepSize, biasCorrection2Root, epsilon;
} descent_adam_constants_f64;

/// Per-step constants of Lion (see Lion.swift).
typedef struct {
  float sign, shrink, negativeRate, beta1, beta1Weight, beta2, beta2Weight;
} descent_lion_constants_f32;

typedef struct {
  double sign, shrink, negativeRate, beta1, beta1Weight, beta2, beta2Weight;
} descent_lion_constants_f64;

/// Adam/AdamW over `n` elements, in place: m ← m + w₁(g − m), v ← v·β₂ + (w₂ g) g,
/// p ← p·shrink + step·m / (√v / root + ε).
void descent_adam_f32(float *p, const float *g, float *m, float *v, long n,
                      const descent_adam_constants_f32 *c);
void descent_adam_f64(double *p, const double *g, double *m, double *v, long n,
                      const descent_adam_constants_f64 *c);

/// Heavy-ball momentum over `n` elements: b ← b·μ + keep·g, p ← p + negativeRate·b.
void descent_sgd_momentum_f32(float *p, const float *g, float *b, long n, float momentum, float keep,
                              float negativeRate);
void descent_sgd_momentum_f64(double *p, const double *g, double *b, long n, double momentum,
                              double keep, double negativeRate);

/// Lion over `n` elements: g' = sign·g, p ← p·shrink + rate·sgn(m β₁ + w₁ g'),
/// m ← m β₂ + w₂ g'.
void descent_lion_f32(float *p, const float *g, float *m, long n, const descent_lion_constants_f32 *c);
void descent_lion_f64(double *p, const double *g, double *m, long n, const descent_lion_constants_f64 *c);

/// A piece of a parallel job: update elements lower..<upper.
typedef void (*descent_chunk_function)(void *context, long lower, long upper);

/// Calls `function` on disjoint ranges that cover 0..<count, in blocks of `block` elements
/// (the last may be shorter), on the calling thread and up to `threads − 1` pool workers.
/// Returns when every range is done and no worker touches `context` any more. Runs
/// everything on the calling thread when `threads` ≤ 1, when there is one block, or when
/// another call is using the pool.
void descent_parallel_for(long count, int threads, long block, descent_chunk_function function,
                          void *context);

#endif
