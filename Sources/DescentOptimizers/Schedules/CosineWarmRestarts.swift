import RealModule

/// Cosine annealing with warm restarts: anneal over `T₀` steps, jump back to the base rate,
/// anneal over `T₀·T_mult` steps, and so on.
///
/// ```
/// Tᵢ = T₀ · T_multⁱ,   T_cur = t − (T₀ + T₀·T_mult + … + Tᵢ₋₁)   (the step within cycle i)
/// η(t) = η_min + (η₀ − η_min) · (1 + cos(π T_cur / Tᵢ)) / 2
/// ```
///
/// - `firstPeriod` T₀: PyTorch's `T_0`.
/// - `periodMultiplier` T_mult: default `1` (equal cycles).
/// - `minimumRate` η_min: default `0`.
///
/// Loshchilov and Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", 2017;
/// PyTorch's `CosineAnnealingWarmRestarts(T_0, T_mult, eta_min)` (cycle boundaries
/// computed in integers, so they are exact for any length of run). Text form:
/// `warm-restarts:t0=10,t-mult=2,eta-min=0`.
public struct CosineWarmRestarts: Schedule, Codable, Equatable {
  public var firstPeriod: Int
  public var periodMultiplier: Int
  public var minimumRate: Double

  public init(firstPeriod: Int, periodMultiplier: Int = 1, minimumRate: Double = 0) {
    self.firstPeriod = firstPeriod
    self.periodMultiplier = periodMultiplier
    self.minimumRate = minimumRate
  }

  /// The position within the current cycle and the cycle's length.
  @inlinable
  public func cycle(at step: Int) -> (position: Int, length: Int) {
    guard firstPeriod >= 1 && periodMultiplier >= 1 else { return (0, 0) }
    if periodMultiplier == 1 { return (step % firstPeriod, firstPeriod) }
    var position = step
    var length = firstPeriod
    while position >= length {
      position -= length
      let (next, overflow) = length.multipliedReportingOverflow(by: periodMultiplier)
      if overflow { break }
      length = next
    }
    return (position, length)
  }

  @inlinable
  public func value(at step: Int, base: Double) -> Double {
    let (position, length) = cycle(at: step)
    return minimumRate
      + (base - minimumRate) * (1 + Double.cos(Double.pi * Double(position) / Double(length))) / 2
  }
}
