extension Catalog {
  /// The Freudenstein–Roth function (Moré–Garbow–Hillstrom problem 2): a sum of two squared
  /// cubics with a deceptive local minimum.
  ///
  /// ```
  /// f₁ = −13 + x + ((5 − y)y − 2)y,   f₂ = −29 + x + ((y + 1)y − 14)y,   f = f₁² + f₂²
  /// ```
  /// Critical points (all of them in the plane: `∂f/∂x = 0` forces `f₁ = −f₂`, and then
  /// `∂f/∂y = 0` forces `f₁ = f₂ = 0` or `f₁′ = f₂′`, i.e. `3y² − 4y − 6 = 0`):
  /// global minimum f(5, 4) = 0, local minimum f(11.4128, −0.8968) = 48.9843, and a saddle
  /// f(23.9206, 2.2301) = 819.010. Source: MGH 1981; start x₀ = (0.5, −2).
  public enum FreudensteinRoth: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      let f1 = -13 + x + ((5 - y) * y - 2) * y
      let f2 = -29 + x + ((y + 1) * y - 14) * y
      return f1 * f1 + f2 * f2
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let f1 = -13 + x + ((5 - y) * y - 2) * y
      let f2 = -29 + x + ((y + 1) * y - 14) * y
      let d1 = (10 - 3 * y) * y - 2  // ∂f₁/∂y
      let d2 = (3 * y + 2) * y - 14  // ∂f₂/∂y
      return (f1 * f1 + f2 * f2, 2 * (f1 + f2), 2 * (f1 * d1 + f2 * d2))
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      let f1 = -13 + x + ((5 - y) * y - 2) * y
      let f2 = -29 + x + ((y + 1) * y - 14) * y
      let d1 = (10 - 3 * y) * y - 2
      let d2 = (3 * y + 2) * y - 14
      return (4, 2 * (d1 + d2), 2 * (d1 * d1 + f1 * (10 - 6 * y) + d2 * d2 + f2 * (6 * y + 2)))
    }
  }
}

extension TestFunction {
  /// Freudenstein–Roth on [−5, 30] × [−3, 6], MGH start (0.5, −2).
  public static let freudensteinRoth = fixed(
    name: "freudenstein-roth", aliases: ["freudenstein"], title: "Freudenstein–Roth",
    summary: "MGH 2: global minimum f(5, 4) = 0, a local minimum f(11.41, −0.897) = 48.98 and a saddle at (23.92, 2.230).",
    reference: "J. J. Moré, B. S. Garbow, K. E. Hillstrom, Testing unconstrained optimization software, ACM TOMS 7(1):17–41, 1981, problem 2",
    factory: PlanarFactory<Catalog.FreudensteinRoth>(),
    formula: "(-13 + x + ((5 - y)*y - 2)*y)^2 + (-29 + x + ((y + 1)*y - 14)*y)^2",
    window: [-5...30, -3...6], start: [0.5, -2], criticalPoints: CatalogTables.freudensteinRoth,
    globalMinima: CatalogTables.freudensteinRothGlobalMinima)
}
