import RealModule

/// Multiplies the rate by `gamma` every step.
///
/// ```
/// η(t) = η₀ · γᵗ
/// ```
///
/// PyTorch's `ExponentialLR(gamma)`; Optax's `exponential_decay(η₀, 1, γ)`.
/// Text form: `exponential:gamma=0.99`.
public struct ExponentialDecay: Schedule, Codable, Equatable {
  public var gamma: Double

  public init(gamma: Double) {
    self.gamma = gamma
  }

  @inlinable
  public func value(at step: Int, base: Double) -> Double {
    base * Double.pow(gamma, Double(step))
  }
}
