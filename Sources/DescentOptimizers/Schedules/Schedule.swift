/// A learning-rate (or momentum, or weight-decay) schedule: a function of the step.
///
/// `value(at: t, base: η₀)` is the rate for update number `t + 1` (so `t = 0` is the first
/// update), given the optimizer's base rate `η₀`. This matches PyTorch: `value(at: t)` is
/// the optimizer's `lr` after `t` calls of `scheduler.step()`.
///
/// Every schedule except ``ReduceOnPlateau`` is a pure function of `t`. Reduce-on-plateau
/// reacts to the loss: it keeps that state explicitly (and `Codable`) and learns the loss
/// through ``observe(loss:step:base:)``, which the minimize loop calls after every update
/// with the new loss; all other schedules ignore it.
///
/// ``ScheduleSpec`` holds any of the built-in schedules (and joins of them) as one
/// `Codable` value with a text form (`cosine:t-max=100`); that is what runs save and what
/// the command line parses.
public protocol Schedule: Sendable {
  /// The rate of update `step + 1` for base rate `base`.
  func value(at step: Int, base: Double) -> Double

  /// Learns the loss after update number `step` (the first update is step 1).
  mutating func observe(loss: Double, step: Int, base: Double)
}

extension Schedule {
  public mutating func observe(loss: Double, step: Int, base: Double) {}
}
