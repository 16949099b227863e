import RealModule

/// Cosine annealing from the base rate down to `minimumRate` over `period` steps.
///
/// ```
/// η(t) = η_min + (η₀ − η_min) · (1 + cos(π t / T)) / 2
/// ```
///
/// Past `T` the cosine continues (the rate climbs back over the next `T` steps), exactly
/// as PyTorch's closed form does; join with another schedule to hold it instead.
///
/// - `period` T: PyTorch's `T_max`.
/// - `minimumRate` η_min: PyTorch's `eta_min`, default `0`.
///
/// Loshchilov and Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", 2017;
/// PyTorch's `CosineAnnealingLR(T_max, eta_min)`. Text form: `cosine:t-max=100,eta-min=0`.
public struct CosineAnnealing: Schedule, Codable, Equatable {
  public var period: Int
  public var minimumRate: Double

  public init(period: Int, minimumRate: Double = 0) {
    self.period = period
    self.minimumRate = minimumRate
  }

  @inlinable
  public func value(at step: Int, base: Double) -> Double {
    minimumRate + (base - minimumRate) * (1 + Double.cos(Double.pi * Double(step) / Double(period))) / 2
  }
}
