/// One axis of a chart: its label, scale and (optionally) its range.
///
/// With `domain == nil` the chart picks the range from the data: linear axes are widened
/// to the nearest ticks of a 1-2-5 step, log axes to whole decades when that wastes at
/// most half a decade at either end.
public struct Axis: Sendable, Hashable {
  /// How values map to positions.
  public enum Scale: String, Sendable, Hashable, CaseIterable {
    /// Position proportional to the value.
    case linear
    /// Position proportional to `log10(value)`; values ≤ 0 cannot be shown.
    case log
  }

  public var label: String
  public var scale: Scale
  public var domain: ClosedRange<Double>?

  public init(_ label: String = "", scale: Scale = .linear, domain: ClosedRange<Double>? = nil) {
    self.label = label
    self.scale = scale
    self.domain = domain
  }

  /// True when `v` can be placed on this axis (finite, and positive on a log axis).
  @inlinable
  public func canShow(_ v: Double) -> Bool {
    v.isFinite && (scale == .linear || v > 0)
  }

  /// The range shown for data spanning `lo…hi` (the explicit domain if set).
  public func resolvedDomain(dataMin lo: Double, dataMax hi: Double, niceEnds: Bool = true) -> ClosedRange<Double> {
    if let domain { return domain }
    switch scale {
    case .linear:
      guard lo.isFinite, hi.isFinite else { return 0...1 }
      if lo == hi {
        let r = Swift.max(1, Swift.abs(lo) * 0.1)
        return (lo - r)...(hi + r)
      }
      guard niceEnds else { return lo...hi }
      let step = Ticks.niceStep(span: hi - lo, target: 6)
      let a = (lo / step).rounded(.down) * step
      let b = (hi / step).rounded(.up) * step
      return a...b
    case .log:
      guard lo.isFinite, hi.isFinite, lo > 0, hi > 0 else { return 1...10 }
      var la = log10Value(lo)
      var lb = log10Value(hi)
      if lb - la < 1e-9 {
        la -= 0.5
        lb += 0.5
      }
      if niceEnds {
        let fa = la.rounded(.down)
        let fb = lb.rounded(.up)
        la = la - fa <= 0.5 ? fa : la - 0.05 * (lb - la)
        lb = fb - lb <= 0.5 ? fb : lb + 0.05 * (lb - la)
      }
      return exp10Value(la)...exp10Value(lb)
    }
  }
}

/// Maps values of one axis to pixel positions and back.
///
/// ```
/// linear: p = p₀ + (v − a)/(b − a) · (p₁ − p₀)
/// log:    p = p₀ + (log₁₀v − log₁₀a)/(log₁₀b − log₁₀a) · (p₁ − p₀)
/// ```
/// for the domain `a…b` drawn from pixel `p₀` to `p₁` (for a y axis `p₀` is the bottom,
/// so `p₁ < p₀`).
public struct AxisTransform: Sendable, Hashable {
  public var scale: Axis.Scale
  public var domain: ClosedRange<Double>
  public var pixelStart: Double
  public var pixelEnd: Double

  @usableFromInline let t0: Double
  @usableFromInline let t1: Double

  public init(scale: Axis.Scale, domain: ClosedRange<Double>, pixelStart: Double, pixelEnd: Double) {
    precondition(scale == .linear || domain.lowerBound > 0, "a log axis needs a positive domain, got \(domain)")
    precondition(domain.upperBound > domain.lowerBound, "axis domain must have positive width, got \(domain)")
    self.scale = scale
    self.domain = domain
    self.pixelStart = pixelStart
    self.pixelEnd = pixelEnd
    switch scale {
    case .linear:
      t0 = domain.lowerBound
      t1 = domain.upperBound
    case .log:
      t0 = log10Value(domain.lowerBound)
      t1 = log10Value(domain.upperBound)
    }
  }

  /// The pixel for `v`; NaN when `v` cannot be shown (≤ 0 on a log axis, non-finite).
  @inlinable
  public func pixel(_ v: Double) -> Double {
    let t: Double
    switch scale {
    case .linear: t = v
    case .log: t = v > 0 ? log10Value(v) : .nan
    }
    guard t.isFinite else { return .nan }
    return pixelStart + (t - t0) / (t1 - t0) * (pixelEnd - pixelStart)
  }

  /// The value at pixel `p` (the inverse of ``pixel(_:)``).
  @inlinable
  public func value(atPixel p: Double) -> Double {
    let t = t0 + (p - pixelStart) / (pixelEnd - pixelStart) * (t1 - t0)
    switch scale {
    case .linear: return t
    case .log: return exp10Value(t)
    }
  }

  /// The fraction `0…1` of the way along the domain (in the axis scale); NaN when `v`
  /// cannot be shown.
  @inlinable
  public func fraction(_ v: Double) -> Double {
    (pixel(v) - pixelStart) / (pixelEnd - pixelStart)
  }
}
