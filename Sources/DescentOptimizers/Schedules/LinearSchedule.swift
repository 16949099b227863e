/// Scales the rate by a factor that moves linearly from `startFactor` to `endFactor` over
/// `totalSteps`, then stays at `endFactor`.
///
/// ```
/// η(t) = η₀ · (s + (e − s) · min(t, T) / T)
/// ```
///
/// - `startFactor` s: default `1/3`.
/// - `endFactor` e: default `1`.
/// - `totalSteps` T: default `5`.
///
/// PyTorch's `LinearLR(start_factor, end_factor, total_iters)`. Text form:
/// `linear:start-factor=0.1,end-factor=1,total=10`.
public struct LinearSchedule: Schedule, Codable, Equatable {
  public var startFactor: Double
  public var endFactor: Double
  public var totalSteps: Int

  public init(startFactor: Double = 1.0 / 3, endFactor: Double = 1, totalSteps: Int = 5) {
    self.startFactor = startFactor
    self.endFactor = endFactor
    self.totalSteps = totalSteps
  }

  @inlinable
  public func value(at step: Int, base: Double) -> Double {
    base * (startFactor + (endFactor - startFactor) * Double(Swift.min(totalSteps, step)) / Double(totalSteps))
  }
}
