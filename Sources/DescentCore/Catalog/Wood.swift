extension Catalog {
  /// Wood's function (Moré–Garbow–Hillstrom problem 14, Colville's function): two coupled
  /// Rosenbrock valleys in four variables `x, y, z, w`.
  ///
  /// ```
  /// f = 100(y − x²)² + (1 − x)² + 90(w − z²)² + (1 − z)²
  ///   + 10.1((y − 1)² + (w − 1)²) + 19.8(y − 1)(w − 1)          minimum f(1, 1, 1, 1) = 0
  /// ```
  /// Start x₀ = (−3, −1, −3, −1).
  public struct Wood<Scalar: DescentScalar>: Objective {
    @inlinable public init() {}
    @inlinable public var dimension: Int { 4 }
    @inlinable public var hasExactHessian: Bool { true }

    @inlinable
    static func value(_ x: Scalar, _ y: Scalar, _ z: Scalar, _ w: Scalar) -> Scalar {
      let a: Scalar = y - x * x
      let b: Scalar = 1 - x
      let c: Scalar = w - z * z
      let d: Scalar = 1 - z
      let y1: Scalar = y - 1
      let w1: Scalar = w - 1
      let valleys: Scalar = 100 * a * a + b * b + 90 * c * c + d * d
      let coupling: Scalar = 10.1 * (y1 * y1 + w1 * w1) + 19.8 * y1 * w1
      return valleys + coupling
    }

    @inlinable
    public func value(at p: UnsafeBufferPointer<Scalar>) -> Scalar {
      precondition(p.count == 4, "point has \(p.count) coordinates, objective has 4")
      return Self.value(p[0], p[1], p[2], p[3])
    }

    @inlinable
    public func value(at p: UnsafeBufferPointer<Scalar>, gradient g: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
      precondition(p.count == 4 && g.count == 4, "point and gradient must have 4 coordinates")
      let a: Scalar = p[1] - p[0] * p[0]
      let b: Scalar = 1 - p[0]
      let c: Scalar = p[3] - p[2] * p[2]
      let d: Scalar = 1 - p[2]
      let y1: Scalar = p[1] - 1
      let w1: Scalar = p[3] - 1
      g[0] = -400 * p[0] * a - 2 * b
      g[1] = 200 * a + 20.2 * y1 + 19.8 * w1
      g[2] = -360 * p[2] * c - 2 * d
      g[3] = 180 * c + 20.2 * w1 + 19.8 * y1
      return Self.value(p[0], p[1], p[2], p[3])
    }

    @inlinable
    public func hessian(at p: UnsafeBufferPointer<Scalar>, into h: UnsafeMutableBufferPointer<Scalar>) {
      precondition(p.count == 4 && h.count == 16, "point must have 4 coordinates, Hessian 16 entries")
      for k in 0..<16 { h[k] = 0 }
      h[0] = 1200 * p[0] * p[0] - 400 * p[1] + 2
      h[1] = -400 * p[0]; h[4] = h[1]
      h[5] = 220.2
      h[7] = 19.8; h[13] = 19.8
      h[10] = 1080 * p[2] * p[2] - 360 * p[3] + 2
      h[11] = -360 * p[2]; h[14] = h[11]
      h[15] = 200.2
    }
  }
}

struct WoodFactory: ObjectiveFactory {
  func make<S: DescentScalar>(dimension: Int, as type: S.Type) -> any Objective<S> { Catalog.Wood<S>() }
}

extension TestFunction {
  /// Wood's function on [−3, 3]⁴, MGH start (−3, −1, −3, −1).
  public static let wood = fixed(
    name: "wood", aliases: ["colville"], title: "Wood",
    summary: "MGH 14: two coupled Rosenbrock valleys in 4-D; minimum f(1, 1, 1, 1) = 0.",
    reference: "J. J. Moré, B. S. Garbow, K. E. Hillstrom, Testing unconstrained optimization software, ACM TOMS 7(1):17–41, 1981, problem 14 (after Colville, 1968)",
    factory: WoodFactory(),
    formula: "100*(y - x^2)^2 + (1 - x)^2 + 90*(w - z^2)^2 + (1 - z)^2 + 10.1*((y - 1)^2 + (w - 1)^2)"
      + " + 19.8*(y - 1)*(w - 1)",
    window: [-3...3, -3...3, -3...3, -3...3], start: [-3, -1, -3, -1], criticalPoints: CatalogTables.wood,
    globalMinima: CatalogTables.woodGlobalMinima, complete: false)
}
