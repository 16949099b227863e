import RealModule

extension Catalog {
  /// The sphere: `f(x) = Σ xᵢ²`, minimum f(0) = 0. Source: VLSE.
  public enum Sphere: SeparableFormula {
    @inlinable public static func term<S: DescentScalar>(_ t: S) -> S { t * t }
    @inlinable public static func termDerivative<S: DescentScalar>(_ t: S) -> S { 2 * t }
    @inlinable public static func termSecondDerivative<S: DescentScalar>(_ t: S) -> S { 2 }
  }

  /// The Rastrigin function: a bowl covered in a regular grid of local minima.
  ///
  /// ```
  /// f(x) = 10n + Σᵢ [xᵢ² − 10 cos(2πxᵢ)]      minimum f(0) = 0
  /// ```
  /// Each term is evaluated as `xᵢ² + 20 sin²(πxᵢ)` (equal to `xᵢ² + 10 − 10 cos 2πxᵢ`),
  /// which keeps full relative accuracy near the minimum. In [−5.12, 5.12]² there are
  /// 441 critical points (121 minima, 100 maxima, 220 saddles), all listed. Source:
  /// Rastrigin (1974); VLSE.
  public enum Rastrigin: SeparableFormula {
    @inlinable public static func term<S: DescentScalar>(_ t: S) -> S {
      let s = S.sin(S.pi * t)
      return t * t + 20 * s * s
    }
    @inlinable public static func termDerivative<S: DescentScalar>(_ t: S) -> S {
      2 * t + 20 * S.pi * S.sin(2 * S.pi * t)
    }
    @inlinable public static func termSecondDerivative<S: DescentScalar>(_ t: S) -> S {
      2 + 40 * S.pi * S.pi * S.cos(2 * S.pi * t)
    }
  }

  /// The Styblinski–Tang function: a separable quartic with 2ⁿ local minima.
  ///
  /// ```
  /// f(x) = ½ Σᵢ (xᵢ⁴ − 16xᵢ² + 5xᵢ)      minimum f(t*, …, t*) = −39.16616570377141·n,
  /// t* = −2.903534027771177 (the negative root of 4t³ − 32t + 5 = 0)
  /// ```
  /// Source: Styblinski & Tang (1990); VLSE.
  public enum StyblinskiTang: SeparableFormula {
    @inlinable public static func term<S: DescentScalar>(_ t: S) -> S { (t * t * (t * t - 16) + 5 * t) / 2 }
    @inlinable public static func termDerivative<S: DescentScalar>(_ t: S) -> S { 2 * t * t * t - 16 * t + 2.5 }
    @inlinable public static func termSecondDerivative<S: DescentScalar>(_ t: S) -> S { 6 * t * t - 16 }
  }
}

extension TestFunction {
  /// The sphere, n ≥ 1 (default 2), coordinates in [−5.12, 5.12], start (3, …, 3).
  public static let sphere = variable(
    name: "sphere", title: "Sphere",
    summary: "Σ xᵢ²: the N-D round bowl; minimum f(0) = 0.",
    reference: "VLSE, Sphere function (sfu.ca/~ssurjano/spheref.html)",
    minimumDimension: 1, factory: SeparableFactory<Catalog.Sphere>(),
    formula: { n in joinedTerms(n) { "x\($0)^2" } }, range: { _ in -5.12...5.12 },
    start: { n in Array(repeating: 3, count: n) },
    globalMinima: { n in [CriticalPoint(x: Array(repeating: 0, count: n), value: 0, kind: .minimum)] },
    criticalPointsInTwoDimensions: CatalogTables.sphere)

  /// Rastrigin, n ≥ 1 (default 2), coordinates in [−5.12, 5.12], start (2.5, …, 2.5).
  public static let rastrigin = variable(
    name: "rastrigin", title: "Rastrigin",
    summary: "10n + Σ (xᵢ² − 10 cos 2πxᵢ): a grid of local minima over a bowl; minimum f(0) = 0.",
    reference: "L. A. Rastrigin, Systems of extremal control, Nauka, 1974; VLSE (sfu.ca/~ssurjano/rastr.html)",
    minimumDimension: 1, factory: SeparableFactory<Catalog.Rastrigin>(),
    formula: { n in "\(10 * n) + " + joinedTerms(n) { "(x\($0)^2 - 10*cos(2*pi*x\($0)))" } },
    range: { _ in -5.12...5.12 }, start: { n in Array(repeating: 2.5, count: n) },
    globalMinima: { n in [CriticalPoint(x: Array(repeating: 0, count: n), value: 0, kind: .minimum)] },
    criticalPointsInTwoDimensions: CatalogTables.rastrigin)

  /// Styblinski–Tang, n ≥ 1 (default 2), coordinates in [−5, 5], start (0, …, 0).
  public static let styblinskiTang = variable(
    name: "styblinski-tang", title: "Styblinski–Tang",
    summary: "½ Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ): 2ⁿ minima; global f = −39.166·n at xᵢ = −2.9035.",
    reference: "M. A. Styblinski, T.-S. Tang, Experiments in nonconvex optimization, Neural Networks 3:467–483, 1990; VLSE (sfu.ca/~ssurjano/stybtang.html)",
    minimumDimension: 1, factory: SeparableFactory<Catalog.StyblinskiTang>(),
    formula: { n in "0.5*(" + joinedTerms(n) { "(x\($0)^4 - 16*x\($0)^2 + 5*x\($0))" } + ")" },
    range: { _ in -5...5 }, start: { n in Array(repeating: 0, count: n) },
    globalMinima: { n in
      [CriticalPoint(x: Array(repeating: -2.903534027771177, count: n), value: -39.16616570377141 * Double(n), kind: .minimum)]
    },
    criticalPointsInTwoDimensions: CatalogTables.styblinskiTang)
}
