import DescentCore
import RealModule

/// The BFGS quasi-Newton method: a dense inverse-Hessian approximation updated from each
/// step, with a strong-Wolfe line search.
///
/// ```
/// dₖ = −Hₖ ∇f(xₖ)
/// xₖ₊₁ = xₖ + αₖdₖ                 (αₖ: strong Wolfe, c₁ = 1e-4, c₂ = 0.9, first trial 1)
/// sₖ = xₖ₊₁ − xₖ,  yₖ = ∇f(xₖ₊₁) − ∇f(xₖ),  ρₖ = 1/(yₖᵀsₖ)
/// Hₖ₊₁ = (I − ρₖsₖyₖᵀ) Hₖ (I − ρₖyₖsₖᵀ) + ρₖsₖsₖᵀ
/// ```
///
/// Details (Nocedal & Wright, *Numerical Optimization*, 2nd ed., §6.1):
/// - `H₀ = I`; the first step (and any step after a reset) goes along `−∇f` with trial
///   step `min(1, 1/‖∇f‖)` (a unit-length move); just before the first update `H` is
///   rescaled to `(yᵀs / yᵀy) I` (N&W eq. 6.20) unless ``scalesInitialHessian`` is off.
/// - Later line searches start at `α = 1`, or with ``initialStepFromDecrease`` at
///   `α = min(1, 2.02(fₖ − fₖ₋₁)/∇fₖᵀdₖ)` (N&W eq. 3.60: the step that repeats the last
///   decrease).
/// - SciPy's BFGS is this method with `H₀` unscaled, the initial step from the last
///   decrease and the Moré–Thuente search:
///   `BFGS(lineSearch: .moreThuente(.init()), scalesInitialHessian: false,
///   initialStepFromDecrease: true)`. On the MGH problems (`scripts/bench_quasi_newton.py`)
///   that takes ~4 % fewer evaluations at SciPy's tolerance (`‖∇f‖∞ ≤ 1e-5`) but ~70 % more
///   when solving to `‖∇f‖₂ ≤ 1e-5` with a purely relative loss-change test, hence the
///   defaults.
/// - The update is skipped when `yᵀs ≤ ε·(−∇f(xₖ)ᵀsₖ)` (no positive curvature along the
///   step, possible when the line search ended on sufficient decrease only); the count is
///   ``updatesSkipped``.
/// - When `d` is not a descent direction or the line search fails with `H ≠ I`, `H` is
///   reset to `I` and the step retried along `−∇f` (counted in ``resets``); a failure
///   along `−∇f` ends the run with ``StopReason/lineSearchFailed``.
///
/// `learningRate` is not used: the line search chooses every step.
///
/// - Complexity: `O(n²)` memory and work per step, plus the line search's evaluations.
///
/// Broyden 1970; Fletcher 1970; Goldfarb 1970; Shanno 1970.
public struct BFGS<Scalar: DescentScalar>: Optimizer {
  public var learningRate: Scalar = 1
  public var lineSearch: LineSearchMethod<Scalar>
  /// Updates skipped for lack of positive curvature (`yᵀs ≤ 0`) in the current run.
  public var updatesSkipped: Int { _updatesSkipped }
  @usableFromInline var _updatesSkipped: Int = 0
  /// Resets of `H` to the identity in the current run.
  public var resets: Int { _resets }
  @usableFromInline var _resets: Int = 0
  /// Rescale `H₀ = I` to `(yᵀs / yᵀy) I` before the first update (Shanno–Phua). Default `true`.
  public var scalesInitialHessian: Bool
  /// Start each line search after the first at `min(1, 2.02(fₖ − fₖ₋₁)/∇fₖᵀdₖ)` instead of
  /// 1. Default `false`.
  public var initialStepFromDecrease: Bool
  /// The loss before the last step (for ``initialStepFromDecrease``).
  @usableFromInline var previousValue: Scalar = .nan

  /// H (n²), then d, trial x, trial ∇f, scratch, Hy (n each).
  @usableFromInline var workspace = Workspace<Scalar>(count: 0)
  @usableFromInline var dimension = 0
  @usableFromInline var isIdentity = true

  /// - Parameters:
  ///   - lineSearch: default ``defaultLineSearch``.
  ///   - scalesInitialHessian: default `true`.
  ///   - initialStepFromDecrease: default `false`.
  public init(
    lineSearch: LineSearchMethod<Scalar> = defaultLineSearch, scalesInitialHessian: Bool = true,
    initialStepFromDecrease: Bool = false
  ) {
    self.lineSearch = lineSearch
    self.scalesInitialHessian = scalesInitialHessian
    self.initialStepFromDecrease = initialStepFromDecrease
  }

