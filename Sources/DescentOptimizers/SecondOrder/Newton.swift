import DescentCore

/// Newton's method for nonconvex functions: the eigenvalue-modified Newton direction, a
/// negative-curvature direction where the Hessian is indefinite, and a backtracking
/// (Armijo) line search.
///
/// ```
/// H = ∇²f(xₖ) = Σᵢ λᵢ qᵢqᵢᵀ          (exact when the objective has one, else finite differences)
/// β = 10⁻³·‖H‖_F                      (shiftFactor·‖H‖_F; 10⁻³ when H = 0)
/// H positive definite (Cholesky succeeds):  H dₖ = −∇f(xₖ)
/// otherwise:  dₖ = −Σᵢ qᵢ (qᵢᵀ∇f(xₖ)) / max(|λᵢ|, β)
///             and, if λmin < −100ε‖H‖_F, the negative-curvature direction
///             s = ±q_min with ∇fᵀs ≤ 0
/// x_d = xₖ + αdₖ    (αₖ: backtracking Armijo, c₁ = 1e-4, first trial 1)
/// x_s = xₖ + σs     (σ halved from max(1, ‖dₖ‖) until f(x_s) ≤ f(xₖ) + c₁(σ∇fᵀs + ½σ²λmin))
/// xₖ₊₁ = the lowest of x_d, x_s and x_d + σs  (ties: x_d + σs, then x_s)
/// ```
///
/// The modified direction keeps Newton's step along every eigenvector of positive
/// curvature, reflects it along negative curvature (`|λᵢ|`, so the step goes downhill
/// instead of towards the saddle) and caps the step along near-zero curvature with the
/// floor `β`: the modified matrix is positive definite, so `dₖ` is a descent direction
/// (Nocedal & Wright, *Numerical Optimization*, 2nd ed., §3.4, the eigenvalue modification;
/// Gill, Murray & Wright, *Practical Optimization*, §4.4.2). The floor is relative to the
/// Hessian's size so that badly scaled problems get a comparable one. A shift of all
/// eigenvalues by `τ ≥ −λmin + β` would instead damp the well-determined small positive
/// curvatures too, and the method would crawl wherever `H` is slightly indefinite.
///
/// `dₖ` has no component along an eigenvector that `∇f` is orthogonal to, so on its own it
/// cannot leave a saddle approached along its stable manifold, nor a subspace that the start
/// and a symmetry of `f` preserve. The negative-curvature trial does, and by a decrease of
/// order `σ²|λmin|` even when `∇f ⟂ q_min` (Moré & Sorensen, "On the use of directions of
/// negative curvature in a modified Newton method", Math. Programming 16, 1979, pair the same
/// two directions). Example: MGH Biggs EXP6 starts on `x₁ = x₅, x₃ = x₆`, where `f` is
/// symmetric under swapping its first and third exponentials; every `dₖ` stays there, and
/// the minimum within that subspace, `f = 5.65565·10⁻³` (the value MGH print as a local
/// minimum, where BFGS and L-BFGS stop), is a saddle of `f` with `λmin ≈ −9.8·10⁻³` along
/// `e₁ − e₅`. Newton reaches it, leaves it along `q_min` and ends at the global minimum
/// `f = 0`.
///
/// For `n >` ``negativeCurvatureDimensionLimit`` (or if the Jacobi iteration fails), an
/// indefinite `H` is instead shifted: `τ = −minᵢ Hᵢᵢ + β` (`β` if `minᵢ Hᵢᵢ > 0`), doubled
/// until `Cholesky(H + τI)` succeeds, `(H + τI)dₖ = −∇f(xₖ)` (N&W Algorithm 3.3), with no
/// negative-curvature trial. ``shiftedSteps`` counts the steps whose Hessian was modified,
/// ``lastShift`` holds the last modification's size (`τ`, or `maxᵢ(max(|λᵢ|, β) − λᵢ)`)
/// and ``negativeCurvatureSteps`` the steps that took `x_s`.
///
/// Non-finite Hessian entries end the run with ``StopReason/hessianNotFinite``. If neither
/// trial lowers `f`, one step along `−∇f` (trial step `min(1, 1/‖∇f‖)`) is tried before the
/// run ends with ``StopReason/lineSearchFailed``.
///
/// `learningRate` is not used: the line search chooses every step.
///
/// - Complexity: one Hessian evaluation, `n³/3` for the factorization and `O(n²)` memory
///   per step; where `H` is indefinite and `n ≤ 200`, a Jacobi eigendecomposition
///   (`O(n³)` per sweep) and at most 30 more evaluations for the negative-curvature trial.
public struct Newton<Scalar: DescentScalar>: Optimizer {
  public var learningRate: Scalar = 1
  public var lineSearch: LineSearchMethod<Scalar>
  /// `β / ‖H‖_F`, the floor of the modified eigenvalues (and the least shift), default `1e-3`.
  public var shiftFactor: Scalar
  /// Steps in the current run whose Hessian was modified (shifted or eigenvalue-modified).
  public var shiftedSteps: Int { _shiftedSteps }
  @usableFromInline var _shiftedSteps: Int = 0
  /// How much the last step raised the Hessian's eigenvalues at most: `τ` of the shift, or
  /// `maxᵢ(max(|λᵢ|, β) − λᵢ)` of the eigenvalue modification; 0 if `H` was positive definite.
  public var lastShift: Scalar { _lastShift }
  @usableFromInline var _lastShift: Scalar = 0

