/// An objective given as formula text, with exact gradient and Hessian.
///
/// ```swift
/// let ravine = try FormulaObjective<Double>("0.5*x^2 + 10*y^2")
/// ravine.variables                  // ["x", "y"]
/// ravine.gradient(at: [1.8, 0.5])   // [1.8, 10.0]
/// ravine.hessian(at: [1.8, 0.5])    // [1, 0, 0, 20]
/// ```
///
/// Evaluation runs a compiled program (see ``Formula``) through ``FormulaKernel``'s
/// interpreter loop over a register file on the stack: no parsing, string lookups or
/// allocation per call. The value-only, value-and-gradient
/// and Hessian programs are separate, so each call computes only what it returns.
/// Non-finite results are returned as they come (`log(x)` at `x = −1` is NaN).
public struct FormulaObjective<Scalar: DescentScalar>: Objective {
  /// The parsed, differentiated and compiled formula.
  public let formula: Formula
  /// Keep the kernels' memory alive.
  let storage: [FormulaKernelStorage<Scalar>]
  @usableFromInline let valueKernel: FormulaKernel<Scalar>
  @usableFromInline let gradientKernel: FormulaKernel<Scalar>
  @usableFromInline let hessianKernel: FormulaKernel<Scalar>
  public let dimension: Int

  /// Parses, differentiates and compiles `text`.
  /// - Throws: ``FormulaError`` with the position of the problem.
  public init(_ text: String, variables: [String]? = nil, limits: Formula.Limits = .standard)
    throws(FormulaError)
  {
    self.init(try Formula(text, variables: variables, limits: limits))
  }

  /// Runs an already compiled formula in `Scalar`.
  public init(_ formula: Formula) {
    self.formula = formula
    self.dimension = formula.dimension
    storage = [formula.valueProgram, formula.gradientProgram, formula.hessianProgram].map {
      FormulaKernelStorage($0)
    }
    valueKernel = storage[0].kernel
    gradientKernel = storage[1].kernel
    hessianKernel = storage[2].kernel
  }

  /// This formula compiled to machine code by a C compiler: same results, bit for bit, in
  /// a fraction of the interpreter's time (see ``NativeFormulaObjective``).
  /// - Throws: ``NativeFormulaError`` when no compiler is found, or compiling or loading
  ///   fails; `self` still works, interpreted, and gives the same numbers.
  public func compiledNative(options: NativeFormulaOptions = NativeFormulaOptions()) throws(NativeFormulaError)
    -> NativeFormulaObjective<Scalar>
  {
    try NativeFormulaObjective(self, options: options)
  }

  /// The formula text as given.
  public var text: String { formula.text }
  /// Variable names in parameter order.
  public var variables: [String] { formula.variables }
  /// `∂f/∂xᵢ` as formula text.
  public var gradientFormulas: [String] { formula.gradientFormulas }
  /// `∂²f/∂xᵢ∂xⱼ` as formula text (`n × n`, symmetric).
  public var hessianFormulas: [[String]] { formula.hessianFormulas }

  public var hasExactHessian: Bool { true }

  // Prespecialized for Double and Float: callers holding `any Objective` (the CLI, the
  // server) reach these through the witness table, where the generic body would run.
  @inlinable
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
    precondition(x.count == dimension, "point has \(x.count) coordinates, formula has \(dimension) variables")
    let kernel = valueKernel
    return kernel.withRegisters { r in
      kernel.run(at: x.baseAddress!, registers: r)
      return r[Int(kernel.outputs[0])]
    }
  }

  @inlinable
  @_specialize(where Scalar == Double)
  @_specialize(where Scalar == Float)
  public func value(at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
    precondition(x.count == dimension, "point has \(x.count) coordinates, formula has \(dimension) variables")
    precondition(gradient.count >= dimension, "gradient buffer is shorter than the dimension")
    let kernel = gradientKernel
    let n = dimension
    let g = gradient.baseAddress!
    return kernel.withRegisters { r in
      kernel.run(at: x.baseAddress!, registers: r)
      let out = kernel.outputs
      for i in 0..<n { g[i] = r[Int(out[i + 1])] }
      return r[Int(out[0])]
    }
  }

  /// `f(x)`, writing `∇f(x)` into `gradient` and `∇²f(x)` (row-major) into `hessian`, in
  /// one run of the Hessian program.
  @inlinable
  public func value(
    at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>,
    hessian: UnsafeMutableBufferPointer<Scalar>
  ) -> Scalar {
    precondition(x.count == dimension, "point has \(x.count) coordinates, formula has \(dimension) variables")
    precondition(gradient.count >= dimension, "gradient buffer is shorter than the dimension")
    precondition(hessian.count >= dimension * dimension, "Hessian buffer is shorter than n²")
    let kernel = hessianKernel
    let n = dimension
    let g = gradient.baseAddress!
    let h = hessian.baseAddress!
    return kernel.withRegisters { r in
      kernel.run(at: x.baseAddress!, registers: r)
      let out = kernel.outputs
      for i in 0..<n { g[i] = r[Int(out[i + 1])] }
      Self.unpackHessian(r, out, n, h)
      return r[Int(out[0])]
    }
  }

  @inlinable
  public func hessian(at x: UnsafeBufferPointer<Scalar>, into hessian: UnsafeMutableBufferPointer<Scalar>) {
    precondition(x.count == dimension, "point has \(x.count) coordinates, formula has \(dimension) variables")
    precondition(hessian.count >= dimension * dimension, "Hessian buffer is shorter than n²")
    let kernel = hessianKernel
    let n = dimension
    let h = hessian.baseAddress!
    kernel.withRegisters { r in
      kernel.run(at: x.baseAddress!, registers: r)
      Self.unpackHessian(r, kernel.outputs, n, h)
    }
  }

  /// Copies the upper triangle (after `f` and the gradient in the outputs) into both
  /// triangles of the row-major `n × n` matrix `h`.
  @inlinable
  static func unpackHessian(
    _ r: UnsafeMutablePointer<Scalar>, _ out: UnsafePointer<Int32>, _ n: Int,
    _ h: UnsafeMutablePointer<Scalar>
  ) {
    var k = n + 1
    for i in 0..<n {
      for j in i..<n {
        let value = r[Int(out[k])]
        h[i * n + j] = value
        h[j * n + i] = value
        k += 1
      }
    }
  }
}
