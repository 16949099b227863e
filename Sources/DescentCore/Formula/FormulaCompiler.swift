/// Compiles expression nodes into a ``FormulaProgram``.
///
/// 1. Keeps the nodes the outputs depend on (one pass down the ids: operands have smaller
///    ids than their users).
/// 2. Emits one instruction per remaining node in id order (a topological order), with
///    specialised opcodes for integer powers (`x^2` → `square`, `x^3` → `cube`,
///    `x^-1` → `reciprocal`, other integers → `powerInteger`) and for arithmetic with one
///    constant operand (`c*x` → `multiplyConstant`, …), which reads the constant from the
///    pool instead of a register.
/// 3. Gives every variable, and every constant still read from a register, a fixed
///    register.
/// 4. Allocates temporaries by linear scan: a register is freed after the last instruction
///    that reads it and reused by the next result.
enum FormulaCompiler {
  static func compile(nodes: [ExpressionNode], outputs: [Int], variableCount: Int) -> FormulaProgram {
    let top = outputs.max() ?? 0
    var needed = [Bool](repeating: false, count: top + 1)
    for id in outputs { needed[id] = true }
    for id in stride(from: top, through: 0, by: -1) where needed[id] {
      let node = nodes[id]
      if node.operation.isUnary || node.operation.isBinary { needed[node.first] = true }
      if node.operation.isBinary { needed[node.second] = true }
    }

    // Instructions in SSA form (operands are node ids).
    var code: [Pending] = []
    for id in 0...top where needed[id] {
      let node = nodes[id]
      guard node.operation.isUnary || node.operation.isBinary else { continue }
      code.append(instruction(for: node, id: id, nodes: nodes))
    }

    // Constants: those read from registers first (their registers follow the variables'
    // and are filled on every run), then those only read as immediates.
    var inRegister = [Bool](repeating: false, count: top + 1)
    var asImmediate = [Bool](repeating: false, count: top + 1)
    for c in code {
      inRegister[c.a] = true
      switch c.b {
      case .register(let id): inRegister[id] = true
      case .constant(let id): asImmediate[id] = true
      case .integer: break
      }
    }
    for id in outputs { inRegister[id] = true }
    var register = [Int32](repeating: -1, count: top + 1)
    var pool = [Int32](repeating: -1, count: top + 1)
    var constants: [Double] = []
    for id in 0...top where needed[id] && nodes[id].operation == .variable {
      register[id] = nodes[id].a
    }
    for id in 0...top where needed[id] && nodes[id].operation == .constant && inRegister[id] {
      register[id] = Int32(variableCount + constants.count)
      pool[id] = Int32(constants.count)
      constants.append(nodes[id].constantValue)
    }
    let constantRegisterCount = constants.count
    for id in 0...top where needed[id] && nodes[id].operation == .constant && pool[id] < 0 && asImmediate[id] {
      pool[id] = Int32(constants.count)
      constants.append(nodes[id].constantValue)
    }
    let firstTemporary = variableCount + constantRegisterCount

    var lastUse = [Int](repeating: -1, count: top + 1)
    for (k, c) in code.enumerated() {
      lastUse[c.a] = k
      if case .register(let id) = c.b { lastUse[id] = k }
    }
    for id in outputs { lastUse[id] = Int.max }

    // Linear-scan allocation of temporaries.
    var free: [Int32] = []
    var next = Int32(firstTemporary)
    var instructions: [FormulaInstruction] = []
    instructions.reserveCapacity(code.count)
    for (k, c) in code.enumerated() {
      let a = register[c.a]
      if lastUse[c.a] == k && a >= firstTemporary { free.append(a) }
      let b: Int32
      switch c.b {
      case .register(let id):
        b = register[id]
        if id != c.a && lastUse[id] == k && b >= firstTemporary { free.append(b) }
      case .constant(let id): b = pool[id]
      case .integer(let n): b = n
      }
      let destination: Int32
      if let reused = free.popLast() {
        destination = reused
      } else {
        destination = next
        next += 1
      }
      register[c.node] = destination
      instructions.append(FormulaInstruction(c.opcode, destination: destination, a: a, b: b))
    }
    return FormulaProgram(
      instructions: instructions, constants: constants, constantRegisterCount: constantRegisterCount,
      outputs: outputs.map { register[$0] }, variableCount: variableCount, registerCount: Int(next))
  }

  /// The second operand of an instruction before register allocation.
  private enum Operand {
    /// The value of a node, in a register.
    case register(Int)
    /// A constant node, read from the constant pool.
    case constant(Int)
    /// An integer exponent.
    case integer(Int32)
  }

  private struct Pending {
    var opcode: FormulaOpcode
    var node: Int
    var a: Int
    var b: Operand
  }

  private static func instruction(for node: ExpressionNode, id: Int, nodes: [ExpressionNode]) -> Pending {
    let a = node.first
    let b = node.operation.isBinary ? node.second : a
    let aConstant = nodes[a].operation == .constant
    let bConstant = node.operation.isBinary && nodes[b].operation == .constant
    // Arithmetic with exactly one constant operand reads it from the pool.
    if aConstant != bConstant {
      let (other, constant) = aConstant ? (b, a) : (a, b)
      let opcode: FormulaOpcode? =
        switch node.operation {
        case .add: .addConstant
        case .multiply: .multiplyConstant
        case .subtract: aConstant ? .constantSubtract : .subtractConstant
        case .divide: aConstant ? .constantDivide : .divideConstant
        default: nil
        }
      if let opcode { return Pending(opcode: opcode, node: id, a: other, b: .constant(constant)) }
    }
    let opcode: FormulaOpcode
    switch node.operation {
    case .constant, .variable: preconditionFailure("leaves have registers, not instructions")
    case .add: opcode = .add
    case .subtract: opcode = .subtract
    case .multiply: opcode = .multiply
    case .divide: opcode = .divide
    case .negate: opcode = .negate
    case .power:
      let exponent = nodes[b]
      if exponent.operation == .constant, let n = Int32(exactly: exponent.constantValue) {
        switch n {
        case 2: return Pending(opcode: .square, node: id, a: a, b: .register(a))
        case 3: return Pending(opcode: .cube, node: id, a: a, b: .register(a))
        case -1: return Pending(opcode: .reciprocal, node: id, a: a, b: .register(a))
        default: return Pending(opcode: .powerInteger, node: id, a: a, b: .integer(n))
        }
      }
      opcode = .power
    case .minimum: opcode = .minimum
    case .maximum: opcode = .maximum
    case .sin: opcode = .sin
    case .cos: opcode = .cos
    case .tan: opcode = .tan
    case .asin: opcode = .asin
    case .acos: opcode = .acos
    case .atan: opcode = .atan
    case .sinh: opcode = .sinh
    case .cosh: opcode = .cosh
    case .tanh: opcode = .tanh
    case .exp: opcode = .exp
    case .log: opcode = .log
    case .sqrt: opcode = .sqrt
    case .abs: opcode = .abs
    case .sign: opcode = .sign
    case .sigmoid: opcode = .sigmoid
    case .softplus: opcode = .softplus
    }
    return Pending(opcode: opcode, node: id, a: a, b: .register(b))
  }
}
