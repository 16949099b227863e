import DescentCore

/// When a racer has arrived.
public enum RaceTarget: Codable, Sendable, Equatable, CustomStringConvertible {
  /// `‖∇f(xₖ)‖₂ ≤ tolerance` (works for any function).
  case gradientNorm(Double)
  /// `f(xₖ) − f* ≤ tolerance`, for functions whose minimum value `f*` is known.
  case lossGap(Double, minimum: Double)

  /// True when a point with this loss and gradient norm has arrived.
  @inlinable
  public func isReached(loss: Double, gradientNorm: Double) -> Bool {
    switch self {
    case .gradientNorm(let tolerance): gradientNorm <= tolerance
    case .lossGap(let tolerance, let minimum): loss - minimum <= tolerance
    }
  }

  public var description: String {
    switch self {
    case .gradientNorm(let t): "‖∇f‖ ≤ \(t)"
    case .lossGap(let t, let m): "f − f* ≤ \(t) (f* = \(m))"
    }
  }
}

/// One optimizer's result in a race.
public struct RaceResult: Codable, Sendable, Equatable {
  /// The optimizer's name, e.g. `momentum`.
  public var optimizer: String
  /// Its settings, e.g. `momentum(lr=0.04, momentum=0.9)`.
  public var settings: String
  /// The first step at which the target held (0 if it held at the start); `nil` if never.
  public var stepsToTarget: Int?
  /// Steps taken (the run stops at the target, at divergence or at the step budget).
  public var steps: Int
  public var finalLoss: Double
  public var finalGradientNorm: Double
  public var x: [Double]
  /// Why the run stopped before the target; `nil` when it stopped at the target.
  public var stopReason: StopReason?
  /// True when the run blew up (NaN/∞, past the divergence threshold, unbounded below).
  public var diverged: Bool
  /// Evaluations of `f` and `∇f`.
  public var evaluations: EvaluationCounts
  /// The path, when the race was asked to record it (not encoded).
  public var trajectory: [TrajectoryPoint<Double>] = []

  enum CodingKeys: String, CodingKey {
    case optimizer, settings, stepsToTarget, steps, finalLoss, finalGradientNorm, x, stopReason, diverged, evaluations
  }
}

/// Races optimizers from one start to a target: each runs until the target holds, it
/// diverges or `options.maxSteps` is spent.
///
/// `options` supplies the step budget, the divergence rule, the schedule and the gradient
/// transforms shared by every racer; its gradient tolerance is replaced by the target
/// (other stopping rules, such as a step tolerance, still end a run early, without
/// arriving). Trajectories are recorded only with `recordTrajectories`.
///
/// - Returns: one result per optimizer, in the order given.
public func race<O: Objective>(
  _ objective: O, from start: [O.Scalar], optimizers: [any Optimizer<O.Scalar>], target: RaceTarget,
  options: MinimizeOptions = MinimizeOptions(), recordTrajectories: Bool = false
) -> [RaceResult] {
  var options = options
  options.recordTrajectory = recordTrajectories
  options.gradientTolerance = nil
  return optimizers.map { optimizer in
    var optimizer = optimizer
    var reachedAt: Int?
    // Step 0: the start itself may already be there.
    let g0 = objective.gradient(at: start)
    if target.isReached(loss: Double(objective.value(at: start)), gradientNorm: Double(VectorMath.norm(g0))) {
      reachedAt = 0
    }
    var runOptions = options
    if reachedAt != nil { runOptions.maxSteps = 0 }
    let result = minimize(dynamic: objective, from: start, using: &optimizer, options: runOptions) { event in
      if target.isReached(loss: Double(event.loss), gradientNorm: Double(event.gradientNorm)) {
        reachedAt = event.step
        return .stop
      }
      return .continue
    }
    return RaceResult(
      optimizer: optimizer.name, settings: optimizer.settingsDescription, stepsToTarget: reachedAt,
      steps: result.steps, finalLoss: Double(result.loss), finalGradientNorm: Double(result.gradientNorm),
      x: result.x.map(Double.init), stopReason: reachedAt != nil ? nil : result.stopReason,
      diverged: result.stopReason.isDivergence, evaluations: result.evaluations,
      trajectory: result.trajectory.map {
        TrajectoryPoint(step: $0.step, x: $0.x.map(Double.init), loss: Double($0.loss),
                        gradientNorm: Double($0.gradientNorm), learningRate: Double($0.learningRate))
      })
  }
}
