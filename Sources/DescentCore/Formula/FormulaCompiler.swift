/// Compiles expression nodes into a ``FormulaProgram``.
///
/// 1. Keeps the nodes the outputs depend on (one pass down the ids: operands have smaller
///    ids than their users).
/// 2. Emits one instruction per remaining node in id order (a topological order), with
///    specialised opcodes for integer powers (`x^2` → `square`, `x^3` → `cube`,
///    `x^-1` → `reciprocal`, other integers → `powerInteger`) and for arithmetic with one
///    constant operand (`c*x` → `multiplyConstant`, …), which reads the constant from the
///    pool instead of a register.
/// 3. Fuses an instruction with the ones that compute its operands when those results are
///    used nowhere else (`t = x*y; u = t + z` → `u = multiplyAdd x y z`; two scaled
///    products added or subtracted → one `sumOfProducts`; see ``FormulaOpcode`` for the
///    forms). Fusion keeps every rounding, so it changes no result bits; it saves
///    interpreter dispatches and register round trips (Rosenbrock's value and gradient:
///    12 instructions → 5; the catalog's gradient programs: 686 → 412).
/// 4. Gives every variable, and every constant still read from a register, a fixed
///    register.
/// 5. Allocates temporaries by linear scan: a register is freed after the last instruction
///    that reads it and reused by the next result.
enum FormulaCompiler {
  /// - Parameter fuse: whether to run step 3 (off only to test that fusion changes no bits).
  static func compile(nodes: [ExpressionNode], outputs: [Int], variableCount: Int, fuse: Bool = true)
    -> FormulaProgram
  {
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
    if fuse {
      code = fused(code, outputs: outputs, nodes: nodes, nodeCount: top + 1)
      // A fused product may use the constant 1 (node `one`) as a factor.
      for c in code {
        if let t = c.term { for id in [t.k1, t.e, t.k2] { needed[id] = true } }
        if case .register(let id) = c.b { needed[id] = true }
      }
    }

    // Constants: those read from registers first (their registers follow the variables'
    // and are filled on every run), then those only read as immediates.
    var inRegister = [Bool](repeating: false, count: top + 1)
    var asImmediate = [Bool](repeating: false, count: top + 1)
    for c in code {
      c.forEachRegisterOperand { inRegister[$0] = true }
      for operand in [c.b, c.c] {
        if case .constant(let id) = operand { asImmediate[id] = true }
      }
      if let t = c.term {
        asImmediate[t.k1] = true
        asImmediate[t.k2] = true
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
      c.forEachRegisterOperand { lastUse[$0] = k }
    }
    for id in outputs { lastUse[id] = Int.max }

    // Linear-scan allocation of temporaries. An instruction reads all its operands before
    // it writes, so its destination may reuse a register freed by its own operands.
    var free: [Int32] = []
    var next = Int32(firstTemporary)
    var terms: [Int32] = []
    var instructions: [FormulaInstruction] = []
    instructions.reserveCapacity(code.count)
    for (k, c) in code.enumerated() {
      c.forEachRegisterOperand { id in
        if lastUse[id] == k && register[id] >= firstTemporary {
          free.append(register[id])
          lastUse[id] = -1  // freed once, however many operands name it
        }
      }
      func field(_ operand: Operand) -> Int32 {
        switch operand {
        case .none: 0
        case .register(let id): register[id]
        case .constant(let id): pool[id]
        case .integer(let n): n
        }
      }
      let a = register[c.a]
      let b = field(c.b)
      var third = field(c.c)
      if let t = c.term {
        third = Int32(terms.count)
        terms += [pool[t.k1], register[t.c], register[t.e], pool[t.k2]]
      }
      let destination: Int32
      if let reused = free.popLast() {
        destination = reused
      } else {
        destination = next
        next += 1
      }
      register[c.node] = destination
      instructions.append(FormulaInstruction(c.opcode, destination: destination, a: a, b: b, c: third))
    }
    return FormulaProgram(
      instructions: instructions, constants: constants, terms: terms, constantRegisterCount: constantRegisterCount,
      outputs: outputs.map { register[$0] }, variableCount: variableCount, registerCount: Int(next))
  }

  /// The `b` or `c` operand of an instruction before register allocation.
  private enum Operand: Equatable {
    /// Unused.
    case none
    /// The value of a node, in a register.
    case register(Int)
    /// A constant node, read from the constant pool.
    case constant(Int)
    /// An integer exponent.
    case integer(Int32)

    var register: Int? {
      if case .register(let id) = self { id } else { nil }
    }
  }

  /// The operands of `sumOfProducts` and `differenceOfProducts` beyond `a` and `b`:
  /// `k1·(a·b) ± k2·(c·e)`, all node ids (`k1`, `k2` constants).
  private struct Term {
    var k1: Int
    var c: Int
    var e: Int
    var k2: Int
  }

  /// An instruction whose operands are node ids.
  private struct Pending {
    var opcode: FormulaOpcode
    /// The node whose value the instruction computes.
    var node: Int
    var a: Int
    var b: Operand = .none
    var c: Operand = .none
    /// The term-table operands (`sumOfProducts`, `differenceOfProducts`).
    var term: Term? = nil

    /// Calls `body` with each node read from a register (`a`, then `b`, then `c` or the
    /// term's), repeats included.
    func forEachRegisterOperand(_ body: (Int) -> Void) {
      body(a)
      if let b = b.register { body(b) }
      if let c = c.register { body(c) }
      if let term {
        body(term.c)
        body(term.e)
      }
    }
  }

  // MARK: - Fusion

  /// `code` with each instruction fused with the producer of one of its operands, where
  /// that producer's result has no other reader and is no output (see ``FormulaOpcode``).
  ///
  /// The fused instruction sits where the consumer was; the producer's operands are SSA
  /// values, so reading them later is still correct. A fused instruction is fused again
  /// only as a `scaledMultiply` term of `sumOfProducts`/`differenceOfProducts`, so every
  /// fused opcode stands for exactly the sequence its documentation gives.
  private static func fused(_ code: [Pending], outputs: [Int], nodes: [ExpressionNode], nodeCount: Int)
    -> [Pending]
  {
    // The graph's constant 1 (``ExpressionGraph/one``): the factor a product term lacks.
    let one = 1
    precondition(
      nodes.count > one && nodes[one].operation == .constant && nodes[one].constantValue == 1,
      "node 1 is the constant 1")
    var uses = [Int](repeating: 0, count: nodeCount)
    for c in code {
      c.forEachRegisterOperand { uses[$0] += 1 }
    }
    for id in outputs { uses[id] += 2 }
    var producer = [Int](repeating: -1, count: nodeCount)
    for (k, c) in code.enumerated() { producer[c.node] = k }

    var code = code
    var removed = [Bool](repeating: false, count: code.count)
    /// The producer of `id` when it is a plain instruction whose result only one
    /// instruction reads.
    func single(_ id: Int?) -> Pending? {
      guard let id, uses[id] == 1 else { return nil }
      let k = producer[id]
      return k >= 0 && !removed[k] ? code[k] : nil
    }
    /// `(p, q)` when `id` is a single-use `p · q` (or `p²`).
    func product(_ id: Int?) -> (Int, Int)? {
      guard let p = single(id) else { return nil }
      switch p.opcode {
      case .multiply: return p.b.register.map { (p.a, $0) }
      case .square: return (p.a, p.a)
      default: return nil
      }
    }
    /// `(p, k)` when `id` is a single-use `k · p` with `k` a pool constant.
    func scaled(_ id: Int?) -> (Int, Operand)? {
      guard let p = single(id), p.opcode == .multiplyConstant else { return nil }
      return (p.a, p.b)
    }
    /// `(k, p, q)` when `id` is a single-use `k · (p · q)`, with `k` or `q` the constant 1
    /// where the producer has no such factor.
    func productTerm(_ id: Int?) -> (k: Int, p: Int, q: Int)? {
      guard let p = single(id) else { return nil }
      switch (p.opcode, p.b, p.c) {
      case (.multiply, .register(let q), _): return (one, p.a, q)
      case (.square, _, _): return (one, p.a, p.a)
      case (.multiplyConstant, .constant(let k), _): return (k, p.a, one)
      case (.scaledMultiply, .register(let q), .constant(let k)): return (k, p.a, q)
      default: return nil
      }
    }

    for index in code.indices {
      let c = code[index]
      let a = c.a
      let b = c.b.register
      var replacement: Pending?
      var consumed: Int?
      if c.opcode == .add || c.opcode == .subtract, let b, let first = productTerm(a), let second = productTerm(b) {
        code[index] = Pending(
          opcode: c.opcode == .add ? .sumOfProducts : .differenceOfProducts, node: c.node, a: first.p,
          b: .register(first.q), term: Term(k1: first.k, c: second.p, e: second.q, k2: second.k))
        removed[producer[a]] = true
        removed[producer[b]] = true
        continue
      }
      switch c.opcode {
      case .add:
        guard let b else { break }
        if let (p, q) = product(a) {
          (replacement, consumed) = (Pending(opcode: .multiplyAdd, node: c.node, a: p, b: .register(q), c: .register(b)), a)
        } else if let (p, q) = product(b) {
          (replacement, consumed) = (Pending(opcode: .multiplyAdd, node: c.node, a: p, b: .register(q), c: .register(a)), b)
        } else if let (p, k) = scaled(a) {
          (replacement, consumed) = (Pending(opcode: .scaledAdd, node: c.node, a: p, b: .register(b), c: k), a)
        } else if let (p, k) = scaled(b) {
          (replacement, consumed) = (Pending(opcode: .scaledAdd, node: c.node, a: p, b: .register(a), c: k), b)
        }
      case .subtract:
        guard let b else { break }
        if let (p, q) = product(a) {
          (replacement, consumed) = (Pending(opcode: .multiplySubtract, node: c.node, a: p, b: .register(q), c: .register(b)), a)
        } else if let (p, q) = product(b) {
          (replacement, consumed) = (Pending(opcode: .subtractMultiply, node: c.node, a: p, b: .register(q), c: .register(a)), b)
        } else if let (p, k) = scaled(a) {
          (replacement, consumed) = (Pending(opcode: .scaledSubtract, node: c.node, a: p, b: .register(b), c: k), a)
        } else if let (p, k) = scaled(b) {
          (replacement, consumed) = (Pending(opcode: .subtractScaled, node: c.node, a: p, b: .register(a), c: k), b)
        }
      case .multiply:
        guard let b else { break }
        if let (p, q) = product(a) {
          (replacement, consumed) = (Pending(opcode: .multiplyMultiply, node: c.node, a: p, b: .register(q), c: .register(b)), a)
        } else if let (p, q) = product(b) {
          (replacement, consumed) = (Pending(opcode: .multiplyMultiply, node: c.node, a: p, b: .register(q), c: .register(a)), b)
        }
      case .multiplyConstant:
        if let (p, q) = product(a) {
          (replacement, consumed) = (Pending(opcode: .scaledMultiply, node: c.node, a: p, b: .register(q), c: c.b), a)
        }
      default:
        break
      }
      if let replacement, let consumed {
        removed[producer[consumed]] = true
        code[index] = replacement
      }
    }
    return code.indices.filter { !removed[$0] }.map { code[$0] }
  }

  // MARK: - Instruction selection

  private static func instruction(for node: ExpressionNode, id: Int, nodes: [ExpressionNode]) -> Pending {
    let a = node.first
    let b = node.second
    let isBinary = node.operation.isBinary
    let aConstant = nodes[a].operation == .constant
    let bConstant = isBinary && nodes[b].operation == .constant
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
        case 2: return Pending(opcode: .square, node: id, a: a)
        case 3: return Pending(opcode: .cube, node: id, a: a)
        case -1: return Pending(opcode: .reciprocal, node: id, a: a)
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
    return Pending(opcode: opcode, node: id, a: a, b: isBinary ? .register(b) : .none)
  }
}
