import DescentCore

/// Newton's method with a Levenberg-style shift for indefinite Hessians and a
/// backtracking (Armijo) line search.
///
/// ```
/// H = ∇²f(xₖ)                       (exact when the objective has one, else finite differences)
/// τ = 0 if minᵢ Hᵢᵢ > 0, else −minᵢ Hᵢᵢ + β
/// while Cholesky(H + τI) fails: τ ← max(2τ, β)
/// (H + τI) dₖ = −∇f(xₖ)
/// xₖ₊₁ = xₖ + αₖdₖ                   (αₖ: backtracking Armijo, c₁ = 1e-4, first trial 1)
/// ```
///
/// The shift is Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithm 3.3
/// ("Cholesky with added multiple of the identity"), with `β = 10⁻³·‖H‖_F` (relative to
/// the Hessian's size rather than N&W's absolute `10⁻³`, so that badly scaled problems get
/// a comparable shift; `β = 10⁻³` when `H = 0`). With `τ > 0` the direction lies between
/// Newton's (`τ → 0`) and steepest descent's (`τ → ∞`) and always goes downhill, so the
/// method never climbs towards a saddle or a maximum; ``shiftedSteps`` counts the steps
/// that needed a shift and ``lastShift`` holds the last `τ`.
///
/// Negative curvature: when the Hessian is indefinite (`λmin < −100ε‖H‖_F`) and `n ≤ 200`,
/// a second step is tried along the unit eigenvector `v` of `λmin`, signed so that
/// `∇fᵀv ≤ 0`, backtracking (halving) from `α = max(1, ‖d_τ‖)` until
/// `f(x + αv) ≤ f(x) + c₁(α∇fᵀv + ½α²λmin)`; the lower of the two trial points is taken.
/// This is what lets Newton leave a saddle region when `∇f ⟂ v`, where the shifted
/// direction `d_τ` alone cannot (Moré & Sorensen, "On the use of directions of negative
/// curvature in a modified Newton method", Math. Programming 16, 1979, pair the same two
/// directions). Without it the iterates stay on any subspace the start and the symmetry
/// of `f` preserve: MGH Biggs EXP6 starts on `x₁ = x₅, x₃ = x₆`, and the shifted method
/// creeps towards the saddle at f ≈ 0.2432 there. ``negativeCurvatureSteps`` counts the
/// steps that took the negative-curvature point.
///
/// Non-finite Hessian entries end the run with ``StopReason/hessianNotFinite``. If the line
/// search fails along the Newton direction, one step along `−∇f` (trial step
/// `min(1, 1/‖∇f‖)`) is tried before the run ends with ``StopReason/lineSearchFailed``.
///
/// `learningRate` is not used: the line search chooses every step.
///
/// - Complexity: one Hessian evaluation, `n³/3` for the factorization and `O(n²)` memory
///   per step.
public struct Newton<Scalar: DescentScalar>: Optimizer {
  public var learningRate: Scalar = 1
  public var lineSearch: LineSearchMethod<Scalar>
  /// `β` relative to `‖H‖_F`, default `1e-3`.
  public var shiftFactor: Scalar
  /// Steps in the current run whose Hessian needed a shift `τ > 0`.
  public var shiftedSteps: Int { _shiftedSteps }
  @usableFromInline var _shiftedSteps: Int = 0
  /// The shift `τ` of the last step.
  public var lastShift: Scalar { _lastShift }
  @usableFromInline var _lastShift: Scalar = 0

  /// Steps in the current run that added a negative-curvature direction.
  public var negativeCurvatureSteps: Int { _negativeCurvatureSteps }
  @usableFromInline var _negativeCurvatureSteps = 0

  /// Largest `n` for which the negative-curvature direction is computed (`O(n³)` Jacobi).
  public static var negativeCurvatureDimensionLimit: Int { 200 }

  /// H, L (n² each), eigenvectors (n², when n ≤ the limit), then d, trial x, trial ∇f,
  /// scratch, v, two more trial vectors (n each).
  @usableFromInline var workspace = Workspace<Scalar>(count: 0)
  @usableFromInline var dimension = 0

  /// - Parameters:
  ///   - lineSearch: default backtracking Armijo with `c1 = 1e-4` and interpolation.
  ///   - shiftFactor: `β / ‖H‖_F`, default `1e-3`.
  public init(
    lineSearch: LineSearchMethod<Scalar> = .backtracking(BacktrackingLineSearch(c1: 1e-4)),
    shiftFactor: Scalar = 1e-3
  ) {
    precondition(shiftFactor > 0, "shiftFactor must be positive")
    self.lineSearch = lineSearch
    self.shiftFactor = shiftFactor
  }

  public var name: String { "newton" }
  public var settingsDescription: String { "newton(\(lineSearch.description))" }

  public mutating func prepare(dimension n: Int) {
    precondition(n > 0, "dimension must be positive")
    dimension = n
    let matrices = n <= Self.negativeCurvatureDimensionLimit ? 3 : 2
    workspace = Workspace(count: matrices * n * n + 7 * n)
    _shiftedSteps = 0
    _lastShift = 0
    _negativeCurvatureSteps = 0
  }

