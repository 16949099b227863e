/// Prints expression nodes as formula text with the fewest parentheses that parse back to
/// the same expression.
///
/// Precedence, loosest first: `+ −` (left-associative), `* /` (left-associative), a leading
/// `−`, `^` (right-associative, its exponent may carry a sign: `x^-2`), then numbers,
/// variables and calls. A right operand that binds no tighter than its operator gets
/// parentheses (`a − (b − c)`, `a/(b*c)`), as does a base that is not atomic
/// (`(x^2)^3`, `(-2)^x`). Numbers print in the shortest form that reads back exactly;
/// π and e print as `pi` and `e`.
///
/// The DAG is printed as a tree, so shared subexpressions are repeated; output longer than
/// `maximumLength` characters is cut and ends with ` …` (and then no longer parses).
struct ExpressionPrinter {
  let nodes: [ExpressionNode]
  let variables: [String]
  var maximumLength = 100_000

  private enum Piece {
    case node(Int, minimumPrecedence: Int)
    case text(String)
  }

  /// Binding strength of a node as printed.
  private func precedence(_ id: Int) -> Int {
    let node = nodes[id]
    switch node.operation {
    case .add, .subtract: return 1
    case .multiply, .divide: return 2
    case .negate: return 3
    case .power: return 4
    case .constant: return node.constantValue.sign == .minus ? 3 : 5
    default: return 5
    }
  }

  /// True when the node's text starts with '-'.
  private func startsWithMinus(_ start: Int) -> Bool {
    var id = start
    while true {
      let node = nodes[id]
      switch node.operation {
      case .constant: return node.constantValue.sign == .minus
      case .negate: return true
      case .add, .subtract: if precedence(node.first) >= 1 { id = node.first } else { return false }
      case .multiply, .divide: if precedence(node.first) >= 2 { id = node.first } else { return false }
      default: return false
      }
    }
  }

  func print(_ root: Int) -> String {
    var out = ""
    var pending: [Piece] = [.node(root, minimumPrecedence: 0)]
    while let piece = pending.popLast() {
      if out.utf8.count > maximumLength {
        out += " …"
        break
      }
      switch piece {
      case .text(let text):
        out += text
      case .node(let id, let minimum):
        let node = nodes[id]
        if precedence(id) < minimum {
          pending.append(.text(")"))
          pending.append(.node(id, minimumPrecedence: 0))
          out += "("
          continue
        }
        // Pieces go on the stack in reverse order of printing.
        switch node.operation {
        case .constant:
          out += Self.format(node.constantValue)
        case .variable:
          out += variables[node.first]
        case .add, .subtract, .multiply, .divide:
          let isSum = node.operation == .add || node.operation == .subtract
          let symbol =
            switch node.operation {
            case .add: " + "
            case .subtract: " - "
            case .multiply: "*"
            default: "/"
            }
          pending.append(.node(node.second, minimumPrecedence: isSum ? 2 : 3))
          pending.append(.text(symbol))
          pending.append(.node(node.first, minimumPrecedence: isSum ? 1 : 2))
        case .negate:
          // `-a*b` reads back as −(a*b) (the graph moves signs out of products), so a
          // product needs no parentheses; a sum or a leading '-' does.
          let child = node.first
          pending.append(.node(child, minimumPrecedence: startsWithMinus(child) ? 6 : 2))
          out += "-"
        case .power:
          pending.append(.node(node.second, minimumPrecedence: 3))
          pending.append(.text("^"))
          pending.append(.node(node.first, minimumPrecedence: 5))
        case .minimum, .maximum:
          pending.append(.text(")"))
          pending.append(.node(node.second, minimumPrecedence: 0))
          pending.append(.text(", "))
          pending.append(.node(node.first, minimumPrecedence: 0))
          out += node.operation.functionName! + "("
        default:
          pending.append(.text(")"))
          pending.append(.node(node.first, minimumPrecedence: 0))
          out += node.operation.functionName! + "("
        }
      }
    }
    return out
  }

  /// The shortest text that reads back as exactly `value`.
  static func format(_ value: Double) -> String {
    if value == .pi { return "pi" }
    if value == -.pi { return "-pi" }
    if value == FormulaConstant.values["e"] { return "e" }
    if value == value.rounded() && value.magnitude < 1e15 { return String(Int64(value)) }
    return value.description
  }
}
