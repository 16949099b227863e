extension Catalog {
  /// The Goldstein–Price function: a polynomial of degree 8 with values from 3 to 10⁶ in
  /// [−2, 2]², where it has 4 minima, 4 saddles and 1 maximum.
  ///
  /// ```
  /// f(x, y) = [1 + (x + y + 1)² (19 − 14x + 3x² − 14y + 6xy + 3y²)]
  ///         × [30 + (2x − 3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²)]
  /// ```
  /// Global minimum f(0, −1) = 3. Source: Goldstein & Price (1971); VLSE.
  ///
  /// Written as `f = A·B` with `A = 1 + u²P`, `B = 30 + v²Q`; each factor's derivatives come
  /// from the product rule, `∂ᵢⱼ(u²P) = 2uᵢuⱼP + 2u(uᵢPⱼ + uⱼPᵢ) + u²Pᵢⱼ`.
  public enum GoldsteinPrice: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      let u = x + y + 1
      let p = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y
      let v = 2 * x - 3 * y
      let q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y
      return (1 + u * u * p) * (30 + v * v * q)
    }

    @usableFromInline
    struct Factors<S: DescentScalar> {
      @usableFromInline var a: S, ax: S, ay: S, axx: S, axy: S, ayy: S
      @usableFromInline var b: S, bx: S, by: S, bxx: S, bxy: S, byy: S

      @inlinable
      init(_ x: S, _ y: S) {
        let u = x + y + 1  // ∂u = (1, 1)
        let p = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y
        let pd = -14 + 6 * x + 6 * y  // ∂p/∂x = ∂p/∂y; ∂²p = 6 everywhere
        a = 1 + u * u * p
        ax = 2 * u * p + u * u * pd
        ay = ax
        axx = 2 * p + 4 * u * pd + 6 * u * u
        axy = axx
        ayy = axx
        let v = 2 * x - 3 * y  // ∂v = (2, −3)
        let q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y
        let qx = -32 + 24 * x - 36 * y
        let qy = 48 - 36 * x + 54 * y
        b = 30 + v * v * q
        bx = 4 * v * q + v * v * qx
        by = -6 * v * q + v * v * qy
        bxx = 8 * q + 8 * v * qx + 24 * v * v
        bxy = -12 * q + 2 * v * (2 * qy - 3 * qx) - 36 * v * v
        byy = 18 * q - 12 * v * qy + 54 * v * v
      }
    }

    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let f = Factors(x, y)
      return (f.a * f.b, f.ax * f.b + f.a * f.bx, f.ay * f.b + f.a * f.by)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      let f = Factors(x, y)
      return (
        f.axx * f.b + 2 * f.ax * f.bx + f.a * f.bxx,
        f.axy * f.b + f.ax * f.by + f.ay * f.bx + f.a * f.bxy,
        f.ayy * f.b + 2 * f.ay * f.by + f.a * f.byy
      )
    }
  }
}

extension TestFunction {
  /// Goldstein–Price on [−2, 2]², start (1.5, 1.5).
  public static let goldsteinPrice = fixed(
    name: "goldstein-price", title: "Goldstein–Price",
    summary: "A degree-8 polynomial spanning six orders of magnitude; global minimum f(0, −1) = 3, 9 critical points in the window.",
    reference: "A. A. Goldstein, J. F. Price, On descent from local minima, Math. Comp. 25:569–574, 1971; VLSE (sfu.ca/~ssurjano/goldpr.html)",
    factory: PlanarFactory<Catalog.GoldsteinPrice>(),
    formula: "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))"
      + "*(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))",
    window: [-2...2, -2...2], start: [1.5, 1.5], criticalPoints: CatalogTables.goldsteinPrice,
    globalMinima: CatalogTables.goldsteinPriceGlobalMinima)
}
