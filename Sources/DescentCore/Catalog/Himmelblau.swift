extension Catalog {
  /// Himmelblau's function: four global minima of value 0, one maximum, four saddles.
  ///
  /// ```
  /// f(x, y) = (x² + y − 11)² + (x + y² − 7)²
  /// ```
  /// Minima at (3, 2), (−2.805118, 3.131313), (−3.779310, −3.283186), (3.584428, −1.848127);
  /// maximum f(−0.270845, −0.923039) = 181.617. Source: Himmelblau, *Applied Nonlinear
  /// Programming* (1972); VLSE.
  public enum Himmelblau: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      let a = x * x + y - 11
      let b = x + y * y - 7
      return a * a + b * b
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let a = x * x + y - 11
      let b = x + y * y - 7
      return (a * a + b * b, 4 * x * a + 2 * b, 2 * a + 4 * y * b)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      (12 * x * x + 4 * y - 42, 4 * (x + y), 12 * y * y + 4 * x - 26)
    }
  }
}

extension TestFunction {
  /// Himmelblau's function on [−5, 5]², start (0, 0).
  public static let himmelblau = fixed(
    name: "himmelblau", title: "Himmelblau",
    summary: "Four global minima (f = 0), one maximum and four saddles: which minimum a run finds depends on the start.",
    reference: "D. M. Himmelblau, Applied Nonlinear Programming, McGraw-Hill, 1972; VLSE (sfu.ca/~ssurjano)",
    factory: PlanarFactory<Catalog.Himmelblau>(), formula: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    window: [-5...5, -5...5], start: [0, 0], criticalPoints: CatalogTables.himmelblau,
    globalMinima: CatalogTables.himmelblauGlobalMinima)
}
