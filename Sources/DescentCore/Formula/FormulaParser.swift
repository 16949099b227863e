/// A recursive-descent parser from tokens to a node of an ``ExpressionGraph``.
///
/// ```
/// formula    := expression END
/// expression := term (('+' | '-') term)*
/// term       := unary (('*' | '/') unary)*
/// unary      := ('-' | '+') unary | power
/// power      := primary ['^' unary]                 right-associative: 2^3^2 = 2^9
/// primary    := number | constant | variable | function '(' arguments ')' | '(' expression ')'
/// arguments  := expression (',' expression)*
/// ```
///
/// `^` binds tighter than a sign on its left (`-x^2 = -(x^2)`) and takes a signed exponent
/// (`2^-1 = 0.5`), as in Python and Fortran. Multiplication must be written (`2*x`, not
/// `2x`). Nesting — parentheses, calls, signs and exponents — is limited to
/// ``Formula/maximumNesting`` levels so that no input exhausts the stack.
struct FormulaParser {
  let source: [Unicode.Scalar]
  let tokens: [FormulaToken]
  let graph: ExpressionGraph
  let variableIndex: [String: Int]
  let maximumNesting: Int
  private var position = 0
  private var depth = 0

  init(
    source: [Unicode.Scalar], tokens: [FormulaToken], graph: ExpressionGraph,
    variableIndex: [String: Int], maximumNesting: Int
  ) {
    self.source = source
    self.tokens = tokens
    self.graph = graph
    self.variableIndex = variableIndex
    self.maximumNesting = maximumNesting
  }

  /// The names in `tokens` that are used as variables.
  static func variableNames(in tokens: [FormulaToken]) -> Set<String> {
    var names = Set<String>()
    for (k, token) in tokens.enumerated() where token.kind == .name {
      if FormulaVariables.isVariableName(token.text) && tokens[k + 1].kind != .leftParenthesis {
        names.insert(token.text)
      }
    }
    return names
  }

  /// Parses the whole formula; returns the root node.
  mutating func parse() throws(FormulaError) -> Int {
    if tokens[0].kind == .end {
      throw error("the formula is empty; write an expression such as x^2 + y^2", column: 1, length: 1)
    }
    let root = try parseExpression()
    let token = tokens[position]
    if token.kind != .end { throw unexpected(token, closing: nil) }
    return root
  }

  // MARK: - Grammar

  private mutating func parseExpression() throws(FormulaError) -> Int {
    var left = try parseTerm()
    while true {
      let kind = tokens[position].kind
      guard kind == .plus || kind == .minus else { return left }
      position += 1
      let right = try parseTerm()
      left = kind == .plus ? graph.add(left, right) : graph.subtract(left, right)
    }
  }

  private mutating func parseTerm() throws(FormulaError) -> Int {
    var left = try parseUnary()
    while true {
      let kind = tokens[position].kind
      guard kind == .star || kind == .slash else { return left }
      position += 1
      let right = try parseUnary()
      left = kind == .star ? graph.multiply(left, right) : graph.divide(left, right)
    }
  }

  private mutating func parseUnary() throws(FormulaError) -> Int {
    let token = tokens[position]
    guard token.kind == .minus || token.kind == .plus else { return try parsePower() }
    try enter(token)
    position += 1
    let operand = try parseUnary()
    depth -= 1
    return token.kind == .minus ? graph.negate(operand) : operand
  }

  private mutating func parsePower() throws(FormulaError) -> Int {
    let base = try parsePrimary()
    let token = tokens[position]
    guard token.kind == .caret else { return base }
    try enter(token)
    position += 1
    let exponent = try parseUnary()
    depth -= 1
    return graph.power(base, exponent)
  }

  private mutating func parsePrimary() throws(FormulaError) -> Int {
    let token = tokens[position]
    switch token.kind {
    case .number:
      position += 1
      return graph.constant(token.number)
    case .name:
      return try parseName(token)
    case .leftParenthesis:
      try enter(token)
      position += 1
      if tokens[position].kind == .rightParenthesis {
        throw error("empty parentheses; write an expression between '(' and ')'", at: tokens[position])
      }
      let inner = try parseExpression()
      try expectClosing(token)
      depth -= 1
      return inner
    default:
      throw expectedOperand(token)
    }
  }

