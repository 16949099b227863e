import RealModule

extension Catalog {
  /// The helical valley (Moré–Garbow–Hillstrom problem 7): a steep valley winding around
  /// the z-axis.
  ///
  /// ```
  /// θ(x, y) = atan(y/x)/(2π)          for x > 0
  ///         = atan(y/x)/(2π) + 1/2    for x < 0
  /// f(x, y, z) = 100(z − 10θ)² + 100(√(x² + y²) − 1)² + z²      minimum f(1, 0, 0) = 0
  /// ```
  /// MGH leave `x = 0` undefined; here `x = ±0` takes the `x > 0` branch (so θ = ±1/4, the
  /// limit from the right), and `(0, 0, z)` gives NaN. The formula string writes the branch
  /// as `0.25·(1 − x/|x|)`, which is NaN at `x = 0`. θ jumps by 1 across the half-plane
  /// `x = 0, y < 0`, so the function is discontinuous there. Start x₀ = (−1, 0, 0).
  public struct HelicalValley<Scalar: DescentScalar>: Objective {
    @inlinable public init() {}
    @inlinable public var dimension: Int { 3 }
    @inlinable public var hasExactHessian: Bool { true }

    @inlinable
    static func theta(_ x: Scalar, _ y: Scalar) -> Scalar {
      Scalar.atan(y / x) / (2 * Scalar.pi) + (x < 0 ? 0.5 : 0)
    }

    @inlinable
    public func value(at p: UnsafeBufferPointer<Scalar>) -> Scalar {
      precondition(p.count == 3, "point has \(p.count) coordinates, objective has 3")
      let x = p[0], y = p[1], z = p[2]
      let u = z - 10 * Self.theta(x, y)
      let r = (x * x + y * y).squareRoot() - 1
      return 100 * u * u + 100 * r * r + z * z
    }

    @inlinable
    public func value(at p: UnsafeBufferPointer<Scalar>, gradient g: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
      precondition(p.count == 3 && g.count == 3, "point and gradient must have 3 coordinates")
      let x = p[0], y = p[1], z = p[2]
      let r2 = x * x + y * y
      let r = r2.squareRoot()
      let u = z - 10 * Self.theta(x, y)
      // ∂u/∂x = −10 ∂θ/∂x = 10y/(2πr²), ∂u/∂y = −10x/(2πr²)
      let k = 10 / (2 * Scalar.pi * r2)
      let ux = k * y, uy = -k * x
      let s = 200 * (r - 1) / r
      g[0] = 200 * u * ux + s * x
      g[1] = 200 * u * uy + s * y
      g[2] = 200 * u + 2 * z
      return 100 * u * u + 100 * (r - 1) * (r - 1) + z * z
    }

    @inlinable
    public func hessian(at p: UnsafeBufferPointer<Scalar>, into h: UnsafeMutableBufferPointer<Scalar>) {
      precondition(p.count == 3 && h.count == 9, "point must have 3 coordinates, Hessian 9 entries")
      let x = p[0], y = p[1], z = p[2]
      let r2 = x * x + y * y
      let r = r2.squareRoot()
      let u = z - 10 * Self.theta(x, y)
      let k = 10 / (2 * Scalar.pi * r2)
      let ux = k * y, uy = -k * x
      // ∂²u = −10 ∂²θ with θxx = xy/(πr⁴), θxy = (y² − x²)/(2πr⁴), θyy = −xy/(πr⁴)
      let piR4: Scalar = Scalar.pi * r2 * r2
      let uxx: Scalar = -10 * x * y / piR4
      let uxy: Scalar = -5 * (y * y - x * x) / piR4
      let uyy: Scalar = 10 * x * y / piR4
      // 100(r − 1)²: 200[(∇r)(∇r)ᵀ + (r − 1)∇²r], ∇r = (x, y)/r, ∇²r = [[y², −xy], [−xy, x²]]/r³
      let r3: Scalar = r2 * r
      let bend: Scalar = (r - 1) / r3
      let angularXX: Scalar = ux * ux + u * uxx
      let angularXY: Scalar = ux * uy + u * uxy
      let angularYY: Scalar = uy * uy + u * uyy
      let radialXX: Scalar = x * x / r2 + bend * y * y
      let radialXY: Scalar = x * y / r2 - bend * x * y
      let radialYY: Scalar = y * y / r2 + bend * x * x
      let hxx: Scalar = 200 * (angularXX + radialXX)
      let hxy: Scalar = 200 * (angularXY + radialXY)
      let hyy: Scalar = 200 * (angularYY + radialYY)
      h[0] = hxx; h[1] = hxy; h[2] = 200 * ux
      h[3] = hxy; h[4] = hyy; h[5] = 200 * uy
      h[6] = 200 * ux; h[7] = 200 * uy; h[8] = 202
    }
  }
}

struct HelicalValleyFactory: ObjectiveFactory {
  func make<S: DescentScalar>(dimension: Int, as type: S.Type) -> any Objective<S> { Catalog.HelicalValley<S>() }
}

extension TestFunction {
  /// The helical valley on [−2, 2]³, MGH start (−1, 0, 0).
  public static let helicalValley = fixed(
    name: "helical-valley", aliases: ["helix"], title: "Helical valley",
    summary: "MGH 7: a steep valley spiralling around the z-axis; minimum f(1, 0, 0) = 0.",
    reference: "J. J. Moré, B. S. Garbow, K. E. Hillstrom, Testing unconstrained optimization software, ACM TOMS 7(1):17–41, 1981, problem 7 (after Fletcher & Powell, 1963)",
    factory: HelicalValleyFactory(),
    formula: "100*(z - 10*(atan(y/x)/(2*pi) + 0.25*(1 - x/abs(x))))^2 + 100*(sqrt(x^2 + y^2) - 1)^2 + z^2",
    window: [-2...2, -2...2, -2...2], start: [-1, 0, 0], criticalPoints: CatalogTables.helicalValley,
    globalMinima: CatalogTables.helicalValleyGlobalMinima, complete: false)
}
