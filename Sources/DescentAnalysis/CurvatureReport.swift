import DescentCore

/// Everything the curvature at a point says about gradient descent there.
///
/// From the Hessian `H = ∇²f(x)` with eigenvalues `λmin = λ₁ ≤ … ≤ λₙ = λmax`, treating `f`
/// near `x` as the quadratic `½ (x − x*)ᵀ H (x − x*)`:
///
/// ```
/// L        = max |λᵢ|                    local Lipschitz constant of ∇f
/// κ        = λmax / λmin                 condition number (H positive definite only)
/// η_stable = 2 / λmax                    GD diverges along the top eigenvector for η > η_stable
/// η_safe   = 1 / L                       the descent-lemma step
/// η*       = 2 / (λmin + λmax)           the best fixed rate; contraction (κ − 1)/(κ + 1)
/// |1 − ηλᵢ|                             GD's contraction along eigenvector i for rate η
/// steps    = ⌈ln(r) / ln|1 − ηλᵢ|⌉       steps to shrink that component by the factor r
/// heavy ball (Polyak): α* = 4 / (√λmax + √λmin)²,  β* = ((√κ − 1)/(√κ + 1))²,
///            contraction √β* = (√κ − 1)/(√κ + 1)
/// ```
///
/// Sources: Nesterov, *Lectures on Convex Optimization* §1.2.3 and §2.1.5; Polyak 1964;
/// Goh, "Why Momentum Really Works", Distill 2017.
///
/// Quantities that make no sense at the point are `nil` (JSON `null`), with the reason in
/// ``notes``: κ, `η*` and the rates need `H` positive definite; `η_stable` needs `λmax > 0`
/// (if every eigenvalue is ≤ 0, GD never oscillates into divergence — it runs away downhill).
public struct CurvatureReport: Sendable, Equatable {
  /// The point `x`.
  public var x: [Double]
  /// `f(x)`.
  public var value: Double
  /// `∇f(x)`.
  public var gradient: [Double]
  /// `‖∇f(x)‖₂`.
  public var gradientNorm: Double
  /// `∇²f(x)`, as rows (empty with ``Method/lanczos``).
  public var hessian: [[Double]]
  /// True when the Hessian is exact, false when from finite differences.
  public var hessianIsExact: Bool
  /// `λ₁ ≤ … ≤ λₙ` (with ``Method/lanczos``: `[λmin, λmax]`).
  public var eigenvalues: [Double]
  /// Unit eigenvectors: `eigenvectors[k]` belongs to `eigenvalues[k]`.
  public var eigenvectors: [[Double]]
  /// ``Method/dense`` (every eigenvalue) or ``Method/lanczos`` (only `λmin` and `λmax`).
  public var method: Method
  /// What the second-order test says (meaningful as a point type where `∇f ≈ 0`).
  public var classification: PointClassification
  /// `L = max |λᵢ|`.
  public var lipschitzConstant: Double
  /// `κ = λmax / λmin` when `H` is positive definite, else `nil`.
  public var conditionNumber: Double?
  /// `2 / λmax` when `λmax > 0`, else `nil`.
  public var maxStableLearningRate: Double?
  /// `1 / L` when `L > 0`, else `nil`.
  public var safeLearningRate: Double?
  /// `2 / (λmin + λmax)` when `H` is positive definite, else `nil`.
  public var optimalLearningRate: Double?
  /// GD's contraction per step at ``optimalLearningRate``: `(κ − 1)/(κ + 1)`.
  public var gradientDescentRate: Double?
  /// Steps of GD at the optimal rate to shrink the error by ``reductionFactor``.
  public var gradientDescentSteps: Int?
  /// The optimal heavy-ball (Polyak momentum) settings, when `H` is positive definite.
  public var heavyBall: HeavyBall?
  /// The contraction along each eigendirection for the learning rate asked about.
  public var contraction: Contraction?
  /// The error reduction the step counts refer to. Default `1e-6`.
  public var reductionFactor: Double
  /// Why a quantity is missing, and warnings (not a critical point, finite-difference Hessian).
  public var notes: [String]

