import CDescentKernels
import DescentCore

/// Scalar helpers shared by the optimizer kernels, written to round exactly as PyTorch's
/// CPU kernels do so trajectories match `torch.optim` to the last bits. Not API.
@usableFromInline
enum _Elementwise {
  /// PyTorch's `lerp`: `a + w (b − a)` for `|w| < 0.5`, else `b − (b − a)(1 − w)`.
  ///
  /// `weight` is loop-invariant in every caller, so the branch is unswitched out of loops.
  @inlinable @inline(__always)
  static func lerp<S: DescentScalar>(_ a: S, _ b: S, weight: S, complement: S) -> S {
    weight.magnitude < 0.5 ? a + weight * (b - a) : b - (b - a) * complement
  }

  /// IEEE square root (NaN for x < 0) that vectorises: Swift's `squareRoot()` calls libm
  /// with errno on Linux, which keeps loops scalar. Bit-identical to `squareRoot()`.
  @inlinable @inline(__always)
  static func squareRoot<S: DescentScalar>(_ x: S) -> S {
    if S.self == Float.self {
      return unsafeBitCast(descent_sqrtf(unsafeBitCast(x, to: Float.self)), to: S.self)
    }
    if S.self == Double.self {
      return unsafeBitCast(descent_sqrt(unsafeBitCast(x, to: Double.self)), to: S.self)
    }
    return x.squareRoot()
  }

  /// `sign(x)` with `sign(0) = 0` and `sign(NaN) = NaN` (PyTorch's `sgn`), branch-free.
  @inlinable @inline(__always)
  static func sign<S: DescentScalar>(_ x: S) -> S {
    x > 0 ? 1 : (x < 0 ? -1 : x)
  }

  /// PyTorch's `torch.maximum`: NaN if either argument is NaN.
  @inlinable @inline(__always)
  static func maximum<S: DescentScalar>(_ a: S, _ b: S) -> S {
    a.isNaN || b.isNaN ? a + b : (a > b ? a : b)
  }
}

extension UnsafeMutableBufferPointer {
  /// The base address of a buffer that the caller has checked is non-empty. Not API.
  @inlinable @inline(__always)
  var _base: UnsafeMutablePointer<Element> { baseAddress.unsafelyUnwrapped }
}

extension UnsafeBufferPointer {
  /// The base address of a buffer that the caller has checked is non-empty. Not API.
  @inlinable @inline(__always)
  var _base: UnsafePointer<Element> { baseAddress.unsafelyUnwrapped }
}

extension Array {
  /// Calls `body` with the array's storage as a mutable base pointer (the array must be
  /// non-empty). Not API.
  @inlinable @inline(__always)
  mutating func _withBase<R>(_ body: (UnsafeMutablePointer<Element>) throws -> R) rethrows -> R {
    try withUnsafeMutableBufferPointer { try body($0.baseAddress.unsafelyUnwrapped) }
  }
}

/// Checks the buffers an ``GradientOptimizer/update(parameters:gradient:learningRate:)``
/// receives. Not API.
@inlinable @inline(__always)
func _checkUpdateArguments<S>(
  _ parameters: UnsafeMutableBufferPointer<S>, _ gradient: UnsafeBufferPointer<S>, stateCount: Int,
  optimizer: @autoclosure () -> String
) {
  precondition(
    parameters.count == gradient.count,
    "\(optimizer()): gradient has \(gradient.count) entries, parameters have \(parameters.count)")
  precondition(
    stateCount == 0 || stateCount == parameters.count,
    "\(optimizer()): state was prepared for \(stateCount) parameters, got \(parameters.count); call prepare(dimension:) for a new problem")
}
