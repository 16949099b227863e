extension Catalog {
  /// The three-hump camel function: three minima, two saddles.
  ///
  /// ```
  /// f(x, y) = 2x² − 1.05x⁴ + x⁶/6 + xy + y²
  /// ```
  /// Global minimum f(0, 0) = 0; local minima f(±1.7476, ∓0.8738) = 0.2986. Source: VLSE.
  public enum ThreeHumpCamel: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      let x2: S = x * x
      let polynomial: S = (2 - 1.05 * x2 + x2 * x2 / 6) * x2
      return polynomial + x * y + y * y
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let x2: S = x * x
      let dx: S = (4 - 4.2 * x2 + x2 * x2) * x + y
      return (value(x, y), dx, x + 2 * y)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      let x2: S = x * x
      let dxx: S = 4 - 12.6 * x2 + 5 * x2 * x2
      return (dxx, 1, 2)
    }
  }

  /// The six-hump camel function: six minima (two global), seven saddles, two maxima in
  /// [−3, 3] × [−2, 2].
  ///
  /// ```
  /// f(x, y) = (4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²
  /// ```
  /// Global minima f(±0.0898, ∓0.7127) = −1.0316. Source: Dixon & Szegő (1978); VLSE.
  public enum SixHumpCamel: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      let x2: S = x * x
      let y2: S = y * y
      let xPart: S = (4 - 2.1 * x2 + x2 * x2 / 3) * x2
      let yPart: S = (-4 + 4 * y2) * y2
      return xPart + x * y + yPart
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let x2: S = x * x
      let dx: S = (8 - 8.4 * x2 + 2 * x2 * x2) * x + y
      let dy: S = x + (16 * y * y - 8) * y
      return (value(x, y), dx, dy)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      let x2: S = x * x
      let dxx: S = 8 - 25.2 * x2 + 10 * x2 * x2
      let dyy: S = -8 + 48 * y * y
      return (dxx, 1, dyy)
    }
  }
}

extension TestFunction {
  /// The three-hump camel on [−5, 5]², start (−2.5, 2.5).
  public static let threeHumpCamel = fixed(
    name: "three-hump-camel", aliases: ["camel3"], title: "Three-hump camel",
    summary: "Three minima (global f(0, 0) = 0) separated by two saddles.",
    reference: "VLSE, Three-hump camel function (sfu.ca/~ssurjano/camel3.html)",
    factory: PlanarFactory<Catalog.ThreeHumpCamel>(), formula: "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2",
    window: [-5...5, -5...5], start: [-2.5, 2.5], criticalPoints: CatalogTables.threeHumpCamel,
    globalMinima: CatalogTables.threeHumpCamelGlobalMinima)

  /// The six-hump camel on [−3, 3] × [−2, 2], start (−1.5, 1.5).
  public static let sixHumpCamel = fixed(
    name: "six-hump-camel", aliases: ["camel6", "camel"], title: "Six-hump camel",
    summary: "15 critical points (6 minima, 7 saddles, 2 maxima); global minima f(±0.0898, ∓0.7127) = −1.0316.",
    reference: "L. C. W. Dixon, G. P. Szegő, The global optimization problem: an introduction, Towards Global Optimisation 2, 1978; VLSE (sfu.ca/~ssurjano/camel6.html)",
    factory: PlanarFactory<Catalog.SixHumpCamel>(),
    formula: "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2", window: [-3...3, -2...2],
    start: [-1.5, 1.5], criticalPoints: CatalogTables.sixHumpCamel,
    globalMinima: CatalogTables.sixHumpCamelGlobalMinima)
}
