import RealModule

/// A hash-consed expression DAG whose constructors simplify as they build.
///
/// Every node is interned: building the same operation on the same operands twice returns
/// the same id, so common subexpressions (of a formula, its gradient and its Hessian) are
/// shared and computed once by the compiled program.
///
/// The constructors apply these rewrites (each exact in IEEE arithmetic unless marked ≈):
///
/// ```
/// constant folding (only when the result is finite)
/// x + 0 → x      0 + x → x      x + x → 2*x      x + (−y) → x − y     x + (−c)*y → x − c*y
/// x − 0 → x      0 − x → −x     x − x → 0        x − (−y) → x + y     x − (−c) → x + c
/// x*0 → 0        x*1 → x        x*(−1) → −x      x*c → c*x            x*x → x^2
/// c1*(c2*x) → (c1c2)*x  ≈      (c*x)*y → c*(x*y)  ≈    (−x)*y → −(x*y)
/// x/1 → x        0/x → 0        x/x → 1          x/2ᵏ → 2⁻ᵏ*x         (−x)/y → −(x/y)
/// (1/x)*y → y/x  ≈              (c*x)/y → c*(x/y)  ≈
/// x^0 → 1        x^1 → x        1^x → 1          e^x → exp(x)         x^0.5 → sqrt(x)
/// −(−x) → x      −(c*x) → (−c)*x                 −(x − y) → y − x
/// abs(−x) → abs(x)   abs(abs(x)) → abs(x)        min(x, x) → x        max(x, x) → x
/// ```
///
/// (`x − x → 0` and `x*0 → 0` also hold for the symbols but not for `x = ±∞` or NaN; that
/// is the usual convention of computer algebra.)
///
/// When the graph reaches ``nodeLimit`` it stops growing, sets ``exceededLimit`` and
/// returns the zero constant; callers check the flag and report the formula as too
/// complex.
final class ExpressionGraph {
  private(set) var nodes: [ExpressionNode] = []
  private var ids: [ExpressionNode: Int32] = [:]
  /// The most nodes the graph may hold.
  let nodeLimit: Int
  /// Set when a constructor needed more than ``nodeLimit`` nodes.
  private(set) var exceededLimit = false
  /// Id of the constant 0.
  let zero = 0
  /// Id of the constant 1.
  let one = 1

  init(nodeLimit: Int) {
    self.nodeLimit = Swift.max(nodeLimit, 2)
    _ = intern(ExpressionNode(.constant, bits: Double(0).bitPattern))
    _ = intern(ExpressionNode(.constant, bits: Double(1).bitPattern))
  }

  var count: Int { nodes.count }

  subscript(id: Int) -> ExpressionNode { nodes[id] }

  private func intern(_ node: ExpressionNode) -> Int {
    if let id = ids[node] { return Int(id) }
    if nodes.count >= nodeLimit {
      exceededLimit = true
      return zero
    }
    let id = nodes.count
    nodes.append(node)
    ids[node] = Int32(id)
    return id
  }

  // MARK: - Leaves

  func constant(_ value: Double) -> Int {
    intern(ExpressionNode(.constant, bits: value.bitPattern))
  }

  func variable(_ index: Int) -> Int {
    intern(ExpressionNode(.variable, index))
  }

  /// The value of node `id` if it is a constant.
  func value(_ id: Int) -> Double? {
    let node = nodes[id]
    return node.operation == .constant ? node.constantValue : nil
  }

  func isConstant(_ id: Int) -> Bool { nodes[id].operation == .constant }

  /// A constant node for `value` if it is finite (folding never creates ∞ or NaN).
  private func folded(_ value: Double) -> Int? {
    value.isFinite ? constant(value) : nil
  }

  /// `(c, x)` when node `id` is `c*x` with a constant `c`.
  private func scaled(_ id: Int) -> (Double, Int)? {
    let node = nodes[id]
    guard node.operation == .multiply, let c = value(node.first) else { return nil }
    return (c, node.second)
  }

