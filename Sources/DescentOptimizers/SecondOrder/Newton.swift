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

  @usableFromInline var hessian: [Scalar] = []
  @usableFromInline var factor: [Scalar] = []
  @usableFromInline var work: [Scalar] = []

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
    hessian = [Scalar](repeating: 0, count: n * n)
    factor = [Scalar](repeating: 0, count: n * n)
    work = [Scalar](repeating: 0, count: 4 * n)
    _shiftedSteps = 0
    _lastShift = 0
  }

  @inlinable
  public mutating func step<O: Objective>(
    x: UnsafeMutableBufferPointer<Scalar>, value: inout Scalar,
    gradient g: UnsafeMutableBufferPointer<Scalar>, learningRate: Scalar, objective: O
  ) -> StepOutcome where O.Scalar == Scalar {
    let n = x.count
    precondition(work.count == 4 * n, "Newton: prepare(dimension:) was not called for n = \(n)")
    let gNorm = VectorMath.norm(UnsafeBufferPointer(g))
    if gNorm == 0 { return .failed(.gradientTolerance) }
    let search = lineSearch
    let beta0 = shiftFactor
    let f0 = value
    var newValue = value
    var tau: Scalar = 0
    let outcome: StepOutcome = hessian.withUnsafeMutableBufferPointer { h in
      factor.withUnsafeMutableBufferPointer { l in
        work.withUnsafeMutableBufferPointer { w in
          let d = UnsafeMutableBufferPointer(rebasing: w[0..<n])
          let xt = UnsafeMutableBufferPointer(rebasing: w[n..<(2 * n)])
          let gt = UnsafeMutableBufferPointer(rebasing: w[(2 * n)..<(3 * n)])
          let scratch = UnsafeMutableBufferPointer(rebasing: w[(3 * n)..<(4 * n)])
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
          let beta = frobenius > 0 && frobenius.isFinite ? beta0 * frobenius : beta0
          tau = minDiagonal > 0 ? 0 : -minDiagonal + beta
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
          var result: LineSearchResult<Scalar>
          if factored {
            for i in 0..<n { d[i] = -g[i] }
            Cholesky.solve(factor: UnsafeBufferPointer(l), dimension: n, rhs: d)
            result = search.search(
              objective: objective, from: UnsafeBufferPointer(x), value: f0, gradient: UnsafeBufferPointer(g),
              direction: UnsafeBufferPointer(d), initialStep: 1, trialPoint: xt, trialGradient: gt, scratch: scratch)
          } else {
            result = LineSearchResult(step: 0, value: f0, slope: 0, evaluations: 0, failure: .notDescentDirection)
          }
          if !result.accepted {
            for i in 0..<n { d[i] = -g[i] }
            result = search.search(
              objective: objective, from: UnsafeBufferPointer(x), value: f0, gradient: UnsafeBufferPointer(g),
              direction: UnsafeBufferPointer(d), initialStep: Swift.min(1, 1 / gNorm), trialPoint: xt,
              trialGradient: gt, scratch: scratch)
            if !result.accepted { return .failed(.lineSearchFailed) }
          }
          for i in 0..<n {
            x[i] = xt[i]
            g[i] = gt[i]
          }
          newValue = result.value
          return .evaluated
        }
      }
    }
    value = newValue
    _lastShift = tau
    if tau > 0 { _shiftedSteps += 1 }
    return outcome
  }
}
