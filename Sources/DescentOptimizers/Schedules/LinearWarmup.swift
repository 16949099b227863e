/// Linear warmup: the rate climbs from `startFactor · η₀` to `η₀` over `steps`, then stays.
///
/// ```
/// η(t) = η₀ · (s + (1 − s) · min(t, N) / N)
/// ```
///
/// - `steps` N.
/// - `startFactor` s: default `0` (start from zero, as Optax's
///   `linear_schedule(0, η₀, N)`).
///
/// Usually joined with a decay: `warmup:steps=10+cosine:t-max=90` warms up for 10 steps,
/// then anneals (see ``SequentialSchedule``). Goyal et al., "Accurate, Large Minibatch
/// SGD: Training ImageNet in 1 Hour", 2017. Equal to PyTorch's
/// `LinearLR(start_factor=s, end_factor=1, total_iters=N)`.
public struct LinearWarmup: Schedule, Codable, Equatable {
  public var steps: Int
  public var startFactor: Double

  public init(steps: Int, startFactor: Double = 0) {
    self.steps = steps
    self.startFactor = startFactor
  }

  @inlinable
  public func value(at step: Int, base: Double) -> Double {
    base * (startFactor + (1 - startFactor) * Double(Swift.min(steps, step)) / Double(steps))
  }
}
