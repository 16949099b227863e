#ifndef C_DESCENT_KERNELS_H
#define C_DESCENT_KERNELS_H

// Square roots for Descent's optimizer kernels.
//
// On Linux, Swift's Float/Double.squareRoot() compiles to a call of libm's sqrtf/sqrt with
// errno semantics (x < 0 or NaN branches to the library to set EDOM), and that call stops
// LLVM from vectorising the loop around it. __builtin_elementwise_sqrt is IEEE 754 sqrt
// (correctly rounded, NaN for x < 0) without errno, so loops that use it vectorise.
// The results are bit-identical to squareRoot().

static inline __attribute__((always_inline)) float descent_sqrtf(float x) {
  return __builtin_elementwise_sqrt(x);
}

static inline __attribute__((always_inline)) double descent_sqrt(double x) {
  return __builtin_elementwise_sqrt(x);
}

#endif
