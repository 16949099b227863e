/// Exact symbolic derivatives of nodes of an ``ExpressionGraph``, by reverse accumulation.
///
/// One sweep from a root visits the nodes it depends on in reverse topological order and
/// accumulates each node's adjoint `∂root/∂node` as a new expression:
///
/// ```
/// adjoint(root) = 1
/// adjoint(child) = Σ over parents p:  adjoint(p) · ∂p/∂child
/// ∂root/∂xᵢ = adjoint(xᵢ)
/// ```
///
/// so the whole gradient costs one sweep, with size proportional to the formula
/// (independent of the number of variables). Row `i` of the Hessian is the gradient of
/// `∂f/∂xᵢ`; only the upper triangle is built and mirrored, so the Hessian is exactly
/// symmetric. The local derivatives:
///
/// ```
/// (a^c)′ = c·a^(c−1)·a′                    (constant c: power rule, negative a allowed)
/// (a^b)′ = b·a^(b−1)·a′ + a^b·log(a)·b′    (variable exponent: from a^b = exp(b·log a))
/// abs′(a) = sign(a)            (0 at 0)
/// max(a, b)′ = ½(1 + s)·a′ + ½(1 − s)·b′,  min(a, b)′ = ½(1 − s)·a′ + ½(1 + s)·b′,
///                              s = sign(a − b)  (the picked branch; the average at a tie)
/// sigmoid′ = σ(1 − σ)    softplus′ = sigmoid    tan′ = 1 + tan²    tanh′ = 1 − tanh²
/// asin′ = 1/√(1 − a²)    acos′ = −1/√(1 − a²)   atan′ = 1/(1 + a²)  sqrt′ = 1/(2√a)
/// ```
///
/// Work is bounded: every visited node spends one unit of ``workLeft``, and the graph
/// refuses to grow past its node limit; both make the result `nil`.
struct SymbolicDifferentiator {
  let graph: ExpressionGraph
  let variableCount: Int
  /// Node visits left before differentiation gives up.
  private(set) var workLeft: Int
  private var mark: [UInt32] = []
  private var stamp: UInt32 = 0
  private var adjoint: [Int32] = []
  private var stack: [Int32] = []
  private var order: [Int32] = []

  init(graph: ExpressionGraph, variableCount: Int, workLimit: Int) {
    self.graph = graph
    self.variableCount = variableCount
    self.workLeft = workLimit
  }

  /// True when the node limit or the work limit was reached.
  var exhausted: Bool { graph.exceededLimit || workLeft < 0 }

  /// `[∂root/∂x₀, …]` as node ids (the zero constant where `root` does not depend on a
  /// variable), or `nil` when the budget ran out.
  mutating func gradient(of root: Int) -> [Int]? {
    var result = [Int](repeating: graph.zero, count: variableCount)
    if graph.isConstant(root) { return result }
    if mark.count < graph.count {
      let extra = graph.count - mark.count
      mark.append(contentsOf: repeatElement(0, count: extra))
      adjoint.append(contentsOf: repeatElement(-1, count: extra))
    }
    stamp &+= 1
    if stamp == 0 {
      for i in mark.indices { mark[i] = 0 }
      stamp = 1
    }
    // The nodes `root` depends on, constants left out (they have no adjoint).
    order.removeAll(keepingCapacity: true)
    stack.removeAll(keepingCapacity: true)
    stack.append(Int32(root))
    mark[root] = stamp
    while let id = stack.popLast() {
      order.append(id)
      let node = graph[Int(id)]
      guard node.operation.isUnary || node.operation.isBinary else { continue }
      let a = Int(node.a)
      if mark[a] != stamp && !graph.isConstant(a) {
        mark[a] = stamp
        stack.append(node.a)
      }
      let b = Int(node.b)
      if node.operation.isBinary && mark[b] != stamp && !graph.isConstant(b) {
        mark[b] = stamp
        stack.append(node.b)
      }
    }
    workLeft -= order.count
    if exhausted { return nil }
    order.sort(by: >)
    adjoint[root] = Int32(graph.one)
    for id in order {
      let g = Int(adjoint[Int(id)])
      guard g >= 0 else { continue }
      let node = graph[Int(id)]
      if node.operation == .variable {
        result[node.first] = g
      } else {
        propagate(Int(id), node, g)
      }
      if graph.exceededLimit { break }
    }
    for id in order { adjoint[Int(id)] = -1 }
    return exhausted ? nil : result
  }

