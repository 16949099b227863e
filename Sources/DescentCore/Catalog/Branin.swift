import RealModule

extension Catalog {
  /// The Branin (Branin–Hoo) function in its standard parameters: three global minima.
  ///
  /// ```
  /// f(x, y) = a(y − bx² + cx − r)² + s(1 − t)cos(x) + s
  /// a = 1, b = 5.1/(4π²), c = 5/π, r = 6, s = 10, t = 1/(8π)
  /// ```
  /// Global minima f = 0.397887 at (−π, 12.275), (π, 2.275), (9.42478, 2.475); two saddles
  /// in [−5, 10] × [0, 15]. Source: Branin (1972); Dixon & Szegő (1978); VLSE.
  public enum Branin: PlanarFormula {
    @inlinable static func b<S: DescentScalar>(_: S.Type) -> S { 5.1 / (4 * S.pi * S.pi) }
    @inlinable static func c<S: DescentScalar>(_: S.Type) -> S { 5 / S.pi }
    @inlinable static func sTimesOneMinusT<S: DescentScalar>(_: S.Type) -> S { 10 * (1 - 1 / (8 * S.pi)) }

    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      let q = y - b(S.self) * x * x + c(S.self) * x - 6
      return q * q + sTimesOneMinusT(S.self) * S.cos(x) + 10
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let b = b(S.self)
      let c = c(S.self)
      let st = sTimesOneMinusT(S.self)
      let q = y - b * x * x + c * x - 6
      return (q * q + st * S.cos(x) + 10, 2 * q * (c - 2 * b * x) - st * S.sin(x), 2 * q)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      let b = b(S.self)
      let c = c(S.self)
      let q = y - b * x * x + c * x - 6
      let qx = c - 2 * b * x
      return (2 * qx * qx - 4 * b * q - sTimesOneMinusT(S.self) * S.cos(x), 2 * qx, 2)
    }
  }
}

extension TestFunction {
  /// Branin on [−5, 10] × [0, 15], start (2.5, 10).
  public static let branin = fixed(
    name: "branin", aliases: ["branin-hoo"], title: "Branin",
    summary: "Three global minima of value 0.397887 (a, b, c, r, s, t = 1, 5.1/(4π²), 5/π, 6, 10, 1/(8π)).",
    reference: "F. H. Branin, Widely convergent method for finding multiple solutions of simultaneous nonlinear equations, IBM J. Res. Dev. 16:504–522, 1972; VLSE (sfu.ca/~ssurjano/branin.html)",
    factory: PlanarFactory<Catalog.Branin>(),
    formula: "(y - 5.1/(4*pi^2)*x^2 + 5/pi*x - 6)^2 + 10*(1 - 1/(8*pi))*cos(x) + 10",
    window: [-5...10, 0...15], start: [2.5, 10], criticalPoints: CatalogTables.branin,
    globalMinima: CatalogTables.braninGlobalMinima)
}
