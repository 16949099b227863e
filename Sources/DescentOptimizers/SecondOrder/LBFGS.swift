import DescentCore
import RealModule

/// Limited-memory BFGS: the BFGS direction from the last `m` steps by the two-loop
/// recursion, without forming a matrix, with a Moré–Thuente (strong Wolfe) line search.
///
/// ```
/// q ← ∇f(xₖ)
/// for i = k−1, …, k−m:  αᵢ = ρᵢ sᵢᵀq;  q ← q − αᵢyᵢ
/// r ← γₖ q,  γₖ = sₖ₋₁ᵀyₖ₋₁ / yₖ₋₁ᵀyₖ₋₁
/// for i = k−m, …, k−1:  β = ρᵢ yᵢᵀr;  r ← r + sᵢ(αᵢ − β)
/// dₖ = −r,  xₖ₊₁ = xₖ + αₖdₖ        (αₖ: Moré–Thuente, c₁ = 1e-3, c₂ = 0.9, first trial 1)
/// ```
///
/// with `sᵢ = xᵢ₊₁ − xᵢ`, `yᵢ = ∇f(xᵢ₊₁) − ∇f(xᵢ)`, `ρᵢ = 1/yᵢᵀsᵢ` (Nocedal & Wright,
/// *Numerical Optimization*, 2nd ed., Algorithms 7.4 and 7.5; Liu & Nocedal 1989).
///
/// - `memory` m: pairs kept, default 10 (SciPy's L-BFGS-B default).
/// - The line search is L-BFGS-B's: ``MoreThuenteLineSearch`` with `c1 = 1e-3`,
///   `c2 = 0.9`, `xtol = 0.1` (MINPACK-2 `dcsrch` with L-BFGS-B's constants).
/// - The first step (and any step after the memory is cleared) goes along `−∇f` with trial
///   step `min(1, 1/‖∇f‖)`, as L-BFGS-B does.
/// - A pair is not stored when `yᵀs ≤ ε·(−∇f(xₖ)ᵀsₖ)` (L-BFGS-B's test); the count is
///   ``updatesSkipped``.
/// - When the direction is not a descent direction or the line search fails with a
///   non-empty memory, the memory is cleared and the step retried along `−∇f` (counted in
///   ``resets``); a failure along `−∇f` ends the run with ``StopReason/lineSearchFailed``.
///
/// `learningRate` is not used: the line search chooses every step.
///
/// - Complexity: `O(mn)` memory, `4mn` multiply-adds per step plus the line search.
public struct LBFGS<Scalar: DescentScalar>: Optimizer {
  public var learningRate: Scalar = 1
  public var memory: Int
  public var lineSearch: LineSearchMethod<Scalar>
  /// Pairs not stored for lack of positive curvature in the current run.
  public var updatesSkipped: Int { _updatesSkipped }
  @usableFromInline var _updatesSkipped: Int = 0
  /// Times the memory was cleared in the current run.
  public var resets: Int { _resets }
  @usableFromInline var _resets: Int = 0

  /// s₀ … sₘ₋₁, y₀ … yₘ₋₁ (n each), ρ₀ … ρₘ₋₁, α₀ … αₘ₋₁, then d, trial x, trial ∇f,
  /// scratch (n each).
  @usableFromInline var workspace = Workspace<Scalar>(count: 0)
  @usableFromInline var dimension = 0
  @usableFromInline var stored = 0
  @usableFromInline var newest = -1
  @usableFromInline var gamma: Scalar = 1

  /// - Parameters:
  ///   - memory: pairs kept, default 10.
  ///   - lineSearch: default ``defaultLineSearch`` (L-BFGS-B's).
  public init(memory: Int = 10, lineSearch: LineSearchMethod<Scalar> = defaultLineSearch) {
    precondition(memory >= 1, "L-BFGS memory must be at least 1 (got \(memory))")
    self.memory = memory
    self.lineSearch = lineSearch
  }

  /// L-BFGS-B's line search: Moré–Thuente with `c1 = 1e-3`, `c2 = 0.9`, `xtol = 0.1`.
  public static var defaultLineSearch: LineSearchMethod<Scalar> {
    .moreThuente(MoreThuenteLineSearch(c1: 1e-3, c2: 0.9, xtol: 0.1))
  }

  public var name: String { "lbfgs" }
  public var settingsDescription: String { "lbfgs(m=\(memory),\(lineSearch.description))" }

