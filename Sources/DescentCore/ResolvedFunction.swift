import Foundation

/// A function named by a user — a catalog name, a Moré–Garbow–Hillstrom problem
/// (`mgh:NAME`) or a formula — resolved to objectives and the context the CLI, the server
/// and the plots need (variables, start, window, known critical points, f*). What
/// `descent run --function TEXT` and the navigator's formula box both go through, so they
/// agree.
public struct ResolvedFunction: Sendable {
  /// The catalog name, `mgh:NAME` for an MGH problem, or nil for a formula.
  public var name: String?
  /// The formula text (for catalog functions, the catalog's formula at this dimension);
  /// `nil` for an MGH problem, which is residual code, not a formula (see ``leastSquares``).
  public var formula: String?
  /// For an MGH problem: its number, title and residual count.
  public var leastSquares: LeastSquaresSummary?
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
    name: String?, formula: String?, variables: [String], standardStart: [Double],
    window: [ClosedRange<Double>], criticalPoints: [CriticalPoint] = [], minimumValue: Double? = nil,
    leastSquares: LeastSquaresSummary? = nil,
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
    self.leastSquares = leastSquares
    self.makeDouble = makeDouble
    self.makeFloat = makeFloat
  }

  /// Number of variables.
  public var dimension: Int { variables.count }

  /// `name: f(x, y) = formula`, `f(x, y) = formula`, or for an MGH problem
  /// `mgh:biggs-exp6: MGH 18, Biggs EXP6, f = Σ rᵢ², m = 13, n = 6`.
  public var displayName: String {
    if let ls = leastSquares {
      return "\(name ?? ls.title): \(ls.description(dimension: dimension))"
    }
    let f = "f(\(variables.joined(separator: ", "))) = \(formula ?? "?")"
    return name.map { "\($0): \(f)" } ?? f
  }

  /// The objective in `S` arithmetic.
  public func objective<S: DescentScalar>(_: S.Type = S.self) -> any Objective<S> {
    if S.self == Double.self { return makeDouble() as! any Objective<S> }
    if S.self == Float.self { return makeFloat() as! any Objective<S> }
    preconditionFailure("unsupported scalar type \(S.self)")
  }

  /// Resolves `text`: `mgh:NAME` or `mgh:NUMBER` (an MGH problem), a catalog name
  /// (case-insensitive, aliases accepted), the bare name of an MGH problem that is not also
  /// a catalog name (`biggs-exp6`; `rosenbrock`, `beale`, `wood`, … stay the catalog's), or
  /// a formula.
  /// - Parameter dimension: for N-D catalog functions and variable-size MGH problems; for a
  ///   fixed-size one or a formula it must match if given.
  public static func resolve(_ text: String, dimension: Int? = nil) throws(FunctionResolutionError) -> ResolvedFunction {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let key = trimmed.lowercased()
    if key.hasPrefix("mgh:") {
      do { return try resolveMGH(MGH.entry(named: key), dimension: dimension) } catch { throw .mgh(error) }
    }
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
    let isWord =
      trimmed.count > 1 && trimmed.count <= 64
      && trimmed.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" || $0.isNumber })
    if isWord, Int(trimmed) == nil, let entry = try? MGH.entry(named: key) {
      do { return try resolveMGH(entry, dimension: dimension) } catch { throw .mgh(error) }
    }
    // A word that is neither a catalog name, nor an MGH name, nor a formula variable: say
    // which names exist.
    if isWord, (try? Formula(trimmed)) == nil {
      let suggestion = suggestName(for: trimmed)
      if trimmed.contains("-") || suggestion != nil { throw .unknownName(trimmed, suggestion: suggestion) }
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

extension ResolvedFunction {
  /// The name a misspelt or cut-short `word` most likely meant, among the catalog's names
  /// and aliases and the MGH problems (`mgh:NAME`): the closest by edit distance
  /// (``Suggest``), else the only name that starts with `word` (`biggs` → `mgh:biggs-exp6`).
  public static func suggestName(for word: String) -> String? {
    let key = word.lowercased()
    let mgh = MGH.entries.map(\.name)
    let qualify = { (name: String) in Catalog.names.contains(name) ? name : "mgh:\(name)" }
    if let close = Suggest.closest(to: key, in: Catalog.names + mgh) { return qualify(close) }
    let prefixed = Set((Catalog.names + mgh).filter { key.count >= 3 && $0.hasPrefix(key) }.map(qualify))
    return prefixed.count == 1 ? prefixed.first : nil
  }

  /// An MGH problem at its default size or at `dimension`.
  static func resolveMGH(_ entry: MGH.Entry, dimension: Int?) throws(MGHError) -> ResolvedFunction {
    let n = try entry.resolveDimension(dimension)
    let problem = entry.problem(dimension: n)
    let fStar = entry.minimumValue(dimension: n)
    return ResolvedFunction(
      name: "mgh:\(entry.name)", formula: nil, variables: (1...n).map { "x\($0)" },
      standardStart: problem.standardStart, window: entry.window(dimension: n),
      criticalPoints: entry.minima.filter { $0.x.count == n },
      minimumValue: fStar,
      leastSquares: LeastSquaresSummary(
        number: entry.number, title: entry.title, residualCount: problem.residualCount,
        publishedMinima: problem.publishedMinima),
      makeDouble: { entry.objective(dimension: n, as: Double.self) },
      makeFloat: { entry.objective(dimension: n, as: Float.self) })
  }
}

/// What a user is shown about an MGH problem in place of a formula.
public struct LeastSquaresSummary: Sendable, Codable, Equatable {
  /// The problem's number in Moré, Garbow & Hillstrom (1981).
  public var number: Int
  /// `Biggs EXP6`.
  public var title: String
  /// `m`, the number of residuals.
  public var residualCount: Int
  /// The minimum values the paper prints for this size, best first (empty where it prints
  /// none).
  public var publishedMinima: [PublishedMinimum]

  public init(number: Int, title: String, residualCount: Int, publishedMinima: [PublishedMinimum]) {
    self.number = number
    self.title = title
    self.residualCount = residualCount
    self.publishedMinima = publishedMinima
  }

  /// `MGH 18, Biggs EXP6, f = Σ rᵢ², m = 13, n = 6`.
  public func description(dimension n: Int) -> String {
    "MGH \(number), \(title), f = Σ rᵢ², m = \(residualCount), n = \(n)"
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
  /// An unknown `mgh:` name (with a suggestion), or a size the problem does not take.
  case mgh(MGHError)
  /// A word that names no catalog function or MGH problem and is no formula.
  case unknownName(String, suggestion: String?)

  public var description: String {
    switch self {
    case .formula(let e): e.description
    case .catalog(let e): e.description
    case .mgh(let e): e.description
    case .unknownName(let name, let suggestion):
      "unknown function '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        + " (`descent functions` lists the catalog and the MGH problems; or type a formula such as x^2 + 3*y^2)"
    case .dimensionMismatch(let n, let vars):
      "dimension \(n) does not match the formula, which has \(vars.count) variable\(vars.count == 1 ? "" : "s") (\(vars.joined(separator: ", ")))"
    }
  }
}
