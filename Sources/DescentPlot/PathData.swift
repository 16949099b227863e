/// Compact SVG path data for polylines.
///
/// Points (in pixels) are rounded to 0.1 px first; consecutive points that round to the
/// same place are dropped; the path is written with one absolute move-to and relative
/// line-tos between the *rounded* points, so rounding never accumulates:
/// ```
/// M12.3 45.6l1.2-3 .5 .5 …z
/// ```
public enum PathData {
  /// Path data for one polyline (closed with `z` when `closed`). Empty when fewer than two
  /// distinct rounded points remain (one for `allowSinglePoint`).
  public static func polyline(_ points: [PlotPoint], closed: Bool = false) -> String {
    var s = ""
    append(points, closed: closed, to: &s)
    return s
  }

  /// Path data for several polylines in one `d` attribute.
  public static func polylines(_ lines: [[PlotPoint]], closed: Bool = false) -> String {
    var s = ""
    for line in lines { append(line, closed: closed, to: &s) }
    return s
  }

  /// Appends one subpath to `s`.
  public static func append(_ points: [PlotPoint], closed: Bool, to s: inout String) {
    var xs: [Int] = []
    var ys: [Int] = []
    xs.reserveCapacity(points.count)
    ys.reserveCapacity(points.count)
    for p in points where p.isFinite {
      let x = Int(tenthsOf: p.x)
      let y = Int(tenthsOf: p.y)
      if let lx = xs.last, let ly = ys.last, lx == x, ly == y { continue }
      xs.append(x)
      ys.append(y)
    }
    if closed, xs.count > 1, xs.first == xs.last, ys.first == ys.last {
      xs.removeLast()
      ys.removeLast()
    }
    guard xs.count >= 2 else { return }
    s += "M" + SVGNumber.tenths(xs[0]) + " " + SVGNumber.tenths(ys[0]) + "l"
    for k in 1..<xs.count {
      let dx = SVGNumber.tenths(xs[k] - xs[k - 1])
      let dy = SVGNumber.tenths(ys[k] - ys[k - 1])
      if k > 1 && !dx.hasPrefix("-") { s += " " }
      s += dx
      if !dy.hasPrefix("-") { s += " " }
      s += dy
    }
    if closed { s += "z" }
  }
}
