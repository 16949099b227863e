extension Catalog {
  /// Powell's singular function (Moré–Garbow–Hillstrom problem 13) in `x, y, z, w`.
  ///
  /// ```
  /// f = (x + 10y)² + 5(z − w)² + (y − 2z)⁴ + 10(x − w)⁴          minimum f(0, 0, 0, 0) = 0
  /// ```
  /// The Hessian at the minimum is singular (rank 2), so the minimum is listed with kind
  /// `degenerate`: the second-order test cannot see that it is a minimum, and Newton's
  /// method converges only linearly. Start x₀ = (3, −1, 0, 1).
  public struct PowellSingular<Scalar: DescentScalar>: Objective {
    @inlinable public init() {}
    @inlinable public var dimension: Int { 4 }
    @inlinable public var hasExactHessian: Bool { true }

    @inlinable
    public func value(at p: UnsafeBufferPointer<Scalar>) -> Scalar {
      precondition(p.count == 4, "point has \(p.count) coordinates, objective has 4")
      let a: Scalar = p[0] + 10 * p[1]
      let b: Scalar = p[2] - p[3]
      let c: Scalar = p[1] - 2 * p[2]
      let d: Scalar = p[0] - p[3]
      let c2: Scalar = c * c
      let d2: Scalar = d * d
      return a * a + 5 * b * b + c2 * c2 + 10 * d2 * d2
    }

    @inlinable
    public func value(at p: UnsafeBufferPointer<Scalar>, gradient g: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
      precondition(p.count == 4 && g.count == 4, "point and gradient must have 4 coordinates")
      let a: Scalar = p[0] + 10 * p[1]
      let b: Scalar = p[2] - p[3]
      let c: Scalar = p[1] - 2 * p[2]
      let d: Scalar = p[0] - p[3]
      let c3: Scalar = c * c * c
      let d3: Scalar = d * d * d
      g[0] = 2 * a + 40 * d3
      g[1] = 20 * a + 4 * c3
      g[2] = 10 * b - 8 * c3
      g[3] = -10 * b - 40 * d3
      let squares: Scalar = a * a + 5 * b * b
      return squares + c3 * c + 10 * d3 * d
    }

    @inlinable
    public func hessian(at p: UnsafeBufferPointer<Scalar>, into h: UnsafeMutableBufferPointer<Scalar>) {
      precondition(p.count == 4 && h.count == 16, "point must have 4 coordinates, Hessian 16 entries")
      let c = p[1] - 2 * p[2], d = p[0] - p[3]
      let c2 = 12 * c * c, d2 = 120 * d * d
      h[0] = 2 + d2; h[1] = 20; h[2] = 0; h[3] = -d2
      h[4] = 20; h[5] = 200 + c2; h[6] = -2 * c2; h[7] = 0
      h[8] = 0; h[9] = -2 * c2; h[10] = 10 + 4 * c2; h[11] = -10
      h[12] = -d2; h[13] = 0; h[14] = -10; h[15] = 10 + d2
    }
  }
}

struct PowellSingularFactory: ObjectiveFactory {
  func make<S: DescentScalar>(dimension: Int, as type: S.Type) -> any Objective<S> { Catalog.PowellSingular<S>() }
}

extension TestFunction {
  /// Powell's singular function on [−4, 4]⁴, MGH start (3, −1, 0, 1).
  public static let powellSingular = fixed(
    name: "powell-singular", title: "Powell singular",
    summary: "MGH 13: minimum f(0) = 0 with a singular Hessian there (listed as degenerate); Newton converges linearly.",
    reference: "J. J. Moré, B. S. Garbow, K. E. Hillstrom, Testing unconstrained optimization software, ACM TOMS 7(1):17–41, 1981, problem 13 (after Powell, 1962)",
    factory: PowellSingularFactory(), formula: "(x + 10*y)^2 + 5*(z - w)^2 + (y - 2*z)^4 + 10*(x - w)^4",
    window: [-4...4, -4...4, -4...4, -4...4], start: [3, -1, 0, 1], criticalPoints: CatalogTables.powellSingular,
    globalMinima: CatalogTables.powellSingularGlobalMinima, complete: false)
}
