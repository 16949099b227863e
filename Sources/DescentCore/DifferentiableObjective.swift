import _Differentiation

/// A point type that Swift's automatic differentiation can differentiate through and that
/// Descent can read from and write to a flat parameter vector.
///
/// `SIMD2`, `SIMD4`, … of `Float`/`Double` and `[Float]`/`[Double]` conform already.
/// Conform your own `Differentiable` struct by saying how its fields map to a flat vector:
///
/// ```swift
/// struct Line: Differentiable, FlatDifferentiable {
///   var slope: Double
///   var intercept: Double
///   init(slope: Double, intercept: Double) { self.slope = slope; self.intercept = intercept }
///   init(flat x: UnsafeBufferPointer<Double>) { self.init(slope: x[0], intercept: x[1]) }
///   static func flatten(_ t: TangentVector, into g: UnsafeMutableBufferPointer<Double>) {
///     g[0] = t.slope; g[1] = t.intercept
///   }
/// }
/// ```
public protocol FlatDifferentiable: Differentiable {
  associatedtype Scalar: DescentScalar & Differentiable where Scalar.TangentVector == Scalar
  /// Builds a point from the first coordinates of `flat`.
  init(flat: UnsafeBufferPointer<Scalar>)
  /// Writes a gradient (a tangent vector) into `flat`, in the same coordinate order.
  static func flatten(_ tangent: TangentVector, into flat: UnsafeMutableBufferPointer<Scalar>)
}

extension SIMD2: FlatDifferentiable
where Scalar: DescentScalar & Differentiable, Scalar.TangentVector == Scalar {
  @inlinable
  public init(flat: UnsafeBufferPointer<Scalar>) { self.init(flat[0], flat[1]) }
  @inlinable
  public static func flatten(_ tangent: SIMD2<Scalar>, into flat: UnsafeMutableBufferPointer<Scalar>) {
    flat[0] = tangent[0]
    flat[1] = tangent[1]
  }
}

extension SIMD4: FlatDifferentiable
where Scalar: DescentScalar & Differentiable, Scalar.TangentVector == Scalar {
  @inlinable
  public init(flat: UnsafeBufferPointer<Scalar>) { self.init(flat[0], flat[1], flat[2], flat[3]) }
  @inlinable
  public static func flatten(_ tangent: SIMD4<Scalar>, into flat: UnsafeMutableBufferPointer<Scalar>) {
    for i in 0..<4 { flat[i] = tangent[i] }
  }
}

extension Array: FlatDifferentiable
where Element: DescentScalar & Differentiable, Element.TangentVector == Element {
  public typealias Scalar = Element
  /// Copies all of `flat` (the objective's dimension).
  public init(flat: UnsafeBufferPointer<Element>) { self.init(flat) }
  /// Writes the tangent's entries; an empty tangent (Swift's zero for arrays, returned
  /// when the function ignores its input) writes zeros.
  public static func flatten(_ tangent: TangentVector, into flat: UnsafeMutableBufferPointer<Element>) {
    let base = tangent.base
    if base.isEmpty {
      for i in flat.indices { flat[i] = 0 }
    } else {
      precondition(base.count == flat.count, "gradient has \(base.count) entries, expected \(flat.count)")
      for i in flat.indices { flat[i] = base[i] }
    }
  }
}

/// An objective from a Swift `@differentiable(reverse)` function: the gradient comes from
/// Swift's automatic differentiation (`import _Differentiation`), exact to rounding.
///
/// ```swift
/// import _Differentiation
/// import DescentCore
///
/// @differentiable(reverse)
/// func himmelblau(_ p: SIMD2<Double>) -> Double {
///   let a = p[0] * p[0] + p[1] - 11
///   let b = p[0] + p[1] * p[1] - 7
///   return a * a + b * b
/// }
/// let f = DifferentiableObjective(dimension: 2, himmelblau)
/// f.gradient(at: [3, 2])  // [0, 0]
/// ```
///
/// The Hessian and Hessian-vector products come from central differences of the
/// automatic gradient (see ``FiniteDifference``).
///
/// Notes on Swift's differentiation on Linux: keep the function concrete (not generic);
/// functions it calls from other files must be marked `@differentiable(reverse)` too; use
/// subscripts `p[0]` rather than `p.x`, and `Double.maximum`/branches rather than `max`/`abs`.
/// With `[Double]` points each evaluation copies the point into a new array (one
/// allocation); `SIMD` points and flat structs do not allocate.
public struct DifferentiableObjective<Point: FlatDifferentiable>: @unchecked Sendable, Objective {
  public typealias Scalar = Point.Scalar

  public let dimension: Int
  @usableFromInline let function: @differentiable(reverse) (Point) -> Scalar

  /// - Parameters:
  ///   - dimension: number of coordinates of `Point` in the flat vector.
  ///   - function: the function to minimize, differentiable in its argument.
  public init(dimension: Int, _ function: @escaping @differentiable(reverse) (Point) -> Scalar) {
    precondition(dimension > 0, "dimension must be positive")
    self.dimension = dimension
    self.function = function
  }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
    function(Point(flat: x))
  }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
    let (value, tangent) = valueWithGradient(at: Point(flat: x), of: function)
    Point.flatten(tangent, into: gradient)
    return value
  }
}
