import RealModule

// The teaching examples: the smallest landscapes that show one phenomenon each
// (conditioning, saddles, degenerate points, several minima, vanishing gradients).

extension Catalog {
  /// The round bowl, the easiest landscape there is.
  ///
  /// ```
  /// f(x, y) = x² + y²        minimum f(0, 0) = 0, Hessian 2I (condition number 1)
  /// ```
  public enum Bowl: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S { x * x + y * y }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      (x * x + y * y, 2 * x, 2 * y)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      (2, 0, 2)
    }
  }

  /// A narrow ravine: a quadratic with condition number 20, where gradient descent zig-zags.
  ///
  /// ```
  /// f(x, y) = 0.5 x² + 10 y²      minimum f(0, 0) = 0, Hessian diag(1, 20)
  /// ```
  public enum NarrowRavine: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S { x * x / 2 + 10 * y * y }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      (x * x / 2 + 10 * y * y, x, 20 * y)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      (1, 0, 20)
    }
  }

  /// An ill-conditioned ravine: condition number 100; the stable learning rate (< 2/100)
  /// makes progress along x painfully slow.
  ///
  /// ```
  /// f(x, y) = 0.5 x² + 50 y²      minimum f(0, 0) = 0, Hessian diag(1, 100)
  /// ```
  public enum IllConditionedRavine: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S { x * x / 2 + 50 * y * y }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      (x * x / 2 + 50 * y * y, x, 100 * y)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      (1, 0, 100)
    }
  }

  /// The saddle: a critical point that is neither a minimum nor a maximum; unbounded below.
  ///
  /// ```
  /// f(x, y) = x² − y²     saddle at (0, 0), Hessian diag(2, −2); no minimum
  /// ```
  public enum Saddle: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S { x * x - y * y }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      (x * x - y * y, 2 * x, -2 * y)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      (2, 0, -2)
    }
  }

  /// The monkey saddle: a degenerate critical point (Hessian zero) with three descending
  /// valleys; the second-order test cannot classify it. Unbounded below.
  ///
  /// ```
  /// f(x, y) = x³ − 3xy²     degenerate critical point at (0, 0)
  /// ```
  public enum MonkeySaddle: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S { x * x * x - 3 * x * y * y }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      (x * x * x - 3 * x * y * y, 3 * x * x - 3 * y * y, -6 * x * y)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      (6 * x, -6 * y, -6 * x)
    }
  }

  /// The plateau: a narrow Gaussian well in a wide flat region, where gradients vanish
  /// (‖∇f‖ < 2·10⁻⁶ beyond r = 2.8) and gradient descent stalls. Descent's own design.
  ///
  /// ```
  /// f(x, y) = 1 − exp(−2(x² + y²))      minimum f(0, 0) = 0, Hessian 4I; f → 1 as r → ∞
  /// ```
  /// The value is computed as `−expm1(−2r²)`, accurate near the minimum.
  public enum Plateau: PlanarFormula {
    @inlinable public static func value<S: DescentScalar>(_ x: S, _ y: S) -> S {
      -S.expMinusOne(-2 * (x * x + y * y))
    }
    @inlinable public static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S) {
      let r2 = x * x + y * y
      let e = S.exp(-2 * r2)
      return (-S.expMinusOne(-2 * r2), 4 * x * e, 4 * y * e)
    }
    @inlinable public static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S) {
      let e = S.exp(-2 * (x * x + y * y))
      return ((4 - 16 * x * x) * e, -16 * x * y * e, (4 - 16 * y * y) * e)
    }
  }

  /// The double well: two minima separated by a maximum, in one variable.
  ///
  /// ```
  /// f(x) = x⁴ − 4x² + 1     minima f(±√2) = −3, maximum f(0) = 1
  /// ```
  public enum DoubleWell: UnivariateFormula {
    @inlinable public static func value<S: DescentScalar>(_ t: S) -> S { t * t * (t * t - 4) + 1 }
    @inlinable public static func derivative<S: DescentScalar>(_ t: S) -> S { 4 * t * t * t - 8 * t }
    @inlinable public static func secondDerivative<S: DescentScalar>(_ t: S) -> S { 12 * t * t - 8 }
  }

  /// A parabola in the variable `w` whose minimum value is not zero.
  ///
  /// ```
  /// f(w) = w² + 3     minimum f(0) = 3
  /// ```
  public enum Parabola: UnivariateFormula {
    @inlinable public static func value<S: DescentScalar>(_ t: S) -> S { t * t + 3 }
    @inlinable public static func derivative<S: DescentScalar>(_ t: S) -> S { 2 * t }
    @inlinable public static func secondDerivative<S: DescentScalar>(_ t: S) -> S { 2 }
  }
}

private let teaching = "Descent teaching example"

