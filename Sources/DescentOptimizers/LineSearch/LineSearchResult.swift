import DescentCore

/// What a line search along `d` from `x` found: the accepted step `α`, `f` and the slope
/// `∇f(x + αd)·d` there, the evaluations it spent, and why it fell short if it did.
///
/// Three cases:
/// - `failure == nil`: every condition of the search holds at `α` (Armijo for
///   ``BacktrackingLineSearch``; both strong-Wolfe conditions for
///   ``StrongWolfeLineSearch`` and ``MoreThuenteLineSearch``).
/// - `failure != nil`, `step > 0`: the curvature condition could not be met, but `α`
///   satisfies sufficient decrease (`f(x + αd) ≤ f(x) + c₁α∇f·d`) and is the best point
///   seen; optimizers take it (progress is progress) and skip their curvature update when
///   `yᵀs ≤ 0`.
/// - `step == 0`: nothing acceptable was found; `x` must stay where it is.
///
/// On acceptance the caller's trial buffers hold `x + αd` and `∇f(x + αd)`.
public struct LineSearchResult<Scalar: DescentScalar>: Sendable, Equatable {
  /// The accepted step `α` (0 when nothing was accepted).
  public var step: Scalar
  /// `f(x + αd)` (`f(x)` when nothing was accepted).
  public var value: Scalar
  /// `∇f(x + αd)·d`.
  public var slope: Scalar
  /// Objective-and-gradient evaluations spent.
  public var evaluations: Int
  /// Why the search fell short, or `nil` when all its conditions hold.
  public var failure: LineSearchFailure?

  public init(step: Scalar, value: Scalar, slope: Scalar, evaluations: Int, failure: LineSearchFailure?) {
    self.step = step
    self.value = value
    self.slope = slope
    self.evaluations = evaluations
    self.failure = failure
  }

  /// True when a step was accepted (`step > 0`).
  @inlinable public var accepted: Bool { step > 0 }
}

/// Why a line search fell short.
public enum LineSearchFailure: String, Sendable, Codable, Equatable, CaseIterable {
  /// `∇f(x)·d ≥ 0` (or not finite): `d` does not go downhill.
  case notDescentDirection
  /// The evaluation budget ran out.
  case maxEvaluations
  /// The bracket shrank below what the floating-point `x + αd` can resolve (rounding
  /// errors prevent progress: SciPy's and MINPACK's message for the same condition).
  case roundingLimit
  /// The step reached the largest allowed step while `f` kept decreasing.
  case maxStep

  public var explanation: String {
    switch self {
    case .notDescentDirection: "the search direction does not go downhill"
    case .maxEvaluations: "the line search used its evaluation budget"
    case .roundingLimit: "rounding errors prevent further progress along the direction"
    case .maxStep: "the step reached its upper limit while the function kept decreasing"
    }
  }
}

/// Which line search a quasi-Newton, conjugate-gradient or Newton method uses.
public enum LineSearchKind: String, Sendable, Codable, Equatable, CaseIterable {
  /// ``StrongWolfeLineSearch``: sufficient decrease and `|∇f(x + αd)·d| ≤ c₂|∇f(x)·d|`.
  case strongWolfe = "strong-wolfe"
  /// ``BacktrackingLineSearch``: sufficient decrease only (Armijo).
  case backtracking
  /// ``MoreThuenteLineSearch``: strong Wolfe by MINPACK-2's `dcsrch` (SciPy's search).
  case moreThuente = "more-thuente"
}

// MARK: - Shared kernels

@usableFromInline
enum LineSearchKernels {
  /// `out = x + α d`.
  @inlinable @inline(__always)
  static func axpy<S: DescentScalar>(
    _ x: UnsafeBufferPointer<S>, _ alpha: S, _ d: UnsafeBufferPointer<S>, into out: UnsafeMutableBufferPointer<S>
  ) {
    for i in 0..<x.count { out[i] = x[i] + alpha * d[i] }
  }

  /// `max |vᵢ|`.
  @inlinable
  static func maxMagnitude<S: DescentScalar>(_ v: UnsafeBufferPointer<S>) -> S {
    var m: S = 0
    for e in v { m = Swift.max(m, e.magnitude) }
    return m
  }

  /// The minimizer of the cubic that interpolates `φ(a) = fa, φ′(a) = da, φ(b) = fb,
  /// φ′(b) = db` (Nocedal & Wright eq. 3.59), or `nil` when the cubic has no local
  /// minimizer (or the data are not finite).
  @inlinable
  static func cubicMinimizer<S: DescentScalar>(a: S, fa: S, da: S, b: S, fb: S, db: S) -> S? {
    guard a != b else { return nil }
    let d1 = da + db - 3 * (fa - fb) / (a - b)
    let radicand = d1 * d1 - da * db
    guard radicand >= 0, radicand.isFinite else { return nil }
    let d2 = (b > a ? 1 : -1) * radicand.squareRoot()
    let denominator = db - da + 2 * d2
    guard denominator != 0 else { return nil }
    let t = b - (b - a) * (db + d2 - d1) / denominator
    return t.isFinite ? t : nil
  }

  /// The minimizer of the quadratic through `φ(a) = fa, φ′(a) = da, φ(b) = fb`, or `nil`
  /// when it opens downward.
  @inlinable
  static func quadraticMinimizer<S: DescentScalar>(a: S, fa: S, da: S, b: S, fb: S) -> S? {
    let h = b - a
    let curvature = (fb - fa - da * h) / (h * h)
    guard curvature > 0, curvature.isFinite else { return nil }
    let t = a - da / (2 * curvature)
    return t.isFinite ? t : nil
  }
}
