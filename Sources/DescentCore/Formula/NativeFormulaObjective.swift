/// A ``FormulaObjective`` whose value, gradient and Hessian run as machine code compiled
/// from the formula by a C compiler, with the interpreter's results bit for bit.
///
/// ```swift
/// let f = try FormulaObjective<Float>("100*(y-x^2)^2+(1-x)^2").compiledNative()
/// minimize(f, from: [-1.2, 1], using: Adam(learningRate: 0.01))   // same bits, faster
/// ```
///
/// The value, gradient and Hessian programs are written out as C (``FormulaCSource``
/// explains how the interpreter's rounding and math functions are kept), compiled into a
/// shared object in a cache directory and loaded; a formula already in the cache is loaded
/// without compiling. Only `Float` and `Double` have native code. ``NativeFormulaOptions``
/// gives the compiler and cache defaults (`DESCENT_CC`, `XDG_CACHE_HOME`).
///
/// A separate type rather than a mode of ``FormulaObjective``, so the interpreted objective
/// carries no branch and no extra state (a branch in its `value(at:gradient:)` measured
/// 3 ns slower per Rosenbrock evaluation, x86-64, `descent bench formula`).
public struct NativeFormulaObjective<Scalar: DescentScalar>: Objective {
  /// The interpreted objective (same numbers), for everything but evaluation.
  public let interpreted: FormulaObjective<Scalar>
  /// Keeps the shared object loaded.
  let native: NativeFormula
  @usableFromInline let entryPoints: NativeFormulaEntryPoints
  public let dimension: Int

  /// Compiles `objective`'s programs (or loads them from the cache).
  /// - Throws: ``NativeFormulaError`` when `Scalar` is neither `Float` nor `Double`, no
  ///   compiler is found, or compiling or loading fails.
  public init(_ objective: FormulaObjective<Scalar>, options: NativeFormulaOptions = NativeFormulaOptions())
    throws(NativeFormulaError)
  {
    let precision: FormulaCSource.Precision
    if Scalar.self == Double.self {
      precision = .double
    } else if Scalar.self == Float.self {
      precision = .float
    } else {
      throw NativeFormulaError(message: "native formula code: only Float and Double are supported, not \(Scalar.self)")
    }
    interpreted = objective
    native = try NativeFormula(objective.formula, precision: precision, options: options)
    entryPoints = NativeFormulaEntryPoints(value: native.value, gradient: native.gradient, hessian: native.hessian)
    dimension = objective.dimension
  }

  /// Whether making this objective ran the compiler (`false`: the cached shared object was
  /// loaded).
  public var wasCompiled: Bool { native.library.compiled }
  /// The shared object's path.
  public var libraryPath: String { native.library.path }
  /// The parsed, differentiated and compiled formula.
  public var formula: Formula { interpreted.formula }
  /// The formula text as given.
  public var text: String { interpreted.text }
  /// Variable names in parameter order.
  public var variables: [String] { interpreted.variables }

  public var hasExactHessian: Bool { true }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
    precondition(x.count == dimension, "point has \(x.count) coordinates, formula has \(dimension) variables")
    return Self.callValue(entryPoints.value, x.baseAddress!)
  }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
    precondition(x.count == dimension, "point has \(x.count) coordinates, formula has \(dimension) variables")
    precondition(gradient.count >= dimension, "gradient buffer is shorter than the dimension")
    return Self.callGradient(entryPoints.gradient, x.baseAddress!, gradient.baseAddress!)
  }

  /// `f(x)`, writing `∇f(x)` into `gradient` and `∇²f(x)` (row-major) into `hessian`.
  @inlinable
  public func value(
    at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>,
    hessian: UnsafeMutableBufferPointer<Scalar>
  ) -> Scalar {
    precondition(x.count == dimension, "point has \(x.count) coordinates, formula has \(dimension) variables")
    precondition(gradient.count >= dimension, "gradient buffer is shorter than the dimension")
    precondition(hessian.count >= dimension * dimension, "Hessian buffer is shorter than n²")
    return Self.callHessian(entryPoints.hessian, x.baseAddress!, gradient.baseAddress!, hessian.baseAddress!)
  }

  @inlinable
  public func hessian(at x: UnsafeBufferPointer<Scalar>, into hessian: UnsafeMutableBufferPointer<Scalar>) {
    precondition(x.count == dimension, "point has \(x.count) coordinates, formula has \(dimension) variables")
    precondition(hessian.count >= dimension * dimension, "Hessian buffer is shorter than n²")
    let h = hessian.baseAddress!
    let f = entryPoints.hessian
    withUnsafeTemporaryAllocation(of: Scalar.self, capacity: dimension) { g in
      _ = Self.callHessian(f, x.baseAddress!, g.baseAddress!, h)
    }
  }

  // Calls into the native functions. `Scalar` is `Float` or `Double` (`init` refuses
  // others); in specialized code the type test folds away.

  @inlinable @inline(__always)
  static func callValue(_ f: UnsafeRawPointer, _ x: UnsafePointer<Scalar>) -> Scalar {
    if Scalar.self == Double.self {
      typealias F = @convention(c) (UnsafeRawPointer) -> Double
      return unsafeBitCast(unsafeBitCast(f, to: F.self)(x), to: Scalar.self)
    }
    typealias F = @convention(c) (UnsafeRawPointer) -> Float
    return unsafeBitCast(unsafeBitCast(f, to: F.self)(x), to: Scalar.self)
  }

  @inlinable @inline(__always)
  static func callGradient(_ f: UnsafeRawPointer, _ x: UnsafePointer<Scalar>, _ g: UnsafeMutablePointer<Scalar>)
    -> Scalar
  {
    if Scalar.self == Double.self {
      typealias F = @convention(c) (UnsafeRawPointer, UnsafeMutableRawPointer) -> Double
      return unsafeBitCast(unsafeBitCast(f, to: F.self)(x, g), to: Scalar.self)
    }
    typealias F = @convention(c) (UnsafeRawPointer, UnsafeMutableRawPointer) -> Float
    return unsafeBitCast(unsafeBitCast(f, to: F.self)(x, g), to: Scalar.self)
  }

  @inlinable @inline(__always)
  static func callHessian(
    _ f: UnsafeRawPointer, _ x: UnsafePointer<Scalar>, _ g: UnsafeMutablePointer<Scalar>,
    _ h: UnsafeMutablePointer<Scalar>
  ) -> Scalar {
    if Scalar.self == Double.self {
      typealias F = @convention(c) (UnsafeRawPointer, UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Double
      return unsafeBitCast(unsafeBitCast(f, to: F.self)(x, g, h), to: Scalar.self)
    }
    typealias F = @convention(c) (UnsafeRawPointer, UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Float
    return unsafeBitCast(unsafeBitCast(f, to: F.self)(x, g, h), to: Scalar.self)
  }
}
