extension Catalog {
  /// The Trid function: a convex quadratic with a tridiagonal Hessian and no local minima
  /// other than the global one.
  ///
  /// ```
  /// f(x) = Σᵢ (xᵢ − 1)² − Σᵢ₌₂ⁿ xᵢ xᵢ₋₁
  /// ```
  /// Minimum f = −n(n + 4)(n − 1)/6 at xᵢ = i(n + 1 − i). Source: VLSE (search domain
  /// [−n², n²]ⁿ, used as the window).
  public struct Trid<Scalar: DescentScalar>: Objective {
    public let dimension: Int

    @inlinable
    public init(dimension: Int = 2) {
      precondition(dimension >= 2, "Trid needs at least 2 variables")
      self.dimension = dimension
    }

    @inlinable public var hasExactHessian: Bool { true }

    @inlinable
    public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
      precondition(x.count == dimension, "point has \(x.count) coordinates, objective has \(dimension)")
      var sum = (x[0] - 1) * (x[0] - 1)
      for i in 1..<dimension { sum += (x[i] - 1) * (x[i] - 1) - x[i] * x[i - 1] }
      return sum
    }

    @inlinable
    public func value(at x: UnsafeBufferPointer<Scalar>, gradient g: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
      let n = dimension
      precondition(x.count == n && g.count == n, "length mismatch")
      for i in 0..<n {
        var gi = 2 * (x[i] - 1)
        if i > 0 { gi -= x[i - 1] }
        if i < n - 1 { gi -= x[i + 1] }
        g[i] = gi
      }
      return value(at: x)
    }

    @inlinable
    public func hessian(at x: UnsafeBufferPointer<Scalar>, into h: UnsafeMutableBufferPointer<Scalar>) {
      let n = dimension
      precondition(x.count == n && h.count == n * n, "length mismatch")
      for k in 0..<(n * n) { h[k] = 0 }
      for i in 0..<n {
        h[i * n + i] = 2
        if i > 0 { h[i * n + i - 1] = -1 }
        if i < n - 1 { h[i * n + i + 1] = -1 }
      }
    }
  }
}

struct TridFactory: ObjectiveFactory {
  func make<S: DescentScalar>(dimension: Int, as type: S.Type) -> any Objective<S> {
    Catalog.Trid<S>(dimension: dimension)
  }
}

extension TestFunction {
  /// Trid, n ≥ 2 (default 2), coordinates in [−n², n²], start (0, …, 0).
  public static let trid = variable(
    name: "trid", title: "Trid",
    summary: "Σ (xᵢ − 1)² − Σ xᵢxᵢ₋₁: a convex quadratic; minimum −n(n + 4)(n − 1)/6 at xᵢ = i(n + 1 − i).",
    reference: "VLSE, Trid function (sfu.ca/~ssurjano/trid.html)",
    minimumDimension: 2, factory: TridFactory(),
    formula: { n in
      joinedTerms(n) { "(x\($0) - 1)^2" } + (2...n).map { " - x\($0)*x\($0 - 1)" }.joined()
    },
    range: { n in Double(-n * n)...Double(n * n) }, start: { n in Array(repeating: 0, count: n) },
    globalMinima: { n in
      let x = (1...n).map { Double($0 * (n + 1 - $0)) }
      return [CriticalPoint(x: x, value: -Double(n * (n + 4) * (n - 1)) / 6, kind: .minimum)]
    },
    criticalPointsInTwoDimensions: CatalogTables.trid)
}
