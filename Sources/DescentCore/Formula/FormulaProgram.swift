/// An operation of the formula register machine.
///
/// Every instruction writes `r[destination]`; its operands are `r[a]` and, depending on
/// the opcode, `r[b]` or `r[c]` (registers), `k[b]` or `k[c]` (entries of the constant
/// pool) or the integer `b` itself. ``FormulaInstruction/operands(of:)`` says which.
///
/// The *fused* opcodes (from `multiplyAdd` on) stand for two to six of the plain ones
/// whose intermediate results are used nowhere else. They round after every operation,
/// in the same order as the plain instructions they replace (they are not hardware
/// fused multiply-adds), so a program computes the same bits with or without fusion; they
/// exist because one dispatch of the interpreter loop costs more than the arithmetic.
@usableFromInline
enum FormulaOpcode: UInt8, Sendable, CaseIterable {
  /// `r[a] + r[b]`, `r[a] − r[b]`, `r[a] · r[b]`, `r[a] / r[b]`.
  case add, subtract, multiply, divide
  /// `−r[a]`.
  case negate
  /// `r[a] + k[b]`, `r[a] − k[b]`, `k[b] − r[a]`, `k[b] · r[a]`, `r[a] / k[b]`, `k[b] / r[a]`.
  case addConstant, subtractConstant, constantSubtract, multiplyConstant, divideConstant, constantDivide
  /// `r[a] · r[a]`.
  case square
  /// `r[a] · r[a] · r[a]`.
  case cube
  /// `1 / r[a]`.
  case reciprocal
  /// `pow(r[a], n)` with the integer `n` stored in the `b` field (not a register).
  case powerInteger
  /// `pow(r[a], r[b])` for a non-integer or variable exponent (NaN for negative `r[a]`).
  case power
  /// `min(r[a], r[b])`, `max(r[a], r[b])` (see ``FormulaMath``).
  case minimum, maximum
  case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh
  case exp, log, sqrt, abs, sign, sigmoid, softplus

  // Fused opcodes (each is the plain sequence in the comment, rounded the same way).

  /// `r[a] · r[b] + r[c]`  (`multiply` or `square`, then `add`).
  case multiplyAdd
  /// `r[a] · r[b] − r[c]`  (`multiply` or `square`, then `subtract`).
  case multiplySubtract
  /// `r[c] − r[a] · r[b]`  (`multiply` or `square`, then `subtract` from `r[c]`).
  case subtractMultiply
  /// `r[a] · r[b] · r[c]`, as `(r[a] · r[b]) · r[c]`  (two `multiply`s).
  case multiplyMultiply
  /// `k[c] · (r[a] · r[b])`  (`multiply` or `square`, then `multiplyConstant`).
  case scaledMultiply
  /// `k[c] · r[a] + r[b]`  (`multiplyConstant`, then `add`).
  case scaledAdd
  /// `k[c] · r[a] − r[b]`  (`multiplyConstant`, then `subtract`).
  case scaledSubtract
  /// `r[b] − k[c] · r[a]`  (`multiplyConstant`, then `subtract` from `r[b]`).
  case subtractScaled
  /// `k[t₀] · (r[a] · r[b]) + k[t₃] · (r[t₁] · r[t₂])` with `t` the four entries of the
  /// program's term table from index `c`: two single-use products (`multiply`, `square`,
  /// `multiplyConstant` or `scaledMultiply`), then `add`. A missing factor is the
  /// constant 1, by which multiplying is exact.
  case sumOfProducts
  /// `k[t₀] · (r[a] · r[b]) − k[t₃] · (r[t₁] · r[t₂])`, as `sumOfProducts` with `subtract`.
  case differenceOfProducts
}

/// One instruction: `register[destination] = opcode(a, b, c)`, operands as the
/// ``FormulaOpcode`` says.
@usableFromInline
struct FormulaInstruction: Sendable, Equatable {
  @usableFromInline var opcode: FormulaOpcode
  @usableFromInline var destination: Int32
  @usableFromInline var a: Int32
  @usableFromInline var b: Int32
  @usableFromInline var c: Int32

