import RealModule

/// A dual number `v + d·ε` with `ε² = 0`: forward-mode automatic differentiation of first
/// derivatives.
///
/// ```
/// (a + a′ε) + (b + b′ε) = (a + b) + (a′ + b′)ε
/// (a + a′ε) · (b + b′ε) = ab + (a′b + ab′)ε
/// g(a + a′ε)            = g(a) + g′(a)·a′ε
/// ```
///
/// Seeding `xⱼ = xⱼ + 1·ε` (all other coordinates constant) and evaluating `r(x)` gives
/// `∂r/∂xⱼ` in the `derivative` parts: one column of the Jacobian per evaluation, exact to
/// rounding.
@frozen
public struct Dual<Primal: DescentScalar>: ResidualScalar, Sendable {
  public var value: Primal
  public var derivative: Primal

  @inlinable @inline(__always)
  public init(value: Primal, derivative: Primal) {
    self.value = value
    self.derivative = derivative
  }

  @inlinable @inline(__always)
  public init(_ constant: Double) { self.init(value: Primal(constant), derivative: 0) }
  @inlinable @inline(__always)
  public init(integerLiteral v: Int) { self.init(value: Primal(v), derivative: 0) }
  @inlinable @inline(__always)
  public init(floatLiteral v: Double) { self.init(value: Primal(v), derivative: 0) }

  @inlinable public var primal: Primal { value }

  /// `g(x)` given `g(x.value)` and `g′(x.value)`.
  @inlinable @inline(__always)
  static func chain(_ x: Dual, _ g: Primal, _ dg: Primal) -> Dual {
    Dual(value: g, derivative: dg * x.derivative)
  }

  @inlinable @inline(__always)
  public static func + (a: Dual, b: Dual) -> Dual {
    Dual(value: a.value + b.value, derivative: a.derivative + b.derivative)
  }
  @inlinable @inline(__always)
  public static func - (a: Dual, b: Dual) -> Dual {
    Dual(value: a.value - b.value, derivative: a.derivative - b.derivative)
  }
  @inlinable @inline(__always)
  public static func * (a: Dual, b: Dual) -> Dual {
    Dual(value: a.value * b.value, derivative: a.derivative * b.value + a.value * b.derivative)
  }
  @inlinable @inline(__always)
  public static func / (a: Dual, b: Dual) -> Dual {
    let q = a.value / b.value
    return Dual(value: q, derivative: (a.derivative - q * b.derivative) / b.value)
  }
  @inlinable @inline(__always)
  public static prefix func - (a: Dual) -> Dual { Dual(value: -a.value, derivative: -a.derivative) }

  @inlinable public static func exp(_ x: Dual) -> Dual {
    let e = Primal.exp(x.value)
    return chain(x, e, e)
  }
  @inlinable public static func log(_ x: Dual) -> Dual { chain(x, Primal.log(x.value), 1 / x.value) }
  @inlinable public static func sin(_ x: Dual) -> Dual { chain(x, Primal.sin(x.value), Primal.cos(x.value)) }
  @inlinable public static func cos(_ x: Dual) -> Dual { chain(x, Primal.cos(x.value), -Primal.sin(x.value)) }
  @inlinable public static func atan(_ x: Dual) -> Dual {
    chain(x, Primal.atan(x.value), 1 / (1 + x.value * x.value))
  }
  @inlinable public static func sqrt(_ x: Dual) -> Dual {
    let s = x.value.squareRoot()
    return chain(x, s, 1 / (2 * s))
  }
}
