import DescentCore

/// A line search that finds a step satisfying the strong Wolfe conditions, by bracketing
/// and zooming with safeguarded cubic interpolation.
///
/// With `φ(α) = f(x + αd)` and `φ′(0) = ∇f(x)·d < 0`, it returns `α` with
///
/// ```
/// φ(α) ≤ φ(0) + c₁ α φ′(0)          (sufficient decrease)
/// |φ′(α)| ≤ c₂ |φ′(0)|              (strong curvature)
/// ```
///
/// The algorithm is Nocedal & Wright, *Numerical Optimization* (2nd ed.), Algorithm 3.5
/// (bracketing) and Algorithm 3.6 (zoom), with these choices:
/// - every trial evaluates `f` and `∇f` together (one call of `value(at:gradient:)`), so
///   each end of the bracket has a value and a slope and the trial is the minimizer of the
///   cubic Hermite interpolant of both ends (N&W eq. 3.59); when the cubic has no
///   minimizer, the quadratic through `φ(lo), φ′(lo), φ(hi)`; the trial is clamped to the
///   middle 80 % of the bracket (a safeguard against stalling at one end);
/// - sufficient decrease also demands `φ(α) < φ(0)`, so that a step whose decrease is
///   below rounding (`f0 + c₁αφ′(0)` rounds to `f0`) is never accepted;
/// - a trial with a non-finite value or slope counts as "too far": it becomes the upper
///   end and the next trial is `lo + 0.1(hi − lo)`;
/// - while bracketing, the step grows to the cubic extrapolation clamped to
///   `[α + 1.1(α − αₚᵣₑᵥ), α + 4(α − αₚᵣₑᵥ)]` (the interval Moré & Thuente use), capped by
///   `maxStep`;
/// - when the budget runs out or the bracket falls below floating-point resolution, the
///   best point with sufficient decrease seen (if any) is returned with a ``failure``.
///
/// SciPy's `scalar_search_wolfe2` is the same algorithm with a three-point cubic; SciPy's
/// BFGS and L-BFGS-B use MINPACK-2's `dcsrch` (Moré & Thuente 1994).
///
/// - `c1`: sufficient-decrease constant, default `1e-4`.
/// - `c2`: curvature constant, default `0.9` (quasi-Newton); use `0.1` for nonlinear
///   conjugate gradients.
/// - `maxEvaluations`: default 25.
///
/// The search allocates nothing: the caller passes the trial buffers and one scratch
/// vector (the gradient at the low end of the bracket).
public struct StrongWolfeLineSearch<Scalar: DescentScalar>: Sendable, Equatable {
  public var c1: Scalar
  public var c2: Scalar
  public var maxEvaluations: Int

  public init(c1: Scalar = 1e-4, c2: Scalar = 0.9, maxEvaluations: Int = 25) {
    precondition(0 < c1 && c1 < c2 && c2 < 1, "strong Wolfe needs 0 < c1 < c2 < 1 (got c1 = \(c1), c2 = \(c2))")
    precondition(maxEvaluations >= 1, "maxEvaluations must be at least 1")
    self.c1 = c1
    self.c2 = c2
    self.maxEvaluations = maxEvaluations
  }

