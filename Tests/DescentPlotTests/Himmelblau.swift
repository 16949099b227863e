import DescentCore

/// Himmelblau's function `f = (x² + y − 11)² + (x + y² − 7)²`, written inline for the
/// tests, with its gradient and Hessian for Newton's method.
enum Himmelblau {
  static func value(_ x: Double, _ y: Double) -> Double {
    let a = x * x + y - 11
    let b = x + y * y - 7
    return a * a + b * b
  }

  static func gradient(_ x: Double, _ y: Double) -> (Double, Double) {
    let a = x * x + y - 11
    let b = x + y * y - 7
    return (4 * x * a + 2 * b, 2 * a + 4 * y * b)
  }

  static func hessian(_ x: Double, _ y: Double) -> (xx: Double, xy: Double, yy: Double) {
    (12 * x * x + 4 * y - 42, 4 * x + 4 * y, 12 * y * y + 4 * x - 26)
  }

  /// Newton's method on `∇f = 0` from `(x, y)`: converges quadratically to the nearby
  /// stationary point whatever its kind.
  static func stationaryPoint(near start: (Double, Double)) -> (Double, Double) {
    var (x, y) = start
    for _ in 0..<50 {
      let (gx, gy) = gradient(x, y)
      let h = hessian(x, y)
      let det = h.xx * h.yy - h.xy * h.xy
      let dx = (h.yy * gx - h.xy * gy) / det
      let dy = (-h.xy * gx + h.xx * gy) / det
      x -= dx
      y -= dy
      if abs(dx) + abs(dy) < 1e-15 { break }
    }
    return (x, y)
  }

  /// The nine stationary points (four minima, one maximum, four saddles), polished by
  /// Newton from rounded published locations.
  static var criticalPoints: [CriticalPoint] {
    let guesses: [((Double, Double), PointKind)] = [
      ((3, 2), .minimum), ((-2.805, 3.131), .minimum), ((-3.779, -3.283), .minimum), ((3.584, -1.848), .minimum),
      ((-0.271, -0.923), .maximum),
      ((-3.073, -0.081), .saddle), ((3.385, 0.074), .saddle), ((0.087, 2.884), .saddle), ((-0.128, -1.954), .saddle),
    ]
    return guesses.map { guess, kind in
      let (x, y) = stationaryPoint(near: guess)
      return CriticalPoint(x: [x, y], value: value(x, y), kind: kind)
    }
  }

  static let objective = ClosureObjective<Double>(dimension: 2) { p, g in
    let (gx, gy) = gradient(p[0], p[1])
    g[0] = gx
    g[1] = gy
    return value(p[0], p[1])
  }
}

/// Rosenbrock's function `(1 − x)² + 100(y − x²)²`.
enum Rosenbrock {
  static func value(_ x: Double, _ y: Double) -> Double {
    (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
  }

  static let objective = ClosureObjective<Double>(dimension: 2) { p, g in
    let x = p[0]
    let y = p[1]
    g[0] = -2 * (1 - x) - 400 * x * (y - x * x)
    g[1] = 200 * (y - x * x)
    return value(x, y)
  }
}
