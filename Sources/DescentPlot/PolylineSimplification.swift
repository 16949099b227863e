/// Douglas–Peucker simplification of polylines.
///
/// Keeps the end points and, recursively, the point farthest from the chord while that
/// distance exceeds `tolerance`. Every removed point lies within `tolerance` of the
/// simplified line, so with a tolerance below half a pixel the picture does not change.
///
/// Douglas & Peucker, "Algorithms for the reduction of the number of points required to
/// represent a digitized line or its caricature", Cartographica 10(2), 1973.
public enum PolylineSimplification {
  /// The simplified polyline (a subset of `points`, in order).
  /// - Complexity: O(n log n) typical, O(n²) worst case.
  public static func simplify(_ points: [PlotPoint], tolerance: Double) -> [PlotPoint] {
    guard points.count > 2, tolerance > 0 else { return points }
    var keep = [Bool](repeating: false, count: points.count)
    keep[0] = true
    keep[points.count - 1] = true
    var stack: [(Int, Int)] = [(0, points.count - 1)]
    let tol2 = tolerance * tolerance
    while let (a, b) = stack.popLast() {
      guard b > a + 1 else { continue }
      var worst = -1.0
      var index = a
      for k in (a + 1)..<b {
        let d = distanceSquared(points[k], toSegment: points[a], points[b])
        if d > worst {
          worst = d
          index = k
        }
      }
      if worst > tol2 {
        keep[index] = true
        stack.append((a, index))
        stack.append((index, b))
      }
    }
    var out: [PlotPoint] = []
    out.reserveCapacity(points.count / 2)
    for k in points.indices where keep[k] { out.append(points[k]) }
    return out
  }

  /// A closed ring: split at the first point and the point farthest from it so that both
  /// halves have distinct ends, simplify each.
  public static func simplifyRing(_ ring: [PlotPoint], tolerance: Double) -> [PlotPoint] {
    guard ring.count > 4 else { return ring }
    var far = 0
    var best = -1.0
    for k in ring.indices {
      let dx = ring[k].x - ring[0].x
      let dy = ring[k].y - ring[0].y
      let d = dx * dx + dy * dy
      if d > best { best = d; far = k }
    }
    let first = simplify(Array(ring[0...far]), tolerance: tolerance)
    let second = simplify(Array(ring[far...]) + [ring[0]], tolerance: tolerance)
    return first + second.dropFirst().dropLast()
  }

  /// Squared distance from `p` to the segment `a–b`.
  @inlinable
  public static func distanceSquared(_ p: PlotPoint, toSegment a: PlotPoint, _ b: PlotPoint) -> Double {
    let vx = b.x - a.x
    let vy = b.y - a.y
    let wx = p.x - a.x
    let wy = p.y - a.y
    let len2 = vx * vx + vy * vy
    var t = len2 > 0 ? (wx * vx + wy * vy) / len2 : 0
    t = Swift.min(1, Swift.max(0, t))
    let dx = wx - t * vx
    let dy = wy - t * vy
    return dx * dx + dy * dy
  }
}
