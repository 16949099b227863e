import RealModule

/// Inverse-time decay, the Robbins–Monro step-size rule.
///
/// ```
/// η(t) = η₀ / (1 + k·t)^p
/// ```
///
/// With `p = 1` (the default) the rates satisfy Robbins and Monro's conditions
/// `Σ η(t) = ∞, Σ η(t)² < ∞` under which stochastic gradient descent converges; any
/// `0.5 < p ≤ 1` does too.
///
/// - `decay` k: the rate halves (for `p = 1`) after `1/k` steps.
/// - `power` p: default `1`.
///
/// H. Robbins and S. Monro, "A stochastic approximation method", 1951; Keras'
/// `InverseTimeDecay` (with `decay_steps = 1`). Text form: `inverse-time:decay=0.1,power=1`.
public struct InverseTimeDecay: Schedule, Codable, Equatable {
  public var decay: Double
  public var power: Double

  public init(decay: Double, power: Double = 1) {
    self.decay = decay
    self.power = power
  }

  @inlinable
  public func value(at step: Int, base: Double) -> Double {
    let denominator = 1 + decay * Double(step)
    return power == 1 ? base * (1 / denominator) : base * (1 / Double.pow(denominator, power))
  }
}
