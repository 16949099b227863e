extension Catalog {
  /// The Zakharov function: a bowl plus the square and fourth power of a weighted sum.
  ///
  /// ```
  /// f(x) = Σᵢ xᵢ² + (Σᵢ 0.5 i xᵢ)² + (Σᵢ 0.5 i xᵢ)⁴      minimum f(0) = 0
  /// ```
  /// The origin is the only critical point (at a critical point `S = Σ 0.5 i xᵢ` satisfies
  /// `S(1 + (1 + 2S²)Σ(0.5i)²) = 0`). Source: VLSE.
  public struct Zakharov<Scalar: DescentScalar>: Objective {
    public let dimension: Int

    @inlinable
    public init(dimension: Int = 2) {
      precondition(dimension >= 1, "Zakharov needs at least 1 variable")
      self.dimension = dimension
    }

    @inlinable public var hasExactHessian: Bool { true }

    @inlinable
    func sums(_ x: UnsafeBufferPointer<Scalar>) -> (squares: Scalar, weighted: Scalar) {
      var squares: Scalar = 0
      var weighted: Scalar = 0
      for i in 0..<dimension {
        squares += x[i] * x[i]
        weighted += Scalar(i + 1) * x[i]
      }
      return (squares, weighted / 2)
    }

    @inlinable
    public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
      precondition(x.count == dimension, "point has \(x.count) coordinates, objective has \(dimension)")
      let (q, s) = sums(x)
      let s2 = s * s
      return q + s2 + s2 * s2
    }

    @inlinable
    public func value(at x: UnsafeBufferPointer<Scalar>, gradient g: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
      precondition(x.count == dimension && g.count == dimension, "length mismatch")
      let (q, s) = sums(x)
      let s2 = s * s
      let k = 2 * s + 4 * s2 * s
      for i in 0..<dimension { g[i] = 2 * x[i] + k * Scalar(i + 1) / 2 }
      return q + s2 + s2 * s2
    }

    @inlinable
    public func hessian(at x: UnsafeBufferPointer<Scalar>, into h: UnsafeMutableBufferPointer<Scalar>) {
      let n = dimension
      precondition(x.count == n && h.count == n * n, "length mismatch")
      let s = sums(x).weighted
      let k = 2 + 12 * s * s
      for i in 0..<n {
        for j in 0..<n {
          h[i * n + j] = k * Scalar(i + 1) * Scalar(j + 1) / 4 + (i == j ? 2 : 0)
        }
      }
    }
  }
}

struct ZakharovFactory: ObjectiveFactory {
  func make<S: DescentScalar>(dimension: Int, as type: S.Type) -> any Objective<S> {
    Catalog.Zakharov<S>(dimension: dimension)
  }
}

extension TestFunction {
  /// Zakharov, n ≥ 1 (default 2), coordinates in [−5, 10], start (1, …, 1).
  public static let zakharov = variable(
    name: "zakharov", title: "Zakharov",
    summary: "Σ xᵢ² + S² + S⁴ with S = Σ 0.5 i xᵢ: a plate-shaped bowl; minimum f(0) = 0.",
    reference: "VLSE, Zakharov function (sfu.ca/~ssurjano/zakharov.html)",
    minimumDimension: 1, factory: ZakharovFactory(),
    formula: { n in
      let weighted = joinedTerms(n) { $0 == 1 ? "x1" : "\($0)*x\($0)" }
      return joinedTerms(n) { "x\($0)^2" } + " + ((\(weighted))/2)^2 + ((\(weighted))/2)^4"
    },
    range: { _ in -5...10 }, start: { n in Array(repeating: 1, count: n) },
    globalMinima: { n in [CriticalPoint(x: Array(repeating: 0, count: n), value: 0, kind: .minimum)] },
    criticalPointsInTwoDimensions: CatalogTables.zakharov)
}