  /// Optimal heavy-ball momentum: `x⁺ = x − α∇f(x) + β(x − x⁻)`.
  public struct HeavyBall: Codable, Sendable, Equatable {
    /// `α* = 4 / (√λmax + √λmin)²`.
    public var learningRate: Double
    /// `β* = ((√κ − 1)/(√κ + 1))²`.
    public var momentum: Double
    /// The contraction per step `(√κ − 1)/(√κ + 1)`.
    public var rate: Double
    /// Steps to shrink the error by the report's ``CurvatureReport/reductionFactor``.
    public var steps: Int?
  }

  /// GD's behaviour along each eigendirection for one learning rate `η`.
  public struct Contraction: Codable, Sendable, Equatable {
    /// One eigendirection.
    public struct Direction: Codable, Sendable, Equatable {
      /// `λᵢ`.
      public var eigenvalue: Double
      /// `|1 − ηλᵢ|`: the factor this component is multiplied by each step.
      public var factor: Double
      /// Steps to shrink this component by the reduction factor; `nil` when it does not
      /// shrink (`factor ≥ 1`).
      public var steps: Int?
      /// `converges` (`factor < 1`), `oscillates` (`1 − ηλ < 0` and `factor < 1`: converges
      /// while flipping sign), `stalls` (`factor = 1`), or `diverges` (`factor > 1`).
      public var behavior: String
    }
    /// `η`.
    public var learningRate: Double
    /// Per eigendirection, in the order of the eigenvalues.
    public var directions: [Direction]
    /// `max |1 − ηλᵢ|`: the slowest component's factor (the rate of GD at this `η`).
    public var factor: Double
    /// Steps for every component to shrink by the reduction factor; `nil` when one never does.
    public var steps: Int?
    /// True when some component grows (`factor > 1`).
    public var diverges: Bool
  }
}

extension CurvatureReport {
  /// How the eigenvalues were obtained.
  public enum Method: String, Codable, Sendable {
    /// The dense Hessian's full eigendecomposition (``SymmetricEigen``).
    case dense
    /// Matrix-free Lanczos on Hessian-vector products: only `λmin` and `λmax` (and their
    /// vectors); ``CurvatureReport/hessian`` is empty.
    case lanczos
  }

  /// Computes the report at `x`.
  /// - Parameters:
  ///   - objective: the function (its Hessian exact, or by finite differences — see
  ///     ``HessianMatrix``).
  ///   - x: the point.
  ///   - learningRate: `η` for the per-direction ``contraction`` (`nil`: omitted).
  ///   - reductionFactor: the error reduction step counts refer to (`0 < r < 1`). Default `1e-6`.
  ///   - denseLimit: up to this `n` the Hessian is formed and fully decomposed; above it,
  ///     ``Lanczos`` finds `λmin` and `λmax` matrix-free (``Method/lanczos``). Default 300.
  public init<O: Objective>(
    of objective: O, at x: [O.Scalar], learningRate: Double? = nil, reductionFactor: Double = 1e-6,
    denseLimit: Int = 300
  ) {
    precondition(reductionFactor > 0 && reductionFactor < 1, "reductionFactor must be in (0, 1)")
    let n = objective.dimension
    var g = [O.Scalar](repeating: 0, count: n)
    let f = objective.value(at: x, gradient: &g)
    if n <= denseLimit {
      let hessian = HessianMatrix(of: objective, at: x)
      self.init(
        x: x.map { Double($0) }, value: Double(f), gradient: g.map { Double($0) }, hessian: hessian,
        learningRate: learningRate, reductionFactor: reductionFactor)
      return
    }
    let op = HessianOperator(objective, at: x)
    let extremes = Lanczos.extremeEigenpairs(of: op, tolerance: op.isExact ? 1e-10 : 1e-7)
    var notes = [
      "n = \(n) > \(denseLimit): λmin and λmax by matrix-free Lanczos (\(extremes.iterations) Hessian-vector products); no full spectrum"
    ]
    if !extremes.converged {
      notes.append(
        "Lanczos did not converge in \(extremes.iterations) steps (residuals \(extremes.smallest.residualNorm), \(extremes.largest.residualNorm))")
    }
    self.init(
      x: x.map { Double($0) }, value: Double(f), gradient: g.map { Double($0) }, hessianRows: [],
      hessianIsExact: op.isExact, eigenvalues: [extremes.smallest.value, extremes.largest.value],
      eigenvectors: [extremes.smallest.vector, extremes.largest.vector], method: .lanczos,
      learningRate: learningRate, reductionFactor: reductionFactor, notes: notes)
  }

