/// Schedules run one after another, switching at milestones.
///
/// ```
/// i = number of milestones mⱼ ≤ t,   t₀ = (i > 0 ? mᵢ₋₁ : 0)
/// η(t) = scheduleᵢ(t − t₀, η₀)
/// ```
///
/// Each schedule restarts its own count at its milestone and sees the same base rate, as
/// PyTorch's `SequentialLR(schedulers, milestones)` does. Text form: segments joined by
/// `+`, each switching when the previous one's length is reached —
/// `warmup:steps=10+cosine:t-max=90` — or at `for=N` steps:
/// `exponential:gamma=0.9,for=50+constant`.
public struct SequentialSchedule: Schedule, Codable, Equatable {
  public var schedules: [ScheduleSpec]
  /// Increasing steps at which schedule `i + 1` takes over (one fewer than the schedules).
  public var milestones: [Int]

  public init(_ schedules: [ScheduleSpec], milestones: [Int]) {
    precondition(!schedules.isEmpty, "a sequential schedule needs at least one schedule")
    precondition(milestones.count == schedules.count - 1, "need one milestone between each pair of schedules")
    precondition(zip(milestones, milestones.dropFirst()).allSatisfy { $0 < $1 }, "milestones must increase")
    precondition(milestones.allSatisfy { $0 >= 0 }, "milestones must be non-negative")
    self.schedules = schedules
    self.milestones = milestones
  }

  /// The active schedule's index and the step it starts at.
  @inlinable
  public func segment(at step: Int) -> (index: Int, start: Int) {
    var index = 0
    while index < milestones.count && milestones[index] <= step { index += 1 }
    return (index, index > 0 ? milestones[index - 1] : 0)
  }

  public func value(at step: Int, base: Double) -> Double {
    let (i, start) = segment(at: step)
    return schedules[i].value(at: step - start, base: base)
  }

  public mutating func observe(loss: Double, step: Int, base: Double) {
    // `step` is the update just taken; the schedule that set its rate learns its loss.
    let (i, start) = segment(at: Swift.max(step - 1, 0))
    schedules[i].observe(loss: loss, step: step - start, base: base)
  }
}
