import RealModule

/// The arithmetic a residual function is written in: `Float`, `Double`, or a forward-mode
/// number (``Dual``, ``HyperDual``) that carries derivatives along.
///
/// A ``LeastSquaresProblem`` writes its residuals once, generically over `ResidualScalar`;
/// evaluating them with plain scalars gives `r(x)`, with ``Dual`` numbers a column of the
/// Jacobian, with ``HyperDual`` numbers an entry of every residual's Hessian. The
/// derivatives are exact (forward-mode automatic differentiation: the chain rule applied to
/// each operation, no truncation error), so gradients and Hessians of the problems need no
/// hand-written derivative code and no finite differences.
public protocol ResidualScalar: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
  /// The floating-point type the value (and derivatives) are stored in.
  associatedtype Primal: DescentScalar
  /// A constant (its derivatives are zero).
  init(_ constant: Double)
  /// The value without derivatives, for branches such as `if x > 0`.
  var primal: Primal { get }

  static func + (lhs: Self, rhs: Self) -> Self
  static func - (lhs: Self, rhs: Self) -> Self
  static func * (lhs: Self, rhs: Self) -> Self
  static func / (lhs: Self, rhs: Self) -> Self
  static prefix func - (operand: Self) -> Self

  static func exp(_ x: Self) -> Self
  static func log(_ x: Self) -> Self
  static func sin(_ x: Self) -> Self
  static func cos(_ x: Self) -> Self
  static func atan(_ x: Self) -> Self
  static func sqrt(_ x: Self) -> Self
}

extension ResidualScalar {
  @inlinable @inline(__always)
  public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
  @inlinable @inline(__always)
  public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
  @inlinable @inline(__always)
  public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
  /// `x²`.
  @inlinable @inline(__always)
  public static func square(_ x: Self) -> Self { x * x }
}

extension Float: ResidualScalar {
  @inlinable public var primal: Float { self }
}

extension Double: ResidualScalar {
  @inlinable public var primal: Double { self }
}
