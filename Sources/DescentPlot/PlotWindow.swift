import DescentCore

/// The rectangle of the plane a 2-D plot shows: `x ∈ [x.lowerBound, x.upperBound]`,
/// `y ∈ [y.lowerBound, y.upperBound]`.
public struct PlotWindow: Hashable, Sendable {
  public var x: ClosedRange<Double>
  public var y: ClosedRange<Double>

  /// - Precondition: both ranges are finite and of positive width.
  public init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
    precondition(
      x.lowerBound.isFinite && x.upperBound.isFinite && x.upperBound > x.lowerBound,
      "plot window x range must be finite with positive width, got \(x)")
    precondition(
      y.lowerBound.isFinite && y.upperBound.isFinite && y.upperBound > y.lowerBound,
      "plot window y range must be finite with positive width, got \(y)")
    self.x = x
    self.y = y
  }

  /// True when `p` lies inside the window (boundary included).
  public func contains(_ p: PlotPoint) -> Bool {
    x.contains(p.x) && y.contains(p.y)
  }

  /// A window around the finite points given, padded by `padding` (a fraction of the
  /// larger side) on every side and widened to a square-ish shape (aspect ratio at most
  /// 2:1) so that landscapes are not squashed. Points of a run that blew up should be
  /// left out by the caller (see ``init(around:criticalPoints:padding:)``).
  ///
  /// With no finite point the window is `[-1, 1]²`; a single point gets a window of half
  /// width `max(1, |coordinate|)`.
  public init(containing points: [PlotPoint], padding: Double = 0.15) {
    let finite = points.filter(\.isFinite)
    guard let first = finite.first else {
      self.init(x: -1...1, y: -1...1)
      return
    }
    var lo = first
    var hi = first
    for p in finite {
      lo.x = Swift.min(lo.x, p.x); lo.y = Swift.min(lo.y, p.y)
      hi.x = Swift.max(hi.x, p.x); hi.y = Swift.max(hi.y, p.y)
    }
    var w = hi.x - lo.x
    var h = hi.y - lo.y
    let side = Swift.max(w, h)
    if side == 0 {
      let r = Swift.max(1, Swift.abs(first.x), Swift.abs(first.y))
      self.init(x: (first.x - r)...(first.x + r), y: (first.y - r)...(first.y + r))
      return
    }
    // Keep the aspect ratio within 2:1.
    w = Swift.max(w, side / 2)
    h = Swift.max(h, side / 2)
    let cx = (lo.x + hi.x) / 2
    let cy = (lo.y + hi.y) / 2
    let pad = padding * side
    self.init(
      x: (cx - w / 2 - pad)...(cx + w / 2 + pad),
      y: (cy - h / 2 - pad)...(cy + h / 2 + pad))
  }

  /// A window around the runs' paths and the critical points.
  ///
  /// Points of a run whose loss exceeds `10 · max(1, |f(start)|)` above the start (a
  /// run that is blowing up) are left out, so a diverged run does not shrink the
  /// landscape to a dot; the plot shows such a run leaving the window.
  public init(around runs: [PlotRun], criticalPoints: [CriticalPoint] = [], padding: Double = 0.15) {
    var points: [PlotPoint] = []
    for run in runs {
      guard let f0 = run.losses.first(where: \.isFinite) else { continue }
      let limit = f0 + 10 * Swift.max(1, Swift.abs(f0))
      for (k, x) in run.points.enumerated() where x.count >= 2 {
        let loss = k < run.losses.count ? run.losses[k] : .nan
        if loss.isFinite && loss <= limit { points.append(PlotPoint(x[0], x[1])) }
      }
    }
    for c in criticalPoints where c.x.count >= 2 { points.append(PlotPoint(c.x[0], c.x[1])) }
    self.init(containing: points, padding: padding)
  }
}
