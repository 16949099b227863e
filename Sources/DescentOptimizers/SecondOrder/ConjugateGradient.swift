import DescentCore

/// The β formula of a nonlinear conjugate-gradient method.
public enum ConjugateGradientVariant: String, Sendable, Codable, Equatable, CaseIterable {
  /// Polak–Ribière with β clipped at 0 ("PR+"), restarted every n steps and when
  /// successive gradients are far from orthogonal.
  case polakRibierePlus = "pr+"
  /// Hager–Zhang (CG_DESCENT's β with its lower bound ηₖ).
  case hagerZhang = "hz"
}

/// Nonlinear conjugate gradients: each direction is the negative gradient plus a multiple
/// of the previous direction, with a strong-Wolfe line search (`c₂ = 0.1`).
///
/// ```
/// dₖ = −∇f(xₖ) + βₖ dₖ₋₁,   xₖ₊₁ = xₖ + αₖdₖ,   yₖ = ∇f(xₖ₊₁) − ∇f(xₖ)
/// PR+:  βₖ₊₁ = max(0, ∇f(xₖ₊₁)ᵀyₖ / ‖∇f(xₖ)‖²)
/// HZ:   βₖ₊₁ = max(β̂, ηₖ),  β̂ = (yₖ − 2dₖ‖yₖ‖²/dₖᵀyₖ)ᵀ∇f(xₖ₊₁) / dₖᵀyₖ,
///       ηₖ = −1 / (‖dₖ‖ · min(0.01, ‖∇f(xₖ)‖))
/// ```
///
/// - PR+ restarts (`β = 0`) every n steps and when `|∇f(xₖ₊₁)ᵀ∇f(xₖ)| ≥ 0.1‖∇f(xₖ₊₁)‖²`
///   (Nocedal & Wright eq. 5.52).
/// - A direction that does not go downhill is replaced by `−∇f` (a restart).
/// - First trial step: `min(1, 1/‖∇f‖)` on the first step, then `αₖ₋₁∇fₖ₋₁ᵀdₖ₋₁ / ∇fₖᵀdₖ`
///   (N&W eq. 3.60: the same first-order change as the last step).
/// - A line-search failure along a conjugate direction restarts along `−∇f`; a failure
///   along `−∇f` ends the run with ``StopReason/lineSearchFailed``.
///
/// `learningRate` is not used: the line search chooses every step.
///
/// Polak & Ribière 1969; Powell 1986 (the `max(0, ·)`); Hager & Zhang, "A new conjugate
/// gradient method with guaranteed descent and an efficient line search", SIAM J. Optim.
/// 16(1), 2005. Nocedal & Wright, *Numerical Optimization*, 2nd ed., §5.2.
public struct ConjugateGradient<Scalar: DescentScalar>: Optimizer {
  public var learningRate: Scalar = 1
  public var variant: ConjugateGradientVariant
  public var lineSearch: LineSearchMethod<Scalar>
  /// Restarts along `−∇f` in the current run (periodic ones included).
  public var restarts: Int { _restarts }
  @usableFromInline var _restarts: Int = 0

  /// d (kept between steps), trial x, trial ∇f, scratch (n each).
  @usableFromInline var workspace = Workspace<Scalar>(count: 0)
  @usableFromInline var dimension = 0
  @usableFromInline var hasDirection = false
  @usableFromInline var stepsSinceRestart = 0
  @usableFromInline var previousStep: Scalar = 0
  @usableFromInline var previousSlope: Scalar = 0

  /// - Parameters:
  ///   - variant: default Polak–Ribière+.
  ///   - lineSearch: default strong Wolfe with `c1 = 1e-4`, `c2 = 0.1`.
  public init(
    variant: ConjugateGradientVariant = .polakRibierePlus,
    lineSearch: LineSearchMethod<Scalar> = .strongWolfe(StrongWolfeLineSearch(c1: 1e-4, c2: 0.1))
  ) {
    self.variant = variant
    self.lineSearch = lineSearch
  }

  public var name: String { "cg" }
  public var settingsDescription: String { "cg(\(variant.rawValue),\(lineSearch.description))" }

