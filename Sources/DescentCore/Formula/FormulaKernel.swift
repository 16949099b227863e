import RealModule

/// Owns the memory of a ``FormulaKernel``: the instructions, the constants converted to
/// `Scalar`, and the output registers, in allocations that never change after `init`.
@usableFromInline
final class FormulaKernelStorage<Scalar: DescentScalar>: @unchecked Sendable {
  @usableFromInline let kernel: FormulaKernel<Scalar>

  init(_ program: FormulaProgram) {
    let code = UnsafeMutablePointer<FormulaInstruction>.allocate(capacity: Swift.max(program.instructions.count, 1))
    code.initialize(from: program.instructions, count: program.instructions.count)
    let constants = UnsafeMutablePointer<Scalar>.allocate(capacity: Swift.max(program.constants.count, 1))
    constants.initialize(from: program.constants.map { Scalar($0) }, count: program.constants.count)
    let outputs = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(program.outputs.count, 1))
    outputs.initialize(from: program.outputs, count: program.outputs.count)
    let terms = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(program.terms.count, 1))
    terms.initialize(from: program.terms, count: program.terms.count)
    kernel = FormulaKernel(
      code: code, codeCount: program.instructions.count, constants: constants, terms: terms,
      constantRegisterCount: program.constantRegisterCount, outputs: outputs, variableCount: program.variableCount,
      registerCount: Swift.max(program.registerCount, 1))
  }

  deinit {
    kernel.code.deallocate()
    kernel.constants.deallocate()
    kernel.outputs.deallocate()
    kernel.terms.deallocate()
  }
}

/// A ``FormulaProgram`` ready to run in `Scalar`: raw pointers into a
/// ``FormulaKernelStorage`` (which whoever holds the kernel keeps alive), so a run touches
/// no reference counts and no array headers.
@usableFromInline
struct FormulaKernel<Scalar: DescentScalar>: @unchecked Sendable {
  @usableFromInline let code: UnsafeMutablePointer<FormulaInstruction>
  @usableFromInline let codeCount: Int
  @usableFromInline let constants: UnsafeMutablePointer<Scalar>
  /// The program's term table (``FormulaProgram/terms``).
  @usableFromInline let terms: UnsafeMutablePointer<Int32>
  /// How many leading constants are copied into registers on each run.
  @usableFromInline let constantRegisterCount: Int
  @usableFromInline let outputs: UnsafeMutablePointer<Int32>
  @usableFromInline let variableCount: Int
  @usableFromInline let registerCount: Int

  init(
    code: UnsafeMutablePointer<FormulaInstruction>, codeCount: Int, constants: UnsafeMutablePointer<Scalar>,
    terms: UnsafeMutablePointer<Int32>, constantRegisterCount: Int, outputs: UnsafeMutablePointer<Int32>,
    variableCount: Int, registerCount: Int
  ) {
    self.code = code
    self.codeCount = codeCount
    self.constants = constants
    self.terms = terms
    self.constantRegisterCount = constantRegisterCount
    self.outputs = outputs
    self.variableCount = variableCount
    self.registerCount = registerCount
  }

  /// Runs `body` with a register file of at least ``registerCount`` scalars on the stack
  /// (fixed sizes up to 128 need no run-time check; larger files fall back to
  /// `withUnsafeTemporaryAllocation`'s own choice of stack or heap).
  @inlinable @inline(__always)
  func withRegisters<R>(_ body: (UnsafeMutablePointer<Scalar>) -> R) -> R {
    if registerCount <= 32 {
      return withUnsafeTemporaryAllocation(of: Scalar.self, capacity: 32) { body($0.baseAddress!) }
    }
    if registerCount <= 128 {
      return withUnsafeTemporaryAllocation(of: Scalar.self, capacity: 128) { body($0.baseAddress!) }
    }
    return withUnsafeTemporaryAllocation(of: Scalar.self, capacity: registerCount) { body($0.baseAddress!) }
  }

  /// Copies `count` scalars one at a time.
  ///
  /// A plain copy loop would be compiled to a `memcpy` call, whose 16-byte stores the
  /// interpreter's scalar loads of the same registers cannot be forwarded from: the loads
  /// then wait for the stores to reach the cache. That stall cost about 10 ns of a 20 ns
  /// Rosenbrock evaluation (x86-64, `descent bench formula`). The exit in the middle of
  /// the body keeps the loop from being recognised as a copy.
  @inlinable @inline(__always)
  static func copy(_ count: Int, from source: UnsafePointer<Scalar>, to destination: UnsafeMutablePointer<Scalar>) {
    var i = 0
    while i < count {
      destination[i] = source[i]
      i &+= 1
      if i == count { break }
      destination[i] = source[i]
      i &+= 1
    }
  }

