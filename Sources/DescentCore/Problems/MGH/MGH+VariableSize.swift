import RealModule

// Problems 21–35 of Moré, Garbow & Hillstrom (1981): the ones whose size n (and m) the
// user picks. Defaults are the sizes most often reported (n = 10 unless stated).

extension MGH {
  /// Problem 21, extended Rosenbrock: `r₂ᵢ₋₁ = 10(x₂ᵢ − x₂ᵢ₋₁²)`, `r₂ᵢ = 1 − x₂ᵢ₋₁`.
  /// n = m even (default 10), x₀ = (−1.2, 1, −1.2, 1, …), f* = 0 at (1, …, 1).
  /// (Uncoupled pairs: not the chained form `Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²`; that one is
  /// ``ChainedRosenbrock``.)
  public struct ExtendedRosenbrock: LeastSquaresProblem {
    public let dimension: Int
    public init(dimension n: Int = 10) {
      precondition(n >= 2 && n % 2 == 0, "extended Rosenbrock needs an even n ≥ 2")
      dimension = n
    }
    public var name: String { "extended-rosenbrock" }
    public var title: String { "Extended Rosenbrock" }
    public var residualCount: Int { dimension }
    public var standardStart: [Double] { (0..<dimension).map { $0 % 2 == 0 ? -1.2 : 1 } }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      for i in stride(from: 0, to: dimension, by: 2) {
        r[i] = 10 * (x[i + 1] - x[i] * x[i])
        r[i + 1] = 1 - x[i]
      }
    }
  }

  /// Problem 22, extended Powell singular: problem 13's four residuals on each block of four
  /// variables. n = m a multiple of 4 (default 12), x₀ = (3, −1, 0, 1, …), f* = 0 at the
  /// origin.
  public struct ExtendedPowellSingular: LeastSquaresProblem {
    public let dimension: Int
    public init(dimension n: Int = 12) {
      precondition(n >= 4 && n % 4 == 0, "extended Powell singular needs n a multiple of 4")
      dimension = n
    }
    public var name: String { "extended-powell-singular" }
    public var title: String { "Extended Powell singular" }
    public var residualCount: Int { dimension }
    public var standardStart: [Double] { (0..<dimension).map { [3, -1, 0, 1][$0 % 4] } }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      for k in stride(from: 0, to: dimension, by: 4) { powellSingularBlock(x, offset: k, into: r) }
    }
  }

  /// Problem 23, penalty function I: `rᵢ = √a(xᵢ − 1)` (i ≤ n), `rₙ₊₁ = Σⱼ xⱼ² − 1/4`,
  /// a = 10⁻⁵. m = n + 1 (default n = 10), x₀ⱼ = j; f* = 2.24997e−5 (n = 4),
  /// 7.08765e−5 (n = 10).
  public struct PenaltyI: LeastSquaresProblem {
    public let dimension: Int
    public init(dimension n: Int = 10) {
      precondition(n >= 1, "penalty I needs n ≥ 1")
      dimension = n
    }
    public var name: String { "penalty1" }
    public var title: String { "Penalty function I" }
    public var residualCount: Int { dimension + 1 }
    public var standardStart: [Double] { (1...dimension).map(Double.init) }
    public var publishedMinima: [PublishedMinimum] {
      switch dimension {
      case 4: [PublishedMinimum(2.24997e-5, digits: 6)]
      case 10: [PublishedMinimum(7.08765e-5, digits: 6)]
      default: []
      }
    }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      let rootA = R(Double(1e-5).squareRoot())
      var s: R = 0
      for j in 0..<dimension {
        r[j] = rootA * (x[j] - 1)
        s += x[j] * x[j]
      }
      r[dimension] = s - 0.25
    }
  }

  /// Problem 24, penalty function II: `r₁ = x₁ − 0.2`;
  /// `rᵢ = √a(e^(xᵢ/10) + e^(xᵢ₋₁/10) − yᵢ)` for 2 ≤ i ≤ n, yᵢ = e^(i/10) + e^((i−1)/10);
  /// `rᵢ = √a(e^(xᵢ₋ₙ₊₁/10) − e^(−1/10))` for n < i < 2n; `r₂ₙ = Σⱼ (n − j + 1)xⱼ² − 1`;
  /// a = 10⁻⁵. m = 2n (default n = 10), x₀ = (½, …, ½); f* = 9.37629e−6 (n = 4),
  /// 2.93660e−4 (n = 10).
  public struct PenaltyII: LeastSquaresProblem {
    public let dimension: Int
    public init(dimension n: Int = 10) {
      precondition(n >= 1, "penalty II needs n ≥ 1")
      dimension = n
    }
    public var name: String { "penalty2" }
    public var title: String { "Penalty function II" }
    public var residualCount: Int { 2 * dimension }
    public var standardStart: [Double] { [Double](repeating: 0.5, count: dimension) }
    public var publishedMinima: [PublishedMinimum] {
      switch dimension {
      case 4: [PublishedMinimum(9.37629e-6, digits: 6)]
      case 10: [PublishedMinimum(2.93660e-4, digits: 6)]
      default: []
      }
    }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      let n = dimension
      let rootA = R(Double(1e-5).squareRoot())
      let tenth: R = 0.1
      r[0] = x[0] - 0.2
      for i in stride(from: 2, through: n, by: 1) {
        let y = Double.exp(Double(i) / 10) + Double.exp(Double(i - 1) / 10)
        r[i - 1] = rootA * (R.exp(x[i - 1] * tenth) + R.exp(x[i - 2] * tenth) - R(y))
      }
      let eTenth = R(Double.exp(-0.1))
      for i in stride(from: n + 1, to: 2 * n, by: 1) {
        r[i - 1] = rootA * (R.exp(x[i - n] * tenth) - eTenth)
      }
      var s: R = 0
      for j in 1...n { s += R(Double(n - j + 1)) * x[j - 1] * x[j - 1] }
      r[2 * n - 1] = s - 1
    }
  }

  /// Problem 25, variably dimensioned: `rᵢ = xᵢ − 1` (i ≤ n), `rₙ₊₁ = Σⱼ j(xⱼ − 1)`,
  /// `rₙ₊₂ = (Σⱼ j(xⱼ − 1))²`. m = n + 2 (default n = 10), x₀ⱼ = 1 − j/n, f* = 0 at
  /// (1, …, 1).
  public struct VariablyDimensioned: LeastSquaresProblem {
    public let dimension: Int
    public init(dimension n: Int = 10) {
      precondition(n >= 1, "variably dimensioned needs n ≥ 1")
      dimension = n
    }
    public var name: String { "variably-dimensioned" }
    public var title: String { "Variably dimensioned" }
    public var residualCount: Int { dimension + 2 }
    public var standardStart: [Double] { (1...dimension).map { 1 - Double($0) / Double(dimension) } }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      var s: R = 0
      for j in 0..<dimension {
        r[j] = x[j] - 1
        s += R(Double(j + 1)) * (x[j] - 1)
      }
      r[dimension] = s
      r[dimension + 1] = s * s
    }
  }

  /// Problem 26, trigonometric: `rᵢ = n − Σⱼ cos xⱼ + i(1 − cos xᵢ) − sin xᵢ`. m = n
  /// (default 10), x₀ = (1/n, …, 1/n), f* = 0.
  public struct Trigonometric: LeastSquaresProblem {
    public let dimension: Int
    public init(dimension n: Int = 10) {
      precondition(n >= 1, "trigonometric needs n ≥ 1")
      dimension = n
    }
    public var name: String { "trigonometric" }
    public var title: String { "Trigonometric" }
    public var residualCount: Int { dimension }
    public var standardStart: [Double] { [Double](repeating: 1 / Double(dimension), count: dimension) }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      var s: R = 0
      for j in 0..<dimension { s += R.cos(x[j]) }
      let base = R(Double(dimension)) - s
      for i in 0..<dimension {
        r[i] = base + R(Double(i + 1)) * (1 - R.cos(x[i])) - R.sin(x[i])
      }
    }
  }

  /// Problem 27, Brown almost-linear: `rᵢ = xᵢ + Σⱼ xⱼ − (n + 1)` (i < n),
  /// `rₙ = Πⱼ xⱼ − 1`. m = n (default 10), x₀ = (½, …, ½); f* = 0 at (α, …, α, α¹⁻ⁿ) with
  /// nαⁿ − (n + 1)αⁿ⁻¹ + 1 = 0, and f = 1 at (0, …, 0, n + 1).
  public struct BrownAlmostLinear: LeastSquaresProblem {
    public let dimension: Int
    public init(dimension n: Int = 10) {
      precondition(n >= 2, "Brown almost-linear needs n ≥ 2")
      dimension = n
    }
    public var name: String { "brown-almost-linear" }
    public var title: String { "Brown almost-linear" }
    public var residualCount: Int { dimension }
    public var standardStart: [Double] { [Double](repeating: 0.5, count: dimension) }
    public var publishedMinima: [PublishedMinimum] {
      [PublishedMinimum(0), PublishedMinimum(1, note: "at (0, …, 0, n + 1)")]
    }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      let n = dimension
      var s: R = 0
      var p: R = 1
      for j in 0..<n {
        s += x[j]
        p *= x[j]
      }
      let shift = s - R(Double(n + 1))
      for i in 0..<(n - 1) { r[i] = x[i] + shift }
      r[n - 1] = p - 1
    }
  }

  /// Problem 28, discrete boundary value: `rᵢ = 2xᵢ − xᵢ₋₁ − xᵢ₊₁ + h²(xᵢ + tᵢ + 1)³/2`,
  /// h = 1/(n + 1), tᵢ = ih, x₀ = xₙ₊₁ = 0. m = n (default 10), x₀ᵢ = tᵢ(tᵢ − 1), f* = 0.
  public struct DiscreteBoundaryValue: LeastSquaresProblem {
    public let dimension: Int
    public init(dimension n: Int = 10) {
      precondition(n >= 1, "discrete boundary value needs n ≥ 1")
      dimension = n
    }
    public var name: String { "discrete-boundary-value" }
    public var title: String { "Discrete boundary value" }
    public var residualCount: Int { dimension }
    public var standardStart: [Double] { MGH.boundaryValueStart(dimension) }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      let n = dimension
      let h = 1 / Double(n + 1)
      let halfH2 = R(h * h / 2)
      for i in 0..<n {
        let t = Double(i + 1) * h
        let left: R = i > 0 ? x[i - 1] : 0
        let right: R = i < n - 1 ? x[i + 1] : 0
        let u = x[i] + R(t + 1)
        r[i] = 2 * x[i] - left - right + halfH2 * u * u * u
      }
    }
  }

  /// Problem 29, discrete integral equation:
  /// `rᵢ = xᵢ + h[(1 − tᵢ)Σⱼ₌₁ⁱ tⱼ(xⱼ + tⱼ + 1)³ + tᵢΣⱼ₌ᵢ₊₁ⁿ (1 − tⱼ)(xⱼ + tⱼ + 1)³]/2`,
  /// h = 1/(n + 1), tᵢ = ih. m = n (default 10), x₀ᵢ = tᵢ(tᵢ − 1), f* = 0.
  public struct DiscreteIntegralEquation: LeastSquaresProblem {
    public let dimension: Int
    public init(dimension n: Int = 10) {
      precondition(n >= 1, "discrete integral equation needs n ≥ 1")
      dimension = n
    }
    public var name: String { "discrete-integral-equation" }
    public var title: String { "Discrete integral equation" }
    public var residualCount: Int { dimension }
    public var standardStart: [Double] { MGH.boundaryValueStart(dimension) }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      let n = dimension
      let h = 1 / Double(n + 1)
      // r temporarily holds the cubes (xⱼ + tⱼ + 1)³; prefix sums make this O(n).
      var total: R = 0  // Σⱼ (1 − tⱼ) cⱼ over all j
      for j in 0..<n {
        let t = Double(j + 1) * h
        let u = x[j] + R(t + 1)
        r[j] = u * u * u
        total += R(1 - t) * r[j]
      }
      var below: R = 0  // Σⱼ≤ᵢ tⱼ cⱼ
      var aboveComplement: R = 0  // Σⱼ≤ᵢ (1 − tⱼ) cⱼ
      for i in 0..<n {
        let t = Double(i + 1) * h
        below += R(t) * r[i]
        aboveComplement += R(1 - t) * r[i]
        r[i] = x[i] + R(h / 2) * (R(1 - t) * below + R(t) * (total - aboveComplement))
      }
    }
  }

  /// Problem 30, Broyden tridiagonal: `rᵢ = (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1`,
  /// x₀ = xₙ₊₁ = 0. m = n (default 10), x₀ = (−1, …, −1), f* = 0.
  public struct BroydenTridiagonal: LeastSquaresProblem {
    public let dimension: Int
    public init(dimension n: Int = 10) {
      precondition(n >= 1, "Broyden tridiagonal needs n ≥ 1")
      dimension = n
    }
    public var name: String { "broyden-tridiagonal" }
    public var title: String { "Broyden tridiagonal" }
    public var residualCount: Int { dimension }
    public var standardStart: [Double] { [Double](repeating: -1, count: dimension) }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      let n = dimension
      for i in 0..<n {
        let left: R = i > 0 ? x[i - 1] : 0
        let right: R = i < n - 1 ? x[i + 1] : 0
        r[i] = (3 - 2 * x[i]) * x[i] - left - 2 * right + 1
      }
    }
  }

  /// Problem 31, Broyden banded: `rᵢ = xᵢ(2 + 5xᵢ²) + 1 − Σ_{j∈Jᵢ} xⱼ(1 + xⱼ)`,
  /// Jᵢ = {j ≠ i : max(1, i − 5) ≤ j ≤ min(n, i + 1)}. m = n (default 10),
  /// x₀ = (−1, …, −1), f* = 0.
  public struct BroydenBanded: LeastSquaresProblem {
    public let dimension: Int
    public init(dimension n: Int = 10) {
      precondition(n >= 1, "Broyden banded needs n ≥ 1")
      dimension = n
    }
    public var name: String { "broyden-banded" }
    public var title: String { "Broyden banded" }
    public var residualCount: Int { dimension }
    public var standardStart: [Double] { [Double](repeating: -1, count: dimension) }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(0)] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      let n = dimension
      for i in 0..<n {
        var s: R = 0
        for j in Swift.max(0, i - 5)...Swift.min(n - 1, i + 1) where j != i {
          s += x[j] * (1 + x[j])
        }
        r[i] = x[i] * (2 + 5 * x[i] * x[i]) + 1 - s
      }
    }
  }

  /// Problem 32, linear function — full rank: `rᵢ = xᵢ − (2/m)Σⱼ xⱼ − 1` (i ≤ n),
  /// `rᵢ = −(2/m)Σⱼ xⱼ − 1` (i > n). m ≥ n (defaults n = 10, m = 20), x₀ = (1, …, 1),
  /// f* = m − n at (−1, …, −1).
  public struct LinearFullRank: LeastSquaresProblem {
    public let dimension: Int
    public let residualCount: Int
    public init(dimension n: Int = 10, residualCount m: Int = 20) {
      precondition(n >= 1 && m >= n, "linear full rank needs m ≥ n ≥ 1")
      dimension = n
      residualCount = m
    }
    public var name: String { "linear-full-rank" }
    public var title: String { "Linear function — full rank" }
    public var standardStart: [Double] { [Double](repeating: 1, count: dimension) }
    public var publishedMinima: [PublishedMinimum] { [PublishedMinimum(Double(residualCount - dimension))] }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      var s: R = 0
      for j in 0..<dimension { s += x[j] }
      let shift = R(2 / Double(residualCount)) * s + 1
      for i in 0..<residualCount { r[i] = (i < dimension ? x[i] : 0) - shift }
    }
  }

  /// Problem 35, Chebyquad: `rᵢ = (1/n)Σⱼ Tᵢ(xⱼ) − ∫₀¹ Tᵢ(x)dx`, Tᵢ the Chebyshev
  /// polynomial shifted to [0, 1]; the integral is 0 for odd i and −1/(i² − 1) for even i.
  /// m ≥ n (default n = m = 8), x₀ⱼ = j/(n + 1); f* = 0 for m = n ≤ 7 and n = 9,
  /// 3.51687e−3 for m = n = 8, 6.50395e−3 for m = n = 10.
  public struct Chebyquad: LeastSquaresProblem {
    public let dimension: Int
    public let residualCount: Int
    public init(dimension n: Int = 8, residualCount m: Int? = nil) {
      precondition(n >= 1 && (m ?? n) >= n, "Chebyquad needs m ≥ n ≥ 1")
      dimension = n
      residualCount = m ?? n
    }
    public var name: String { "chebyquad" }
    public var title: String { "Chebyquad" }
    public var standardStart: [Double] { (1...dimension).map { Double($0) / Double(dimension + 1) } }
    public var publishedMinima: [PublishedMinimum] {
      guard residualCount == dimension else { return [] }
      switch dimension {
      case 1...7, 9: return [PublishedMinimum(0)]
      case 8: return [PublishedMinimum(3.51687e-3, digits: 6)]
      case 10: return [PublishedMinimum(6.50395e-3, digits: 6)]
      default: return []
      }
    }
    @inlinable
    public func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>) {
      let m = residualCount
      for i in 0..<m { r[i] = 0 }
      for j in 0..<dimension {  // T₀ = 1, T₁ = y, Tₖ₊₁ = 2yTₖ − Tₖ₋₁ with y = 2x − 1
        let y = 2 * x[j] - 1
        var previous: R = 1
        var current = y
        for i in 0..<m {
          r[i] += current
          let next = 2 * y * current - previous
          previous = current
          current = next
        }
      }
      let scale = R(1 / Double(dimension))
      for i in 0..<m {
        let degree = i + 1
        r[i] = scale * r[i] + (degree % 2 == 0 ? R(1 / Double(degree * degree - 1)) : 0)
      }
    }
  }
}