  /// Searches along `direction` from `x`.
  ///
  /// - Parameters:
  ///   - objective: the function.
  ///   - x: the current point; `value` and `gradient` are `f(x)` and `∇f(x)`.
  ///   - direction: `d`, a descent direction (`∇f(x)·d < 0`).
  ///   - initialStep: the first trial `α₀ > 0` (1 for Newton and quasi-Newton directions).
  ///   - maxStep: the largest step allowed (default unbounded).
  ///   - trialPoint: receives `x + αd` (length n).
  ///   - trialGradient: receives `∇f(x + αd)` (length n).
  ///   - scratch: n scalars of workspace.
  /// - Returns: the step, `f` and slope there, the evaluations spent and any failure. On
  ///   acceptance `trialPoint` and `trialGradient` hold the accepted point and its gradient.
  @inlinable
  public func search<O: Objective>(
    objective: O, from x: UnsafeBufferPointer<Scalar>, value f0: Scalar,
    gradient g0: UnsafeBufferPointer<Scalar>, direction d: UnsafeBufferPointer<Scalar>,
    initialStep: Scalar, maxStep: Scalar = .infinity,
    trialPoint xt: UnsafeMutableBufferPointer<Scalar>, trialGradient gt: UnsafeMutableBufferPointer<Scalar>,
    scratch gLo: UnsafeMutableBufferPointer<Scalar>
  ) -> LineSearchResult<Scalar> where O.Scalar == Scalar {
    typealias K = LineSearchKernels
    let n = x.count
    precondition(d.count == n && g0.count == n && xt.count >= n && gt.count >= n && gLo.count >= n)
    let dphi0 = VectorMath.dot(g0, d)
    guard dphi0 < 0, dphi0.isFinite, f0.isFinite else {
      return LineSearchResult(step: 0, value: f0, slope: dphi0, evaluations: 0, failure: .notDescentDirection)
    }
    let curvatureBound = -c2 * dphi0
    // The bracket is too small once |Δα|·max|dᵢ| no longer moves x by a rounding unit.
    let resolution = Scalar.ulpOfOne * Swift.max(K.maxMagnitude(x), Scalar.leastNormalMagnitude)
      / Swift.max(K.maxMagnitude(d), Scalar.leastNormalMagnitude)

    var evaluations = 0
    func evaluate(_ alpha: Scalar) -> (f: Scalar, slope: Scalar) {
      K.axpy(x, alpha, d, into: xt)
      let f = objective.value(at: UnsafeBufferPointer(xt), gradient: gt)
      evaluations += 1
      return (f, RelaxedKernels.dot(UnsafePointer(gt.baseAddress!), d.baseAddress!, count: n))
    }
    // Strict decrease as well: when c₁αφ′(0) is below rounding, f = f(x) must not pass.
    func armijo(_ alpha: Scalar, _ f: Scalar) -> Bool { f.isFinite && f <= f0 + c1 * alpha * dphi0 && f < f0 }
    func storeLo() { for i in 0..<n { gLo[i] = gt[i] } }
    func accept(_ alpha: Scalar, _ f: Scalar, _ slope: Scalar) -> LineSearchResult<Scalar> {
      LineSearchResult(step: alpha, value: f, slope: slope, evaluations: evaluations, failure: nil)
    }
    /// Falls back on the low end when it made progress (restoring its point and gradient).
    func fallBack(_ aLo: Scalar, _ fLo: Scalar, _ dLo: Scalar, _ reason: LineSearchFailure) -> LineSearchResult<Scalar> {
      guard aLo > 0 else {
        return LineSearchResult(step: 0, value: f0, slope: dphi0, evaluations: evaluations, failure: reason)
      }
      K.axpy(x, aLo, d, into: xt)
      for i in 0..<n { gt[i] = gLo[i] }
      return LineSearchResult(step: aLo, value: fLo, slope: dLo, evaluations: evaluations, failure: reason)
    }

    // Bracketing (N&W Algorithm 3.5).
    var aPrev: Scalar = 0
    var fPrev = f0
    var dPrev = dphi0
    var alpha = Swift.min(initialStep > 0 && initialStep.isFinite ? initialStep : 1, maxStep)
    var aLo: Scalar = 0
    var fLo = f0
    var dLo = dphi0
    var aHi: Scalar
    var fHi: Scalar
    var dHi: Scalar
    while true {
      let (f, slope) = evaluate(alpha)
      if !f.isFinite || !slope.isFinite || !armijo(alpha, f) || (evaluations > 1 && f >= fPrev) {
        (aLo, fLo, dLo) = (aPrev, fPrev, dPrev)  // gLo already holds ∇f at aPrev (if aPrev > 0)
        (aHi, fHi, dHi) = (alpha, f, slope)
        break
      }
      if slope.magnitude <= curvatureBound { return accept(alpha, f, slope) }
      if slope >= 0 {
        storeLo()
        (aLo, fLo, dLo) = (alpha, f, slope)
        (aHi, fHi, dHi) = (aPrev, fPrev, dPrev)
        break
      }
      // Still going downhill steeply: extrapolate.
      storeLo()
      if alpha >= maxStep { return fallBack(alpha, f, slope, .maxStep) }
      if evaluations >= maxEvaluations { return fallBack(alpha, f, slope, .maxEvaluations) }
      let width = alpha - aPrev
      let lower = alpha + 1.1 * width
      let upper = alpha + 4 * width
      var next = upper
      if let c = K.cubicMinimizer(a: aPrev, fa: fPrev, da: dPrev, b: alpha, fb: f, db: slope), c > alpha {
        next = Swift.min(Swift.max(c, lower), upper)
      }
      (aPrev, fPrev, dPrev) = (alpha, f, slope)
      alpha = Swift.min(next, maxStep)
    }

    // Zoom (N&W Algorithm 3.6). Invariants: aLo satisfies sufficient decrease and has the
    // lowest value seen; φ′(aLo)(aHi − aLo) < 0.
    while true {
      if evaluations >= maxEvaluations { return fallBack(aLo, fLo, dLo, .maxEvaluations) }
      let width = (aHi - aLo).magnitude
      if width <= resolution * Swift.max(1, Swift.max(aLo, aHi)) {
        return fallBack(aLo, fLo, dLo, .roundingLimit)
      }
      let left = Swift.min(aLo, aHi)
      let right = Swift.max(aLo, aHi)
      var trial: Scalar
      if !fHi.isFinite || !dHi.isFinite {
        trial = aLo + 0.1 * (aHi - aLo)
      } else {
        trial =
          K.cubicMinimizer(a: aLo, fa: fLo, da: dLo, b: aHi, fb: fHi, db: dHi)
          ?? K.quadraticMinimizer(a: aLo, fa: fLo, da: dLo, b: aHi, fb: fHi)
          ?? (aLo + aHi) / 2
        trial = Swift.min(Swift.max(trial, left + 0.1 * width), right - 0.1 * width)
      }
      let (f, slope) = evaluate(trial)
      if !f.isFinite || !slope.isFinite || !armijo(trial, f) || f >= fLo {
        (aHi, fHi, dHi) = (trial, f, slope)
      } else {
        if slope.magnitude <= curvatureBound { return accept(trial, f, slope) }
        if slope * (aHi - aLo) >= 0 { (aHi, fHi, dHi) = (aLo, fLo, dLo) }
        storeLo()
        (aLo, fLo, dLo) = (trial, f, slope)
      }
    }
  }
}
