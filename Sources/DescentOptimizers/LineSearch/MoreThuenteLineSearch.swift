import DescentCore

/// The Moré–Thuente line search: a step satisfying the strong Wolfe conditions, found by
/// MINPACK-2's `dcsrch`/`dcstep` safeguarded interval updates (what SciPy's L-BFGS-B and
/// BFGS use).
///
/// With `φ(α) = f(x + αd)` and `φ′(0) = ∇f(x)·d < 0`, it returns `α` with
///
/// ```
/// φ(α) ≤ φ(0) + c₁ α φ′(0)          (sufficient decrease)
/// |φ′(α)| ≤ c₂ |φ′(0)|              (strong curvature)
/// ```
///
/// Each trial evaluates `f` and `∇f` together. The interval `[stx, sty]` always holds a
/// step satisfying both conditions; the next trial comes from `dcstep`: the minimizer of
/// the cubic through both ends' values and slopes, or the quadratic or secant step,
/// whichever the four cases of Moré & Thuente (1994, §4) choose; while nothing is
/// bracketed the step grows within `[α + 1.1(α − stx), α + 4(α − stx)]`; a bisection is
/// forced when the interval does not shrink by a third in two trials. Until a step with
/// `ψ(α) = φ(α) − φ(0) − c₁αφ′(0) ≤ 0` and `φ′(α) ≥ 0` is seen, the steps are computed
/// from `ψ` instead of `φ` (the "first stage").
///
/// Differences from `dcsrch` (none changes a trial step of a run that `dcsrch` completes):
/// - when the interval is narrower than `xtol` (relative) or below floating-point
///   resolution, or the budget is spent, the best step seen is returned at once (with its
///   stored gradient, as a ``LineSearchResult/failure``) where `dcsrch` re-evaluates it;
/// - sufficient decrease also demands `φ(α) < φ(0)` (a step below rounding never passes);
/// - a trial with a non-finite value or slope shrinks toward the best step
///   (`α ← stx + 0.1(α − stx)`) and caps later trials below it.
///
/// - `c1` (`ftol`): default `1e-4` (SciPy's BFGS; L-BFGS-B uses `1e-3`).
/// - `c2` (`gtol`): default `0.9`. As in `dcsrch`, `c2 ≤ c1` is allowed (the paper's tests
///   use `c1 = c2`); a step meeting both conditions is then guaranteed only when `c1 < c2`.
/// - `xtol`: relative interval width at which the search stops, default `1e-14` (SciPy's
///   BFGS; L-BFGS-B uses `0.1`).
/// - `maxEvaluations`: default 20 (L-BFGS-B's limit).
///
/// J. J. Moré and D. J. Thuente, "Line search algorithms with guaranteed sufficient
/// decrease", ACM Transactions on Mathematical Software 20(3):286–307, 1994; MINPACK-2
/// `dcsrch.f`, `dcstep.f` (Averick, Carter, Moré, 1993).
public struct MoreThuenteLineSearch<Scalar: DescentScalar>: Sendable, Equatable {
  public var c1: Scalar
  public var c2: Scalar
  public var xtol: Scalar
  public var maxEvaluations: Int

  public init(c1: Scalar = 1e-4, c2: Scalar = 0.9, xtol: Scalar = 1e-14, maxEvaluations: Int = 20) {
    precondition(0 < c1 && c1 < 1 && 0 < c2 && c2 < 1, "Moré–Thuente needs c1 and c2 in (0, 1) (got c1 = \(c1), c2 = \(c2))")
    precondition(xtol >= 0, "xtol must be non-negative (got \(xtol))")
    precondition(maxEvaluations >= 1, "maxEvaluations must be at least 1")
    self.c1 = c1
    self.c2 = c2
    self.xtol = xtol
    self.maxEvaluations = maxEvaluations
  }

