extension Catalog {
  /// The Rosenbrock function in its chained (generalised) N-D form: a curved, narrow valley.
  ///
  /// ```
  /// f(x) = Σᵢ₌₁ⁿ⁻¹ [100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²]      minimum f(1, …, 1) = 0
  /// ```
  /// This is the form of VLSE and SciPy's `rosen`. At n = 2 it is Moré–Garbow–Hillstrom
  /// problem 1 (and equals their *extended* Rosenbrock, problem 21, which instead sums
  /// independent pairs (x₂ᵢ₋₁, x₂ᵢ) — a different function for n > 2). For 4 ≤ n ≤ 7 the
  /// chained form also has a local minimum near (−1, 1, …, 1). Start: MGH's (−1.2, 1),
  /// repeated as (−1.2, 1, −1.2, 1, …) for larger n.
  public struct Rosenbrock<Scalar: DescentScalar>: Objective {
    public let dimension: Int

    @inlinable
    public init(dimension: Int = 2) {
      precondition(dimension >= 2, "Rosenbrock needs at least 2 variables")
      self.dimension = dimension
    }

    @inlinable public var hasExactHessian: Bool { true }

    @inlinable
    public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
      precondition(x.count == dimension, "point has \(x.count) coordinates, objective has \(dimension)")
      var sum: Scalar = 0
      for i in 0..<(dimension - 1) {
        let a = x[i + 1] - x[i] * x[i]
        let b = 1 - x[i]
        sum += 100 * a * a + b * b
      }
      return sum
    }

    @inlinable
    public func value(at x: UnsafeBufferPointer<Scalar>, gradient g: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
      let n = dimension
      precondition(x.count == n && g.count == n, "length mismatch")
      var sum: Scalar = 0
      g[0] = 0
      for i in 0..<(n - 1) {
        let a = x[i + 1] - x[i] * x[i]
        let b = 1 - x[i]
        sum += 100 * a * a + b * b
        g[i] += -400 * x[i] * a - 2 * b
        g[i + 1] = 200 * a
      }
      return sum
    }

    @inlinable
    public func hessian(at x: UnsafeBufferPointer<Scalar>, into h: UnsafeMutableBufferPointer<Scalar>) {
      let n = dimension
      precondition(x.count == n && h.count == n * n, "length mismatch")
      for k in 0..<(n * n) { h[k] = 0 }
      for i in 0..<(n - 1) {
        h[i * n + i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2
        h[(i + 1) * n + i + 1] += 200
        h[i * n + i + 1] = -400 * x[i]
        h[(i + 1) * n + i] = -400 * x[i]
      }
    }
  }
}

struct RosenbrockFactory: ObjectiveFactory {
  func make<S: DescentScalar>(dimension: Int, as type: S.Type) -> any Objective<S> {
    Catalog.Rosenbrock<S>(dimension: dimension)
  }
}

extension TestFunction {
  /// Rosenbrock (chained), n ≥ 2 (default 2), each coordinate in [−2, 2], MGH start
  /// (−1.2, 1, −1.2, 1, …).
  public static let rosenbrock = variable(
    name: "rosenbrock", aliases: ["banana"], title: "Rosenbrock",
    summary: "The curved banana valley Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² (chained form); minimum f(1, …, 1) = 0.",
    reference: "H. H. Rosenbrock, An automatic method for finding the greatest or least value of a function, Comput. J. 3:175–184, 1960; MGH 1981 problem 1; VLSE (sfu.ca/~ssurjano/rosen.html)",
    minimumDimension: 2, factory: RosenbrockFactory(),
    formula: { n in
      joinedTerms(n - 1) { i in "100*(x\(i + 1) - x\(i)^2)^2 + (1 - x\(i))^2" }
    },
    range: { _ in -2...2 },
    start: { n in (0..<n).map { $0 % 2 == 0 ? -1.2 : 1 } },
    globalMinima: { n in [CriticalPoint(x: Array(repeating: 1, count: n), value: 0, kind: .minimum)] },
    criticalPointsInTwoDimensions: CatalogTables.rosenbrock)
}
