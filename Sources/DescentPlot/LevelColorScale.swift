/// How a contour plot turns a value of `f` into a colour: a linear scale over `f`, or a
/// log scale over `f − offset` for log-spaced levels, mapped through a ``Colormap``.
///
/// Values beyond the scale are clipped to its ends (+∞ takes the top colour, −∞ the
/// bottom); NaN has no colour (drawn grey by the plots).
public struct LevelColorScale: Sendable, Hashable {
  public var scale: Axis.Scale
  /// The colour bar's range, in axis units (`f`, or `f − offset` on a log scale).
  public var domain: ClosedRange<Double>
  public var offset: Double
  public var colormap: Colormap

  public init(scale: Axis.Scale, domain: ClosedRange<Double>, offset: Double, colormap: Colormap) {
    self.scale = scale
    self.domain = domain
    self.offset = offset
    self.colormap = colormap
  }

  /// The scale for `levels` over sampled values spanning `range`.
  public static func forLevels(_ levels: ContourLevels, range: ClosedRange<Double>, colormap: Colormap) -> LevelColorScale {
    if levels.isLogarithmic {
      let top = Swift.max(range.upperBound - levels.offset, 1e-300)
      var bottom = (levels.values.first.map { $0 - levels.offset } ?? top * 1e-3) / 2
      if !(bottom > 0) || bottom >= top { bottom = top * 1e-3 }
      return LevelColorScale(scale: .log, domain: bottom...top, offset: levels.offset, colormap: colormap)
    }
    let lo = range.lowerBound
    let hi = range.upperBound > lo ? range.upperBound : lo + 1
    return LevelColorScale(scale: .linear, domain: lo...hi, offset: 0, colormap: colormap)
  }

  /// Position `0…1` of `f` along the scale, clipped; NaN for NaN.
  public func fraction(_ f: Double) -> Double {
    if f.isNaN { return .nan }
    let v = f - offset
    let t: Double
    switch scale {
    case .linear:
      t = (v - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
    case .log:
      if v <= domain.lowerBound { return 0 }
      t = (log10Value(v) - log10Value(domain.lowerBound)) / (log10Value(domain.upperBound) - log10Value(domain.lowerBound))
    }
    if t.isNaN { return f > 0 ? 1 : 0 }
    return Swift.min(1, Swift.max(0, t))
  }

  /// The colour of `f` (the bottom colour for NaN; callers grey NaN out themselves).
  public func color(_ f: Double) -> Color { colormap.color(at: fraction(f)) }

  /// The colour of the band between levels `a` and `b` (either may be nil for the open
  /// end bands): the colour at the band's middle in the scale.
  func bandColor(from a: Double?, to b: Double?) -> Color {
    let fa = a.map(fraction) ?? 0
    let fb = b.map(fraction) ?? 1
    return colormap.color(at: (fa + fb) / 2)
  }
}
