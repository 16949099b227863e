/// The chained (coupled) Rosenbrock function in n dimensions, SciPy's `rosen`:
///
/// ```
/// f(x) = Σᵢ₌₁ⁿ⁻¹ [100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²]
/// ∂f/∂xᵢ = −400xᵢ(xᵢ₊₁ − xᵢ²) − 2(1 − xᵢ)   [i < n]   + 200(xᵢ − xᵢ₋₁²)   [i > 1]
/// ```
///
/// Minimum f* = 0 at (1, …, 1). The start used by the benchmarks is
/// x₀ = (−1.2, 1, −1.2, 1, …) (``standardStart(dimension:)``). Not to be confused with
/// MGH problem 21 (``MGH/ExtendedRosenbrock``), whose pairs are uncoupled. The Hessian is
/// tridiagonal and exact:
///
/// ```
/// Hᵢᵢ = 1200xᵢ² − 400xᵢ₊₁ + 2   [i < n]   + 200   [i > 1]
/// Hᵢ,ᵢ₊₁ = Hᵢ₊₁,ᵢ = −400xᵢ
/// ```
///
/// Rosenbrock, "An automatic method for finding the greatest or least value of a
/// function", The Computer Journal 3(3):175–184, 1960; the chained form is the one of
/// SciPy (`scipy.optimize.rosen`).
public struct ChainedRosenbrock<Scalar: DescentScalar>: Objective {
  public let dimension: Int

  public init(dimension n: Int) {
    precondition(n >= 2, "the chained Rosenbrock function needs n ≥ 2 (got \(n))")
    dimension = n
  }

  /// (−1.2, 1, −1.2, 1, …).
  public static func standardStart(dimension n: Int) -> [Scalar] {
    (0..<n).map { $0 % 2 == 0 ? -1.2 : 1 }
  }

  public var hasExactHessian: Bool { true }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
    var f: Scalar = 0
    for i in 0..<(dimension - 1) {
      let a = x[i + 1] - x[i] * x[i]
      let b = 1 - x[i]
      f += 100 * a * a + b * b
    }
    return f
  }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>, gradient g: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
    let n = dimension
    var f: Scalar = 0
    g[0] = 0
    for i in 0..<(n - 1) {
      let xi = x[i]
      let a = x[i + 1] - xi * xi
      let b = 1 - xi
      f += 100 * a * a + b * b
      g[i] += -400 * xi * a - 2 * b
      g[i + 1] = 200 * a
    }
    return f
  }

  public func hessian(at x: UnsafeBufferPointer<Scalar>, into h: UnsafeMutableBufferPointer<Scalar>) {
    let n = dimension
    for k in 0..<(n * n) { h[k] = 0 }
    for i in 0..<n {
      var d: Scalar = 0
      if i < n - 1 {
        d += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2
        h[i * n + i + 1] = -400 * x[i]
        h[(i + 1) * n + i] = -400 * x[i]
      }
      if i > 0 { d += 200 }
      h[i * n + i] = d
    }
  }
}
