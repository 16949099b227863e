// Fused optimizer kernels with run-time dispatch to AVX-512 / AVX2 (see CDescentKernels.h).
//
// Every kernel is written once as a plain C loop (the *_BODY macros below) and compiled
// three times: for the build's baseline ISA, for AVX2 and for AVX-512F, each copy in a
// function with its own `target` attribute, so the compiler vectorises it at that width.
// Floating-point contraction is off for the whole file: no FMA is formed, every operation
// is one IEEE 754 add, multiply, divide or square root (each correctly rounded), and so
// all three copies, at any vector width and in their scalar tails, give results that are
// bit-identical to each other and to the Swift loops they replace.

#include "CDescentKernels.h"

#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__clang__)
#define DESCENT_X86_DISPATCH 1
#define DESCENT_AVX2 __attribute__((target("avx2")))
#define DESCENT_AVX512 __attribute__((target("avx512f,avx512vl,avx2")))
#else
#define DESCENT_X86_DISPATCH 0
#endif

// MARK: - Kernel bodies (one element at a time; the compiler vectorises)

// PyTorch's Adam/AdamW (no AMSGrad, lerp weight < 0.5, no L2 term, not maximize):
//   x = p·shrink, m ← m + w₁(g − m), v ← v·β₂ + (w₂ g) g,
//   p ← x + (−η/(1−β₁ᵗ)) m / (√v / √(1−β₂ᵗ) + ε)
#define DESCENT_ADAM_BODY(T, SQRT)                                                          \
  const T shrink = c->shrink, w1 = c->beta1Weight, b2 = c->beta2, w2 = c->beta2Weight;      \
  const T step = c->negativeStepSize, root = c->biasCorrection2Root, eps = c->epsilon;      \
  for (long i = 0; i < n; i++) {                                                            \
    const T gi = g[i];                                                                      \
    const T x = p[i] * shrink;                                                              \
    const T mi = m[i] + w1 * (gi - m[i]);                                                   \
    const T vi = v[i] * b2 + w2 * gi * gi;                                                  \
    m[i] = mi;                                                                              \
    v[i] = vi;                                                                              \
    const T denominator = SQRT(vi) / root + eps;                                            \
    p[i] = x + step * mi / denominator;                                                     \
  }

// Heavy-ball momentum after the first step (no L2 term, no Nesterov, not maximize):
//   b ← b·μ + (1 − τ) g,   p ← p + (−η) b
#define DESCENT_SGD_MOMENTUM_BODY(T)                                                        \
  for (long i = 0; i < n; i++) {                                                            \
    const T buffer = b[i] * momentum + keep * g[i];                                         \
    b[i] = buffer;                                                                          \
    p[i] = p[i] + negativeRate * buffer;                                                    \
  }

// Lion: g' = s·g, p ← p·shrink + (−η) sign(m β₁ + w₁ g'), m ← m β₂ + w₂ g'
#define DESCENT_LION_BODY(T)                                                                \
  const T sign = c->sign, shrink = c->shrink, rate = c->negativeRate;                       \
  const T b1 = c->beta1, w1 = c->beta1Weight, b2 = c->beta2, w2 = c->beta2Weight;           \
  for (long i = 0; i < n; i++) {                                                            \
    const T gi = sign * g[i];                                                               \
    const T mi = m[i];                                                                      \
    const T u = mi * b1 + w1 * gi;                                                          \
    const T direction = u > 0 ? (T)1 : (u < 0 ? (T)-1 : u);                                 \
    p[i] = p[i] * shrink + rate * direction;                                                \
    m[i] = mi * b2 + w2 * gi;                                                               \
  }

// MARK: - One function per (kernel, type, ISA)

