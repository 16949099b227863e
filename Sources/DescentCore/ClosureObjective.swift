/// An objective made of closures: the quickest way to minimize a function written inline.
///
/// ```swift
/// let bowl = ClosureObjective<Double>(dimension: 2) { x, g in
///   g[0] = 2 * x[0]; g[1] = 2 * x[1]
///   return x[0] * x[0] + x[1] * x[1]
/// }
/// ```
///
/// The closure receives the point and a gradient buffer to fill and returns the value.
/// Pass `hessian:` to make the Hessian exact; otherwise it comes from finite differences.
public struct ClosureObjective<Scalar: DescentScalar>: Objective {
  public typealias ValueAndGradient =
    @Sendable (UnsafeBufferPointer<Scalar>, UnsafeMutableBufferPointer<Scalar>) -> Scalar
  public typealias Hessian = @Sendable (UnsafeBufferPointer<Scalar>, UnsafeMutableBufferPointer<Scalar>) -> Void
  public typealias Value = @Sendable (UnsafeBufferPointer<Scalar>) -> Scalar

  public let dimension: Int
  @usableFromInline let valueAndGradient: ValueAndGradient
  @usableFromInline let valueOnly: Value?
  @usableFromInline let exactHessian: Hessian?

  /// - Parameters:
  ///   - dimension: number of parameters.
  ///   - value: optional value-only closure (faster when the gradient is not needed).
  ///   - hessian: optional exact Hessian (row-major `n²`).
  ///   - valueAndGradient: returns `f(x)` and writes `∇f(x)` into its second argument.
  public init(
    dimension: Int, value: Value? = nil, hessian: Hessian? = nil,
    valueAndGradient: @escaping ValueAndGradient
  ) {
    precondition(dimension > 0, "dimension must be positive")
    self.dimension = dimension
    self.valueAndGradient = valueAndGradient
    self.valueOnly = value
    self.exactHessian = hessian
  }

  public var hasExactHessian: Bool { exactHessian != nil }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
    if let valueOnly { return valueOnly(x) }
    return withUnsafeTemporaryAllocation(of: Scalar.self, capacity: dimension) { g in
      valueAndGradient(x, g)
    }
  }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
    valueAndGradient(x, gradient)
  }

  public func hessian(at x: UnsafeBufferPointer<Scalar>, into hessian: UnsafeMutableBufferPointer<Scalar>) {
    if let exactHessian { exactHessian(x, hessian) } else { FiniteDifference.hessian(of: self, at: x, into: hessian) }
  }
}
