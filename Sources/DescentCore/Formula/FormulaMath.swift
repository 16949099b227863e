import RealModule

/// The scalar definitions of the formula functions that `Real` does not provide, shared by
/// constant folding (in `Double`) and compiled evaluation (in any ``DescentScalar``).
///
/// NaN propagates through all of them, so a divergent point is never hidden.
@usableFromInline
enum FormulaMath {
  /// `−1`, `0` or `1`; `±0` and NaN map to themselves.
  @inlinable @inline(__always)
  static func sign<S: Real>(_ t: S) -> S {
    t > 0 ? 1 : (t < 0 ? -1 : t)
  }

  /// `min(a, b)`, `a` at a tie, NaN if either is NaN.
  @inlinable @inline(__always)
  static func minimum<S: Real>(_ a: S, _ b: S) -> S {
    a <= b ? a : (b < a ? b : a + b)
  }

  /// `max(a, b)`, `a` at a tie, NaN if either is NaN.
  @inlinable @inline(__always)
  static func maximum<S: Real>(_ a: S, _ b: S) -> S {
    a >= b ? a : (b > a ? b : a + b)
  }

  /// `1 / (1 + e^(−t))`, evaluated without overflow for either sign of `t`:
  ///
  /// ```
  /// t ≥ 0:  1 / (1 + e^(−t))
  /// t < 0:  e^t / (1 + e^t)
  /// ```
  @inlinable @inline(__always)
  static func sigmoid<S: Real>(_ t: S) -> S {
    if t >= 0 { return 1 / (1 + S.exp(-t)) }
    let e = S.exp(t)
    return e / (1 + e)
  }

  /// `log(1 + e^t)`, evaluated without overflow or cancellation:
  ///
  /// ```
  /// softplus(t) = max(t, 0) + log1p(e^(−|t|))
  /// ```
  @inlinable @inline(__always)
  static func softplus<S: Real>(_ t: S) -> S {
    (t > 0 ? t : 0) + S.log(onePlus: S.exp(-t.magnitude))
  }
}