  @inlinable
  public mutating func step<O: Objective>(
    x: UnsafeMutableBufferPointer<Scalar>, value: inout Scalar,
    gradient g: UnsafeMutableBufferPointer<Scalar>, learningRate: Scalar, objective: O
  ) -> StepOutcome where O.Scalar == Scalar {
    let n = x.count
    precondition(n == dimension, "Newton: prepare(dimension:) was not called for n = \(n)")
    let gNorm = VectorMath.norm(UnsafeBufferPointer(g))
    if gNorm == 0 { return .failed(.gradientTolerance) }
    Workspace.makeUnique(&workspace)
    let w = workspace
    let hasEigenvectors = n <= Self.negativeCurvatureDimensionLimit
    let h = w.buffer(0, n * n)
    let l = w.buffer(n * n, n * n)
    let vectors = w.buffer(2 * n * n, hasEigenvectors ? n * n : 0)
    let v0 = (hasEigenvectors ? 3 : 2) * n * n
    let d = w.buffer(v0, n)
    let xt = w.buffer(v0 + n, n)
    let gt = w.buffer(v0 + 2 * n, n)
    let scratch = w.buffer(v0 + 3 * n, n)
    let curvatureDirection = w.buffer(v0 + 4 * n, n)
    let xc = w.buffer(v0 + 5 * n, n)
    let gc = w.buffer(v0 + 6 * n, n)
    let f0 = value

    objective.hessian(at: UnsafeBufferPointer(x), into: h)
    var frobeniusSquared: Scalar = 0
    var minDiagonal = Scalar.infinity
    for i in 0..<n {
      for j in 0..<n {
        let e = h[i * n + j]
        guard e.isFinite else { return .failed(.hessianNotFinite) }
        frobeniusSquared += e * e
      }
      minDiagonal = Swift.min(minDiagonal, h[i * n + i])
    }
    let frobenius = frobeniusSquared.squareRoot()
    let beta = frobenius > 0 && frobenius.isFinite ? shiftFactor * frobenius : shiftFactor
    var tau: Scalar = minDiagonal > 0 ? 0 : -minDiagonal + beta
    // Indefinite? Then find λmin and its eigenvector (small n only).
    var lambdaMin: Scalar = 0
    if hasEigenvectors {
      for k in 0..<(n * n) { l[k] = h[k] }
      if !Cholesky.factor(l, dimension: n) {
        for k in 0..<(n * n) { l[k] = h[k] }
        lambdaMin = SmallestEigenpair.compute(l, dimension: n, vectors: vectors, into: curvatureDirection)
        if !lambdaMin.isFinite { lambdaMin = 0 }
      }
    }
    var factored = false
    for _ in 0..<200 {
      for k in 0..<(n * n) { l[k] = h[k] }
      if tau > 0 { for i in 0..<n { l[i * n + i] += tau } }
      if Cholesky.factor(l, dimension: n) {
        factored = true
        break
      }
      tau = Swift.max(2 * tau, beta)
    }
    var usedNegativeCurvature = false
    var result: LineSearchResult<Scalar>
    if factored {
      for i in 0..<n { d[i] = -g[i] }
      Cholesky.solve(factor: UnsafeBufferPointer(l), dimension: n, rhs: d)
      result = lineSearch.search(
        objective: objective, from: UnsafeBufferPointer(x), value: f0, gradient: UnsafeBufferPointer(g),
        direction: UnsafeBufferPointer(d), initialStep: 1, trialPoint: xt, trialGradient: gt, scratch: scratch)
    } else {
      result = LineSearchResult(step: 0, value: f0, slope: 0, evaluations: 0, failure: .notDescentDirection)
    }
    if lambdaMin < -100 * Scalar.ulpOfOne * frobenius {
      // Negative-curvature trial: backtrack along ±v from max(1, ‖d‖).
      var gv: Scalar = 0
      for i in 0..<n { gv += g[i] * curvatureDirection[i] }
      if gv > 0 {
        gv = -gv
        for i in 0..<n { curvatureDirection[i] = -curvatureDirection[i] }
      }
      var alpha = factored ? Swift.max(1, VectorMath.norm(UnsafeBufferPointer(d))) : 1
      for _ in 0..<30 {
        for i in 0..<n { xc[i] = x[i] + alpha * curvatureDirection[i] }
        let fc = objective.value(at: UnsafeBufferPointer(xc), gradient: gc)
        if fc.isFinite && fc < f0 && fc <= f0 + 1e-4 * (alpha * gv + alpha * alpha * lambdaMin / 2) {
          if !result.accepted || fc < result.value {
            for i in 0..<n {
              xt[i] = xc[i]
              gt[i] = gc[i]
            }
            result = LineSearchResult(step: alpha, value: fc, slope: 0, evaluations: 0, failure: nil)
            usedNegativeCurvature = true
          }
          break
        }
        alpha /= 2
      }
    }
    if !result.accepted {
      for i in 0..<n { d[i] = -g[i] }
      result = lineSearch.search(
        objective: objective, from: UnsafeBufferPointer(x), value: f0, gradient: UnsafeBufferPointer(g),
        direction: UnsafeBufferPointer(d), initialStep: Swift.min(1, 1 / gNorm), trialPoint: xt,
        trialGradient: gt, scratch: scratch)
      if !result.accepted { return .failed(.lineSearchFailed) }
    }
    for i in 0..<n {
      x[i] = xt[i]
      g[i] = gt[i]
    }
    value = result.value
    _lastShift = tau
    if tau > 0 { _shiftedSteps += 1 }
    if usedNegativeCurvature { _negativeCurvatureSteps += 1 }
    return .evaluated
  }
}