  @usableFromInline
  init(_ opcode: FormulaOpcode, destination: Int32, a: Int32, b: Int32 = 0, c: Int32 = 0) {
    self.opcode = opcode
    self.destination = destination
    self.a = a
    self.b = b
    self.c = c
  }

  /// What an instruction's `b` or `c` field holds.
  enum Operand: Equatable {
    /// Nothing (the field is unused).
    case none
    /// A register index.
    case register
    /// An index into the constant pool.
    case constant
    /// An integer exponent.
    case integer
    /// An index into the program's term table (see ``FormulaOpcode/sumOfProducts``).
    case term
  }

  /// What the `b` and `c` fields of `opcode` hold (`a` is always a register).
  static func operands(of opcode: FormulaOpcode) -> (b: Operand, c: Operand) {
    switch opcode {
    case .add, .subtract, .multiply, .divide, .power, .minimum, .maximum: (.register, .none)
    case .addConstant, .subtractConstant, .constantSubtract, .multiplyConstant, .divideConstant,
      .constantDivide:
      (.constant, .none)
    case .powerInteger: (.integer, .none)
    case .multiplyAdd, .multiplySubtract, .subtractMultiply, .multiplyMultiply: (.register, .register)
    case .scaledMultiply, .scaledAdd, .scaledSubtract, .subtractScaled: (.register, .constant)
    case .sumOfProducts, .differenceOfProducts: (.register, .term)
    case .negate, .square, .cube, .reciprocal, .sin, .cos, .tan, .asin, .acos, .atan, .sinh, .cosh, .tanh,
      .exp, .log, .sqrt, .abs, .sign, .sigmoid, .softplus:
      (.none, .none)
    }
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
  /// Operands that do not fit in an instruction: four per `sumOfProducts` or
  /// `differenceOfProducts` (`k₁`, the second product's two registers, `k₂`).
  @usableFromInline let terms: [Int32]
  /// How many leading constants of the pool live in registers.
  @usableFromInline let constantRegisterCount: Int
  /// The register holding each output.
  @usableFromInline let outputs: [Int32]
  @usableFromInline let variableCount: Int
  @usableFromInline let registerCount: Int

  init(
    instructions: [FormulaInstruction], constants: [Double], terms: [Int32] = [], constantRegisterCount: Int,
    outputs: [Int32], variableCount: Int, registerCount: Int
  ) {
    self.instructions = instructions
    self.constants = constants
    self.terms = terms
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

  /// A readable listing, one instruction a line (`r5 = multiplyAdd r2 r4 r3`, `c1` for a
  /// pool constant), for debugging.
  public var listing: String {
    var lines: [String] = []
    for (k, c) in constants.enumerated() {
      lines.append(k < constantRegisterCount ? "r\(variableCount + k) = \(c)" : "c\(k) = \(c)")
    }
    func text(_ kind: FormulaInstruction.Operand, _ value: Int32) -> String {
      switch kind {
      case .none: ""
      case .register: " r\(value)"
      case .constant: " c\(value)"
      case .integer: " \(value)"
      case .term: " t\(value)"
      }
    }
    for i in instructions {
      let (b, c) = FormulaInstruction.operands(of: i.opcode)
      if c == .term {
        let t = terms[Int(i.c)..<Int(i.c) + 4].map { $0 }
        let sign = i.opcode == .sumOfProducts ? "+" : "-"
        lines.append(
          "r\(i.destination) = \(i.opcode) c\(t[0])*(r\(i.a)*r\(i.b)) \(sign) c\(t[3])*(r\(t[1])*r\(t[2]))")
      } else {
        lines.append("r\(i.destination) = \(i.opcode) r\(i.a)" + text(b, i.b) + text(c, i.c))
      }
    }
    lines.append("outputs: " + outputs.map { "r\($0)" }.joined(separator: " "))
    return lines.joined(separator: "\n")
  }
}
