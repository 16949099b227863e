import RealModule

/// Cyclical learning rates: the rate climbs linearly from `baseRate` to `maxRate` over
/// `stepsUp` steps, falls back over `stepsDown`, and repeats, with the amplitude scaled
/// per cycle or per step by the mode. Momentum cycles the opposite way.
///
/// ```
/// L = up + down,  c = ⌊1 + t/L⌋,  x = 1 + t/L − c,  r = up / L
/// s = x / r              if x ≤ r        (climbing)
/// s = (x − 1) / (r − 1)  otherwise       (falling)
/// η(t) = η_base + (η_max − η_base) · s · scale
/// m(t) = m_max − (m_max − m_base) · s · scale      (momentum, or Adam's β1)
/// scale = 1 (triangular), 1 / 2^(c−1) (triangular2), γᵗ (exp-range)
/// ```
///
/// - `baseRate` η_base: the lower bound; `nil` (default) uses the optimizer's base rate.
/// - `maxRate` η_max: the upper bound.
/// - `stepsUp`: default `2000`; `stepsDown`: default `stepsUp`.
/// - `mode`: default `.triangular`; `gamma` γ for `.expRange`, default `1`.
/// - `baseMomentum` m_base: default `0.8`; `maxMomentum` m_max: default `0.9`.
///
/// L. N. Smith, "Cyclical Learning Rates for Training Neural Networks", 2017; PyTorch's
/// `CyclicLR`. Text form:
/// `cyclic:base-lr=0.001,max-lr=0.1,step-size-up=20,mode=triangular2`.
public struct CyclicSchedule: Schedule, Codable, Equatable {
  /// How the amplitude shrinks.
  public enum Mode: String, Codable, Sendable, CaseIterable {
    /// Constant amplitude.
    case triangular
    /// The amplitude halves every cycle.
    case triangular2
    /// The amplitude is multiplied by `γᵗ` (t the step).
    case expRange = "exp-range"
  }

  public var baseRate: Double?
  public var maxRate: Double
  public var stepsUp: Int
  public var stepsDown: Int?
  public var mode: Mode
  public var gamma: Double
  public var baseMomentum: Double
  public var maxMomentum: Double

  public init(
    baseRate: Double? = nil, maxRate: Double, stepsUp: Int = 2000, stepsDown: Int? = nil,
    mode: Mode = .triangular, gamma: Double = 1, baseMomentum: Double = 0.8, maxMomentum: Double = 0.9
  ) {
    self.baseRate = baseRate
    self.maxRate = maxRate
    self.stepsUp = stepsUp
    self.stepsDown = stepsDown
    self.mode = mode
    self.gamma = gamma
    self.baseMomentum = baseMomentum
    self.maxMomentum = maxMomentum
  }

  @inlinable
  public func value(at step: Int, base: Double) -> Double {
    let low = baseRate ?? base
    // PyTorch's order: base + (max − base)·s·scale.
    let s = scaleParts(at: step)
    return low + (maxRate - low) * s.factor * s.scale
  }

  /// The momentum (or Adam's β1) at `step`: `m_max` at the bottom of the cycle, `m_base`
  /// at the top.
  @inlinable
  public func momentum(at step: Int) -> Double {
    let s = scaleParts(at: step)
    return maxMomentum - (maxMomentum - baseMomentum) * s.factor * s.scale
  }

  @inlinable
  func scaleParts(at step: Int) -> (factor: Double, scale: Double) {
    let up = Double(stepsUp)
    let total = up + Double(stepsDown ?? stepsUp)
    let ratio = up / total
    let t = Double(step)
    let cycle = (1 + t / total).rounded(.down)
    let x = 1.0 + t / total - cycle
    let factor = x <= ratio ? x / ratio : (x - 1) / (ratio - 1)
    let scale: Double =
      switch mode {
      case .triangular: 1
      case .triangular2: 1 / Double.pow(2, cycle - 1)
      case .expRange: Double.pow(gamma, t)
      }
    return (factor, scale)
  }
}