  /// Computes the report from a value, gradient and Hessian already at hand.
  public init(
    x: [Double], value: Double, gradient: [Double], hessian: HessianMatrix, learningRate: Double? = nil,
    reductionFactor: Double = 1e-6
  ) {
    let eigen = hessian.eigen
    self.init(
      x: x, value: value, gradient: gradient, hessianRows: hessian.rows, hessianIsExact: hessian.isExact,
      eigenvalues: eigen.eigenvalues, eigenvectors: (0..<hessian.dimension).map { eigen.eigenvector($0) },
      method: .dense, learningRate: learningRate, reductionFactor: reductionFactor, notes: [])
  }

  /// The report from eigenvalues (ascending; all of them, or just `λmin` and `λmax`).
  init(
    x: [Double], value: Double, gradient: [Double], hessianRows: [[Double]], hessianIsExact: Bool,
    eigenvalues: [Double], eigenvectors: [[Double]], method: Method, learningRate: Double?,
    reductionFactor: Double, notes initialNotes: [String]
  ) {
    self.x = x
    self.value = value
    self.gradient = gradient
    self.gradientNorm = VectorMath.norm(gradient)
    self.hessian = hessianRows
    self.hessianIsExact = hessianIsExact
    self.eigenvalues = eigenvalues
    self.eigenvectors = eigenvectors
    self.method = method
    self.reductionFactor = reductionFactor
    var notes = initialNotes
    guard
      let classification = PointClassification.classify(
        eigenvalues: eigenvalues, minEigenvector: eigenvectors[0], hessianIsExact: hessianIsExact)
    else {
      self.classification = PointClassification(
        kind: .degenerate, eigenvalues: eigenvalues, escapeDirection: nil, tolerance: .nan,
        hessianIsExact: hessianIsExact)
      self.lipschitzConstant = .nan
      self.notes = notes + ["the Hessian has NaN or infinite entries at this point; no curvature quantities"]
      return
    }
    self.classification = classification
    let lambdaMin = eigenvalues[0]
    let lambdaMax = eigenvalues[eigenvalues.count - 1]
    let tolerance = classification.tolerance
    let lipschitz = Swift.max(lambdaMin.magnitude, lambdaMax.magnitude)
    lipschitzConstant = lipschitz
    safeLearningRate = lipschitz > 0 ? 1 / lipschitz : nil
    if lambdaMax > 0 {
      maxStableLearningRate = 2 / lambdaMax
    } else {
      notes.append("λmax = \(lambdaMax) ≤ 0: no learning rate makes GD oscillate into divergence here")
    }
    let positiveDefinite = lambdaMin > tolerance
    if positiveDefinite {
      let kappa = lambdaMax / lambdaMin
      conditionNumber = kappa
      optimalLearningRate = 2 / (lambdaMin + lambdaMax)
      let rate = (kappa - 1) / (kappa + 1)
      gradientDescentRate = rate
      gradientDescentSteps = Self.steps(factor: rate, reduction: reductionFactor)
      let rootKappa = kappa.squareRoot()
      let heavyBallRate = (rootKappa - 1) / (rootKappa + 1)
      let sumOfRoots = lambdaMax.squareRoot() + lambdaMin.squareRoot()
      heavyBall = HeavyBall(
        learningRate: 4 / (sumOfRoots * sumOfRoots), momentum: heavyBallRate * heavyBallRate,
        rate: heavyBallRate, steps: Self.steps(factor: heavyBallRate, reduction: reductionFactor))
    } else {
      notes.append(
        lambdaMin < -tolerance
          ? "H is indefinite or negative definite (λmin = \(lambdaMin)): no condition number, optimal rate or momentum; GD moves away along eigenvalues < 0"
          : "H is singular (λmin = \(lambdaMin) within the tolerance \(tolerance) of 0): κ is infinite; no optimal rate or momentum")
    }
    if let eta = learningRate {
      let directions = eigenvalues.map { lambda -> Contraction.Direction in
        let signed = 1 - eta * lambda
        let factor = signed.magnitude
        let behavior =
          factor > 1 ? "diverges" : factor == 1 ? "stalls" : signed < 0 ? "oscillates" : "converges"
        return Contraction.Direction(
          eigenvalue: lambda, factor: factor, steps: Self.steps(factor: factor, reduction: reductionFactor),
          behavior: behavior)
      }
      let worst = directions.map(\.factor).max() ?? 0
      contraction = Contraction(
        learningRate: eta, directions: directions, factor: worst,
        steps: Self.steps(factor: worst, reduction: reductionFactor), diverges: worst > 1)
    }
    let scale = Swift.max(lipschitz * (x.map(\.magnitude).max() ?? 0), value.magnitude, 1e-300)
    if gradientNorm > 1e-6 * scale {
      notes.append("the gradient is not zero here (‖∇f‖ = \(gradientNorm)): the rates describe the local quadratic model")
    }
    if !hessianIsExact {
      notes.append("the Hessian comes from finite differences of the gradient (about 8 significant digits)")
    }
    self.notes = notes
  }

