/// A nonlinear least-squares problem `f(x) = Σᵢ rᵢ(x)²`, `r: ℝⁿ → ℝᵐ`, written once as
/// its residual function.
///
/// The residuals are generic over ``ResidualScalar``, so the same code gives values
/// (`Double`), exact Jacobian columns (``Dual``) and exact residual Hessians
/// (``HyperDual``). ``LeastSquaresObjective`` turns a problem into an ``Objective`` with
///
/// ```
/// f(x)  = Σᵢ rᵢ(x)²
/// ∇f(x) = 2 Jᵀ r                    (J = ∂r/∂x, m × n)
/// ∇²f(x) = 2 JᵀJ + 2 Σᵢ rᵢ ∇²rᵢ
/// ```
///
/// The Moré–Garbow–Hillstrom set (``MGH``) is written this way.
public protocol LeastSquaresProblem: Sendable {
  /// A short lowercase identifier, e.g. `rosenbrock`, `box3d`.
  var name: String { get }
  /// The name people use, e.g. `Box three-dimensional`.
  var title: String { get }
  /// Number of variables `n`.
  var dimension: Int { get }
  /// Number of residuals `m`.
  var residualCount: Int { get }
  /// The standard starting point.
  var standardStart: [Double] { get }
  /// The minimum values the literature publishes for this `n` and `m`, best first
  /// (global minimum, then local minima a method may legitimately end in).
  var publishedMinima: [PublishedMinimum] { get }

  /// Writes `r(x)` (length ``residualCount``) for `x` (length ``dimension``).
  func residuals<R: ResidualScalar>(at x: UnsafeBufferPointer<R>, into r: UnsafeMutableBufferPointer<R>)
}

/// A minimum value printed in the literature, with where it comes from.
public struct PublishedMinimum: Sendable, Codable, Hashable {
  /// The value `f*` as printed.
  public var value: Double
  /// Significant digits printed (`f* = 8.21487e-3` has 6); `nil` when exact (`0`).
  public var significantDigits: Int?
  /// What it is: "global", "local", "at infinity (x₂, x₃ → −∞)", …
  public var note: String

  public init(_ value: Double, digits: Int? = nil, note: String = "global") {
    self.value = value
    self.significantDigits = digits
    self.note = note
  }
}

extension LeastSquaresProblem {
  /// The problem as an objective in `Scalar` precision.
  public func objective<Scalar: DescentScalar & ResidualScalar>(_ type: Scalar.Type = Double.self) -> LeastSquaresObjective<Self, Scalar> {
    LeastSquaresObjective(self)
  }

  /// The problem as a type-erased objective, for code that holds problems as
  /// `any LeastSquaresProblem` (the concrete ``objective(_:)`` is faster in hot loops).
  public func anyObjective<Scalar: DescentScalar & ResidualScalar>(_ type: Scalar.Type = Double.self) -> any Objective<Scalar> {
    LeastSquaresObjective<Self, Scalar>(self)
  }

  /// `f(x) = Σ rᵢ(x)²` in `Double`, allocating (for checks and tables, not hot loops).
  public func value(at x: [Double]) -> Double {
    precondition(x.count == dimension, "\(name): point has \(x.count) coordinates, problem has \(dimension)")
    var r = [Double](repeating: 0, count: residualCount)
    x.withUnsafeBufferPointer { xp in r.withUnsafeMutableBufferPointer { residuals(at: xp, into: $0) } }
    return r.reduce(0) { $0 + $1 * $1 }
  }
}