  public mutating func prepare(dimension n: Int) {
    precondition(n > 0, "dimension must be positive")
    dimension = n
    workspace = Workspace(count: 2 * memory * n + 2 * memory + 4 * n)
    stored = 0
    newest = -1
    gamma = 1
    _updatesSkipped = 0
    _resets = 0
  }

  @inlinable
  public mutating func step<O: Objective>(
    x: UnsafeMutableBufferPointer<Scalar>, value: inout Scalar,
    gradient g: UnsafeMutableBufferPointer<Scalar>, learningRate: Scalar, objective: O
  ) -> StepOutcome where O.Scalar == Scalar {
    let n = x.count
    let m = memory
    precondition(n == dimension, "L-BFGS: prepare(dimension:) was not called for n = \(n)")
    let gNorm = VectorMath.norm(UnsafeBufferPointer(g))
    if gNorm == 0 { return .failed(.gradientTolerance) }
    Workspace.makeUnique(&workspace)
    let w = workspace
    let s = w.base
    let y = w.base + m * n
    let rho = w.base + 2 * m * n
    let alpha = rho + m
    let vectors = 2 * m * n + 2 * m
    let d = w.buffer(vectors, n)
    let xt = w.buffer(vectors + n, n)
    let gt = w.buffer(vectors + 2 * n, n)
    let scratch = w.buffer(vectors + 3 * n, n)
    var result: LineSearchResult<Scalar>
    while true {
      var initialStep: Scalar = 1
      for i in 0..<n { d[i] = g[i] }
      if stored == 0 {
        initialStep = Swift.min(1, 1 / gNorm)
      } else {
        // Two-loop recursion, newest pair first.
        for k in 0..<stored {
          let slot = (newest - k + m) % m
          let si = s + slot * n
          let yi = y + slot * n
          let a = rho[slot] * RelaxedKernels.dot(UnsafePointer(si), UnsafePointer(d.baseAddress!), count: n)
          alpha[slot] = a
          for j in 0..<n { d[j] -= a * yi[j] }
        }
        for j in 0..<n { d[j] *= gamma }
        for k in stride(from: stored - 1, through: 0, by: -1) {
          let slot = (newest - k + m) % m
          let si = s + slot * n
          let yi = y + slot * n
          let b = alpha[slot] - rho[slot] * RelaxedKernels.dot(UnsafePointer(yi), UnsafePointer(d.baseAddress!), count: n)
          for j in 0..<n { d[j] += b * si[j] }
        }
      }
      for i in 0..<n { d[i] = -d[i] }
      if stored > 0 && !(VectorMath.dot(UnsafeBufferPointer(g), UnsafeBufferPointer(d)) < 0) {
        stored = 0
        _resets += 1
        continue
      }
      result = lineSearch.search(
        objective: objective, from: UnsafeBufferPointer(x), value: value, gradient: UnsafeBufferPointer(g),
        direction: UnsafeBufferPointer(d), initialStep: initialStep, trialPoint: xt, trialGradient: gt,
        scratch: scratch)
      if result.accepted { break }
      if stored == 0 { return .failed(.lineSearchFailed) }
      stored = 0
      _resets += 1
    }
    // s → d, y → scratch; stored in the slot after the newest (the oldest) if accepted.
    var sy: Scalar = 0
    var yy: Scalar = 0
    var gs: Scalar = 0
    for i in 0..<n {
      let si = xt[i] - x[i]
      let yi = gt[i] - g[i]
      d[i] = si
      scratch[i] = yi
      sy = Relaxed.sum(sy, Relaxed.product(si, yi))
      yy = Relaxed.sum(yy, Relaxed.product(yi, yi))
      gs = Relaxed.sum(gs, Relaxed.product(g[i], si))
      x[i] = xt[i]
      g[i] = gt[i]
    }
    value = result.value
    if sy > Scalar.ulpOfOne * (-gs) && yy > 0 && sy.isFinite && yy.isFinite {
      let slot = (newest + 1) % m
      let sNew = s + slot * n
      let yNew = y + slot * n
      for i in 0..<n {
        sNew[i] = d[i]
        yNew[i] = scratch[i]
      }
      rho[slot] = 1 / sy
      newest = slot
      stored = Swift.min(stored + 1, m)
      gamma = sy / yy
    } else {
      _updatesSkipped += 1
    }
    return .evaluated
  }
}
