import Foundation

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
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let key = trimmed.lowercased()
    if key.count <= 64, let function = Catalog.all.first(where: { $0.name == key || $0.aliases.contains(key) }) {
      let n: Int
      do { n = try function.resolveDimension(dimension) } catch { throw .catalog(error) }
      let isDefault = !function.dimension.isVariable || n == function.dimension.defaultValue
      return ResolvedFunction(
        name: function.name, formula: function.formula(dimension: n),
        variables: function.dimension.isVariable
          ? (1...n).map { "x\($0)" } : (try? Formula(function.formula(dimension: n)).variables) ?? defaultVariables(n),
        standardStart: function.standardStart(dimension: n), window: function.window(dimension: n),
        criticalPoints: isDefault ? function.criticalPoints : function.globalMinima(dimension: n),
        minimumValue: function.globalMinima(dimension: n).map(\.value).min(),
        makeDouble: { function.objective(dimension: n, as: Double.self) },
        makeFloat: { function.objective(dimension: n, as: Float.self) })
    }
    // A word that is neither a catalog name nor a formula variable: say which names exist.
    if trimmed.count > 1, trimmed.count <= 64, trimmed.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" || $0.isNumber }),
      trimmed.contains("-") || Suggest.closest(to: trimmed, in: Catalog.names) != nil,
      (try? Formula(trimmed)) == nil
    {
      do { _ = try Catalog.function(named: trimmed) } catch { throw .catalog(error) }
    }
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

/// `x`, `y`, `z` for up to three variables, else `x1 … xn`.
private func defaultVariables(_ n: Int) -> [String] {
  n <= 3 ? Array(["x", "y", "z"].prefix(n)) : (1...n).map { "x\($0)" }
}

/// Why a function could not be resolved.
public enum FunctionResolutionError: Error, Equatable, CustomStringConvertible {
  /// The text is not a catalog name and does not parse as a formula.
  case formula(FormulaError)
  /// `dimension` was given and the formula has another number of variables.
  case dimensionMismatch(requested: Int, variables: [String])
  /// An unknown catalog name (with a suggestion), or a dimension the function does not take.
  case catalog(CatalogError)

  public var description: String {
    switch self {
    case .formula(let e): e.description
    case .catalog(let e): e.description
    case .dimensionMismatch(let n, let vars):
      "dimension \(n) does not match the formula, which has \(vars.count) variable\(vars.count == 1 ? "" : "s") (\(vars.joined(separator: ", ")))"
    }
  }
}
