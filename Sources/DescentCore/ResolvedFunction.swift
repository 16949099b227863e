/// A function named by a user — a catalog name or a formula — resolved to objectives and
/// the context the CLI, the server and the plots need (variables, start, window, known
/// critical points). What `descent run --function TEXT` and the navigator's formula box
/// both go through, so they agree.
public struct ResolvedFunction: Sendable {
  /// The catalog name, or nil for a formula.
  public var name: String?
  /// The formula text (for catalog functions, the catalog's formula at this dimension).
  public var formula: String
  /// The variables in parameter order.
  public var variables: [String]
  /// The default start: the catalog's standard start, or all ones for a formula.
  public var standardStart: [Double]
  /// The plot/search window per coordinate: the catalog's, or [−2, 2] for a formula.
  public var window: [ClosedRange<Double>]
  /// Known critical points (catalog functions).
  public var criticalPoints: [CriticalPoint]
  /// The known global minimum value f*, if any.
  public var minimumValue: Double?
  @usableFromInline let makeDouble: @Sendable () -> any Objective<Double>
  @usableFromInline let makeFloat: @Sendable () -> any Objective<Float>

  public init(
    name: String?, formula: String, variables: [String], standardStart: [Double],
    window: [ClosedRange<Double>], criticalPoints: [CriticalPoint] = [], minimumValue: Double? = nil,
    makeDouble: @escaping @Sendable () -> any Objective<Double>,
    makeFloat: @escaping @Sendable () -> any Objective<Float>
  ) {
    self.name = name
    self.formula = formula
    self.variables = variables
    self.standardStart = standardStart
    self.window = window
    self.criticalPoints = criticalPoints
    self.minimumValue = minimumValue
    self.makeDouble = makeDouble
    self.makeFloat = makeFloat
  }

  /// Number of variables.
  public var dimension: Int { variables.count }

  /// `name: f(x, y) = formula`, or `f(x, y) = formula`.
  public var displayName: String {
    let f = "f(\(variables.joined(separator: ", "))) = \(formula)"
    return name.map { "\($0): \(f)" } ?? f
  }

  /// The objective in `S` arithmetic.
  public func objective<S: DescentScalar>(_: S.Type = S.self) -> any Objective<S> {
    if S.self == Double.self { return makeDouble() as! any Objective<S> }
    if S.self == Float.self { return makeFloat() as! any Objective<S> }
    preconditionFailure("unsupported scalar type \(S.self)")
  }

  /// Resolves `text`: a catalog name (case-insensitive, aliases accepted) or a formula.
  /// - Parameter dimension: for N-D catalog functions; for a formula it must match the
  ///   number of variables if given.
  public static func resolve(_ text: String, dimension: Int? = nil) throws(FunctionResolutionError) -> ResolvedFunction {
    let formula: Formula
    do {
      formula = try Formula(text)
    } catch {
      throw .formula(error)
    }
    if let dimension, dimension != formula.dimension {
      throw .dimensionMismatch(requested: dimension, variables: formula.variables)
    }
    let n = formula.dimension
    return ResolvedFunction(
      name: nil, formula: text, variables: formula.variables,
      standardStart: [Double](repeating: 1, count: n),
      window: [ClosedRange<Double>](repeating: -2...2, count: n),
      makeDouble: { FormulaObjective<Double>(formula) }, makeFloat: { FormulaObjective<Float>(formula) })
  }
}

/// Why a function could not be resolved.
public enum FunctionResolutionError: Error, Equatable, CustomStringConvertible {
  /// The text is not a catalog name and does not parse as a formula.
  case formula(FormulaError)
  /// `dimension` was given and the formula has another number of variables.
  case dimensionMismatch(requested: Int, variables: [String])

  public var description: String {
    switch self {
    case .formula(let e): e.description
    case .dimensionMismatch(let n, let vars):
      "dimension \(n) does not match the formula, which has \(vars.count) variable\(vars.count == 1 ? "" : "s") (\(vars.joined(separator: ", ")))"
    }
  }
}