  /// Steps in the current run that added a negative-curvature direction.
  public var negativeCurvatureSteps: Int { _negativeCurvatureSteps }
  @usableFromInline var _negativeCurvatureSteps = 0

  /// Largest `n` for which an indefinite Hessian is eigendecomposed (`O(n³)` Jacobi) for
  /// the eigenvalue modification and the negative-curvature direction.
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
    // Positive definite: the Newton direction. Otherwise, for n ≤ the limit, the eigenvalue
    // modification; for larger n (or if Jacobi fails), Algorithm 3.3's shift.
    var tau: Scalar = 0
    var factored = false
    var lambdaMin: Scalar = 0
    for k in 0..<(n * n) { l[k] = h[k] }
    if Cholesky.factor(l, dimension: n) {
      factored = true
      for i in 0..<n { d[i] = -g[i] }
      Cholesky.solve(factor: UnsafeBufferPointer(l), dimension: n, rhs: d)
    } else if hasEigenvectors {
      for k in 0..<(n * n) { l[k] = h[k] }
      lambdaMin = SymmetricEigendecomposition.compute(l, dimension: n, vectors: vectors, into: curvatureDirection)
      if lambdaMin.isFinite {
        // l's diagonal holds the eigenvalues λᵢ, the columns of `vectors` the eigenvectors qᵢ:
        // d = −Σ qᵢ (qᵢᵀ∇f) / max(|λᵢ|, β).
        for i in 0..<n { d[i] = 0 }
        for j in 0..<n {
          let lambda = l[j * n + j]
          let modified = Swift.max(lambda.magnitude, beta)
          tau = Swift.max(tau, modified - lambda)
          var qg: Scalar = 0
          for i in 0..<n { qg += vectors[i * n + j] * g[i] }
          let coefficient = -qg / modified
          for i in 0..<n { d[i] += coefficient * vectors[i * n + j] }
        }
        factored = true
      } else {
        lambdaMin = 0
      }
    }
    if !factored {
      tau = minDiagonal > 0 ? beta : -minDiagonal + beta
      for _ in 0..<200 {
        for k in 0..<(n * n) { l[k] = h[k] }
        for i in 0..<n { l[i * n + i] += tau }
        if Cholesky.factor(l, dimension: n) {
          factored = true
          break
        }
        tau = Swift.max(2 * tau, beta)
      }
      if factored {
        for i in 0..<n { d[i] = -g[i] }
        Cholesky.solve(factor: UnsafeBufferPointer(l), dimension: n, rhs: d)
      }
    }
    var usedNegativeCurvature = false
    var result: LineSearchResult<Scalar>
    if factored {
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
      var sigma = factored ? Swift.max(1, VectorMath.norm(UnsafeBufferPointer(d))) : 1
      for _ in 0..<30 {
        for i in 0..<n { xc[i] = x[i] + sigma * curvatureDirection[i] }
        let fc = objective.value(at: UnsafeBufferPointer(xc), gradient: gc)
        if fc.isFinite && fc < f0 && fc <= f0 + 1e-4 * (sigma * gv + sigma * sigma * lambdaMin / 2) {
          if !result.accepted {
            for i in 0..<n {
              xt[i] = xc[i]
              gt[i] = gc[i]
            }
            result = LineSearchResult(step: sigma, value: fc, slope: 0, evaluations: 0, failure: nil)
            usedNegativeCurvature = true
          } else {
            // Both trials succeeded: also try the combined point x_d + σs (into scratch, its
            // gradient into d, which is no longer needed) and keep the lowest of the three;
            // ties go to the points that move along s.
            for i in 0..<n { scratch[i] = xt[i] + sigma * curvatureDirection[i] }
            let fb = objective.value(at: UnsafeBufferPointer(scratch), gradient: d)
            if fb.isFinite && fb <= Swift.min(fc, result.value) {
              for i in 0..<n {
                xt[i] = scratch[i]
                gt[i] = d[i]
              }
              result = LineSearchResult(step: sigma, value: fb, slope: 0, evaluations: 0, failure: nil)
              usedNegativeCurvature = true
            } else if fc <= result.value {
              for i in 0..<n {
                xt[i] = xc[i]
                gt[i] = gc[i]
              }
              result = LineSearchResult(step: sigma, value: fc, slope: 0, evaluations: 0, failure: nil)
              usedNegativeCurvature = true
            }
          }
          break
        }
        sigma /= 2
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
