/// Schedules multiplied together: each contributes its factor `sᵢ(t, 1)`.
///
/// ```
/// η(t) = η₀ · Πᵢ sᵢ(t, 1)
/// ```
///
/// For schedules that scale the base rate (step, exponential, linear, constant, warmup,
/// polynomial to 0, cosine to 0, …) this is PyTorch's `ChainedScheduler`, which applies
/// each scheduler's multiplicative update in turn. Schedules with absolute rates (a
/// minimum rate, cyclic bounds) contribute them as factors of 1. Text form: `*` between
/// schedules, e.g. `warmup:steps=5*exponential:gamma=0.99`; `*` binds tighter than `+`.
public struct ProductSchedule: Schedule, Codable, Equatable {
  public var factors: [ScheduleSpec]

  public init(_ factors: [ScheduleSpec]) {
    precondition(!factors.isEmpty, "a product needs at least one schedule")
    self.factors = factors
  }

  public func value(at step: Int, base: Double) -> Double {
    var product = base
    for f in factors { product *= f.value(at: step, base: 1) }
    return product
  }

  public mutating func observe(loss: Double, step: Int, base: Double) {
    for i in factors.indices { factors[i].observe(loss: loss, step: step, base: 1) }
  }
}
