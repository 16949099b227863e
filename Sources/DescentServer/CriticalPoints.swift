import DescentAnalysis
import DescentCore
import Synchronization

/// `POST /api/critical-points`: every critical point in the window — minima, maxima, saddles,
/// degenerate points — from the catalog's table when the function is a catalog entry (exact,
/// from the reference script), else found by ``CriticalPointAtlas`` (multi-start Newton on
/// `∇f = 0`, verified and classified by the Hessian's eigenvalues).
///
/// Response:
/// ```json
/// {"source": "atlas" | "catalog", "points": [{"x": [x, y], "value": f, "kind": "saddle",
///   "eigenvalues": [λ1, λ2]}, …], "notes": [...]}
/// ```
enum CriticalPoints {
  /// One critical point with its Hessian's eigenvalues.
  struct Point: Sendable {
    var x: [Double]
    var value: Double
    var kind: PointKind
    var eigenvalues: [Double]
  }

  struct Found: Sendable {
    var points: [Point]
    var source: String
    var notes: [String]
  }

  /// Atlases are the slowest answers (hundreds of Newton runs), and the page asks for the
  /// same window again for the curvature panel: keep the last few.
  private static let cache = Mutex<[(key: String, value: Found)]>([])
  private static let cacheSize = 16

  static func find(_ function: NavigatorFunction, window: [ClosedRange<Double>]) -> Found {
    let key = "\(function.resolved.name ?? "")|\(function.resolved.formula ?? "")|\(window)"
    if let hit = cache.withLock({ $0.first { $0.key == key }?.value }) { return hit }
    let found = compute(function, window: window)
    cache.withLock { entries in
      entries.removeAll { $0.key == key }
      entries.append((key, found))
      if entries.count > cacheSize { entries.removeFirst(entries.count - cacheSize) }
    }
    return found
  }

  private static func compute(_ function: NavigatorFunction, window: [ClosedRange<Double>]) -> Found {
    let objective = function.objective()
    let known = function.resolved.criticalPoints
    if !known.isEmpty {
      let inside = known.filter { p in p.x.count == 2 && window[0].contains(p.x[0]) && window[1].contains(p.x[1]) }
      let points = inside.map { p in
        let kind = objective.classifyPoint(at: p.x)
        return Point(x: p.x, value: p.value, kind: p.kind, eigenvalues: kind?.eigenvalues ?? [])
      }
      return Found(points: points, source: "catalog", notes: [])
    }
    let atlas = CriticalPointAtlas(of: objective, in: window)
    let points = atlas.points.map { Point(x: $0.x, value: $0.value, kind: $0.kind, eigenvalues: $0.eigenvalues) }
    return Found(points: points, source: "atlas", notes: atlas.notes)
  }

  static func respond(_ request: CriticalPointsRequest) throws(APIError) -> [UInt8] {
    let function = try NavigatorFunction.resolve(request.function)
    let window = try request.window.map { w throws(APIError) in try w.ranges(field: "window") } ?? function.window
    let found = find(function, window: window)
    var w = JSONWriter()
    w.beginObject()
    w.key("window")
    writeWindow(window, into: &w)
    w.key("source")
    w.string(found.source)
    w.key("points")
    writePoints(found.points, into: &w)
    w.key("notes")
    w.strings(found.notes)
    w.endObject()
    return w.bytes
  }

  static func writePoints(_ points: [Point], into w: inout JSONWriter) {
    w.beginArray()
    for p in points { writePoint(p, into: &w) }
    w.endArray()
  }

  static func writePoint(_ p: Point, into w: inout JSONWriter) {
    w.beginObject()
    w.key("x")
    w.numbers(p.x)
    w.key("value")
    w.number(p.value)
    w.key("kind")
    w.string(p.kind.rawValue)
    w.key("eigenvalues")
    w.numbers(p.eigenvalues)
    w.endObject()
  }
}
