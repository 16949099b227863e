import RealModule

/// Multiplies the rate by `gamma` at each milestone.
///
/// ```
/// η(t) = η₀ · γ^(number of milestones mᵢ ≤ t)
/// ```
///
/// Milestones may be given in any order and repeated (a repeated milestone multiplies by
/// γ once per occurrence, as PyTorch's counter does).
///
/// - `gamma` γ: default `0.1`.
///
/// PyTorch's `MultiStepLR(milestones, gamma)`. Text form:
/// `multistep:milestones=30/80,gamma=0.1`.
public struct MultiStepDecay: Schedule, Codable, Equatable {
  public var milestones: [Int]
  public var gamma: Double

  public init(milestones: [Int], gamma: Double = 0.1) {
    self.milestones = milestones
    self.gamma = gamma
  }

  @inlinable
  public func value(at step: Int, base: Double) -> Double {
    var passed = 0
    for m in milestones where m <= step { passed += 1 }
    return base * Double.pow(gamma, Double(passed))
  }
}