  public mutating func prepare(dimension n: Int) {
    precondition(n > 0, "dimension must be positive")
    dimension = n
    workspace = Workspace(count: 4 * n)
    hasDirection = false
    stepsSinceRestart = 0
    previousStep = 0
    previousSlope = 0
    _restarts = 0
  }

  @inlinable
  public mutating func step<O: Objective>(
    x: UnsafeMutableBufferPointer<Scalar>, value: inout Scalar,
    gradient g: UnsafeMutableBufferPointer<Scalar>, learningRate: Scalar, objective: O
  ) -> StepOutcome where O.Scalar == Scalar {
    let n = x.count
    precondition(n == dimension, "CG: prepare(dimension:) was not called for n = \(n)")
    let gNorm = VectorMath.norm(UnsafeBufferPointer(g))
    if gNorm == 0 { return .failed(.gradientTolerance) }
    Workspace.makeUnique(&workspace)
    let w = workspace
    let d = w.buffer(0, n)
    let xt = w.buffer(n, n)
    let gt = w.buffer(2 * n, n)
    let scratch = w.buffer(3 * n, n)
    var result: LineSearchResult<Scalar>
    var slope: Scalar
    while true {
      var initialStep: Scalar
      slope = VectorMath.dot(UnsafeBufferPointer(g), UnsafeBufferPointer(d))
      if !hasDirection || !(slope < 0) {
        if hasDirection { _restarts += 1 }
        for i in 0..<n { d[i] = -g[i] }
        slope = -gNorm * gNorm
        stepsSinceRestart = 0
        hasDirection = false
      }
      if previousStep > 0 && previousSlope < 0 {
        initialStep = previousStep * previousSlope / slope
      } else {
        initialStep = Swift.min(1, 1 / gNorm)
      }
      if !(initialStep > 0 && initialStep.isFinite) { initialStep = Swift.min(1, 1 / gNorm) }
      result = lineSearch.search(
        objective: objective, from: UnsafeBufferPointer(x), value: value, gradient: UnsafeBufferPointer(g),
        direction: UnsafeBufferPointer(d), initialStep: initialStep, trialPoint: xt, trialGradient: gt,
        scratch: scratch)
      if result.accepted { break }
      if !hasDirection { return .failed(.lineSearchFailed) }
      hasDirection = false
      _restarts += 1
    }
    previousStep = result.step
    previousSlope = slope
    // β from g (old), gt (new), d; y = gt − g.
    var gg: Scalar = 0
    var gty: Scalar = 0
    var gtg: Scalar = 0
    var gtgt: Scalar = 0
    var dy: Scalar = 0
    var yy: Scalar = 0
    var dgt: Scalar = 0
    var dd: Scalar = 0
    for i in 0..<n {
      let y = gt[i] - g[i]
      gg += g[i] * g[i]
      gty += gt[i] * y
      gtg += gt[i] * g[i]
      gtgt += gt[i] * gt[i]
      dy += d[i] * y
      yy += y * y
      dgt += d[i] * gt[i]
      dd += d[i] * d[i]
      x[i] = xt[i]
      g[i] = gt[i]
    }
    value = result.value
    var beta: Scalar
    stepsSinceRestart += 1
    switch variant {
    case .polakRibierePlus:
      if stepsSinceRestart >= n || gtg.magnitude >= 0.1 * gtgt {
        beta = 0
      } else {
        beta = Swift.max(0, gty / gg)
      }
    case .hagerZhang:
      if dy == 0 || !dy.isFinite {
        beta = 0
      } else {
        let betaN = (gty - 2 * yy * dgt / dy) / dy
        let eta = -1 / (dd.squareRoot() * Swift.min(0.01, gg.squareRoot()))
        beta = Swift.max(betaN, eta)
      }
    }
    if !beta.isFinite { beta = 0 }
    if beta == 0 {
      stepsSinceRestart = 0
      _restarts += 1
    }
    for i in 0..<n { d[i] = -g[i] + beta * d[i] }
    hasDirection = true
    return .evaluated
  }
}