extension TestFunction {
  /// `x² + y²` on [−2, 2]², start (1.5, 1.5).
  public static let bowl = fixed(
    name: "bowl", aliases: ["paraboloid"], title: "Bowl",
    summary: "The round bowl x² + y²: one minimum, condition number 1.", reference: teaching,
    factory: PlanarFactory<Catalog.Bowl>(), formula: "x^2 + y^2", window: [-2...2, -2...2],
    start: [1.5, 1.5], criticalPoints: CatalogTables.bowl, globalMinima: CatalogTables.bowlGlobalMinima)

  /// `0.5x² + 10y²` on [−2, 2] × [−1, 1], start (1.8, 0.5) — the teaching navigator's
  /// example (off-axis, so plain GD's zig-zag across the ravine shows).
  public static let narrowRavine = fixed(
    name: "narrow-ravine", aliases: ["ravine"], title: "Narrow ravine",
    summary: "A quadratic ravine 0.5x² + 10y² with condition number 20: gradient descent zig-zags.",
    reference: teaching, factory: PlanarFactory<Catalog.NarrowRavine>(), formula: "0.5*x^2 + 10*y^2",
    window: [-2...2, -1...1], start: [1.8, 0.5], criticalPoints: CatalogTables.narrowRavine,
    globalMinima: CatalogTables.narrowRavineGlobalMinima)

  /// `0.5x² + 50y²` on [−3, 3]², start (−2.5, 1).
  public static let illConditionedRavine = fixed(
    name: "ill-conditioned-ravine", aliases: ["steep-ravine"], title: "Ill-conditioned ravine",
    summary: "A quadratic ravine 0.5x² + 50y² with condition number 100: slow progress along x.",
    reference: teaching, factory: PlanarFactory<Catalog.IllConditionedRavine>(),
    formula: "0.5*x^2 + 50*y^2", window: [-3...3, -3...3], start: [-2.5, 1],
    criticalPoints: CatalogTables.illConditionedRavine,
    globalMinima: CatalogTables.illConditionedRavineGlobalMinima)

  /// `x² − y²` on [−2, 2]², start (−1.5, 0.01) (just off the saddle's stable line).
  public static let saddle = fixed(
    name: "saddle", title: "Saddle",
    summary: "x² − y²: a saddle at the origin and no minimum (unbounded below).", reference: teaching,
    factory: PlanarFactory<Catalog.Saddle>(), formula: "x^2 - y^2", window: [-2...2, -2...2],
    start: [-1.5, 0.01], criticalPoints: CatalogTables.saddle, globalMinima: [])

  /// `x³ − 3xy²` on [−1.5, 1.5]², start (1, 0.5).
  public static let monkeySaddle = fixed(
    name: "monkey-saddle", title: "Monkey saddle",
    summary: "x³ − 3xy²: a degenerate critical point (zero Hessian) with three valleys; unbounded below.",
    reference: teaching, factory: PlanarFactory<Catalog.MonkeySaddle>(), formula: "x^3 - 3*x*y^2",
    window: [-1.5...1.5, -1.5...1.5], start: [1, 0.5], criticalPoints: CatalogTables.monkeySaddle,
    globalMinima: [])

  /// `x⁴ − 4x² + 1` on [−2.5, 2.5], start 0.5.
  public static let doubleWell = fixed(
    name: "double-well", title: "Double well",
    summary: "x⁴ − 4x² + 1 in one variable: minima at ±√2 (f = −3), a maximum at 0 (f = 1).",
    reference: teaching, factory: UnivariateFactory<Catalog.DoubleWell>(), formula: "x^4 - 4*x^2 + 1",
    window: [-2.5...2.5], start: [0.5], criticalPoints: CatalogTables.doubleWell,
    globalMinima: CatalogTables.doubleWellGlobalMinima)

  /// `w² + 3` on [−3, 3], start 2.
  public static let parabola = fixed(
    name: "parabola", title: "Parabola w² + 3",
    summary: "w² + 3 in one variable w: the minimum value is 3, not 0.", reference: teaching,
    factory: UnivariateFactory<Catalog.Parabola>(), formula: "w^2 + 3", window: [-3...3], start: [2],
    criticalPoints: CatalogTables.parabola, globalMinima: CatalogTables.parabolaGlobalMinima)

  /// `1 − exp(−2(x² + y²))` on [−3, 3]², start (2, 2) — on the plateau.
  public static let plateau = fixed(
    name: "plateau", aliases: ["gaussian-well"], title: "Plateau",
    summary: "A narrow Gaussian well in a wide flat plateau where gradients vanish (‖∇f‖ ≈ 1e-6 at the start).",
    reference: teaching, factory: PlanarFactory<Catalog.Plateau>(), formula: "1 - exp(-2*(x^2 + y^2))",
    window: [-3...3, -3...3], start: [2, 2], criticalPoints: CatalogTables.plateau,
    globalMinima: CatalogTables.plateauGlobalMinima)
}
