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

// MARK: - Worker pool

// A persistent pool for splitting one update over threads. A job is a range 0..<count cut
// into blocks of `block` elements; the caller and the workers claim blocks from a shared
// counter until none are left, so a worker that wakes late (or not at all, on a busy
// machine) only means the caller does more of the blocks itself. Which thread updates
// which block never changes the result: every element's update reads only its own
// parameter, gradient and state.
//
// After a job a worker spins for a while (about DESCENT_SPIN_NS), so that back-to-back
// steps find it awake, then sleeps on a futex until the next job.

#if defined(__linux__)
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define DESCENT_MAX_WORKERS 63
#define DESCENT_CLOSED 0x40000000
#define DESCENT_SPIN_NS 300000L

static struct {
  pthread_mutex_t lock;      // one job at a time; guards `workers` growth
  int workers;               // threads started so far
  unsigned generation;       // futex word: bumped for every job
  int sleepers;              // workers blocked in futex_wait
  int state;                 // DESCENT_CLOSED | number of workers inside the current job
  long next;                 // next unclaimed block
  // The current job (written by the caller before it bumps `generation`).
  descent_chunk_function function;
  void *context;
  long count, block, blocks;
  int participants;          // workers (beside the caller) allowed to join
} descent_pool = {.lock = PTHREAD_MUTEX_INITIALIZER};

static inline void descent_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

static inline long descent_now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void descent_run_blocks(void) {
  const long blocks = descent_pool.blocks, block = descent_pool.block, count = descent_pool.count;
  const descent_chunk_function function = descent_pool.function;
  void *const context = descent_pool.context;
  for (;;) {
    const long k = __atomic_fetch_add(&descent_pool.next, 1, __ATOMIC_RELAXED);
    if (k >= blocks) return;
    const long lower = k * block;
    const long upper = k == blocks - 1 ? count : lower + block;
    function(context, lower, upper);
  }
}

static void *descent_worker_main(void *argument) {
  const int index = (int)(long)argument;  // 0-based among the workers
  unsigned seen = __atomic_load_n(&descent_pool.generation, __ATOMIC_ACQUIRE);
  for (;;) {
    unsigned now = __atomic_load_n(&descent_pool.generation, __ATOMIC_ACQUIRE);
    if (now == seen) {
      const long deadline = descent_now_ns() + DESCENT_SPIN_NS;
      int spins = 0;
      while ((now = __atomic_load_n(&descent_pool.generation, __ATOMIC_ACQUIRE)) == seen) {
        descent_pause();
        if (++spins == 256) {
          spins = 0;
          if (descent_now_ns() > deadline) {
            __atomic_fetch_add(&descent_pool.sleepers, 1, __ATOMIC_SEQ_CST);
            syscall(SYS_futex, &descent_pool.generation, FUTEX_WAIT_PRIVATE, seen, NULL, NULL, 0);
            __atomic_fetch_sub(&descent_pool.sleepers, 1, __ATOMIC_SEQ_CST);
          }
        }
      }
    }
    seen = now;
    // Join the job unless the caller has already closed it (then it may be gone).
    const int state = __atomic_fetch_add(&descent_pool.state, 1, __ATOMIC_ACQ_REL);
    if (!(state & DESCENT_CLOSED) && index < descent_pool.participants) descent_run_blocks();
    __atomic_fetch_sub(&descent_pool.state, 1, __ATOMIC_RELEASE);
  }
  return NULL;
}

void descent_parallel_for(long count, int threads, long block, descent_chunk_function function,
                          void *context) {
  if (threads > DESCENT_MAX_WORKERS + 1) threads = DESCENT_MAX_WORKERS + 1;
  if (block < 1) block = 1;
  const long blocks = (count + block - 1) / block;
  if (threads <= 1 || blocks <= 1 || pthread_mutex_trylock(&descent_pool.lock) != 0) {
    // One thread, one block, or another update is using the pool: run here.
    if (count > 0) function(context, 0, count);
    return;
  }
  while (descent_pool.workers < threads - 1) {
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, 64 * 1024);
    const int failed = pthread_create(&thread, &attributes, descent_worker_main, (void *)(long)descent_pool.workers);
    pthread_attr_destroy(&attributes);
    if (failed) break;
    pthread_detach(thread);
    descent_pool.workers += 1;
  }
  descent_pool.function = function;
  descent_pool.context = context;
  descent_pool.count = count;
  descent_pool.block = block;
  descent_pool.blocks = blocks;
  descent_pool.participants = threads - 1;
  __atomic_store_n(&descent_pool.next, 0, __ATOMIC_RELAXED);
  __atomic_fetch_and(&descent_pool.state, ~DESCENT_CLOSED, __ATOMIC_RELEASE);
  __atomic_fetch_add(&descent_pool.generation, 1, __ATOMIC_SEQ_CST);
  if (__atomic_load_n(&descent_pool.sleepers, __ATOMIC_SEQ_CST) > 0)
    syscall(SYS_futex, &descent_pool.generation, FUTEX_WAKE_PRIVATE, DESCENT_MAX_WORKERS, NULL, NULL, 0);
  descent_run_blocks();
  // Close the job so that late workers stay out, then wait for those inside to finish
  // the blocks they claimed.
  __atomic_fetch_or(&descent_pool.state, DESCENT_CLOSED, __ATOMIC_ACQ_REL);
  int spins = 0;
  while ((__atomic_load_n(&descent_pool.state, __ATOMIC_ACQUIRE) & ~DESCENT_CLOSED) != 0) {
    descent_pause();
    if (++spins >= 4096) { spins = 0; sched_yield(); }
  }
  pthread_mutex_unlock(&descent_pool.lock);
}

#else

void descent_parallel_for(long count, int threads, long block, descent_chunk_function function,
                          void *context) {
  (void)threads;
  (void)block;
  if (count > 0) function(context, 0, count);
}

#endif
