import DescentCore

/// Everything a run needs to continue: a checkpoint.
///
/// `minimize(_:state:options:observer:)` advances a `RunState` in place. Encode it to JSON
/// at any point, decode it later (in another process), pass it back, and the run continues
/// bit for bit as if it had never stopped: the point, the optimizer's state (moments,
/// step counters), the schedule's state (reduce-on-plateau's best loss and counters), the
/// noise generator's state and the loss the divergence test compares with are all here.
///
/// ```swift
/// var state = RunState(start: [1.8, 0.5], optimizer: GradientDescent(learningRate: 0.04),
///                      schedule: try ScheduleSpec(parsing: "cosine:t-max=100"))
/// _ = minimize(ravine, state: &state, options: MinimizeOptions(maxSteps: 40))
/// let saved = try JSONEncoder().encode(state)
/// var resumed = try JSONDecoder().decode(RunState<GradientDescent<Double>>.self, from: saved)
/// _ = minimize(ravine, state: &resumed, options: MinimizeOptions(maxSteps: 60))  // steps 41…100
/// ```
///
/// Generic over the optimizer, so it serves every `Codable` optimizer (every
/// ``GradientOptimizer`` is); it is `Codable` exactly when the optimizer is.
public struct RunState<Opt: Optimizer>: Sendable {
  public typealias Scalar = Opt.Scalar

  /// Updates taken so far.
  public var step: Int
  /// The current point.
  public var x: [Scalar]
  /// The optimizer with its state.
  public var optimizer: Opt
  /// The learning-rate schedule with its state; `nil` for the optimizer's constant rate.
  public var schedule: ScheduleSpec?
  /// The gradient-noise generator; created from ``GradientTransform/seed`` when a run with
  /// noise starts, `nil` otherwise.
  public var random: GaussianGenerator?
  /// `f(x₀)` at the start of the run (the reference of the divergence test); `nil` until
  /// the run starts.
  public var initialLoss: Scalar?
  /// Evaluations made by all the runs of this state so far.
  public var evaluations: EvaluationCounts

  /// A run about to start at `start`.
  public init(start: [Scalar], optimizer: Opt, schedule: ScheduleSpec? = nil) {
    self.step = 0
    self.x = start
    self.optimizer = optimizer
    self.schedule = schedule
    self.random = nil
    self.initialLoss = nil
    self.evaluations = EvaluationCounts()
  }

  /// True once a run has started from this state (the optimizer is prepared).
  public var hasStarted: Bool { initialLoss != nil }
}

extension RunState: Codable where Opt: Codable {}
extension RunState: Equatable where Opt: Equatable {}
