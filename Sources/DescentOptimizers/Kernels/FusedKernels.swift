import CDescentKernels
import DescentCore

/// The instruction set the fused optimizer updates run on.
///
/// Swift compiles for the baseline x86-64 ISA (SSE2: four floats per register), where
/// Adam's square root and two divisions per element make a step compute-bound. The updates
/// of ``Adam`` (and AdamW), heavy-ball ``SGD`` and ``Lion`` therefore call C copies of their
/// loops compiled for AVX2 and AVX-512, chosen at run time from what the CPU supports.
/// Every copy performs the same IEEE operations in the same order as the Swift loop (no
/// fused multiply-add), so results are bit-identical on every instruction set; only the
/// speed differs.
public enum UpdateInstructionSet: Int, CaseIterable, Sendable, CustomStringConvertible {
  /// The build's baseline (SSE2 on x86-64; the only level elsewhere).
  case baseline = 0
  /// 256-bit AVX2.
  case avx2 = 1
  /// 512-bit AVX-512F/VL.
  case avx512 = 2

  /// The best level this CPU supports.
  public static var best: UpdateInstructionSet {
    UpdateInstructionSet(rawValue: Int(descent_kernel_best_level())) ?? .baseline
  }

  /// The level the updates use now: ``best`` unless set. Setting a level the CPU lacks
  /// selects ``best``. Process-wide; for benchmarks and tests.
  public static var current: UpdateInstructionSet {
    get { UpdateInstructionSet(rawValue: Int(descent_kernel_level())) ?? .baseline }
    set { _ = descent_kernel_set_level(Int32(newValue.rawValue)) }
  }

  public var description: String { String(cString: descent_kernel_level_name(Int32(rawValue))) }
}

/// Calls into the C kernels for `Float` and `Double`; returns `false` for other scalar
/// types and for ranges shorter than ``minimumCount`` (the caller then runs its Swift
/// loop, which gives the same bits; for a handful of elements the call and the dispatch
/// cost more than the loop). The type tests fold away when the caller is specialized.
/// Not API.
@usableFromInline
enum _FusedKernels {
  /// Ranges shorter than this stay in Swift.
  @usableFromInline static var minimumCount: Int { 32 }

  @inlinable @inline(__always)
  static func adam<S: DescentScalar>(
    _ p: UnsafeMutablePointer<S>, _ g: UnsafePointer<S>, _ m: UnsafeMutablePointer<S>,
    _ v: UnsafeMutablePointer<S>, _ range: Range<Int>, shrink: S, beta1Weight: S, beta2: S,
    beta2Weight: S, negativeStepSize: S, biasCorrection2Root: S, epsilon: S
  ) -> Bool {
    let i = range.lowerBound, n = range.count
    if n < minimumCount { return false }
    if S.self == Float.self {
      var c = descent_adam_constants_f32(
        shrink: unsafeBitCast(shrink, to: Float.self), beta1Weight: unsafeBitCast(beta1Weight, to: Float.self),
        beta2: unsafeBitCast(beta2, to: Float.self), beta2Weight: unsafeBitCast(beta2Weight, to: Float.self),
        negativeStepSize: unsafeBitCast(negativeStepSize, to: Float.self),
        biasCorrection2Root: unsafeBitCast(biasCorrection2Root, to: Float.self),
        epsilon: unsafeBitCast(epsilon, to: Float.self))
      descent_adam_f32(
        _cast(p + i, Float.self), _cast(g + i, Float.self), _cast(m + i, Float.self), _cast(v + i, Float.self), n, &c)
      return true
    }
    if S.self == Double.self {
      var c = descent_adam_constants_f64(
        shrink: unsafeBitCast(shrink, to: Double.self), beta1Weight: unsafeBitCast(beta1Weight, to: Double.self),
        beta2: unsafeBitCast(beta2, to: Double.self), beta2Weight: unsafeBitCast(beta2Weight, to: Double.self),
        negativeStepSize: unsafeBitCast(negativeStepSize, to: Double.self),
        biasCorrection2Root: unsafeBitCast(biasCorrection2Root, to: Double.self),
        epsilon: unsafeBitCast(epsilon, to: Double.self))
      descent_adam_f64(
        _cast(p + i, Double.self), _cast(g + i, Double.self), _cast(m + i, Double.self), _cast(v + i, Double.self),
        n, &c)
      return true
    }
    return false
  }

