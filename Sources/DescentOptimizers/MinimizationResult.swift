import DescentCore

/// One recorded point of a run. Step 0 is the start point.
public struct TrajectoryPoint<Scalar: DescentScalar>: Codable, Sendable, Equatable {
  public var step: Int
  public var x: [Scalar]
  public var loss: Scalar
  public var gradientNorm: Scalar
  /// The learning rate of the update that produced this point; for step 0, the rate of
  /// the first update.
  public var learningRate: Scalar

  public init(step: Int, x: [Scalar], loss: Scalar, gradientNorm: Scalar, learningRate: Scalar) {
    self.step = step
    self.x = x
    self.loss = loss
    self.gradientNorm = gradientNorm
    self.learningRate = learningRate
  }
}

/// What a run of ``minimize(_:from:using:options:observer:)`` produced.
///
/// Encodes as the `result` object of `descent run --format json` (the trajectory is
/// encoded beside it, not inside).
public struct MinimizationResult<Scalar: DescentScalar>: Codable, Sendable {
  /// The final point.
  public var x: [Scalar]
  /// `f` at the final point.
  public var loss: Scalar
  /// `‖∇f‖₂` at the final point.
  public var gradientNorm: Scalar
  /// Updates taken.
  public var steps: Int
  public var stopReason: StopReason
  public var evaluations: EvaluationCounts
  /// Wall-clock seconds spent in the loop.
  public var seconds: Double
  /// The recorded points (empty when recording was off).
  public var trajectory: [TrajectoryPoint<Scalar>]
  /// What the run stopped at — minimum, saddle (with `λmin` and the escape direction),
  /// maximum or degenerate — from the Hessian's eigenvalues at ``x``. Set when the run
  /// stopped on a convergence reason (``StopReason/isConvergence``), or stalled
  /// (``StopReason/isStall``) at a near-stationary point (``Stationarity``), and a Hessian
  /// was available; `nil` (and absent from the JSON) otherwise. A saddle is never reported as
  /// converged to a minimum.
  public var finalPoint: PointClassification?

  enum CodingKeys: String, CodingKey {
    case x, loss, gradientNorm, steps, stopReason, evaluations, seconds, finalPoint
  }

  public init(
    x: [Scalar], loss: Scalar, gradientNorm: Scalar, steps: Int, stopReason: StopReason,
    evaluations: EvaluationCounts, seconds: Double, trajectory: [TrajectoryPoint<Scalar>],
    finalPoint: PointClassification? = nil
  ) {
    self.x = x
    self.loss = loss
    self.gradientNorm = gradientNorm
    self.steps = steps
    self.stopReason = stopReason
    self.evaluations = evaluations
    self.seconds = seconds
    self.trajectory = trajectory
    self.finalPoint = finalPoint
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    x = try c.decode([Scalar].self, forKey: .x)
    loss = try c.decode(Scalar.self, forKey: .loss)
    gradientNorm = try c.decode(Scalar.self, forKey: .gradientNorm)
    steps = try c.decode(Int.self, forKey: .steps)
    stopReason = try c.decode(StopReason.self, forKey: .stopReason)
    evaluations = try c.decode(EvaluationCounts.self, forKey: .evaluations)
    seconds = try c.decode(Double.self, forKey: .seconds)
    trajectory = []
    finalPoint = try c.decodeIfPresent(PointClassification.self, forKey: .finalPoint)
  }
}

/// What an observer sees after each step. The buffers are valid only during the call.
public struct StepEvent<Scalar: DescentScalar> {
  public var step: Int
  public var x: UnsafeBufferPointer<Scalar>
  public var gradient: UnsafeBufferPointer<Scalar>
  public var loss: Scalar
  public var gradientNorm: Scalar
  public var learningRate: Scalar
  /// `‖xₖ − xₖ₋₁‖₂`.
  public var stepNorm: Scalar
  public var elapsedSeconds: Double

  @inlinable
  init(
    step: Int, x: UnsafeBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>, loss: Scalar,
    gradientNorm: Scalar, learningRate: Scalar, stepNorm: Scalar, elapsedSeconds: Double
  ) {
    self.step = step
    self.x = x
    self.gradient = gradient
    self.loss = loss
    self.gradientNorm = gradientNorm
    self.learningRate = learningRate
    self.stepNorm = stepNorm
    self.elapsedSeconds = elapsedSeconds
  }
}

/// An observer's answer.
public enum ObserverDecision: Sendable {
  case `continue`
  case stop
}
