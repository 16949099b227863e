import RealModule

extension Catalog {
  /// Powell's badly scaled function (Moré–Garbow–Hillstrom problem 3).
  ///
  /// ```
  /// f₁ = 10⁴xy − 1,   f₂ = e^(−x) + e^(−y) − 1.0001,   f = f₁² + f₂²
  /// ```
  /// Global minima f = 0 at (1.098159×10⁻⁵, 9.106147) and, by symmetry, at (9.106147,
  /// 1.098159×10⁻⁵); near the origin a local minimum at (−0.009948, −0.009948) and two
  /// saddles on the diagonal. Source: MGH 1981; start x₀ = (0, 1).
  public enum PowellBadlyScaled: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      let f1 = 10000 * x * y - 1
      let f2 = S.exp(-x) + S.exp(-y) - 1.0001
      return f1 * f1 + f2 * f2
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let ex = S.exp(-x), ey = S.exp(-y)
      let f1 = 10000 * x * y - 1
      let f2 = ex + ey - 1.0001
      return (f1 * f1 + f2 * f2, 2 * (f1 * 10000 * y - f2 * ex), 2 * (f1 * 10000 * x - f2 * ey))
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      let ex = S.exp(-x), ey = S.exp(-y)
      let f1 = 10000 * x * y - 1
      let f2 = ex + ey - 1.0001
      let ay = 10000 * y, ax = 10000 * x
      return (
        2 * (ay * ay + ex * ex + f2 * ex),
        2 * (ay * ax + 10000 * f1 + ex * ey),
        2 * (ax * ax + ey * ey + f2 * ey)
      )
    }
  }

  /// Brown's badly scaled function (Moré–Garbow–Hillstrom problem 4).
  ///
  /// ```
  /// f = (x − 10⁶)² + (y − 2·10⁻⁶)² + (xy − 2)²      minimum f(10⁶, 2·10⁻⁶) = 0
  /// ```
  /// The only critical point in the window (checked by resultant elimination in the reference
  /// script). Source: MGH 1981; start x₀ = (1, 1).
  public enum BrownBadlyScaled: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      let f1 = x - 1e6
      let f2 = y - 2e-6
      let f3 = x * y - 2
      return f1 * f1 + f2 * f2 + f3 * f3
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let f1 = x - 1e6
      let f2 = y - 2e-6
      let f3 = x * y - 2
      return (f1 * f1 + f2 * f2 + f3 * f3, 2 * (f1 + f3 * y), 2 * (f2 + f3 * x))
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      (2 + 2 * y * y, 2 * (2 * x * y - 2), 2 + 2 * x * x)
    }
  }
}

private let mgh = "J. J. Moré, B. S. Garbow, K. E. Hillstrom, Testing unconstrained optimization software, ACM TOMS 7(1):17–41, 1981"

extension TestFunction {
  /// Powell badly scaled on [−1, 10]², MGH start (0, 1).
  public static let powellBadlyScaled = fixed(
    name: "powell-badly-scaled", title: "Powell badly scaled",
    summary: "MGH 3: zeros at (1.098e-5, 9.106) and its mirror image; coordinates differ by six orders of magnitude.",
    reference: mgh + ", problem 3", factory: PlanarFactory<Catalog.PowellBadlyScaled>(),
    formula: "(10000*x*y - 1)^2 + (exp(-x) + exp(-y) - 1.0001)^2", window: [-1...10, -1...10],
    start: [0, 1], criticalPoints: CatalogTables.powellBadlyScaled,
    globalMinima: CatalogTables.powellBadlyScaledGlobalMinima)

  /// Brown badly scaled on [−10⁶, 2·10⁶] × [−1, 1], MGH start (1, 1).
  public static let brownBadlyScaled = fixed(
    name: "brown-badly-scaled", title: "Brown badly scaled",
    summary: "MGH 4: minimum f(1e6, 2e-6) = 0; the coordinates differ by twelve orders of magnitude.",
    reference: mgh + ", problem 4", factory: PlanarFactory<Catalog.BrownBadlyScaled>(),
    formula: "(x - 1e6)^2 + (y - 2e-6)^2 + (x*y - 2)^2", window: [-1e6...2e6, -1...1], start: [1, 1],
    criticalPoints: CatalogTables.brownBadlyScaled, globalMinima: CatalogTables.brownBadlyScaledGlobalMinima)
}
