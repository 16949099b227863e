/// A function of two variables with hand-written first and second derivatives.
///
/// Conforming types are caseless enums holding the mathematics; ``PlanarObjective`` turns
/// one into an ``Objective``. All three functions must agree with each other exactly
/// (they are checked against finite differences and a sympy reference in the tests).
public protocol PlanarFormula: Sendable {
  /// `f(x, y)`.
  static func value<S: DescentScalar>(_ x: S, _ y: S) -> S
  /// `f(x, y)` with `∂f/∂x` and `∂f/∂y`.
  static func gradient<S: DescentScalar>(_ x: S, _ y: S) -> (value: S, dx: S, dy: S)
  /// The Hessian's entries `∂²f/∂x²`, `∂²f/∂x∂y`, `∂²f/∂y²`.
  static func hessian<S: DescentScalar>(_ x: S, _ y: S) -> (dxx: S, dxy: S, dyy: S)
}

/// The ``Objective`` of a ``PlanarFormula``: dimension 2, exact Hessian, no allocation.
public struct PlanarObjective<Formula: PlanarFormula, Scalar: DescentScalar>: Objective {
  @inlinable public init() {}

  @inlinable public var dimension: Int { 2 }
  @inlinable public var hasExactHessian: Bool { true }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
    precondition(x.count == 2, "point has \(x.count) coordinates, objective has 2")
    return Formula.value(x[0], x[1])
  }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>)
    -> Scalar
  {
    precondition(x.count == 2 && gradient.count == 2, "point and gradient must have 2 coordinates")
    let r = Formula.gradient(x[0], x[1])
    gradient[0] = r.dx
    gradient[1] = r.dy
    return r.value
  }

  @inlinable
  public func hessian(at x: UnsafeBufferPointer<Scalar>, into hessian: UnsafeMutableBufferPointer<Scalar>) {
    precondition(x.count == 2 && hessian.count == 4, "point must have 2 coordinates, Hessian 4 entries")
    let h = Formula.hessian(x[0], x[1])
    hessian[0] = h.dxx
    hessian[1] = h.dxy
    hessian[2] = h.dxy
    hessian[3] = h.dyy
  }
}

/// A function of one variable with hand-written first and second derivatives.
public protocol UnivariateFormula: Sendable {
  /// `f(t)`.
  static func value<S: DescentScalar>(_ t: S) -> S
  /// `f′(t)`.
  static func derivative<S: DescentScalar>(_ t: S) -> S
  /// `f″(t)`.
  static func secondDerivative<S: DescentScalar>(_ t: S) -> S
}

/// The ``Objective`` of a ``UnivariateFormula``: dimension 1, exact Hessian, no allocation.
public struct UnivariateObjective<Formula: UnivariateFormula, Scalar: DescentScalar>: Objective {
  @inlinable public init() {}

  @inlinable public var dimension: Int { 1 }
  @inlinable public var hasExactHessian: Bool { true }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
    precondition(x.count == 1, "point has \(x.count) coordinates, objective has 1")
    return Formula.value(x[0])
  }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>)
    -> Scalar
  {
    precondition(x.count == 1 && gradient.count == 1, "point and gradient must have 1 coordinate")
    gradient[0] = Formula.derivative(x[0])
    return Formula.value(x[0])
  }

  @inlinable
  public func hessian(at x: UnsafeBufferPointer<Scalar>, into hessian: UnsafeMutableBufferPointer<Scalar>) {
    precondition(x.count == 1 && hessian.count == 1, "point and Hessian must have 1 entry")
    hessian[0] = Formula.secondDerivative(x[0])
  }
}

/// A separable N-D function `f(x) = Σᵢ φ(xᵢ)` given by its term `φ`.
public protocol SeparableFormula: Sendable {
  /// `φ(t)`.
  static func term<S: DescentScalar>(_ t: S) -> S
  /// `φ′(t)`.
  static func termDerivative<S: DescentScalar>(_ t: S) -> S
  /// `φ″(t)`.
  static func termSecondDerivative<S: DescentScalar>(_ t: S) -> S
}

/// The ``Objective`` of a ``SeparableFormula`` in `dimension` variables: diagonal exact
/// Hessian, no allocation.
public struct SeparableObjective<Formula: SeparableFormula, Scalar: DescentScalar>: Objective {
  public let dimension: Int

  @inlinable
  public init(dimension: Int) {
    precondition(dimension >= 1, "dimension must be at least 1")
    self.dimension = dimension
  }

  @inlinable public var hasExactHessian: Bool { true }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
    precondition(x.count == dimension, "point has \(x.count) coordinates, objective has \(dimension)")
    var sum: Scalar = 0
    for t in x { sum += Formula.term(t) }
    return sum
  }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>)
    -> Scalar
  {
    precondition(x.count == dimension && gradient.count == dimension, "length mismatch")
    var sum: Scalar = 0
    for i in 0..<dimension {
      sum += Formula.term(x[i])
      gradient[i] = Formula.termDerivative(x[i])
    }
    return sum
  }

  @inlinable
  public func hessian(at x: UnsafeBufferPointer<Scalar>, into hessian: UnsafeMutableBufferPointer<Scalar>) {
    let n = dimension
    precondition(x.count == n && hessian.count == n * n, "length mismatch")
    for k in 0..<(n * n) { hessian[k] = 0 }
    for i in 0..<n { hessian[i * n + i] = Formula.termSecondDerivative(x[i]) }
  }
}

// MARK: - Factories for the registry

struct PlanarFactory<Formula: PlanarFormula>: ObjectiveFactory {
  func make<S: DescentScalar>(dimension: Int, as type: S.Type) -> any Objective<S> {
    PlanarObjective<Formula, S>()
  }
}

struct UnivariateFactory<Formula: UnivariateFormula>: ObjectiveFactory {
  func make<S: DescentScalar>(dimension: Int, as type: S.Type) -> any Objective<S> {
    UnivariateObjective<Formula, S>()
  }
}

struct SeparableFactory<Formula: SeparableFormula>: ObjectiveFactory {
  func make<S: DescentScalar>(dimension: Int, as type: S.Type) -> any Objective<S> {
    SeparableObjective<Formula, S>(dimension: dimension)
  }
}
