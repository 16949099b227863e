import RealModule

/// An operation of the formula register machine.
@usableFromInline
enum FormulaOpcode: UInt8, Sendable {
  case add, subtract, multiply, divide, negate
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
/// The register file holds, in order: the `variableCount` inputs, the constants, then the
/// temporaries. Evaluation copies the point and the constants in, runs every instruction
/// once in order, and reads the outputs' registers. Temporaries are reused once their
/// value is dead, so the register file stays small.
public struct FormulaProgram: Sendable, Equatable {
  @usableFromInline let instructions: [FormulaInstruction]
  @usableFromInline let constants: [Double]
  /// The register holding each output.
  @usableFromInline let outputs: [Int32]
  @usableFromInline let variableCount: Int
  @usableFromInline let registerCount: Int

  init(
    instructions: [FormulaInstruction], constants: [Double], outputs: [Int32], variableCount: Int,
    registerCount: Int
  ) {
    self.instructions = instructions
    self.constants = constants
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
    for (k, c) in constants.enumerated() { lines.append("r\(variableCount + k) = \(c)") }
    for i in instructions {
      let b = i.opcode == .powerInteger ? " \(i.b)" : (Self.isBinary(i.opcode) ? " r\(i.b)" : "")
      lines.append("r\(i.destination) = \(i.opcode) r\(i.a)\(b)")
    }
    lines.append("outputs: " + outputs.map { "r\($0)" }.joined(separator: " "))
    return lines.joined(separator: "\n")
  }

  static func isBinary(_ op: FormulaOpcode) -> Bool {
    switch op {
    case .add, .subtract, .multiply, .divide, .power, .minimum, .maximum: true
    default: false
    }
  }
}

/// A ``FormulaProgram`` with its constants converted to `Scalar`, ready to run.
@usableFromInline
struct FormulaKernel<Scalar: DescentScalar>: Sendable {
  @usableFromInline let instructions: [FormulaInstruction]
  @usableFromInline let constants: [Scalar]
  @usableFromInline let outputs: [Int32]
  @usableFromInline let variableCount: Int
  @usableFromInline let registerCount: Int

  init(_ program: FormulaProgram) {
    instructions = program.instructions
    constants = program.constants.map { Scalar($0) }
    outputs = program.outputs
    variableCount = program.variableCount
    registerCount = Swift.max(program.registerCount, 1)
  }

  /// Runs the program at `x` and passes the register file and the output registers to
  /// `body`. Allocates nothing on the heap for register files up to the stack limit of
  /// `withUnsafeTemporaryAllocation`.
  @inlinable
  func run<R>(
    at x: UnsafeBufferPointer<Scalar>,
    _ body: (UnsafeMutablePointer<Scalar>, UnsafeBufferPointer<Int32>) -> R
  ) -> R {
    withUnsafeTemporaryAllocation(of: Scalar.self, capacity: registerCount) { file in
      let r = file.baseAddress!
      let n = variableCount
      let xs = x.baseAddress!
      for i in 0..<n { r[i] = xs[i] }
      constants.withUnsafeBufferPointer { c in
        for k in 0..<c.count { r[n + k] = c[k] }
      }
      instructions.withUnsafeBufferPointer { code in
        Self.execute(code, r)
      }
      return outputs.withUnsafeBufferPointer { body(r, $0) }
    }
  }

  /// The interpreter loop: one `switch` per instruction over the register file.
  @inlinable
  static func execute(_ code: UnsafeBufferPointer<FormulaInstruction>, _ r: UnsafeMutablePointer<Scalar>) {
    for instruction in code {
      let a = r[Int(instruction.a)]
      let v: Scalar
      switch instruction.opcode {
      case .add: v = a + r[Int(instruction.b)]
      case .subtract: v = a - r[Int(instruction.b)]
      case .multiply: v = a * r[Int(instruction.b)]
      case .divide: v = a / r[Int(instruction.b)]
      case .negate: v = -a
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