  @inlinable @inline(__always)
  static func sgdMomentum<S: DescentScalar>(
    _ p: UnsafeMutablePointer<S>, _ g: UnsafePointer<S>, _ b: UnsafeMutablePointer<S>, _ range: Range<Int>,
    momentum: S, keep: S, negativeRate: S
  ) -> Bool {
    let i = range.lowerBound, n = range.count
    if n < minimumCount { return false }
    if S.self == Float.self {
      descent_sgd_momentum_f32(
        _cast(p + i, Float.self), _cast(g + i, Float.self), _cast(b + i, Float.self), n,
        unsafeBitCast(momentum, to: Float.self), unsafeBitCast(keep, to: Float.self),
        unsafeBitCast(negativeRate, to: Float.self))
      return true
    }
    if S.self == Double.self {
      descent_sgd_momentum_f64(
        _cast(p + i, Double.self), _cast(g + i, Double.self), _cast(b + i, Double.self), n,
        unsafeBitCast(momentum, to: Double.self), unsafeBitCast(keep, to: Double.self),
        unsafeBitCast(negativeRate, to: Double.self))
      return true
    }
    return false
  }

  @inlinable @inline(__always)
  static func lion<S: DescentScalar>(
    _ p: UnsafeMutablePointer<S>, _ g: UnsafePointer<S>, _ m: UnsafeMutablePointer<S>, _ range: Range<Int>,
    sign: S, shrink: S, negativeRate: S, beta1: S, beta1Weight: S, beta2: S, beta2Weight: S
  ) -> Bool {
    let i = range.lowerBound, n = range.count
    if n < minimumCount { return false }
    if S.self == Float.self {
      var c = descent_lion_constants_f32(
        sign: unsafeBitCast(sign, to: Float.self), shrink: unsafeBitCast(shrink, to: Float.self),
        negativeRate: unsafeBitCast(negativeRate, to: Float.self), beta1: unsafeBitCast(beta1, to: Float.self),
        beta1Weight: unsafeBitCast(beta1Weight, to: Float.self), beta2: unsafeBitCast(beta2, to: Float.self),
        beta2Weight: unsafeBitCast(beta2Weight, to: Float.self))
      descent_lion_f32(_cast(p + i, Float.self), _cast(g + i, Float.self), _cast(m + i, Float.self), n, &c)
      return true
    }
    if S.self == Double.self {
      var c = descent_lion_constants_f64(
        sign: unsafeBitCast(sign, to: Double.self), shrink: unsafeBitCast(shrink, to: Double.self),
        negativeRate: unsafeBitCast(negativeRate, to: Double.self), beta1: unsafeBitCast(beta1, to: Double.self),
        beta1Weight: unsafeBitCast(beta1Weight, to: Double.self), beta2: unsafeBitCast(beta2, to: Double.self),
        beta2Weight: unsafeBitCast(beta2Weight, to: Double.self))
      descent_lion_f64(_cast(p + i, Double.self), _cast(g + i, Double.self), _cast(m + i, Double.self), n, &c)
      return true
    }
    return false
  }

  @inlinable @inline(__always)
  static func _cast<S, T>(_ p: UnsafeMutablePointer<S>, _: T.Type) -> UnsafeMutablePointer<T> {
    UnsafeMutableRawPointer(p).assumingMemoryBound(to: T.self)
  }

  @inlinable @inline(__always)
  static func _cast<S, T>(_ p: UnsafePointer<S>, _: T.Type) -> UnsafePointer<T> {
    UnsafeRawPointer(p).assumingMemoryBound(to: T.self)
  }
}
