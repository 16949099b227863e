extension Catalog {
  /// Booth's function: a tilted quadratic bowl.
  ///
  /// ```
  /// f(x, y) = (x + 2y − 7)² + (2x + y − 5)²      minimum f(1, 3) = 0, Hessian [[10, 8], [8, 10]]
  /// ```
  /// Source: VLSE.
  public enum Booth: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      let a = x + 2 * y - 7
      let b = 2 * x + y - 5
      return a * a + b * b
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let a = x + 2 * y - 7
      let b = 2 * x + y - 5
      return (a * a + b * b, 2 * a + 4 * b, 4 * a + 2 * b)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      (10, 8, 10)
    }
  }
}

extension TestFunction {
  /// Booth's function on [−10, 10]², start (0, 0).
  public static let booth = fixed(
    name: "booth", title: "Booth",
    summary: "A tilted quadratic bowl (condition number 9); minimum f(1, 3) = 0.",
    reference: "VLSE, Booth function (sfu.ca/~ssurjano/booth.html)",
    factory: PlanarFactory<Catalog.Booth>(), formula: "(x + 2*y - 7)^2 + (2*x + y - 5)^2",
    window: [-10...10, -10...10], start: [0, 0], criticalPoints: CatalogTables.booth,
    globalMinima: CatalogTables.boothGlobalMinima)
}