  /// `⌈ln r / ln factor⌉` (at least 1), `1` for `factor = 0`, `nil` for `factor ≥ 1` or NaN.
  static func steps(factor: Double, reduction: Double) -> Int? {
    guard factor.isFinite, factor < 1 else { return nil }
    if factor == 0 { return 1 }
    let steps = (Double.log(reduction) / Double.log(factor)).rounded(.up)
    return steps < Double(Int.max) ? Swift.max(1, Int(steps)) : nil
  }
}

extension CurvatureReport: Codable {
  enum CodingKeys: String, CodingKey {
    case x, value, gradient, gradientNorm, hessian, hessianIsExact, eigenvalues, eigenvectors, method,
      classification, lipschitzConstant, conditionNumber, maxStableLearningRate, safeLearningRate,
      optimalLearningRate, gradientDescentRate, gradientDescentSteps, heavyBall, contraction,
      reductionFactor, notes
  }

  /// Writes every key, with `null` for quantities that do not apply, so that readers of the
  /// JSON always find `conditionNumber`, `maxStableLearningRate`, … .
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(x, forKey: .x)
    try c.encode(value, forKey: .value)
    try c.encode(gradient, forKey: .gradient)
    try c.encode(gradientNorm, forKey: .gradientNorm)
    try c.encode(hessian, forKey: .hessian)
    try c.encode(hessianIsExact, forKey: .hessianIsExact)
    try c.encode(eigenvalues, forKey: .eigenvalues)
    try c.encode(eigenvectors, forKey: .eigenvectors)
    try c.encode(method, forKey: .method)
    try c.encode(classification, forKey: .classification)
    try c.encode(lipschitzConstant, forKey: .lipschitzConstant)
    try c.encode(conditionNumber, forKey: .conditionNumber)
    try c.encode(maxStableLearningRate, forKey: .maxStableLearningRate)
    try c.encode(safeLearningRate, forKey: .safeLearningRate)
    try c.encode(optimalLearningRate, forKey: .optimalLearningRate)
    try c.encode(gradientDescentRate, forKey: .gradientDescentRate)
    try c.encode(gradientDescentSteps, forKey: .gradientDescentSteps)
    try c.encode(heavyBall, forKey: .heavyBall)
    try c.encode(contraction, forKey: .contraction)
    try c.encode(reductionFactor, forKey: .reductionFactor)
    try c.encode(notes, forKey: .notes)
  }
}
