import RealModule

/// A hyper-dual number `v + a·ε₁ + b·ε₂ + ab·ε₁ε₂` with `ε₁² = ε₂² = 0`: forward-mode
/// automatic differentiation of second derivatives.
///
/// ```
/// x · y: v = xᵥyᵥ, a = xₐyᵥ + xᵥyₐ, b = x_b yᵥ + xᵥ y_b,
///        ab = x_ab yᵥ + xₐ y_b + x_b yₐ + xᵥ y_ab
/// g(x):  v = g(xᵥ), a = g′·xₐ, b = g′·x_b, ab = g′·x_ab + g″·xₐ·x_b
/// ```
///
/// Seeding `xⱼ` with `a = 1` and `xₖ` with `b = 1` and evaluating `r(x)` gives `∂r/∂xⱼ`,
/// `∂r/∂xₖ` and `∂²r/∂xⱼ∂xₖ` exactly (to rounding): Fike & Alonso, "The development of
/// hyper-dual numbers for exact second-derivative calculations", AIAA 2011-886.
@frozen
public struct HyperDual<Primal: DescentScalar>: ResidualScalar, Sendable {
  public var value: Primal
  public var first: Primal
  public var second: Primal
  public var mixed: Primal

  @inlinable @inline(__always)
  public init(value: Primal, first: Primal, second: Primal, mixed: Primal) {
    self.value = value
    self.first = first
    self.second = second
    self.mixed = mixed
  }

  @inlinable @inline(__always)
  public init(_ constant: Double) { self.init(value: Primal(constant), first: 0, second: 0, mixed: 0) }
  @inlinable @inline(__always)
  public init(integerLiteral v: Int) { self.init(Double(v)) }
  @inlinable @inline(__always)
  public init(floatLiteral v: Double) { self.init(v) }

  @inlinable public var primal: Primal { value }

  /// `g(x)` given `g`, `g′` and `g″` at `x.value`.
  @inlinable @inline(__always)
  static func chain(_ x: HyperDual, _ g: Primal, _ dg: Primal, _ d2g: Primal) -> HyperDual {
    HyperDual(
      value: g, first: dg * x.first, second: dg * x.second, mixed: dg * x.mixed + d2g * x.first * x.second)
  }

  @inlinable @inline(__always)
  public static func + (x: HyperDual, y: HyperDual) -> HyperDual {
    HyperDual(value: x.value + y.value, first: x.first + y.first, second: x.second + y.second, mixed: x.mixed + y.mixed)
  }
  @inlinable @inline(__always)
  public static func - (x: HyperDual, y: HyperDual) -> HyperDual {
    HyperDual(value: x.value - y.value, first: x.first - y.first, second: x.second - y.second, mixed: x.mixed - y.mixed)
  }
  @inlinable @inline(__always)
  public static func * (x: HyperDual, y: HyperDual) -> HyperDual {
    HyperDual(
      value: x.value * y.value, first: x.first * y.value + x.value * y.first,
      second: x.second * y.value + x.value * y.second,
      mixed: x.mixed * y.value + x.first * y.second + x.second * y.first + x.value * y.mixed)
  }
  @inlinable @inline(__always)
  public static func / (x: HyperDual, y: HyperDual) -> HyperDual {
    let r = 1 / y.value
    return x * chain(y, r, -r * r, 2 * r * r * r)
  }
  @inlinable @inline(__always)
  public static prefix func - (x: HyperDual) -> HyperDual {
    HyperDual(value: -x.value, first: -x.first, second: -x.second, mixed: -x.mixed)
  }

  @inlinable public static func exp(_ x: HyperDual) -> HyperDual {
    let e = Primal.exp(x.value)
    return chain(x, e, e, e)
  }
  @inlinable public static func log(_ x: HyperDual) -> HyperDual {
    let r = 1 / x.value
    return chain(x, Primal.log(x.value), r, -r * r)
  }
  @inlinable public static func sin(_ x: HyperDual) -> HyperDual {
    let s = Primal.sin(x.value)
    return chain(x, s, Primal.cos(x.value), -s)
  }
  @inlinable public static func cos(_ x: HyperDual) -> HyperDual {
    let c = Primal.cos(x.value)
    return chain(x, c, -Primal.sin(x.value), -c)
  }
  @inlinable public static func atan(_ x: HyperDual) -> HyperDual {
    let d = 1 / (1 + x.value * x.value)
    return chain(x, Primal.atan(x.value), d, -2 * x.value * d * d)
  }
  @inlinable public static func sqrt(_ x: HyperDual) -> HyperDual {
    let s = x.value.squareRoot()
    return chain(x, s, 1 / (2 * s), -1 / (4 * s * x.value))
  }
}