  /// Loads `x` and the constants into the register file `r` and runs every instruction.
  ///
  /// The interpreter loop: one `switch` per instruction, which reads its operands from
  /// and writes its result to `r`. A dispatch costs about 1.2 ns on the x86-64 machine
  /// this was measured on, several times the arithmetic of a plain instruction, so the
  /// compiler fuses instructions (``FormulaOpcode``) rather than the loop doing anything
  /// cleverer. (Handing the previous result to the next instruction in a machine register
  /// instead of through `r` was tried and measured no faster.)
  @inlinable @inline(__always)
  func run(at x: UnsafePointer<Scalar>, registers r: UnsafeMutablePointer<Scalar>) {
    let n = variableCount
    Self.copy(n, from: x, to: r)
    let k = constants
    Self.copy(constantRegisterCount, from: k, to: r + n)
    let code = self.code
    for j in 0..<codeCount {
      let instruction = code[j]
      let a = r[Int(instruction.a)]
      let v: Scalar
      switch instruction.opcode {
      case .add: v = a + r[Int(instruction.b)]
      case .subtract: v = a - r[Int(instruction.b)]
      case .multiply: v = a * r[Int(instruction.b)]
      case .divide: v = a / r[Int(instruction.b)]
      case .negate: v = -a
      case .addConstant: v = a + k[Int(instruction.b)]
      case .subtractConstant: v = a - k[Int(instruction.b)]
      case .constantSubtract: v = k[Int(instruction.b)] - a
      case .multiplyConstant: v = k[Int(instruction.b)] * a
      case .divideConstant: v = a / k[Int(instruction.b)]
      case .constantDivide: v = k[Int(instruction.b)] / a
      case .square: v = a * a
      case .cube: v = a * a * a
      case .reciprocal: v = 1 / a
      case .powerInteger: v = Scalar.pow(a, Int(instruction.b))
      case .power: v = Scalar.pow(a, r[Int(instruction.b)])
      case .minimum: v = FormulaMath.minimum(a, r[Int(instruction.b)])
      case .maximum: v = FormulaMath.maximum(a, r[Int(instruction.b)])
      case .sin: v = Scalar.sin(a)
      case .cos: v = Scalar.cos(a)
      case .tan: v = Scalar.tan(a)
      case .asin: v = Scalar.asin(a)
      case .acos: v = Scalar.acos(a)
      case .atan: v = Scalar.atan(a)
      case .sinh: v = Scalar.sinh(a)
      case .cosh: v = Scalar.cosh(a)
      case .tanh: v = Scalar.tanh(a)
      case .exp: v = Scalar.exp(a)
      case .log: v = Scalar.log(a)
      case .sqrt: v = a.squareRoot()
      case .abs: v = a.magnitude
      case .sign: v = FormulaMath.sign(a)
      case .sigmoid: v = FormulaMath.sigmoid(a)
      case .softplus: v = FormulaMath.softplus(a)
      case .multiplyAdd: v = a * r[Int(instruction.b)] + r[Int(instruction.c)]
      case .multiplySubtract: v = a * r[Int(instruction.b)] - r[Int(instruction.c)]
      case .subtractMultiply: v = r[Int(instruction.c)] - a * r[Int(instruction.b)]
      case .multiplyMultiply: v = a * r[Int(instruction.b)] * r[Int(instruction.c)]
      case .scaledMultiply: v = k[Int(instruction.c)] * (a * r[Int(instruction.b)])
      case .scaledAdd: v = k[Int(instruction.c)] * a + r[Int(instruction.b)]
      case .scaledSubtract: v = k[Int(instruction.c)] * a - r[Int(instruction.b)]
      case .subtractScaled: v = r[Int(instruction.b)] - k[Int(instruction.c)] * a
      case .sumOfProducts:
        let t = terms + Int(instruction.c)
        v = k[Int(t[0])] * (a * r[Int(instruction.b)]) + k[Int(t[3])] * (r[Int(t[1])] * r[Int(t[2])])
      case .differenceOfProducts:
        let t = terms + Int(instruction.c)
        v = k[Int(t[0])] * (a * r[Int(instruction.b)]) - k[Int(t[3])] * (r[Int(t[1])] * r[Int(t[2])])
      }
      r[Int(instruction.destination)] = v
    }
  }
}
