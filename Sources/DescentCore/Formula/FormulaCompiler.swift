/// Compiles expression nodes into a ``FormulaProgram``.
///
/// 1. Keeps the nodes the outputs depend on (one pass down the ids: operands have smaller
///    ids than their users).
/// 2. Gives every variable and constant a fixed register.
/// 3. Emits one instruction per remaining node in id order (a topological order), with
///    specialised opcodes for integer powers (`x^2` → `square`, `x^3` → `cube`,
///    `x^-1` → `reciprocal`, other integers → `powerInteger`).
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

    // Fixed registers: variables, then constants.
    var register = [Int32](repeating: -1, count: top + 1)
    var constants: [Double] = []
    for id in 0...top where needed[id] {
      let node = nodes[id]
      if node.operation == .variable {
        register[id] = node.a
      } else if node.operation == .constant {
        register[id] = Int32(variableCount + constants.count)
        constants.append(node.constantValue)
      }
    }
    let firstTemporary = variableCount + constants.count

    // Instructions in SSA form (operands are node ids), then their last uses.
    var code: [(opcode: FormulaOpcode, node: Int, a: Int, b: Int, immediate: Int32?)] = []
    for id in 0...top where needed[id] {
      let node = nodes[id]
      guard node.operation.isUnary || node.operation.isBinary else { continue }
      code.append(instruction(for: node, id: id, nodes: nodes))
    }
    var lastUse = [Int](repeating: -1, count: top + 1)
    for (k, c) in code.enumerated() {
      lastUse[c.a] = k
      if c.immediate == nil { lastUse[c.b] = k }
    }
    for id in outputs { lastUse[id] = Int.max }

    // Linear-scan allocation of temporaries.
    var free: [Int32] = []
    var next = Int32(firstTemporary)
    var instructions: [FormulaInstruction] = []
    instructions.reserveCapacity(code.count)
    for (k, c) in code.enumerated() {
      let a = register[c.a]
      let b = c.immediate ?? register[c.b]
      if lastUse[c.a] == k && a >= firstTemporary { free.append(a) }
      if c.immediate == nil && c.b != c.a && lastUse[c.b] == k && b >= firstTemporary { free.append(b) }
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
      instructions: instructions, constants: constants, outputs: outputs.map { register[$0] },
      variableCount: variableCount, registerCount: Int(next))
  }

  private static func instruction(for node: ExpressionNode, id: Int, nodes: [ExpressionNode])
    -> (opcode: FormulaOpcode, node: Int, a: Int, b: Int, immediate: Int32?)
  {
    let a = node.first
    let b = node.operation.isBinary ? node.second : a
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
        case 2: return (.square, id, a, a, nil)
        case 3: return (.cube, id, a, a, nil)
        case -1: return (.reciprocal, id, a, a, nil)
        default: return (.powerInteger, id, a, a, n)
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
    return (opcode, id, a, b, nil)
  }
}