  /// Strong Wolfe with `c1 = 1e-4`, `c2 = 0.9` (on the MGH problems it needs slightly
  /// fewer evaluations than Moré–Thuente for BFGS with a scaled `H₀`).
  public static var defaultLineSearch: LineSearchMethod<Scalar> {
    .strongWolfe(StrongWolfeLineSearch(c1: 1e-4, c2: 0.9))
  }

  public var name: String { "bfgs" }
  public var settingsDescription: String { "bfgs(\(lineSearch.description))" }

  public mutating func prepare(dimension n: Int) {
    precondition(n > 0, "dimension must be positive")
    dimension = n
    workspace = Workspace(count: n * n + 5 * n)
    for i in 0..<n { workspace.base[i * n + i] = 1 }
    isIdentity = true
    previousValue = .nan
    _updatesSkipped = 0
    _resets = 0
  }

  @inlinable
  public mutating func step<O: Objective>(
    x: UnsafeMutableBufferPointer<Scalar>, value: inout Scalar,
    gradient g: UnsafeMutableBufferPointer<Scalar>, learningRate: Scalar, objective: O
  ) -> StepOutcome where O.Scalar == Scalar {
    let n = x.count
    precondition(n == dimension, "BFGS: prepare(dimension:) was not called for n = \(n)")
    let gNorm = VectorMath.norm(UnsafeBufferPointer(g))
    if gNorm == 0 { return .failed(.gradientTolerance) }
    Workspace.makeUnique(&workspace)
    let w = workspace
    let h = w.base
    let d = w.buffer(n * n, n)
    let xt = w.buffer(n * n + n, n)
    let gt = w.buffer(n * n + 2 * n, n)
    let scratch = w.buffer(n * n + 3 * n, n)
    let hy = w.buffer(n * n + 4 * n, n)
    var result: LineSearchResult<Scalar>
    while true {
      var initialStep: Scalar = 1
      if isIdentity {
        for i in 0..<n { d[i] = -g[i] }
        initialStep = Swift.min(1, 1 / gNorm)
      } else {
        let gBase = UnsafePointer(g.baseAddress!)
        for i in 0..<n { d[i] = -RelaxedKernels.dot(UnsafePointer(h + i * n), gBase, count: n) }
        let slope = VectorMath.dot(UnsafeBufferPointer(g), UnsafeBufferPointer(d))
        if !(slope < 0) {
          resetToIdentity(n)
          continue
        }
        if initialStepFromDecrease && previousValue.isFinite {
          let guess = 2.02 * (value - previousValue) / slope
          if guess > 0 && guess.isFinite { initialStep = Swift.min(1, guess) }
        }
      }
      result = lineSearch.search(
        objective: objective, from: UnsafeBufferPointer(x), value: value, gradient: UnsafeBufferPointer(g),
        direction: UnsafeBufferPointer(d), initialStep: initialStep, trialPoint: xt, trialGradient: gt,
        scratch: scratch)
      if result.accepted { break }
      if isIdentity { return .failed(.lineSearchFailed) }
      resetToIdentity(n)
    }
    // s → d, y → scratch.
    var sy: Scalar = 0
    var yy: Scalar = 0
    var gs: Scalar = 0
    for i in 0..<n {
      let s = xt[i] - x[i]
      let y = gt[i] - g[i]
      d[i] = s
      scratch[i] = y
      sy = Relaxed.sum(sy, Relaxed.product(s, y))
      yy = Relaxed.sum(yy, Relaxed.product(y, y))
      gs = Relaxed.sum(gs, Relaxed.product(g[i], s))
      x[i] = xt[i]
      g[i] = gt[i]
    }
    previousValue = value
    value = result.value
    guard sy > Scalar.ulpOfOne * (-gs), yy > 0, sy.isFinite, yy.isFinite else {
      _updatesSkipped += 1
      return .evaluated
    }
    if isIdentity {
      if scalesInitialHessian {
        let gamma = sy / yy
        for i in 0..<n { h[i * n + i] = gamma }
      }
      isIdentity = false
    }
    let rho = 1 / sy
    var yHy: Scalar = 0
    let yBase = UnsafePointer(scratch.baseAddress!)
    for i in 0..<n {
      let s = RelaxedKernels.dot(UnsafePointer(h + i * n), yBase, count: n)
      hy[i] = s
      yHy += scratch[i] * s
    }
    let ssCoefficient = rho * rho * yHy + rho
    for i in 0..<n {
      let a = ssCoefficient * d[i] - rho * hy[i]
      let b = -rho * d[i]
      let row = h + i * n
      for j in 0..<n { row[j] += a * d[j] + b * hy[j] }
    }
    return .evaluated
  }

  @inlinable
  mutating func resetToIdentity(_ n: Int) {
    let h = workspace.base
    for k in 0..<(n * n) { h[k] = 0 }
    for i in 0..<n { h[i * n + i] = 1 }
    isIdentity = true
    _resets += 1
  }
}
