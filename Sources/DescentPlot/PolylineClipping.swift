/// Cuts polylines to a rectangle (Liang–Barsky per segment), so that paths that leave the
/// picture — a diverging run reaching 1e30 — become short pieces that end just outside
/// the frame. A `clipPath` then hides the last bit; clipping first keeps coordinates
/// small and files short.
public enum PolylineClipping {
  /// The parts of the polyline inside `rect` (`minX…maxX × minY…maxY`). Non-finite points
  /// break the line.
  public static func clip(
    _ points: [PlotPoint], minX: Double, minY: Double, maxX: Double, maxY: Double
  ) -> [[PlotPoint]] {
    var pieces: [[PlotPoint]] = []
    var current: [PlotPoint] = []
    func flush() {
      if current.count >= 2 { pieces.append(current) }
      current = []
    }
    if points.count == 1, let p = points.first, p.isFinite,
      p.x >= minX, p.x <= maxX, p.y >= minY, p.y <= maxY
    {
      return [[p]]
    }
    for k in 1..<Swift.max(1, points.count) {
      let a = points[k - 1]
      let b = points[k]
      guard a.isFinite, b.isFinite else {
        flush()
        continue
      }
      guard let (p, q) = clipSegment(a, b, minX: minX, minY: minY, maxX: maxX, maxY: maxY) else {
        flush()
        continue
      }
      if let last = current.last, last == p {
        current.append(q)
      } else {
        flush()
        current = [p, q]
      }
      if q != b { flush() }
    }
    flush()
    return pieces
  }

  /// The part of segment `a–b` inside the rectangle, or nil.
  public static func clipSegment(
    _ a: PlotPoint, _ b: PlotPoint, minX: Double, minY: Double, maxX: Double, maxY: Double
  ) -> (PlotPoint, PlotPoint)? {
    var t0 = 0.0
    var t1 = 1.0
    let dx = b.x - a.x
    let dy = b.y - a.y
    let checks: [(Double, Double)] = [
      (-dx, a.x - minX), (dx, maxX - a.x), (-dy, a.y - minY), (dy, maxY - a.y),
    ]
    for (p, q) in checks {
      if p == 0 {
        if q < 0 { return nil }
      } else {
        let r = q / p
        if p < 0 {
          if r > t1 { return nil }
          if r > t0 { t0 = r }
        } else {
          if r < t0 { return nil }
          if r < t1 { t1 = r }
        }
      }
    }
    let p = t0 == 0 ? a : PlotPoint(a.x + t0 * dx, a.y + t0 * dy)
    let q = t1 == 1 ? b : PlotPoint(a.x + t1 * dx, a.y + t1 * dy)
    return (p, q)
  }
}
