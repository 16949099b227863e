/// A ``LeastSquaresProblem`` as an ``Objective``: `f = Σ rᵢ²` with the exact gradient
/// `2Jᵀr` and the exact Hessian `2JᵀJ + 2Σ rᵢ∇²rᵢ`, both by forward-mode automatic
/// differentiation of the residual code (``Dual``, ``HyperDual``).
///
/// - Complexity: `value(at:)` is one residual evaluation; `value(at:gradient:)` is `n`
///   evaluations in ``Dual`` arithmetic (one Jacobian column each); `hessian(at:into:)` is
///   `n(n+1)/2` evaluations in ``HyperDual`` arithmetic. Scratch space comes from
///   `withUnsafeTemporaryAllocation` (the stack for the sizes of the MGH set): no heap
///   allocation per evaluation.
public struct LeastSquaresObjective<Problem: LeastSquaresProblem, Scalar: DescentScalar & ResidualScalar>: Objective {
  public let problem: Problem
  public let dimension: Int
  public let residualCount: Int

  public init(_ problem: Problem) {
    self.problem = problem
    self.dimension = problem.dimension
    self.residualCount = problem.residualCount
  }

  public var hasExactHessian: Bool { true }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
    withUnsafeTemporaryAllocation(of: Scalar.self, capacity: residualCount) { r in
      problem.residuals(at: x, into: r)
      var s: Scalar = 0
      for v in r { s += v * v }
      return s
    }
  }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
    let n = dimension
    let m = residualCount
    return withUnsafeTemporaryAllocation(of: Dual<Scalar>.self, capacity: n) { xd in
      withUnsafeTemporaryAllocation(of: Dual<Scalar>.self, capacity: m) { rd in
        for i in 0..<n { xd[i] = Dual(value: x[i], derivative: 0) }
        var f: Scalar = 0
        for j in 0..<n {
          xd[j].derivative = 1
          problem.residuals(at: UnsafeBufferPointer(xd), into: rd)
          xd[j].derivative = 0
          var gj: Scalar = 0
          for i in 0..<m { gj += rd[i].value * rd[i].derivative }
          gradient[j] = 2 * gj
          if j == 0 { for i in 0..<m { f += rd[i].value * rd[i].value } }
        }
        return f
      }
    }
  }

  public func hessian(at x: UnsafeBufferPointer<Scalar>, into hessian: UnsafeMutableBufferPointer<Scalar>) {
    let n = dimension
    let m = residualCount
    withUnsafeTemporaryAllocation(of: HyperDual<Scalar>.self, capacity: n) { xh in
      withUnsafeTemporaryAllocation(of: HyperDual<Scalar>.self, capacity: m) { rh in
        for i in 0..<n { xh[i] = HyperDual(value: x[i], first: 0, second: 0, mixed: 0) }
        for j in 0..<n {
          xh[j].first = 1
          for k in j..<n {
            xh[k].second = 1
            problem.residuals(at: UnsafeBufferPointer(xh), into: rh)
            xh[k].second = 0
            var s: Scalar = 0
            for i in 0..<m { s += rh[i].first * rh[i].second + rh[i].value * rh[i].mixed }
            hessian[j * n + k] = 2 * s
            hessian[k * n + j] = 2 * s
          }
          xh[j].first = 0
        }
      }
    }
  }

  /// The residuals `r(x)` and the Jacobian `J` (row-major `m × n`), allocating.
  public func residualsAndJacobian(at x: [Scalar]) -> (residuals: [Scalar], jacobian: [Scalar]) {
    let n = dimension
    let m = residualCount
    precondition(x.count == n, "\(problem.name): point has \(x.count) coordinates, problem has \(n)")
    var xd = x.map { Dual(value: $0, derivative: 0) }
    var rd = [Dual<Scalar>](repeating: 0, count: m)
    var jac = [Scalar](repeating: 0, count: m * n)
    for j in 0..<n {
      xd[j].derivative = 1
      xd.withUnsafeBufferPointer { xp in rd.withUnsafeMutableBufferPointer { problem.residuals(at: xp, into: $0) } }
      xd[j].derivative = 0
      for i in 0..<m { jac[i * n + j] = rd[i].derivative }
    }
    return (rd.map(\.value), jac)
  }
}
