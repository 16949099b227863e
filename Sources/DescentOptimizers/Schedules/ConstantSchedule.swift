/// The base rate, optionally scaled by a constant factor for the first steps.
///
/// ```
/// η(t) = η₀ · factor   for t < totalSteps
/// η(t) = η₀            for t ≥ totalSteps
/// ```
///
/// - `factor`: default `1` (a constant schedule).
/// - `totalSteps`: default `0`.
///
/// PyTorch's `ConstantLR(factor, total_iters)` (whose defaults are 1/3 and 5).
/// Text form: `constant` or `constant:factor=0.5,total=5`.
public struct ConstantSchedule: Schedule, Codable, Equatable {
  public var factor: Double
  public var totalSteps: Int

  public init(factor: Double = 1, totalSteps: Int = 0) {
    self.factor = factor
    self.totalSteps = totalSteps
  }

  @inlinable
  public func value(at step: Int, base: Double) -> Double {
    // PyTorch's closed form: base · (factor + (t ≥ total) · (1 − factor)).
    base * (factor + (step >= totalSteps ? 1 - factor : 0))
  }
}