  private mutating func parseName(_ token: FormulaToken) throws(FormulaError) -> Int {
    let name = token.text
    let next = tokens[position + 1]
    if let function = FormulaFunction(rawValue: name) {
      guard next.kind == .leftParenthesis else {
        let example = function.arity == 2 ? "\(name)(x, y)" : "\(name)(x)"
        throw error(
          "function '\(name)' needs its argument\(function.arity == 2 ? "s" : "") in parentheses, as in \(example)",
          at: token)
      }
      try enter(next)
      position += 2
      var arguments: [Int] = []
      while true {
        arguments.append(try parseExpression())
        if tokens[position].kind == .comma {
          position += 1
          continue
        }
        try expectClosing(next)
        break
      }
      depth -= 1
      guard arguments.count == function.arity else {
        let closing = tokens[position - 1]
        throw error(
          "function '\(name)' takes \(function.arity) argument\(function.arity == 1 ? "" : "s"), found \(arguments.count)",
          column: token.column, length: closing.start + closing.length - token.start)
      }
      if function.arity == 2 {
        return graph.make(function.operation, arguments[0], arguments[1])
      }
      return graph.apply(function.operation, arguments[0])
    }
    if let value = FormulaConstant.values[name] {
      if next.kind == .leftParenthesis {
        throw error("'\(name)' is a constant, not a function; did you mean \(name)*(…)?", at: token)
      }
      position += 1
      return graph.constant(value)
    }
    if FormulaVariables.isVariableName(name) {
      if next.kind == .leftParenthesis {
        throw error("'\(name)' is a variable, not a function; did you mean \(name)*(…)?", at: token)
      }
      guard let index = variableIndex[name] else {
        throw error("'\(name)' is not one of the declared variables", at: token)
      }
      position += 1
      return graph.variable(index)
    }
    throw unknownName(token)
  }

  // MARK: - Helpers

  /// Opens one nesting level at `token`, or throws when the limit is reached.
  private mutating func enter(_ token: FormulaToken) throws(FormulaError) {
    guard depth < maximumNesting else {
      throw error(
        "the formula is nested too deeply (more than \(maximumNesting) levels of parentheses, calls, signs or powers)",
        at: token)
    }
    depth += 1
  }

  /// Consumes the ')' matching `open`.
  private mutating func expectClosing(_ open: FormulaToken) throws(FormulaError) {
    let token = tokens[position]
    if token.kind == .rightParenthesis {
      position += 1
      return
    }
    throw unexpected(token, closing: open)
  }

  /// The error for `token` where an operator, ')' (when `closing` is the open '(') or the
  /// end was expected.
  private func unexpected(_ token: FormulaToken, closing open: FormulaToken?) -> FormulaError {
    switch token.kind {
    case .invalid:
      return error(token.message, column: token.column, length: token.length)
    case .end:
      if let open {
        return error("missing ')' to match \(opener(open)) (column \(open.column))", at: token)
      }
    case .rightParenthesis:
      return error("unmatched ')'", at: token)
    case .comma:
      return error(
        open == nil
          ? "',' separates a function's arguments and cannot appear here"
          : "',' separates a function's arguments and cannot appear inside plain parentheses",
        at: token)
    default:
      break
    }
    if token.beginsOperand, position > 0 {
      return missingOperator(before: token)
    }
    if let open {
      return error("expected ')' to match \(opener(open)) (column \(open.column)), found \(token.quoted)", at: token)
    }
    return error("unexpected \(token.quoted)", at: token)
  }

  /// `'('`, or `'sin('` when the parenthesis opens a call.
  private func opener(_ open: FormulaToken) -> String {
    if let k = tokens.firstIndex(where: { $0.start == open.start }), k > 0, tokens[k - 1].kind == .name {
      return "'\(tokens[k - 1].text)('"
    }
    return "'('"
  }

