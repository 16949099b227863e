import RealModule

extension Catalog {
  /// The Ackley function: a nearly flat outer region with a deep hole at the origin,
  /// covered in ripples.
  ///
  /// ```
  /// f(x) = −a exp(−b √(Σxᵢ²/n)) − exp(Σ cos(cxᵢ)/n) + a + e,   a = 20, b = 0.2, c = 2π
  /// ```
  /// Minimum f(0) = 0. Source: Ackley (1987); VLSE (search domain [−32.768, 32.768]ⁿ; the
  /// catalog's window is [−5, 5]ⁿ, where the n = 2 instance has 441 critical points, all
  /// listed).
  ///
  /// ## The origin
  /// The first term is a cone in `r = √(Σxᵢ²/n)`: `f` is not differentiable at 0. There the
  /// gradient is reported as 0 (the minimum-norm element of the subdifferential, so 0 is
  /// recognised as the stationary point it is) and the Hessian as that of the smooth second
  /// term alone, `diag(e c²/n)` (the cone's Hessian is unbounded as r → 0); the origin is
  /// listed as a minimum. Near 0 the value is computed as
  /// `−a·expm1(−b r) − e·expm1(−(2/n) Σ sin²(πxᵢ))`, exact to rounding, instead of the
  /// cancelling sum of the formula.
  public struct Ackley<Scalar: DescentScalar>: Objective {
    public let dimension: Int

    @inlinable
    public init(dimension: Int = 2) {
      precondition(dimension >= 1, "Ackley needs at least 1 variable")
      self.dimension = dimension
    }

    @inlinable public var hasExactHessian: Bool { true }

    /// `r = √(Σxᵢ²/n)` and `C − 1 = (Σ cos(2πxᵢ))/n − 1 = −(2/n) Σ sin²(πxᵢ)`.
    @inlinable
    func parts(_ x: UnsafeBufferPointer<Scalar>) -> (r: Scalar, cMinusOne: Scalar) {
      var squares: Scalar = 0
      var sines: Scalar = 0
      for t in x {
        squares += t * t
        let s = Scalar.sin(Scalar.pi * t)
        sines += s * s
      }
      let n = Scalar(dimension)
      return ((squares / n).squareRoot(), -2 * sines / n)
    }

    @inlinable
    public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
      precondition(x.count == dimension, "point has \(x.count) coordinates, objective has \(dimension)")
      let (r, cm1) = parts(x)
      return -20 * Scalar.expMinusOne(-0.2 * r) - Scalar.exp(1) * Scalar.expMinusOne(cm1)
    }

    @inlinable
    public func value(at x: UnsafeBufferPointer<Scalar>, gradient g: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
      let n = dimension
      precondition(x.count == n && g.count == n, "length mismatch")
      let (r, cm1) = parts(x)
      let nn = Scalar(n)
      let eC = Scalar.exp(cm1 + 1)
      let twoPi = 2 * Scalar.pi
      // cone: ∂/∂xᵢ = a b e^(−br) xᵢ/(n r); 0 at r = 0 (see the type's documentation)
      let cone: Scalar = r > 0 ? 20 * 0.2 * Scalar.exp(-0.2 * r) / (nn * r) : 0
      for i in 0..<n {
        g[i] = cone * x[i] + twoPi * eC * Scalar.sin(twoPi * x[i]) / nn
      }
      return -20 * Scalar.expMinusOne(-0.2 * r) - Scalar.exp(1) * Scalar.expMinusOne(cm1)
    }

    @inlinable
    public func hessian(at x: UnsafeBufferPointer<Scalar>, into h: UnsafeMutableBufferPointer<Scalar>) {
      let n = dimension
      precondition(x.count == n && h.count == n * n, "length mismatch")
      let (r, cm1) = parts(x)
      let nn = Scalar(n)
      let eC = Scalar.exp(cm1 + 1)
      let twoPi = 2 * Scalar.pi
      let c2 = twoPi * twoPi
      // cone T(r) = −a e^(−br): ∇²T = T″ ∇r∇rᵀ + T′ ∇²r with ∇r = x/(n r),
      // ∇²r = I/(n r) − x xᵀ/(n² r³), T′ = ab e^(−br), T″ = −ab² e^(−br)
      var diagonalCone: Scalar = 0
      var outerCone: Scalar = 0
      if r > 0 {
        let ebr = Scalar.exp(-0.2 * r)
        let t1 = 20 * 0.2 * ebr
        let t2 = -20 * 0.2 * 0.2 * ebr
        diagonalCone = t1 / (nn * r)
        outerCone = t2 / (nn * nn * r * r) - t1 / (nn * nn * r * r * r)
      }
      // cosine term U = −e^C: ∂ᵢⱼU = −e^C (c² sᵢsⱼ/n² − δᵢⱼ c² cosᵢ/n)
      for i in 0..<n {
        let si = Scalar.sin(twoPi * x[i])
        for j in i..<n {
          let sj = Scalar.sin(twoPi * x[j])
          var v = outerCone * x[i] * x[j] - eC * c2 * si * sj / (nn * nn)
          if i == j { v += diagonalCone + eC * c2 * Scalar.cos(twoPi * x[i]) / nn }
          h[i * n + j] = v
          h[j * n + i] = v
        }
      }
    }
  }
}

struct AckleyFactory: ObjectiveFactory {
  func make<S: DescentScalar>(dimension: Int, as type: S.Type) -> any Objective<S> {
    Catalog.Ackley<S>(dimension: dimension)
  }
}

extension TestFunction {
  /// Ackley, n ≥ 1 (default 2), coordinates in [−5, 5], start (3, …, 3).
  public static let ackley = variable(
    name: "ackley", title: "Ackley",
    summary: "A deep hole at the origin (f = 0, not differentiable there) in a rippled, nearly flat plain.",
    reference: "D. H. Ackley, A connectionist machine for genetic hillclimbing, Kluwer, 1987; VLSE (sfu.ca/~ssurjano/ackley.html)",
    minimumDimension: 1, factory: AckleyFactory(),
    formula: { n in
      let squares = joinedTerms(n) { "x\($0)^2" }
      let cosines = joinedTerms(n) { "cos(2*pi*x\($0))" }
      return "-20*exp(-0.2*sqrt((\(squares))/\(n))) - exp((\(cosines))/\(n)) + 20 + e"
    },
    range: { _ in -5...5 }, start: { n in Array(repeating: 3, count: n) },
    globalMinima: { n in [CriticalPoint(x: Array(repeating: 0, count: n), value: 0, kind: .minimum)] },
    criticalPointsInTwoDimensions: CatalogTables.ackley)
}