  // MARK: - Arithmetic

  func add(_ a: Int, _ b: Int) -> Int {
    let ca = value(a)
    let cb = value(b)
    if let ca, let cb, let c = folded(ca + cb) { return c }
    if ca == 0 { return b }
    if cb == 0 { return a }
    if a == b { return multiply(constant(2), a) }
    let nb = nodes[b]
    if nb.operation == .negate { return subtract(a, nb.first) }
    if let (c, y) = scaled(b), c < 0 { return subtract(a, multiply(constant(-c), y)) }
    if let cb, cb < 0 { return subtract(a, constant(-cb)) }
    let na = nodes[a]
    if na.operation == .negate { return subtract(b, na.first) }
    if let (c, y) = scaled(a), c < 0 { return subtract(b, multiply(constant(-c), y)) }
    return intern(ExpressionNode(.add, a, b))
  }

  func subtract(_ a: Int, _ b: Int) -> Int {
    let ca = value(a)
    let cb = value(b)
    if let ca, let cb, let c = folded(ca - cb) { return c }
    if cb == 0 { return a }
    if ca == 0 { return negate(b) }
    if a == b { return zero }
    let nb = nodes[b]
    if nb.operation == .negate { return add(a, nb.first) }
    if let (c, y) = scaled(b), c < 0 { return add(a, multiply(constant(-c), y)) }
    if let cb, cb < 0 { return add(a, constant(-cb)) }
    return intern(ExpressionNode(.subtract, a, b))
  }

  func multiply(_ a0: Int, _ b0: Int) -> Int {
    var a = a0
    var b = b0
    if isConstant(b) && !isConstant(a) { swap(&a, &b) }
    if let ca = value(a) {
      if let cb = value(b) {
        if let c = folded(ca * cb) { return c }
        return intern(ExpressionNode(.multiply, a, b))
      }
      if ca == 0 { return zero }
      if ca == 1 { return b }
      if let (c2, x) = scaled(b), let c = folded(ca * c2) { return multiply(c, x) }
      let nb = nodes[b]
      if nb.operation == .negate { return multiply(constant(-ca), nb.first) }
      if ca == -1 { return negate(b) }
      return intern(ExpressionNode(.multiply, a, b))
    }
    let na = nodes[a]
    let nb = nodes[b]
    if na.operation == .negate && nb.operation == .negate { return multiply(na.first, nb.first) }
    if na.operation == .negate { return negate(multiply(na.first, b)) }
    if nb.operation == .negate { return negate(multiply(a, nb.first)) }
    if let (c, x) = scaled(a) { return multiply(constant(c), multiply(x, b)) }
    if let (c, y) = scaled(b) { return multiply(constant(c), multiply(a, y)) }
    if na.operation == .divide && value(na.first) == 1 { return divide(b, na.second) }
    if nb.operation == .divide && value(nb.first) == 1 { return divide(a, nb.second) }
    if a == b { return power(a, constant(2)) }
    return intern(ExpressionNode(.multiply, a, b))
  }

  func divide(_ a: Int, _ b: Int) -> Int {
    let ca = value(a)
    let cb = value(b)
    if let ca, let cb, let c = folded(ca / cb) { return c }
    if ca == 0 && cb != 0 { return zero }
    if cb == 1 { return a }
    if cb == -1 { return negate(a) }
    if a == b { return one }
    if let cb, cb.isNormal, cb.significandBitPattern == 0, let inverse = folded(1 / cb) {
      return multiply(inverse, a)
    }
    let na = nodes[a]
    if na.operation == .negate { return negate(divide(na.first, b)) }
    if cb == nil, let (c, x) = scaled(a) { return multiply(constant(c), divide(x, b)) }
    let nb = nodes[b]
    if nb.operation == .negate { return negate(divide(a, nb.first)) }
    return intern(ExpressionNode(.divide, a, b))
  }

