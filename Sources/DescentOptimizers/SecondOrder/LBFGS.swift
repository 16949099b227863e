import DescentCore

/// Limited-memory BFGS: the BFGS direction from the last `m` steps by the two-loop
/// recursion, without forming a matrix, with a strong-Wolfe line search.
///
/// ```
/// q ← ∇f(xₖ)
/// for i = k−1, …, k−m:  αᵢ = ρᵢ sᵢᵀq;  q ← q − αᵢyᵢ
/// r ← γₖ q,  γₖ = sₖ₋₁ᵀyₖ₋₁ / yₖ₋₁ᵀyₖ₋₁
/// for i = k−m, …, k−1:  β = ρᵢ yᵢᵀr;  r ← r + sᵢ(αᵢ − β)
/// dₖ = −r,  xₖ₊₁ = xₖ + αₖdₖ        (αₖ: strong Wolfe, c₁ = 1e-4, c₂ = 0.9, first trial 1)
/// ```
///
/// with `sᵢ = xᵢ₊₁ − xᵢ`, `yᵢ = ∇f(xᵢ₊₁) − ∇f(xᵢ)`, `ρᵢ = 1/yᵢᵀsᵢ` (Nocedal & Wright,
/// *Numerical Optimization*, 2nd ed., Algorithms 7.4 and 7.5; Liu & Nocedal 1989).
///
/// - `memory` m: pairs kept, default 10 (SciPy's L-BFGS-B default).
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

  @usableFromInline var pairs: [Scalar] = []  // s₀ … sₘ₋₁, then y₀ … yₘ₋₁ (each n)
  @usableFromInline var coefficients: [Scalar] = []  // ρ₀ … ρₘ₋₁, then α₀ … αₘ₋₁
  @usableFromInline var work: [Scalar] = []
  @usableFromInline var stored = 0
  @usableFromInline var newest = -1
  @usableFromInline var gamma: Scalar = 1

  /// - Parameters:
  ///   - memory: pairs kept, default 10.
  ///   - lineSearch: default strong Wolfe with `c1 = 1e-4`, `c2 = 0.9`.
  public init(
    memory: Int = 10,
    lineSearch: LineSearchMethod<Scalar> = .strongWolfe(StrongWolfeLineSearch(c1: 1e-4, c2: 0.9))
  ) {
    precondition(memory >= 1, "L-BFGS memory must be at least 1 (got \(memory))")
    self.memory = memory
    self.lineSearch = lineSearch
  }

  public var name: String { "lbfgs" }
  public var settingsDescription: String { "lbfgs(m=\(memory),\(lineSearch.description))" }

  public mutating func prepare(dimension n: Int) {
    precondition(n > 0, "dimension must be positive")
    pairs = [Scalar](repeating: 0, count: 2 * memory * n)
    coefficients = [Scalar](repeating: 0, count: 2 * memory)
    work = [Scalar](repeating: 0, count: 4 * n)
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
    precondition(work.count == 4 * n, "L-BFGS: prepare(dimension:) was not called for n = \(n)")
    let gNorm = VectorMath.norm(UnsafeBufferPointer(g))
    if gNorm == 0 { return .failed(.gradientTolerance) }
    var count = stored
    var head = newest
    var scale = gamma
    var skipped = _updatesSkipped
    var resetCount = _resets
    let search = lineSearch
    let f0 = value
    var newValue = value
    let outcome: StepOutcome = pairs.withUnsafeMutableBufferPointer { p in
      coefficients.withUnsafeMutableBufferPointer { c in
        work.withUnsafeMutableBufferPointer { w in
          let d = UnsafeMutableBufferPointer(rebasing: w[0..<n])
          let xt = UnsafeMutableBufferPointer(rebasing: w[n..<(2 * n)])
          let gt = UnsafeMutableBufferPointer(rebasing: w[(2 * n)..<(3 * n)])
          let scratch = UnsafeMutableBufferPointer(rebasing: w[(3 * n)..<(4 * n)])
          let s = p.baseAddress!
          let y = p.baseAddress! + m * n
          var result: LineSearchResult<Scalar>
          while true {
            var initialStep: Scalar = 1
            for i in 0..<n { d[i] = g[i] }
            if count == 0 {
              initialStep = Swift.min(1, 1 / gNorm)
            } else {
              // Two-loop recursion, newest pair first.
              for k in 0..<count {
                let slot = (head - k + m) % m
                let si = s + slot * n
                let yi = y + slot * n
                var dotSQ: Scalar = 0
                for j in 0..<n { dotSQ += si[j] * d[j] }
                let a = c[slot] * dotSQ
                c[m + slot] = a
                for j in 0..<n { d[j] -= a * yi[j] }
              }
              for j in 0..<n { d[j] *= scale }
              for k in stride(from: count - 1, through: 0, by: -1) {
                let slot = (head - k + m) % m
                let si = s + slot * n
                let yi = y + slot * n
                var dotYR: Scalar = 0
                for j in 0..<n { dotYR += yi[j] * d[j] }
                let b = c[m + slot] - c[slot] * dotYR
                for j in 0..<n { d[j] += b * si[j] }
              }
            }
            for i in 0..<n { d[i] = -d[i] }
            if count > 0 && !(VectorMath.dot(UnsafeBufferPointer(g), UnsafeBufferPointer(d)) < 0) {
              count = 0
              resetCount += 1
              continue
            }
            result = search.search(
              objective: objective, from: UnsafeBufferPointer(x), value: f0, gradient: UnsafeBufferPointer(g),
              direction: UnsafeBufferPointer(d), initialStep: initialStep, trialPoint: xt, trialGradient: gt,
              scratch: scratch)
            if result.accepted { break }
            if count == 0 { return .failed(.lineSearchFailed) }
            count = 0
            resetCount += 1
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
            sy += si * yi
            yy += yi * yi
            gs += g[i] * si
            x[i] = xt[i]
            g[i] = gt[i]
          }
          newValue = result.value
          if sy > Scalar.ulpOfOne * (-gs) && yy > 0 && sy.isFinite && yy.isFinite {
            let slot = (head + 1) % m
            let sNew = s + slot * n
            let yNew = y + slot * n
            for i in 0..<n {
              sNew[i] = d[i]
              yNew[i] = scratch[i]
            }
            c[slot] = 1 / sy
            head = slot
            count = Swift.min(count + 1, m)
            scale = sy / yy
          } else {
            skipped += 1
          }
          return .evaluated
        }
      }
    }
    value = newValue
    stored = count
    newest = head
    gamma = scale
    _updatesSkipped = skipped
    _resets = resetCount
    return outcome
  }
}
