import DescentCore

/// A learning-rate (or momentum, or weight-decay) schedule: a pure function of the step.
///
/// `value(at: t, base: η₀)` is the rate for update number `t + 1` (so `t = 0` is the first
/// update), given the optimizer's base rate `η₀`. Schedules that react to the loss
/// (reduce-on-plateau) keep that state explicitly and learn it through
/// ``observe(loss:step:)``; all others ignore it.
public protocol Schedule: Sendable {
  func value(at step: Int, base: Double) -> Double
  mutating func observe(loss: Double, step: Int)
}

extension Schedule {
  public mutating func observe(loss: Double, step: Int) {}
}

/// The base rate at every step.
public struct ConstantSchedule: Schedule, Codable, Equatable {
  public init() {}
  public func value(at step: Int, base: Double) -> Double { base }
}