  /// `2x`, `x y`, `2(x+1)`: two operands with nothing between them.
  private func missingOperator(before token: FormulaToken) -> FormulaError {
    let previous = tokens[position - 1]
    var message = "expected an operator between '\(previous.text)' and '\(token.text)'"
    let simple: (FormulaToken) -> Bool = { $0.kind == .number || $0.kind == .name }
    if simple(previous) && simple(token) {
      message += "; did you mean \(previous.text)*\(token.text)?"
    } else if simple(previous) && token.kind == .leftParenthesis {
      message += "; did you mean \(previous.text)*(…)?"
    } else {
      message += "; write '*' to multiply"
    }
    return error(message, at: token)
  }

  /// `x^^2`, `x +`, `*x`: an operand was expected.
  private func expectedOperand(_ token: FormulaToken) -> FormulaError {
    if token.kind == .invalid {
      return error(token.message, column: token.column, length: token.length)
    }
    let expected = "expected a number, variable, function or '('"
    if position == 0 {
      return error("\(expected) at the start, found \(token.quoted)", at: token)
    }
    let previous = tokens[position - 1]
    if token.kind == .rightParenthesis && previous.kind == .leftParenthesis {
      return error("empty parentheses; write an expression between '(' and ')'", at: token)
    }
    return error("\(expected) after '\(previous.text)', found \(token.quoted)", at: token)
  }

  /// A multi-letter name that is neither a function nor a constant, with a suggestion.
  private func unknownName(_ token: FormulaToken) -> FormulaError {
    let name = token.text
    let functions = FormulaFunction.allCases.map(\.rawValue)
    let calledAsFunction = tokens[position + 1].kind == .leftParenthesis
    let kind = calledAsFunction ? "function" : "name"
    var suggestion: String?
    if let alias = FormulaFunction.aliases[name.lowercased()] {
      suggestion = alias
    } else if calledAsFunction {
      suggestion = Suggest.closest(to: name, in: functions)
    } else {
      suggestion = Self.splitSuggestion(name, functions: functions)
        ?? Suggest.closest(to: name, in: FormulaConstant.names)
        ?? Self.variableProduct(name)
        ?? Suggest.closest(to: name, in: functions).map { "\($0)(…)" }
    }
    var message = "unknown \(kind) '\(name)'"
    if let suggestion {
      message += "; did you mean '\(suggestion)'?"
    } else if calledAsFunction {
      message += "; the functions are \(functions.joined(separator: ", "))"
    } else {
      message += "; variables are one letter optionally followed by digits (x, y, x1, …)"
    }
    return error(message, at: token)
  }

  /// `sinx` → `sin(x)`, `pix` → `pi*x`: a known function or constant glued to a variable
  /// or number.
  private static func splitSuggestion(_ name: String, functions: [String]) -> String? {
    let candidates = (functions + FormulaConstant.names).sorted { $0.count > $1.count }
    for prefix in candidates where name.hasPrefix(prefix) && name.count > prefix.count {
      let rest = String(name.dropFirst(prefix.count))
      let restIsOperand =
        FormulaVariables.isVariableName(rest) || rest.allSatisfy(\.isNumber) || rest == "e"
        || rest == "pi"
      guard restIsOperand else { continue }
      return FormulaConstant.values[prefix] != nil ? "\(prefix)*\(rest)" : "\(prefix)(\(rest))"
    }
    return nil
  }

  /// `xy` → `x*y`, `ab2` → `a*b2`: single-letter variables written together.
  private static func variableProduct(_ name: String) -> String? {
    var parts: [String] = []
    for c in name.unicodeScalars {
      if FormulaLexer.isLetter(c) {
        parts.append(String(c))
      } else if FormulaLexer.isDigit(c), !parts.isEmpty {
        parts[parts.count - 1].unicodeScalars.append(c)
      } else {
        return nil
      }
    }
    guard parts.count > 1, parts.allSatisfy({ FormulaVariables.isVariableName($0) || $0 == "e" }) else {
      return nil
    }
    return parts.joined(separator: "*")
  }

  private func error(_ message: String, at token: FormulaToken) -> FormulaError {
    error(message, column: token.column, length: token.kind == .end ? 1 : token.length)
  }

  private func error(_ message: String, column: Int, length: Int) -> FormulaError {
    FormulaError(message, column: column, length: length, source: source)
  }
}
