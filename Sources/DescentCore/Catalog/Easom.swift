import RealModule

extension Catalog {
  /// The Easom function: a needle-like well at (π, π) in a landscape that is flat elsewhere.
  ///
  /// ```
  /// f(x, y) = −cos(x) cos(y) exp(−((x − π)² + (y − π)²))      minimum f(π, π) = −1
  /// ```
  /// Source: Easom (1990); VLSE (whose search domain is [−100, 100]², where the function is
  /// 0 to double precision almost everywhere). The catalog's window [−1, 7]² shows the well
  /// and its 13 critical points (5 minima, 4 maxima, 4 saddles).
  public enum Easom: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      let p = x - S.pi
      let q = y - S.pi
      return -S.cos(x) * S.cos(y) * S.exp(-(p * p + q * q))
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let p = x - S.pi
      let q = y - S.pi
      let e = S.exp(-(p * p + q * q))
      let cx = S.cos(x), sx = S.sin(x), cy = S.cos(y), sy = S.sin(y)
      return (-cx * cy * e, cy * e * (sx + 2 * p * cx), cx * e * (sy + 2 * q * cy))
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      let p = x - S.pi
      let q = y - S.pi
      let e = S.exp(-(p * p + q * q))
      let cx = S.cos(x), sx = S.sin(x), cy = S.cos(y), sy = S.sin(y)
      return (
        cy * e * (3 * cx - 4 * p * sx - 4 * p * p * cx),
        -e * (sx + 2 * p * cx) * (sy + 2 * q * cy),
        cx * e * (3 * cy - 4 * q * sy - 4 * q * q * cy)
      )
    }
  }
}

extension TestFunction {
  /// Easom on [−1, 7]², start (2, 2).
  public static let easom = fixed(
    name: "easom", title: "Easom",
    summary: "A narrow well f(π, π) = −1 in an almost flat landscape; gradients vanish away from it.",
    reference: "E. E. Easom, A survey of global optimization techniques, M. Eng. thesis, Univ. Louisville, 1990; VLSE (sfu.ca/~ssurjano/easom.html)",
    factory: PlanarFactory<Catalog.Easom>(), formula: "-cos(x)*cos(y)*exp(-((x - pi)^2 + (y - pi)^2))",
    window: [-1...7, -1...7], start: [2, 2], criticalPoints: CatalogTables.easom,
    globalMinima: CatalogTables.easomGlobalMinima)
}
