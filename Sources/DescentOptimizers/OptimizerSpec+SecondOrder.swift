import DescentCore

/// Settings of the line-search and second-order methods (`newton`, `bfgs`, `lbfgs`, `cg`),
/// as the CLI flags and the server's JSON give them. `nil` takes each method's default.
public struct SecondOrderSettings: Codable, Sendable, Equatable {
  /// L-BFGS memory m (pairs kept). Default 10. CLI: `--memory`.
  public var memory: Int?
  /// The line search. Defaults: Moré–Thuente for `lbfgs` (L-BFGS-B's), strong Wolfe for
  /// `bfgs` and `cg`, backtracking (Armijo) for `newton`. CLI:
  /// `--line-search strong-wolfe|backtracking|more-thuente`.
  public var lineSearch: LineSearchKind?
  /// Sufficient-decrease constant c₁, default `1e-4` (`1e-3` for `lbfgs` with Moré–Thuente,
  /// L-BFGS-B's value). CLI: `--c1`.
  public var c1: Double?
  /// Curvature constant c₂ of the strong-Wolfe search: default `0.9` for `bfgs` and
  /// `lbfgs`, `0.1` for `cg`. CLI: `--c2`.
  public var c2: Double?
  /// Most evaluations per line search: default 25 (strong Wolfe), 40 (backtracking), 20
  /// (Moré–Thuente).
  /// CLI: `--max-line-search`.
  public var maxLineSearchEvaluations: Int?
  /// β formula of `cg`: `pr+` (default) or `hz`. CLI: `--cg-variant`.
  public var conjugateGradientVariant: ConjugateGradientVariant?

  public init(
    memory: Int? = nil, lineSearch: LineSearchKind? = nil, c1: Double? = nil, c2: Double? = nil,
    maxLineSearchEvaluations: Int? = nil, conjugateGradientVariant: ConjugateGradientVariant? = nil
  ) {
    self.memory = memory
    self.lineSearch = lineSearch
    self.c1 = c1
    self.c2 = c2
    self.maxLineSearchEvaluations = maxLineSearchEvaluations
    self.conjugateGradientVariant = conjugateGradientVariant
  }

  /// True when no setting is given.
  public var isEmpty: Bool { self == SecondOrderSettings() }
}

extension OptimizerSpec {
  /// The names of the line-search and second-order methods.
  public static let secondOrderNames = ["newton", "bfgs", "lbfgs", "cg"]

  /// Builds `newton`, `bfgs`, `lbfgs` or `cg` from this spec's name and `settings`;
  /// returns `nil` for any other name (so ``make(_:)`` can try the first-order methods).
  ///
  /// - Throws: ``OptimizerSpecError/invalidValue(parameter:value:reason:)`` for a memory
  ///   below 1, `c1`/`c2` outside `0 < c1 < c2 < 1` (or `0 < c1 < 1` for backtracking), a
  ///   line-search budget below 1; ``OptimizerSpecError/notApplicable(parameter:optimizer:)``
  ///   for a learning rate (these methods choose their steps by line search), a memory
  ///   other than for `lbfgs`, `c2` with backtracking, a CG variant other than for `cg`.
  public func makeSecondOrder<S: DescentScalar>(
    _ type: S.Type = S.self, settings: SecondOrderSettings = SecondOrderSettings()
  ) throws(OptimizerSpecError) -> (any Optimizer<S>)? {
    let method = name.lowercased()
    guard Self.secondOrderNames.contains(method) else { return nil }
    if learningRate != nil { throw .notApplicable(parameter: "lr", optimizer: method) }
    if settings.memory != nil && method != "lbfgs" { throw .notApplicable(parameter: "memory", optimizer: method) }
    if settings.conjugateGradientVariant != nil && method != "cg" {
      throw .notApplicable(parameter: "cg-variant", optimizer: method)
    }
    let kind = settings.lineSearch ?? (method == "newton" ? .backtracking : method == "lbfgs" ? .moreThuente : .strongWolfe)
    // L-BFGS-B's dcsrch constants for lbfgs (c1 = 1e-3, xtol = 0.1); SciPy's BFGS ones otherwise.
    let lbfgsSearch = method == "lbfgs" && kind == .moreThuente
    let c1 = settings.c1 ?? (lbfgsSearch ? 1e-3 : 1e-4)
    let c2 = settings.c2 ?? (method == "cg" ? 0.1 : 0.9)
    guard c1.isFinite, c1 > 0, c1 < 1 else {
      throw .invalidValue(parameter: "c1", value: c1, reason: "must lie strictly between 0 and 1")
    }
    if let budget = settings.maxLineSearchEvaluations, budget < 1 {
      throw .invalidValue(parameter: "max-line-search", value: Double(budget), reason: "must be at least 1")
    }
    let lineSearch: LineSearchMethod<S>
    switch kind {
    case .strongWolfe:
      guard c2.isFinite, c2 > c1, c2 < 1 else {
        throw .invalidValue(parameter: "c2", value: c2, reason: "must satisfy c1 < c2 < 1 (c1 = \(c1))")
      }
      lineSearch = .strongWolfe(
        StrongWolfeLineSearch(c1: S(c1), c2: S(c2), maxEvaluations: settings.maxLineSearchEvaluations ?? 25))
    case .moreThuente:
      guard c2.isFinite, c2 > c1, c2 < 1 else {
        throw .invalidValue(parameter: "c2", value: c2, reason: "must satisfy c1 < c2 < 1 (c1 = \(c1))")
      }
      lineSearch = .moreThuente(
        MoreThuenteLineSearch(
          c1: S(c1), c2: S(c2), xtol: lbfgsSearch ? 0.1 : 1e-14, maxEvaluations: settings.maxLineSearchEvaluations ?? 20))
    case .backtracking:
      if settings.c2 != nil { throw .notApplicable(parameter: "c2", optimizer: "\(method) with backtracking") }
      lineSearch = .backtracking(
        BacktrackingLineSearch(c1: S(c1), maxEvaluations: settings.maxLineSearchEvaluations ?? 40))
    }
    switch method {
    case "newton":
      return Newton<S>(lineSearch: lineSearch)
    case "bfgs":
      return BFGS<S>(lineSearch: lineSearch)
    case "lbfgs":
      let memory = settings.memory ?? 10
      guard memory >= 1 else {
        throw .invalidValue(parameter: "memory", value: Double(memory), reason: "must be at least 1")
      }
      return LBFGS<S>(memory: memory, lineSearch: lineSearch)
    default:
      return ConjugateGradient<S>(variant: settings.conjugateGradientVariant ?? .polakRibierePlus, lineSearch: lineSearch)
    }
  }
}
