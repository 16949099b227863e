import DescentCore

/// Stopping rules and recording settings for ``minimize(_:from:using:options:observer:)``.
///
/// Every rule is optional (`nil` switches it off) except the step budget. Rules are checked
/// after each step in this order: non-finite values, divergence, gradient norm, step
/// length, absolute loss change, relative loss change, evaluation budget, time limit,
/// step budget. The first that holds is the stop reason.
public struct MinimizeOptions: Sendable {
  /// Most updates to take. Default 1,000.
  public var maxSteps: Int = 1000
  /// Stop when `‖∇f(x)‖₂ ≤` this (the norm is ``gradientToleranceNorm``). Default `1e-8`.
  public var gradientTolerance: Double? = 1e-8
  /// The norm ``gradientTolerance`` is tested in: `.euclidean` (`‖∇f‖₂`, the default) or
  /// `.maximum` (`‖∇f‖∞ = maxᵢ |∂f/∂xᵢ|`, SciPy's `gtol`/`pgtol` test). The reported
  /// ``MinimizationResult/gradientNorm`` is the 2-norm either way.
  public var gradientToleranceNorm: GradientToleranceNorm = .euclidean
  /// Stop when `‖xₖ − xₖ₋₁‖₂ ≤` this. Default off.
  public var stepTolerance: Double? = nil
  /// Stop when `|fₖ − fₖ₋₁| ≤` this. Default off.
  public var lossChangeTolerance: Double? = nil
  /// Stop when `|fₖ − fₖ₋₁| ≤` this `· max(|fₖ|, |fₖ₋₁|, floor)` (floor:
  /// ``relativeLossChangeFloor``). Default off.
  public var relativeLossChangeTolerance: Double? = nil
  /// The least denominator of the relative loss-change test. Default `0` (purely relative);
  /// SciPy's L-BFGS-B uses `1` (`(fₖ₋₁ − fₖ)/max(|fₖ|, |fₖ₋₁|, 1) ≤ factr·ε`), which makes
  /// the test absolute once `|f| < 1`.
  public var relativeLossChangeFloor: Double = 0
  /// Stop when objective evaluations reach this. Default off.
  public var maxEvaluations: Int? = nil
  /// Stop after this much wall-clock time. Default off.
  public var timeLimit: Duration? = nil
  /// Divergence: stop when `fₖ > f₀ + divergenceFactor · max(1, |f₀|)` (reason
  /// ``StopReason/diverged``) or `fₖ < f₀ − divergenceFactor · max(1, |f₀|)` (reason
  /// ``StopReason/unboundedBelow``). Default `1e10`; `nil` switches it off (non-finite
  /// values always stop the run). When ``GradientTransform/maximize`` is set both tests
  /// look the other way: growing without bound is ``StopReason/unboundedBelow`` (of −f).
  public var divergenceFactor: Double? = 1e10
  /// The learning-rate schedule; `nil` is the optimizer's constant base rate.
  public var schedule: (any Schedule)? = nil
  /// Noise, clipping and the maximize switch, applied to the gradient the optimizer sees
  /// (the reported gradient norm stays the true one). Default: none.
  public var gradientTransform: GradientTransform = GradientTransform()
  /// Record the trajectory (step 0 is the start point).
  public var recordTrajectory: Bool = true
  /// Record every k-th step (the first and last are always recorded). Default 1.
  public var recordEvery: Int = 1
  /// Classify the final point of a converged run from its Hessian (see
  /// ``MinimizationResult/finalPoint``). Default `true`; costs one Hessian and an `O(n³)`
  /// eigensolve (exact Hessians for `n ≤ 300`; finite differences, `2n` gradient
  /// evaluations, for `n ≤ 100`; larger runs are not classified).
  public var classifyFinalPoint: Bool = true

  public init() {}

  /// Memberwise-style initializer; unspecified settings keep their defaults.
  public init(
    maxSteps: Int = 1000, gradientTolerance: Double? = 1e-8, stepTolerance: Double? = nil,
    lossChangeTolerance: Double? = nil, relativeLossChangeTolerance: Double? = nil,
    maxEvaluations: Int? = nil, timeLimit: Duration? = nil, divergenceFactor: Double? = 1e10,
    schedule: (any Schedule)? = nil, recordTrajectory: Bool = true, recordEvery: Int = 1,
    gradientTransform: GradientTransform = GradientTransform()
  ) {
    self.maxSteps = maxSteps
    self.gradientTolerance = gradientTolerance
    self.stepTolerance = stepTolerance
    self.lossChangeTolerance = lossChangeTolerance
    self.relativeLossChangeTolerance = relativeLossChangeTolerance
    self.maxEvaluations = maxEvaluations
    self.timeLimit = timeLimit
    self.divergenceFactor = divergenceFactor
    self.schedule = schedule
    self.recordTrajectory = recordTrajectory
    self.recordEvery = recordEvery
    self.gradientTransform = gradientTransform
  }
}

/// The norm a gradient tolerance is tested in (``MinimizeOptions/gradientToleranceNorm``).
public enum GradientToleranceNorm: String, Sendable, Codable, Equatable, CaseIterable {
  /// `‖g‖₂ = √(Σ gᵢ²)`.
  case euclidean
  /// `‖g‖∞ = maxᵢ |gᵢ|` (SciPy's BFGS and L-BFGS-B test).
  case maximum
}
