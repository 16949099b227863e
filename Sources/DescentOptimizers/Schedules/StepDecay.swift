import RealModule

/// Multiplies the rate by `gamma` every `stepSize` steps.
///
/// ```
/// η(t) = η₀ · γ^⌊t / stepSize⌋
/// ```
///
/// - `gamma` γ: default `0.1`.
///
/// PyTorch's `StepLR(step_size, gamma)`. Text form: `step:step-size=30,gamma=0.1`.
public struct StepDecay: Schedule, Codable, Equatable {
  public var stepSize: Int
  public var gamma: Double

  public init(stepSize: Int, gamma: Double = 0.1) {
    self.stepSize = stepSize
    self.gamma = gamma
  }

  @inlinable
  public func value(at step: Int, base: Double) -> Double {
    guard stepSize >= 1 else { return .nan }
    return base * Double.pow(gamma, Double(step / stepSize))
  }
}
