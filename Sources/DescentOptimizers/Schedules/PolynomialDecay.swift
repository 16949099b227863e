import RealModule

/// Polynomial decay from the base rate to `endValue` over `totalSteps`, then constant.
///
/// ```
/// η(t) = (η₀ − η_end) · (1 − min(t, T)/T)^p + η_end
/// ```
///
/// - `totalSteps` T.
/// - `power` p: default `1` (linear decay).
/// - `endValue` η_end: default `0`.
///
/// PyTorch's `PolynomialLR(total_iters, power)` (which has `η_end = 0`); Optax's
/// `polynomial_schedule(η₀, η_end, p, T)`. Text form: `polynomial:total=200,power=1,end=0`.
public struct PolynomialDecay: Schedule, Codable, Equatable {
  public var totalSteps: Int
  public var power: Double
  public var endValue: Double

  public init(totalSteps: Int, power: Double = 1, endValue: Double = 0) {
    self.totalSteps = totalSteps
    self.power = power
    self.endValue = endValue
  }

  @inlinable
  public func value(at step: Int, base: Double) -> Double {
    let fraction = 1 - Double(Swift.min(step, totalSteps)) / Double(totalSteps)
    return (base - endValue) * Double.pow(fraction, power) + endValue
  }
}
