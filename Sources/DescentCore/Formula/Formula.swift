/// A formula typed as text, parsed, differentiated exactly and compiled.
///
/// ```swift
/// let f = try Formula("(x^2 + y - 11)^2 + (x + y^2 - 7)^2")
/// f.variables          // ["x", "y"]
/// f.gradientFormulas   // ["2*(x + y^2 - 7) + 4*((x^2 + y - 11)*x)", …]
/// let objective = FormulaObjective<Double>(f)
/// ```
///
/// Building a formula runs, once:
/// 1. lexing and recursive-descent parsing (``FormulaParser``; grammar there) into a
///    hash-consed, simplifying expression DAG (``ExpressionGraph``);
/// 2. symbolic reverse-mode differentiation for the gradient and the Hessian's upper
///    triangle (``SymbolicDifferentiator``), sharing subexpressions with the formula;
/// 3. compilation to three register-machine programs (``FormulaProgram``): value only;
///    value and gradient; value, gradient and Hessian. Single-use products and scalings
///    are fused into the instruction that reads them (`y − x·x` is one instruction), with
///    the same rounding as the separate operations (``FormulaCompiler``).
///
/// A `Formula` is scalar-independent; ``FormulaObjective`` runs it in `Float` or `Double`.
///
/// Limits (each violation is a ``FormulaError`` with a position, never a crash or a hang):
/// the length, the nesting depth, the number of expression nodes of the formula and its
/// derivatives, and the node visits spent differentiating (``Limits``).
public struct Formula: Sendable, CustomStringConvertible {
  /// Bounds on the work a formula may cause; see ``Limits/standard``.
  public struct Limits: Sendable, Equatable {
    /// Longest formula accepted, in characters; checked before anything else.
    public var length: Int
    /// Deepest nesting of parentheses, calls, signs and exponents.
    public var nesting: Int
    /// Most expression nodes (formula, gradient and Hessian together).
    public var nodes: Int
    /// Most node visits spent differentiating.
    public var work: Int

    public init(length: Int, nesting: Int, nodes: Int, work: Int) {
      self.length = length
      self.nesting = nesting
      self.nodes = nodes
      self.work = work
    }

    /// 100,000 characters, 256 levels, 500,000 nodes, 20 million visits:
    /// a formula at the node limit is rejected in about 0.6 s using about 70 MB (release
    /// build); typical formulas compile in well under a millisecond.
    public static let standard = Limits(length: 100_000, nesting: 256, nodes: 500_000, work: 20_000_000)
  }

  /// Longest formula accepted by default, in characters.
  public static var maximumLength: Int { Limits.standard.length }
  /// Deepest nesting accepted by default.
  public static var maximumNesting: Int { Limits.standard.nesting }

  /// The text as given.
  public let text: String
  /// Variable names in parameter order (see ``FormulaVariables``).
  public let variables: [String]
  /// `f` only.
  public let valueProgram: FormulaProgram
  /// `f` then `∂f/∂x₀ … ∂f/∂xₙ₋₁`.
  public let gradientProgram: FormulaProgram
  /// `f`, the gradient, then the Hessian's upper triangle row by row.
  public let hessianProgram: FormulaProgram

  let nodes: [ExpressionNode]
  let valueNode: Int
  let gradientNodes: [Int]
  /// Upper triangle, row-major.
  let hessianNodes: [Int]

  /// Parses, differentiates and compiles `text`.
  ///
  /// - Parameters:
  ///   - text: the formula (grammar in ``FormulaParser``).
  ///   - variables: the parameter order to use instead of the default one; must name
  ///     every variable of the formula and may name more (they get zero derivatives).
  /// - Throws: ``FormulaError`` for any problem with the text, with its column.
  ///   - limits: bounds on length, nesting and differentiation work.
  public init(_ text: String, variables: [String]? = nil, limits: Limits = .standard) throws(FormulaError) {
    if text.utf8.count > limits.length {
      let count = text.unicodeScalars.count
      if count > limits.length {
        let prefix = Array(text.unicodeScalars.prefix(limits.length + Formula.errorContext))
        throw FormulaError(
          "the formula is too long (\(count) characters; at most \(limits.length) are accepted)",
          column: limits.length + 1, source: prefix, totalCount: count)
      }
    }
    let source = Array(text.unicodeScalars)
    let tokens = FormulaLexer.tokenize(source)
    let names: [String]
    if let variables {
      for name in variables where !FormulaVariables.isVariableName(name) {
        throw FormulaError(
          "'\(name)' cannot be a variable: variables are one letter optionally followed by digits",
          column: 1, length: source.count, source: source)
      }
      guard Set(variables).count == variables.count else {
        throw FormulaError("the variable list names a variable twice", column: 1, length: source.count, source: source)
      }
      names = variables
    } else {
      names = FormulaVariables.sorted(FormulaParser.variableNames(in: tokens))
    }
    let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })

    let graph = ExpressionGraph(nodeLimit: limits.nodes)
    var parser = FormulaParser(
      source: source, tokens: tokens, graph: graph, variableIndex: index,
      maximumNesting: limits.nesting)
    let root = try parser.parse()
    if names.isEmpty {
      throw FormulaError(
        "the formula has no variables; use x, y, z, … (for example x^2 + y^2)",
        column: 1, length: source.count, source: source)
    }
    let tooComplex = FormulaError(
      "the formula is too complex to differentiate (its derivatives need more than \(limits.nodes) operations)",
      column: 1, length: source.count, source: source)
    if graph.exceededLimit { throw tooComplex }
    var differentiator = SymbolicDifferentiator(
      graph: graph, variableCount: names.count, workLimit: limits.work)
    guard let gradient = differentiator.gradient(of: root),
      let hessian = differentiator.hessianUpperTriangle(gradient: gradient)
    else { throw tooComplex }

    self.text = text
    self.variables = names
    self.nodes = graph.nodes
    self.valueNode = root
    self.gradientNodes = gradient
    self.hessianNodes = hessian
    let n = names.count
    valueProgram = FormulaCompiler.compile(nodes: nodes, outputs: [root], variableCount: n)
    gradientProgram = FormulaCompiler.compile(nodes: nodes, outputs: [root] + gradient, variableCount: n)
    hessianProgram = FormulaCompiler.compile(
      nodes: nodes, outputs: [root] + gradient + hessian, variableCount: n)
  }

  /// Characters kept after the limit for the "too long" excerpt.
  private static let errorContext = 40

  /// Number of variables.
  public var dimension: Int { variables.count }

  /// The formula after simplification, in formula syntax.
  public var simplified: String { printer.print(valueNode) }

  /// `∂f/∂xᵢ` for each variable, in formula syntax (parses back to the same expression
  /// when given the same ``variables``).
  public var gradientFormulas: [String] { gradientNodes.map { printer.print($0) } }

  /// `∂²f/∂xᵢ∂xⱼ` as an `n × n` table of formulas (symmetric).
  public var hessianFormulas: [[String]] {
    let n = dimension
    var table = [[String]](repeating: [String](repeating: "", count: n), count: n)
    var k = 0
    for i in 0..<n {
      for j in i..<n {
        let text = printer.print(hessianNodes[k])
        table[i][j] = text
        table[j][i] = text
        k += 1
      }
    }
    return table
  }

  /// Number of distinct expression nodes of the formula and its derivatives.
  public var nodeCount: Int { nodes.count }

  public var description: String { text }

  private var printer: ExpressionPrinter { ExpressionPrinter(nodes: nodes, variables: variables) }
}
