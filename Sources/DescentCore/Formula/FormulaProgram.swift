import RealModule

/// An operation of the formula register machine.
@usableFromInline
enum FormulaOpcode: UInt8, Sendable {
  case add, subtract, multiply, divide, negate
  /// `a + c`, `a − c`, `c − a`, `c·a`, `a / c`, `c / a` with `c` the constant-pool entry
  /// in the `b` field.
  case addConstant, subtractConstant, constantSubtract, multiplyConstant, divideConstant, constantDivide
  /// `a*a`.
  case square
  /// `a*a*a`.
  case cube
  /// `1/a`.
  case reciprocal
  /// `pow(a, n)` with the integer `n` stored in the `b` field (not a register).
  case powerInteger
  /// `pow(a, b)` for a non-integer or variable exponent (NaN for negative `a`).
  case power
  case minimum, maximum
  case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh
  case exp, log, sqrt, abs, sign, sigmoid, softplus
}

/// One instruction: `register[destination] = opcode(register[a], register[b])`.
@usableFromInline
struct FormulaInstruction: Sendable, Equatable {
  @usableFromInline var opcode: FormulaOpcode
  @usableFromInline var destination: Int32
  @usableFromInline var a: Int32
  @usableFromInline var b: Int32

  @usableFromInline
  init(_ opcode: FormulaOpcode, destination: Int32, a: Int32, b: Int32) {
    self.opcode = opcode
    self.destination = destination
    self.a = a
    self.b = b
  }
}

/// A compiled straight-line program: evaluates some expressions (the outputs) of a formula
/// at a point, sharing every common subexpression.
///
/// The register file holds, in order: the `variableCount` inputs, the constants read from
/// registers (the first `constantRegisterCount` of the pool), then the temporaries.
/// Arithmetic with a constant operand reads it straight from the pool. Evaluation copies
/// the point and the register constants in, runs every instruction once in order, and
/// reads the outputs' registers. Temporaries are reused once their
/// value is dead, so the register file stays small.
public struct FormulaProgram: Sendable, Equatable {
  @usableFromInline let instructions: [FormulaInstruction]
  @usableFromInline let constants: [Double]
  /// How many leading constants of the pool live in registers.
  @usableFromInline let constantRegisterCount: Int
  /// The register holding each output.
  @usableFromInline let outputs: [Int32]
  @usableFromInline let variableCount: Int
  @usableFromInline let registerCount: Int

  init(
    instructions: [FormulaInstruction], constants: [Double], constantRegisterCount: Int, outputs: [Int32],
    variableCount: Int, registerCount: Int
  ) {
    self.instructions = instructions
    self.constants = constants
    self.constantRegisterCount = constantRegisterCount
    self.outputs = outputs
    self.variableCount = variableCount
    self.registerCount = registerCount
  }

  /// Number of instructions run per evaluation.
  public var instructionCount: Int { instructions.count }
  /// Number of scalars in the register file.
  public var registers: Int { registerCount }
  /// Number of expressions the program computes.
  public var outputCount: Int { outputs.count }

  /// A readable listing, one instruction a line (`r5 = mul r2 r4`), for debugging.
  public var listing: String {
    var lines: [String] = []
    for (k, c) in constants.enumerated() {
      lines.append(k < constantRegisterCount ? "r\(variableCount + k) = \(c)" : "c\(k) = \(c)")
    }
    for i in instructions {
      let b =
        i.opcode == .powerInteger
        ? " \(i.b)" : Self.readsConstant(i.opcode) ? " c\(i.b)" : (Self.isBinary(i.opcode) ? " r\(i.b)" : "")
      lines.append("r\(i.destination) = \(i.opcode) r\(i.a)\(b)")
    }
    lines.append("outputs: " + outputs.map { "r\($0)" }.joined(separator: " "))
    return lines.joined(separator: "\n")
  }

  static func readsConstant(_ op: FormulaOpcode) -> Bool {
    switch op {
    case .addConstant, .subtractConstant, .constantSubtract, .multiplyConstant, .divideConstant,
      .constantDivide:
      true
    default: false
    }
  }

  static func isBinary(_ op: FormulaOpcode) -> Bool {
    switch op {
    case .add, .subtract, .multiply, .divide, .power, .minimum, .maximum: true
    default: false
    }
  }
}

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
    kernel = FormulaKernel(
      code: code, codeCount: program.instructions.count, constants: constants,
      constantRegisterCount: program.constantRegisterCount, outputs: outputs, variableCount: program.variableCount,
      registerCount: Swift.max(program.registerCount, 1))
  }

  deinit {
    kernel.code.deallocate()
    kernel.constants.deallocate()
    kernel.outputs.deallocate()
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
  /// How many leading constants are copied into registers on each run.
  @usableFromInline let constantRegisterCount: Int
  @usableFromInline let outputs: UnsafeMutablePointer<Int32>
  @usableFromInline let variableCount: Int
  @usableFromInline let registerCount: Int

  init(
    code: UnsafeMutablePointer<FormulaInstruction>, codeCount: Int, constants: UnsafeMutablePointer<Scalar>,
    constantRegisterCount: Int, outputs: UnsafeMutablePointer<Int32>, variableCount: Int, registerCount: Int
  ) {
    self.code = code
    self.codeCount = codeCount
    self.constants = constants
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

  /// Loads `x` and the constants into the register file `r` and runs every instruction.
  /// The interpreter loop: one `switch` per instruction.
  @inlinable @inline(__always)
  func run(at x: UnsafePointer<Scalar>, registers r: UnsafeMutablePointer<Scalar>) {
    let n = variableCount
    for i in 0..<n { r[i] = x[i] }
    let c = constants
    for k in 0..<constantRegisterCount { r[n + k] = c[k] }
    let code = self.code
    for k in 0..<codeCount {
      let instruction = code[k]
      let a = r[Int(instruction.a)]
      let v: Scalar
      switch instruction.opcode {
      case .add: v = a + r[Int(instruction.b)]
      case .subtract: v = a - r[Int(instruction.b)]
      case .multiply: v = a * r[Int(instruction.b)]
      case .divide: v = a / r[Int(instruction.b)]
      case .negate: v = -a
      case .addConstant: v = a + c[Int(instruction.b)]
      case .subtractConstant: v = a - c[Int(instruction.b)]
      case .constantSubtract: v = c[Int(instruction.b)] - a
      case .multiplyConstant: v = c[Int(instruction.b)] * a
      case .divideConstant: v = a / c[Int(instruction.b)]
      case .constantDivide: v = c[Int(instruction.b)] / a
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
      }
      r[Int(instruction.destination)] = v
    }
  }
}