  func power(_ a: Int, _ b: Int) -> Int {
    let ca = value(a)
    let cb = value(b)
    if let ca, let cb, let c = folded(Self.power(ca, cb)) { return c }
    if cb == 0 { return one }
    if cb == 1 { return a }
    if ca == 1 { return one }
    if ca == FormulaConstant.values["e"] { return apply(.exp, b) }
    if cb == 0.5 { return apply(.sqrt, a) }
    return intern(ExpressionNode(.power, a, b))
  }

  func negate(_ a: Int) -> Int {
    if let ca = value(a) { return constant(-ca) }
    let na = nodes[a]
    switch na.operation {
    case .negate: return na.first
    case .subtract: return subtract(na.second, na.first)
    case .multiply:
      if let c = value(na.first) { return multiply(constant(-c), na.second) }
    case .divide:
      if let c = value(na.first) { return divide(constant(-c), na.second) }
    default: break
    }
    return intern(ExpressionNode(.negate, a))
  }

  /// `min`/`max` (`.minimum`, `.maximum`).
  func extremum(_ operation: ExpressionOperation, _ a: Int, _ b: Int) -> Int {
    if let ca = value(a), let cb = value(b), let c = folded(Self.evaluate(operation, ca, cb)) {
      return c
    }
    if a == b { return a }
    return intern(ExpressionNode(operation, a, b))
  }

  /// A one-argument function.
  func apply(_ operation: ExpressionOperation, _ a: Int) -> Int {
    if operation == .negate { return negate(a) }
    if let ca = value(a), let c = folded(Self.evaluate(operation, ca, 0)) { return c }
    let na = nodes[a]
    if operation == .abs && (na.operation == .negate || na.operation == .abs) {
      return apply(.abs, na.first)
    }
    if operation == .sign && na.operation == .sign { return a }
    return intern(ExpressionNode(operation, a))
  }

  /// Any operation on its operands (`b` ignored for one-argument operations).
  func make(_ operation: ExpressionOperation, _ a: Int, _ b: Int) -> Int {
    switch operation {
    case .add: add(a, b)
    case .subtract: subtract(a, b)
    case .multiply: multiply(a, b)
    case .divide: divide(a, b)
    case .power: power(a, b)
    case .minimum, .maximum: extremum(operation, a, b)
    case .constant, .variable: preconditionFailure("make: leaves are built with constant()/variable()")
    default: apply(operation, a)
    }
  }

  // MARK: - Folding arithmetic (the same definitions the compiled program uses)

  /// `x^y` as the compiled program computes it: integer exponents by `pow(x, n)` (negative
  /// bases allowed), others by `pow(x, y)` (NaN for negative `x`).
  static func power(_ x: Double, _ y: Double) -> Double {
    if let n = Int32(exactly: y) { return Double.pow(x, Int(n)) }
    return Double.pow(x, y)
  }

  /// `operation` applied to constants.
  static func evaluate(_ operation: ExpressionOperation, _ a: Double, _ b: Double) -> Double {
    switch operation {
    case .constant, .variable: .nan
    case .negate: -a
    case .add: a + b
    case .subtract: a - b
    case .multiply: a * b
    case .divide: a / b
    case .power: power(a, b)
    case .minimum: FormulaMath.minimum(a, b)
    case .maximum: FormulaMath.maximum(a, b)
    case .sin: .sin(a)
    case .cos: .cos(a)
    case .tan: .tan(a)
    case .asin: .asin(a)
    case .acos: .acos(a)
    case .atan: .atan(a)
    case .sinh: .sinh(a)
    case .cosh: .cosh(a)
    case .tanh: .tanh(a)
    case .exp: .exp(a)
    case .log: .log(a)
    case .sqrt: .sqrt(a)
    case .abs: a.magnitude
    case .sign: FormulaMath.sign(a)
    case .sigmoid: FormulaMath.sigmoid(a)
    case .softplus: FormulaMath.softplus(a)
    }
  }
}
