import RealModule

/// The one-cycle policy: warm up from `maxRate/divFactor` to `maxRate`, then anneal to
/// `maxRate/(divFactor·finalDivFactor)`, with momentum cycled the opposite way.
///
/// ```
/// η_init = η_max / div,   η_final = η_init / finalDiv,   P = pct · T
/// two phases (default):                    three phases (threePhase):
///   t ∈ [0, P−1]:   η_init → η_max           t ∈ [0, P−1]:      η_init → η_max
///   t ∈ [P−1, T−1]: η_max → η_final          t ∈ [P−1, 2P−2]:   η_max → η_init
///                                            t ∈ [2P−2, T−1]:   η_init → η_final
/// within a phase from a to b at fraction p of it:
///   cos:    b + (a − b)/2 · (1 + cos(π p))       linear:  (b − a)·p + a
/// momentum: m_max → m_base → m_max alongside (stays m_max in the third phase)
/// ```
///
/// Steps past `T − 1` keep the final rate and momentum (PyTorch raises an error there).
///
/// - `maxRate` η_max: `nil` (default) uses the optimizer's base rate.
/// - `totalSteps` T.
/// - `warmupFraction` pct: PyTorch's `pct_start`, default `0.3`.
/// - `anneal`: default `.cosine`.
/// - `divFactor`: default `25`; `finalDivFactor`: default `1e4`.
/// - `threePhase`: default `false` (fastai's two phases).
/// - `baseMomentum`: default `0.85`; `maxMomentum`: default `0.95`.
///
/// L. N. Smith and N. Topin, "Super-Convergence", 2017; PyTorch's `OneCycleLR`. Text form:
/// `one-cycle:max-lr=0.1,total=300,pct-start=0.3,anneal=cos`.
public struct OneCycle: Schedule, Codable, Equatable {
  /// The shape of each phase.
  public enum Anneal: String, Codable, Sendable, CaseIterable {
    case cosine = "cos"
    case linear
  }

  public var maxRate: Double?
  public var totalSteps: Int
  public var warmupFraction: Double
  public var anneal: Anneal
  public var divFactor: Double
  public var finalDivFactor: Double
  public var threePhase: Bool
  public var baseMomentum: Double
  public var maxMomentum: Double

  public init(
    maxRate: Double? = nil, totalSteps: Int, warmupFraction: Double = 0.3, anneal: Anneal = .cosine,
    divFactor: Double = 25, finalDivFactor: Double = 1e4, threePhase: Bool = false,
    baseMomentum: Double = 0.85, maxMomentum: Double = 0.95
  ) {
    self.maxRate = maxRate
    self.totalSteps = totalSteps
    self.warmupFraction = warmupFraction
    self.anneal = anneal
    self.divFactor = divFactor
    self.finalDivFactor = finalDivFactor
    self.threePhase = threePhase
    self.baseMomentum = baseMomentum
    self.maxMomentum = maxMomentum
  }

  /// Which anchor a phase starts or ends at.
  @usableFromInline enum Anchor { case initial, max, final }

  @inlinable
  func annealed(from a: Double, to b: Double, fraction p: Double) -> Double {
    switch anneal {
    case .cosine: b + (a - b) / 2.0 * (Double.cos(Double.pi * p) + 1)
    case .linear: (b - a) * p + a
    }
  }

  /// The phase of `step`: its start and end anchors (rate, momentum) and the fraction.
  @inlinable
  func phase(at step: Int) -> (rate: (Anchor, Anchor), momentumHigh: (Bool, Bool), fraction: Double) {
    let t = Double(Swift.min(step, totalSteps - 1))
    let peak = warmupFraction * Double(totalSteps) - 1
    let last = Double(totalSteps - 1)
    if threePhase {
      let back = 2 * warmupFraction * Double(totalSteps) - 2
      if t <= peak { return ((.initial, .max), (true, false), t / peak) }
      if t <= back { return ((.max, .initial), (false, true), (t - peak) / (back - peak)) }
      return ((.initial, .final), (true, true), (t - back) / (last - back))
    }
    if t <= peak { return ((.initial, .max), (true, false), t / peak) }
    return ((.max, .final), (false, true), (t - peak) / (last - peak))
  }

  @inlinable
  public func value(at step: Int, base: Double) -> Double {
    let top = maxRate ?? base
    let initial = top / divFactor
    let final = initial / finalDivFactor
    func rate(_ a: Anchor) -> Double {
      switch a {
      case .initial: initial
      case .max: top
      case .final: final
      }
    }
    let p = phase(at: step)
    return annealed(from: rate(p.rate.0), to: rate(p.rate.1), fraction: p.fraction)
  }

  /// The momentum (or Adam's β1) at `step`.
  @inlinable
  public func momentum(at step: Int) -> Double {
    let p = phase(at: step)
    return annealed(
      from: p.momentumHigh.0 ? maxMomentum : baseMomentum, to: p.momentumHigh.1 ? maxMomentum : baseMomentum,
      fraction: p.fraction)
  }
}
