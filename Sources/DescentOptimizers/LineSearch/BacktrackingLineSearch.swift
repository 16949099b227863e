import DescentCore

/// A backtracking line search that accepts the first step with sufficient decrease
/// (the Armijo condition), shrinking by safeguarded polynomial interpolation.
///
/// With `φ(α) = f(x + αd)` and `φ′(0) = ∇f(x)·d < 0`, it tries `α₀` and shrinks until
///
/// ```
/// φ(α) ≤ φ(0) + c₁ α φ′(0)
/// ```
///
/// Shrinking (Nocedal & Wright, *Numerical Optimization*, 2nd ed., §3.5):
/// - first backtrack: the minimizer of the quadratic through `φ(0), φ′(0), φ(α₀)`:
///   `α₁ = −φ′(0)α₀² / (2(φ(α₀) − φ(0) − φ′(0)α₀))`;
/// - later backtracks: the minimizer of the cubic through `φ(0), φ′(0)` and the last two
///   trials (N&W p. 58–59);
/// - every new trial is clamped to `[0.1α, 0.5α]` of the previous one (a non-finite `φ`
///   gives `0.1α`). With `interpolate = false` the step is simply halved.
///
/// The test also demands `φ(α) < φ(0)`: when `c₁αφ′(0)` is below rounding, a step that
/// does not lower `f` is not accepted.
///
/// Each trial evaluates `f` and `∇f` together, so the accepted point's gradient is ready.
///
/// - `c1`: default `1e-4`. `maxEvaluations`: default 40. `interpolate`: default `true`.
///
/// Armijo, "Minimization of functions having Lipschitz continuous first partial
/// derivatives", Pacific J. Math. 16(1), 1966.
public struct BacktrackingLineSearch<Scalar: DescentScalar>: Sendable, Equatable {
  public var c1: Scalar
  public var maxEvaluations: Int
  public var interpolate: Bool

  public init(c1: Scalar = 1e-4, maxEvaluations: Int = 40, interpolate: Bool = true) {
    precondition(0 < c1 && c1 < 1, "Armijo needs 0 < c1 < 1 (got \(c1))")
    precondition(maxEvaluations >= 1, "maxEvaluations must be at least 1")
    self.c1 = c1
    self.maxEvaluations = maxEvaluations
    self.interpolate = interpolate
  }

  /// Searches along `direction` from `x`; the parameters are those of
  /// ``StrongWolfeLineSearch/search(objective:from:value:gradient:direction:initialStep:maxStep:trialPoint:trialGradient:scratch:)``
  /// (`scratch` is unused and may be empty). The result's `failure` is `nil` whenever a
  /// step was accepted.
  @inlinable
  public func search<O: Objective>(
    objective: O, from x: UnsafeBufferPointer<Scalar>, value f0: Scalar,
    gradient g0: UnsafeBufferPointer<Scalar>, direction d: UnsafeBufferPointer<Scalar>,
    initialStep: Scalar, maxStep: Scalar = .infinity,
    trialPoint xt: UnsafeMutableBufferPointer<Scalar>, trialGradient gt: UnsafeMutableBufferPointer<Scalar>,
    scratch: UnsafeMutableBufferPointer<Scalar>
  ) -> LineSearchResult<Scalar> where O.Scalar == Scalar {
    typealias K = LineSearchKernels
    let n = x.count
    precondition(d.count == n && g0.count == n && xt.count >= n && gt.count >= n)
    let dphi0 = VectorMath.dot(g0, d)
    guard dphi0 < 0, dphi0.isFinite, f0.isFinite else {
      return LineSearchResult(step: 0, value: f0, slope: dphi0, evaluations: 0, failure: .notDescentDirection)
    }
    let resolution = Scalar.ulpOfOne * Swift.max(K.maxMagnitude(x), Scalar.leastNormalMagnitude)
      / Swift.max(K.maxMagnitude(d), Scalar.leastNormalMagnitude)
    var alpha = Swift.min(initialStep > 0 && initialStep.isFinite ? initialStep : 1, maxStep)
    var aPrev: Scalar = 0
    var fPrev: Scalar = 0
    var evaluations = 0
    while evaluations < maxEvaluations {
      if alpha <= resolution {
        return LineSearchResult(step: 0, value: f0, slope: dphi0, evaluations: evaluations, failure: .roundingLimit)
      }
      K.axpy(x, alpha, d, into: xt)
      let f = objective.value(at: UnsafeBufferPointer(xt), gradient: gt)
      evaluations += 1
      if f.isFinite && f <= f0 + c1 * alpha * dphi0 && f < f0 {
        let slope = VectorMath.dot(UnsafeBufferPointer(gt), d)
        return LineSearchResult(step: alpha, value: f, slope: slope, evaluations: evaluations, failure: nil)
      }
      var next: Scalar
      if !f.isFinite {
        next = 0.1 * alpha
      } else if !interpolate {
        next = 0.5 * alpha
      } else if aPrev == 0 {
        next = -dphi0 * alpha * alpha / (2 * (f - f0 - dphi0 * alpha))
      } else {
        // Cubic through φ(0), φ′(0), φ(aPrev), φ(alpha) (N&W p. 58).
        let r1 = f - f0 - dphi0 * alpha
        let r0 = fPrev - f0 - dphi0 * aPrev
        let denominator = alpha * alpha * aPrev * aPrev * (alpha - aPrev)
        let a = (aPrev * aPrev * r1 - alpha * alpha * r0) / denominator
        let b = (-aPrev * aPrev * aPrev * r1 + alpha * alpha * alpha * r0) / denominator
        if a == 0 {
          next = -dphi0 / (2 * b)
        } else {
          let radicand = b * b - 3 * a * dphi0
          next = radicand >= 0 ? (-b + radicand.squareRoot()) / (3 * a) : 0.5 * alpha
        }
      }
      if !next.isFinite { next = 0.5 * alpha }
      next = Swift.min(Swift.max(next, 0.1 * alpha), 0.5 * alpha)
      aPrev = alpha
      fPrev = f
      alpha = next
    }
    return LineSearchResult(step: 0, value: f0, slope: dphi0, evaluations: evaluations, failure: .maxEvaluations)
  }
}
