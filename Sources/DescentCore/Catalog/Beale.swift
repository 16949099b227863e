extension Catalog {
  /// Beale's function: a flat valley with steep walls and sharp corners.
  ///
  /// ```
  /// f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²
  /// ```
  /// Global minimum f(3, 0.5) = 0; saddles at (0, 1) (f = 14.203125) and near
  /// (0.1005, −2.6445). Source: Beale (1958); VLSE.
  public enum Beale: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      let t1 = 1.5 - x + x * y
      let t2 = 2.25 - x + x * y * y
      let t3 = 2.625 - x + x * y * y * y
      return t1 * t1 + t2 * t2 + t3 * t3
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let y2 = y * y
      let y3 = y2 * y
      let t1 = 1.5 - x + x * y
      let t2 = 2.25 - x + x * y2
      let t3 = 2.625 - x + x * y3
      let dx: S = 2 * (t1 * (y - 1) + t2 * (y2 - 1) + t3 * (y3 - 1))
      let dy: S = 2 * x * (t1 + 2 * t2 * y + 3 * t3 * y2)
      return (t1 * t1 + t2 * t2 + t3 * t3, dx, dy)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      let y2 = y * y
      let y3 = y2 * y
      let t1 = 1.5 - x + x * y
      let t2 = 2.25 - x + x * y2
      let t3 = 2.625 - x + x * y3
      // ∂t/∂x, ∂t/∂y for each residual
      let a1 = y - 1, b1 = x
      let a2 = y2 - 1, b2 = 2 * x * y
      let a3 = y3 - 1, b3 = 3 * x * y2
      let dxx: S = 2 * (a1 * a1 + a2 * a2 + a3 * a3)
      let crossProducts: S = a1 * b1 + a2 * b2 + a3 * b3
      let crossCurvature: S = t1 + 2 * t2 * y + 3 * t3 * y2
      let dxy: S = 2 * (crossProducts + crossCurvature)
      let yProducts: S = b1 * b1 + b2 * b2 + b3 * b3
      let yCurvature: S = 2 * t2 * x + 6 * t3 * x * y
      let dyy: S = 2 * (yProducts + yCurvature)
      return (dxx, dxy, dyy)
    }
  }
}

extension TestFunction {
  /// Beale's function on [−4.5, 4.5]², start (1, 1).
  public static let beale = fixed(
    name: "beale", title: "Beale",
    summary: "A flat valley between steep walls; minimum f(3, 0.5) = 0 and a saddle at (0, 1).",
    reference: "E. M. L. Beale, On an iterative method for finding a local minimum of a function of more than one variable, Princeton, 1958; VLSE (sfu.ca/~ssurjano)",
    factory: PlanarFactory<Catalog.Beale>(),
    formula: "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    window: [-4.5...4.5, -4.5...4.5], start: [1, 1], criticalPoints: CatalogTables.beale,
    globalMinima: CatalogTables.bealeGlobalMinima)
}