#define DESCENT_DEFINE_KERNELS(SUFFIX, ATTR)                                                \
  ATTR static void adam_f32_##SUFFIX(                                                       \
    float *restrict p, const float *restrict g, float *restrict m, float *restrict v, long n, \
    const descent_adam_constants_f32 *restrict c) {                                         \
    DESCENT_ADAM_BODY(float, __builtin_elementwise_sqrt)                                    \
  }                                                                                         \
  ATTR static void adam_f64_##SUFFIX(                                                       \
    double *restrict p, const double *restrict g, double *restrict m, double *restrict v,   \
    long n, const descent_adam_constants_f64 *restrict c) {                                 \
    DESCENT_ADAM_BODY(double, __builtin_elementwise_sqrt)                                   \
  }                                                                                         \
  ATTR static void sgd_momentum_f32_##SUFFIX(                                               \
    float *restrict p, const float *restrict g, float *restrict b, long n, float momentum,  \
    float keep, float negativeRate) {                                                       \
    DESCENT_SGD_MOMENTUM_BODY(float)                                                        \
  }                                                                                         \
  ATTR static void sgd_momentum_f64_##SUFFIX(                                               \
    double *restrict p, const double *restrict g, double *restrict b, long n,               \
    double momentum, double keep, double negativeRate) {                                    \
    DESCENT_SGD_MOMENTUM_BODY(double)                                                       \
  }                                                                                         \
  ATTR static void lion_f32_##SUFFIX(                                                       \
    float *restrict p, const float *restrict g, float *restrict m, long n,                  \
    const descent_lion_constants_f32 *restrict c) {                                         \
    DESCENT_LION_BODY(float)                                                                \
  }                                                                                         \
  ATTR static void lion_f64_##SUFFIX(                                                       \
    double *restrict p, const double *restrict g, double *restrict m, long n,               \
    const descent_lion_constants_f64 *restrict c) {                                         \
    DESCENT_LION_BODY(double)                                                               \
  }

DESCENT_DEFINE_KERNELS(base, )
#if DESCENT_X86_DISPATCH
DESCENT_DEFINE_KERNELS(avx2, DESCENT_AVX2)
DESCENT_DEFINE_KERNELS(avx512, DESCENT_AVX512)
#endif

// MARK: - Dispatch

// 0 = not yet detected; otherwise 1 + descent_kernel_level. Benign race: every thread
// computes the same value.
static int descent_chosen_level = 0;

static int descent_detect_level(void) {
#if DESCENT_X86_DISPATCH
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")) return DESCENT_KERNEL_AVX512;
  if (__builtin_cpu_supports("avx2")) return DESCENT_KERNEL_AVX2;
#endif
  return DESCENT_KERNEL_BASELINE;
}

static inline int descent_level(void) {
  int chosen = __atomic_load_n(&descent_chosen_level, __ATOMIC_RELAXED);
  if (chosen == 0) {
    chosen = descent_detect_level() + 1;
    __atomic_store_n(&descent_chosen_level, chosen, __ATOMIC_RELAXED);
  }
  return chosen - 1;
}

int descent_kernel_level(void) { return descent_level(); }

int descent_kernel_best_level(void) { return descent_detect_level(); }

int descent_kernel_set_level(int level) {
  const int best = descent_detect_level();
  if (level < 0 || level > best) level = best;
  __atomic_store_n(&descent_chosen_level, level + 1, __ATOMIC_RELAXED);
  return level;
}

const char *descent_kernel_level_name(int level) {
  switch (level) {
  case DESCENT_KERNEL_AVX512: return "avx512";
  case DESCENT_KERNEL_AVX2: return "avx2";
  default: return "baseline";
  }
}

#if DESCENT_X86_DISPATCH
#define DESCENT_DISPATCH(NAME, ...)                                                         \
  switch (descent_level()) {                                                                \
  case DESCENT_KERNEL_AVX512: NAME##_avx512(__VA_ARGS__); return;                           \
  case DESCENT_KERNEL_AVX2: NAME##_avx2(__VA_ARGS__); return;                               \
  default: NAME##_base(__VA_ARGS__); return;                                                \
  }
#else
#define DESCENT_DISPATCH(NAME, ...) NAME##_base(__VA_ARGS__);
#endif

void descent_adam_f32(float *p, const float *g, float *m, float *v, long n,
                      const descent_adam_constants_f32 *c) {
  DESCENT_DISPATCH(adam_f32, p, g, m, v, n, c)
}

void descent_adam_f64(double *p, const double *g, double *m, double *v, long n,
                      const descent_adam_constants_f64 *c) {
  DESCENT_DISPATCH(adam_f64, p, g, m, v, n, c)
}

void descent_sgd_momentum_f32(float *p, const float *g, float *b, long n, float momentum, float keep,
                              float negativeRate) {
  DESCENT_DISPATCH(sgd_momentum_f32, p, g, b, n, momentum, keep, negativeRate)
}

void descent_sgd_momentum_f64(double *p, const double *g, double *b, long n, double momentum,
                              double keep, double negativeRate) {
  DESCENT_DISPATCH(sgd_momentum_f64, p, g, b, n, momentum, keep, negativeRate)
}

void descent_lion_f32(float *p, const float *g, float *m, long n, const descent_lion_constants_f32 *c) {
  DESCENT_DISPATCH(lion_f32, p, g, m, n, c)
}

void descent_lion_f64(double *p, const double *g, double *m, long n, const descent_lion_constants_f64 *c) {
  DESCENT_DISPATCH(lion_f64, p, g, m, n, c)
}
