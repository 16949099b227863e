import DescentCore

/// Marker shapes, as path data centred on a point.
///
/// Critical points use shapes that read without colour: minimum ▼ (a valley),
/// maximum ▲ (a peak), saddle ◆, degenerate ■. Runs use ○ for the start, ● for the end and
/// ✕ where a diverged run ends or leaves the picture.
public enum MarkerShape: String, Sendable, Hashable, CaseIterable {
  case circle
  case triangleDown
  case triangleUp
  case diamond
  case square
  case cross

  /// The shape for a critical point of `kind`.
  public static func forKind(_ kind: PointKind) -> MarkerShape {
    switch kind {
    case .minimum: .triangleDown
    case .maximum: .triangleUp
    case .saddle: .diamond
    case .degenerate: .square
    }
  }

  /// Path data for the shape centred at `(x, y)` with half-size `r` pixels.
  public func path(x: Double, y: Double, r: Double) -> String {
    func p(_ px: Double, _ py: Double) -> PlotPoint { PlotPoint(x + px * r, y + py * r) }
    switch self {
    case .circle:
      // Two arcs; radius rounded like every coordinate.
      let rr = SVGNumber.pixel(r)
      return "M" + SVGNumber.pixel(x - r) + " " + SVGNumber.pixel(y) + "a" + rr + " " + rr + " 0 1 0 "
        + SVGNumber.pixel(2 * r) + " 0a" + rr + " " + rr + " 0 1 0 " + SVGNumber.pixel(-2 * r) + " 0z"
    case .triangleDown:
      return PathData.polyline([p(-1.1, -0.75), p(1.1, -0.75), p(0, 1.15)], closed: true)
    case .triangleUp:
      return PathData.polyline([p(-1.1, 0.75), p(1.1, 0.75), p(0, -1.15)], closed: true)
    case .diamond:
      return PathData.polyline([p(0, -1.25), p(1.25, 0), p(0, 1.25), p(-1.25, 0)], closed: true)
    case .square:
      return PathData.polyline([p(-0.9, -0.9), p(0.9, -0.9), p(0.9, 0.9), p(-0.9, 0.9)], closed: true)
    case .cross:
      return PathData.polyline([p(-1, -1), p(1, 1)]) + PathData.polyline([p(-1, 1), p(1, -1)])
    }
  }
}
