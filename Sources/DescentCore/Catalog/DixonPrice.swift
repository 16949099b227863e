import RealModule

extension Catalog {
  /// The Dixon–Price function: a valley whose minimizer has coordinates shrinking towards
  /// 1/2.
  ///
  /// ```
  /// f(x) = (x₁ − 1)² + Σᵢ₌₂ⁿ i (2xᵢ² − xᵢ₋₁)²
  /// ```
  /// Global minima f = 0 at xᵢ = 2^(−(2ⁱ − 2)/2ⁱ), and at the same point with xₙ negated
  /// (x₂ … xₙ₋₁ must be positive because 2xᵢ₊₁² = xᵢ): two minima for every n ≥ 2. The weight
  /// is `i`, not `i − 1` or 2 as some visualizer presets have it. Source: Dixon & Price
  /// (1989); VLSE.
  public struct DixonPrice<Scalar: DescentScalar>: Objective {
    public let dimension: Int

    @inlinable
    public init(dimension: Int = 2) {
      precondition(dimension >= 2, "Dixon–Price needs at least 2 variables")
      self.dimension = dimension
    }

    @inlinable public var hasExactHessian: Bool { true }

    @inlinable
    public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
      precondition(x.count == dimension, "point has \(x.count) coordinates, objective has \(dimension)")
      var sum = (x[0] - 1) * (x[0] - 1)
      for k in 1..<dimension {
        let t = 2 * x[k] * x[k] - x[k - 1]
        sum += Scalar(k + 1) * t * t
      }
      return sum
    }

    @inlinable
    public func value(at x: UnsafeBufferPointer<Scalar>, gradient g: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
      let n = dimension
      precondition(x.count == n && g.count == n, "length mismatch")
      var sum = (x[0] - 1) * (x[0] - 1)
      g[0] = 2 * (x[0] - 1)
      for k in 1..<n {
        let w = Scalar(k + 1)
        let t = 2 * x[k] * x[k] - x[k - 1]
        sum += w * t * t
        g[k] = 8 * w * t * x[k]
        g[k - 1] -= 2 * w * t
      }
      return sum
    }

    @inlinable
    public func hessian(at x: UnsafeBufferPointer<Scalar>, into h: UnsafeMutableBufferPointer<Scalar>) {
      let n = dimension
      precondition(x.count == n && h.count == n * n, "length mismatch")
      for k in 0..<(n * n) { h[k] = 0 }
      h[0] = 2
      for k in 1..<n {
        // w t², t = 2x_k² − x_{k−1}: ∇t = 4x_k e_k − e_{k−1}, ∇²t = 4 e_k e_kᵀ
        let w = Scalar(k + 1)
        let t = 2 * x[k] * x[k] - x[k - 1]
        h[k * n + k] += 2 * w * (16 * x[k] * x[k] + 4 * t)
        h[(k - 1) * n + (k - 1)] += 2 * w
        h[k * n + k - 1] = -8 * w * x[k]
        h[(k - 1) * n + k] = -8 * w * x[k]
      }
    }
  }
}

struct DixonPriceFactory: ObjectiveFactory {
  func make<S: DescentScalar>(dimension: Int, as type: S.Type) -> any Objective<S> {
    Catalog.DixonPrice<S>(dimension: dimension)
  }
}

extension TestFunction {
  /// Dixon–Price, n ≥ 2 (default 2), coordinates in [−10, 10], start (1, …, 1).
  public static let dixonPrice = variable(
    name: "dixon-price", title: "Dixon–Price",
    summary: "(x₁ − 1)² + Σ i(2xᵢ² − xᵢ₋₁)²: a valley with two global minima f = 0 (xₙ of either sign).",
    reference: "L. C. W. Dixon, R. C. Price, Truncated Newton method for sparse unconstrained optimization using automatic differentiation, JOTA 60:261–275, 1989; VLSE (sfu.ca/~ssurjano/dixonpr.html)",
    minimumDimension: 2, factory: DixonPriceFactory(),
    formula: { n in "(x1 - 1)^2 + " + (2...n).map { "\($0)*(2*x\($0)^2 - x\($0 - 1))^2" }.joined(separator: " + ") },
    range: { _ in -10...10 }, start: { n in Array(repeating: 1, count: n) },
    globalMinima: { n in
      var x = (1...n).map { i -> Double in
        let p = Double.pow(2, Double(i))
        return Double.pow(2, -(p - 2) / p)
      }
      let first = CriticalPoint(x: x, value: 0, kind: .minimum)
      x[n - 1] = -x[n - 1]
      return [first, CriticalPoint(x: x, value: 0, kind: .minimum)]
    },
    criticalPointsInTwoDimensions: CatalogTables.dixonPrice)
}