  /// Upper triangle of the Hessian, row-major (`H[0][0], H[0][1], …, H[0][n−1], H[1][1], …`),
  /// from the gradient's node ids; `nil` when the budget ran out.
  mutating func hessianUpperTriangle(gradient: [Int]) -> [Int]? {
    var entries: [Int] = []
    entries.reserveCapacity(variableCount * (variableCount + 1) / 2)
    for i in 0..<variableCount {
      guard let row = self.gradient(of: gradient[i]) else { return nil }
      entries.append(contentsOf: row[i...])
    }
    return entries
  }

  /// Adds `term` to the adjoint of `child`.
  private mutating func accumulate(_ child: Int, _ term: Int) {
    if term == graph.zero { return }
    let current = Int(adjoint[child])
    adjoint[child] = Int32(current < 0 ? term : graph.add(current, term))
  }

  /// Passes node `id`'s adjoint `g` to its operands, times the local derivatives.
  private mutating func propagate(_ id: Int, _ node: ExpressionNode, _ g: Int) {
    let G = graph
    let a = node.first
    let b = node.second
    let aVaries = !G.isConstant(a)
    let bVaries = node.operation.isBinary && !G.isConstant(b)
    func times(_ factor: Int) -> Int { G.multiply(g, factor) }
    switch node.operation {
    case .constant, .variable, .sign:
      break
    case .negate:
      accumulate(a, G.negate(g))
    case .add:
      if aVaries { accumulate(a, g) }
      if bVaries { accumulate(b, g) }
    case .subtract:
      if aVaries { accumulate(a, g) }
      if bVaries { accumulate(b, G.negate(g)) }
    case .multiply:
      if aVaries { accumulate(a, times(b)) }
      if bVaries { accumulate(b, times(a)) }
    case .divide:
      if aVaries { accumulate(a, G.divide(g, b)) }
      if bVaries { accumulate(b, G.negate(G.divide(times(id), b))) }
    case .power:
      if let c = G.value(b) {
        accumulate(a, times(G.multiply(G.constant(c), G.power(a, G.constant(c - 1)))))
      } else {
        if aVaries {
          accumulate(a, times(G.multiply(b, G.power(a, G.subtract(b, G.one)))))
        }
        accumulate(b, times(G.multiply(id, G.apply(.log, a))))
      }
    case .minimum, .maximum:
      let s = G.apply(.sign, G.subtract(a, b))
      let half = G.constant(0.5)
      let up = G.multiply(half, G.add(G.one, s))
      let down = G.multiply(half, G.subtract(G.one, s))
      let isMax = node.operation == .maximum
      if aVaries { accumulate(a, times(isMax ? up : down)) }
      if bVaries { accumulate(b, times(isMax ? down : up)) }
    case .sin:
      accumulate(a, times(G.apply(.cos, a)))
    case .cos:
      accumulate(a, G.negate(times(G.apply(.sin, a))))
    case .tan:
      accumulate(a, times(G.add(G.one, G.power(id, G.constant(2)))))
    case .asin:
      accumulate(a, G.divide(g, G.apply(.sqrt, G.subtract(G.one, G.power(a, G.constant(2))))))
    case .acos:
      accumulate(
        a, G.negate(G.divide(g, G.apply(.sqrt, G.subtract(G.one, G.power(a, G.constant(2)))))))
    case .atan:
      accumulate(a, G.divide(g, G.add(G.one, G.power(a, G.constant(2)))))
    case .sinh:
      accumulate(a, times(G.apply(.cosh, a)))
    case .cosh:
      accumulate(a, times(G.apply(.sinh, a)))
    case .tanh:
      accumulate(a, times(G.subtract(G.one, G.power(id, G.constant(2)))))
    case .exp:
      accumulate(a, times(id))
    case .log:
      accumulate(a, G.divide(g, a))
    case .sqrt:
      accumulate(a, G.divide(g, G.multiply(G.constant(2), id)))
    case .abs:
      accumulate(a, times(G.apply(.sign, a)))
    case .sigmoid:
      accumulate(a, times(G.multiply(id, G.subtract(G.one, id))))
    case .softplus:
      accumulate(a, times(G.apply(.sigmoid, a)))
    }
  }
}