  /// Searches along `direction` from `x`; the parameters and result are those of
  /// ``StrongWolfeLineSearch/search(objective:from:value:gradient:direction:initialStep:maxStep:trialPoint:trialGradient:scratch:)``
  /// (`scratch` holds the gradient at the best step).
  @inlinable
  public func search<O: Objective>(
    objective: O, from x: UnsafeBufferPointer<Scalar>, value f0: Scalar,
    gradient g0: UnsafeBufferPointer<Scalar>, direction d: UnsafeBufferPointer<Scalar>,
    initialStep: Scalar, maxStep: Scalar = .infinity,
    trialPoint xt: UnsafeMutableBufferPointer<Scalar>, trialGradient gt: UnsafeMutableBufferPointer<Scalar>,
    scratch gBest: UnsafeMutableBufferPointer<Scalar>
  ) -> LineSearchResult<Scalar> where O.Scalar == Scalar {
    typealias K = LineSearchKernels
    let n = x.count
    precondition(d.count == n && g0.count == n && xt.count >= n && gt.count >= n && gBest.count >= n)
    let ginit = VectorMath.dot(g0, d)
    guard ginit < 0, ginit.isFinite, f0.isFinite else {
      return LineSearchResult(step: 0, value: f0, slope: ginit, evaluations: 0, failure: .notDescentDirection)
    }
    let resolution = Scalar.ulpOfOne * Swift.max(K.maxMagnitude(x), Scalar.leastNormalMagnitude)
      / Swift.max(K.maxMagnitude(d), Scalar.leastNormalMagnitude)
    let gtest = c1 * ginit
    let curvatureBound = -c2 * ginit
    let stpmax = maxStep > 0 ? maxStep : .infinity
    var stp = Swift.min(initialStep > 0 && initialStep.isFinite ? initialStep : 1, stpmax)
    // The smallest step where f or ∇f was not finite: later trials stay below it.
    var limit = Scalar.infinity

    // stx: the best step (fx, gx); sty: the other end of the interval (fy, gy).
    var bracketed = false
    var firstStage = true
    var width = stpmax
    var width1 = 2 * width
    var stx: Scalar = 0, fx = f0, gx = ginit
    var sty: Scalar = 0, fy = f0, gy = ginit
    var stmin: Scalar = 0
    var stmax = stp + 4 * stp
    var evaluations = 0

    func storeBest() { for i in 0..<n { gBest[i] = gt[i] } }
    /// The best step, restored into the trial buffers, when it has sufficient decrease.
    func best(_ reason: LineSearchFailure) -> LineSearchResult<Scalar> {
      guard stx > 0, fx < f0, fx <= f0 + stx * gtest else {
        return LineSearchResult(step: 0, value: f0, slope: ginit, evaluations: evaluations, failure: reason)
      }
      K.axpy(x, stx, d, into: xt)
      for i in 0..<n { gt[i] = gBest[i] }
      return LineSearchResult(step: stx, value: fx, slope: gx, evaluations: evaluations, failure: reason)
    }

    while true {
      K.axpy(x, stp, d, into: xt)
      let f = objective.value(at: UnsafeBufferPointer(xt), gradient: gt)
      evaluations += 1
      let g = RelaxedKernels.dot(UnsafePointer(gt.baseAddress!), d.baseAddress!, count: n)
      if !f.isFinite || !g.isFinite {
        // Too far: shrink toward the best step and stay below this one from now on.
        if evaluations >= maxEvaluations { return best(.maxEvaluations) }
        limit = Swift.min(limit, stp)
        if bracketed && (stp - stx) * (sty - stx) > 0 && (stp - stx).magnitude < (sty - stx).magnitude {
          (sty, fy, gy) = (stp, .infinity, .nan)
        }
        stp = stx + 0.1 * (stp - stx)
        if (stp - stx).magnitude <= resolution * Swift.max(1, stx) { return best(.roundingLimit) }
        stmax = Swift.min(stmax, limit)
        continue
      }
      let ftest = f0 + stp * gtest
      if f <= ftest && f < f0 && g.magnitude <= curvatureBound {
        return LineSearchResult(step: stp, value: f, slope: g, evaluations: evaluations, failure: nil)
      }
      if firstStage && f <= ftest && g >= 0 { firstStage = false }
      if stp >= stpmax && f <= ftest && g <= gtest {
        if f < fx { (stx, fx, gx) = (stp, f, g); storeBest() }
        return best(.maxStep)
      }
      if evaluations >= maxEvaluations {
        if f < fx && f <= ftest { (stx, fx, gx) = (stp, f, g); storeBest() }
        return best(.maxEvaluations)
      }

      // dcstep, on ψ in the first stage while f is lower but the decrease insufficient.
      var next: Scalar
      if firstStage && f <= fx && f > ftest {
        var s = MoreThuenteStep(
          stx: stx, fx: fx - stx * gtest, dx: gx - gtest, sty: sty, fy: fy - sty * gtest, dy: gy - gtest,
          bracketed: bracketed)
        next = s.update(stp: stp, fp: f - stp * gtest, dp: g - gtest, stpmin: stmin, stpmax: stmax)
        (stx, sty, bracketed) = (s.stx, s.sty, s.bracketed)
        (fx, gx) = (s.fx + stx * gtest, s.dx + gtest)
        (fy, gy) = (s.fy + sty * gtest, s.dy + gtest)
      } else {
        var s = MoreThuenteStep(stx: stx, fx: fx, dx: gx, sty: sty, fy: fy, dy: gy, bracketed: bracketed)
        next = s.update(stp: stp, fp: f, dp: g, stpmin: stmin, stpmax: stmax)
        (stx, fx, gx, sty, fy, gy, bracketed) = (s.stx, s.fx, s.dx, s.sty, s.fy, s.dy, s.bracketed)
      }
      if stx == stp {
        fx = f  // exactly, not through ψ and back
        storeBest()
      }

      if bracketed {
        // Bisect when the interval did not shrink by a third in the last two trials.
        if (sty - stx).magnitude >= 0.66 * width1 { next = stx + 0.5 * (sty - stx) }
        width1 = width
        width = (sty - stx).magnitude
        stmin = Swift.min(stx, sty)
        stmax = Swift.max(stx, sty)
      } else {
        stmin = next + 1.1 * (next - stx)
        stmax = next + 4 * (next - stx)
      }
      if !next.isFinite { next = bracketed ? stx + 0.5 * (sty - stx) : stmax }
      next = Swift.min(Swift.max(next, 0), stpmax)
      if next >= limit {
        let from = Swift.max(stx, stp)
        next = from + 0.5 * (limit - from)
      }
      if bracketed
        && (next <= stmin || next >= stmax || stmax - stmin <= xtol * stmax
          || stmax - stmin <= resolution * Swift.max(1, stmax))
      {
        return best(.roundingLimit)
      }
      if !bracketed && (next - stx).magnitude <= resolution * Swift.max(1, stx) { return best(.roundingLimit) }
      stp = next
    }
  }
}

