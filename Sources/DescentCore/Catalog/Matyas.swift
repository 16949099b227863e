extension Catalog {
  /// The Matyas function: a flat, rotated quadratic (condition number 25).
  ///
  /// ```
  /// f(x, y) = 0.26(x² + y²) − 0.48xy      minimum f(0, 0) = 0, Hessian eigenvalues 0.04, 1
  /// ```
  /// Source: VLSE.
  public enum Matyas: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      0.26 * (x * x + y * y) - 0.48 * x * y
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      (0.26 * (x * x + y * y) - 0.48 * x * y, 0.52 * x - 0.48 * y, 0.52 * y - 0.48 * x)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      (0.52, -0.48, 0.52)
    }
  }
}

extension TestFunction {
  /// The Matyas function on [−10, 10]², start (8, 6).
  public static let matyas = fixed(
    name: "matyas", title: "Matyas",
    summary: "A flat rotated quadratic valley (condition number 25); minimum f(0, 0) = 0.",
    reference: "VLSE, Matyas function (sfu.ca/~ssurjano/matya.html)",
    factory: PlanarFactory<Catalog.Matyas>(), formula: "0.26*(x^2 + y^2) - 0.48*x*y",
    window: [-10...10, -10...10], start: [8, 6], criticalPoints: CatalogTables.matyas,
    globalMinima: CatalogTables.matyasGlobalMinima)
}