/// MINPACK-2's `dcstep`: the safeguarded trial step of the Moré–Thuente search and the
/// update of the interval `[stx, sty]` that holds a step satisfying the Wolfe conditions.
@usableFromInline
struct MoreThuenteStep<Scalar: DescentScalar> {
  @usableFromInline var stx: Scalar
  @usableFromInline var fx: Scalar
  @usableFromInline var dx: Scalar
  @usableFromInline var sty: Scalar
  @usableFromInline var fy: Scalar
  @usableFromInline var dy: Scalar
  @usableFromInline var bracketed: Bool

  @inlinable
  init(stx: Scalar, fx: Scalar, dx: Scalar, sty: Scalar, fy: Scalar, dy: Scalar, bracketed: Bool) {
    self.stx = stx
    self.fx = fx
    self.dx = dx
    self.sty = sty
    self.fy = fy
    self.dy = dy
    self.bracketed = bracketed
  }

  /// Takes the trial `stp` with value `fp` and slope `dp`, updates the interval and returns
  /// the next trial step (within `[stpmin, stpmax]` while nothing is bracketed).
  @inlinable
  mutating func update(stp: Scalar, fp: Scalar, dp: Scalar, stpmin: Scalar, stpmax: Scalar) -> Scalar {
    let opposite = (dp < 0) != (dx < 0) && dp != 0 && dx != 0
    var stpf: Scalar
    if fp > fx {
      // Case 1: a higher value; the minimum is bracketed. The cubic step if it is closer to
      // stx than the quadratic step, else their average.
      let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
      let s = Swift.max(theta.magnitude, dx.magnitude, dp.magnitude)
      var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
      if stp < stx { gamma = -gamma }
      let p = (gamma - dx) + theta
      let q = ((gamma - dx) + gamma) + dp
      let stpc = stx + (p / q) * (stp - stx)
      let stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2) * (stp - stx)
      stpf = (stpc - stx).magnitude <= (stpq - stx).magnitude ? stpc : stpc + (stpq - stpc) / 2
      bracketed = true
    } else if opposite {
      // Case 2: a lower value and slopes of opposite sign; bracketed. The cubic step if it
      // is farther from stp than the secant step, else the secant step.
      let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
      let s = Swift.max(theta.magnitude, dx.magnitude, dp.magnitude)
      var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
      if stp > stx { gamma = -gamma }
      let p = (gamma - dp) + theta
      let q = ((gamma - dp) + gamma) + dx
      let stpc = stp + (p / q) * (stx - stp)
      let stpq = stp + (dp / (dp - dx)) * (stx - stp)
      stpf = (stpc - stp).magnitude > (stpq - stp).magnitude ? stpc : stpq
      bracketed = true
    } else if dp.magnitude < dx.magnitude {
      // Case 3: a lower value, slopes of the same sign, the slope's magnitude decreases.
      let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
      let s = Swift.max(theta.magnitude, dx.magnitude, dp.magnitude)
      var gamma = s * Swift.max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
      if stp > stx { gamma = -gamma }
      let p = (gamma - dp) + theta
      let q = (gamma + (dx - dp)) + gamma
      let r = p / q
      let stpc: Scalar = r < 0 && gamma != 0 ? stp + r * (stx - stp) : (stp > stx ? stpmax : stpmin)
      let stpq = stp + (dp / (dp - dx)) * (stx - stp)
      if bracketed {
        stpf = (stpc - stp).magnitude < (stpq - stp).magnitude ? stpc : stpq
        stpf = stp > stx ? Swift.min(stp + 0.66 * (sty - stp), stpf) : Swift.max(stp + 0.66 * (sty - stp), stpf)
      } else {
        stpf = (stpc - stp).magnitude > (stpq - stp).magnitude ? stpc : stpq
        stpf = Swift.min(Swift.max(stpf, stpmin), stpmax)
      }
    } else {
      // Case 4: a lower value, slopes of the same sign, the slope's magnitude does not
      // decrease: the cubic step toward sty if bracketed, else stpmin or stpmax.
      if bracketed {
        let theta = 3 * (fp - fy) / (sty - stp) + dy + dp
        let s = Swift.max(theta.magnitude, dy.magnitude, dp.magnitude)
        var gamma = s * ((theta / s) * (theta / s) - (dy / s) * (dp / s)).squareRoot()
        if stp > sty { gamma = -gamma }
        let p = (gamma - dp) + theta
        let q = ((gamma - dp) + gamma) + dy
        stpf = stp + (p / q) * (sty - stp)
      } else {
        stpf = stp > stx ? stpmax : stpmin
      }
    }
    if fp > fx {
      (sty, fy, dy) = (stp, fp, dp)
    } else {
      if opposite { (sty, fy, dy) = (stx, fx, dx) }
      (stx, fx, dx) = (stp, fp, dp)
    }
    return stpf
  }
}
