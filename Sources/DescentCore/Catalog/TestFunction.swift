/// A classic optimization test function: its formula, where to look, where to start, and
/// every critical point known, with a hand-written objective (exact value, gradient and
/// Hessian) for `Float` and `Double`.
///
/// ```swift
/// let himmelblau = try Catalog.function(named: "himmelblau")
/// let f = himmelblau.objective(as: Double.self)         // any Objective<Double>
/// himmelblau.formula()           // "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"
/// himmelblau.criticalPoints      // 4 minima, 1 maximum, 4 saddles
/// ```
///
/// ## Why a struct, not a protocol
/// The catalog is data a user browses by name (`descent run --function rosenbrock`), so a
/// value type with a registry (``Catalog``) fits better than one protocol conformance per
/// function: listing, looking up by alias and printing need no existential juggling, and
/// adding a function is adding one value. The mathematics lives in small hand-written
/// structs (``PlanarObjective`` over a ``PlanarFormula`` for the 2-D ones, ``Catalog/Rosenbrock``
/// and friends for the others) that a Swift user can also call directly, fully specialised.
///
/// ## Conventions
/// - ``formula(dimension:)`` is exact and in Descent's formula grammar: one-letter variables
///   `x, y, z, w` for fixed dimensions up to 4 (in that order), `x1 … xN` for N-D functions.
/// - ``criticalPoints`` are every critical point inside ``window`` for functions of one or
///   two variables and for the `n = 2` instance of N-D functions (for periodic or
///   multi-modal functions such as Rastrigin, Ackley, Lévi N.13 and Easom there are
///   infinitely many in the plane: the list is those inside the window). They were computed
///   by `scripts/catalog_critical_points.py` (multi-start Newton, refined to 50 digits,
///   classified by the Hessian's eigenvalues) and are stored to 17 significant digits.
///   For the 3-D and 4-D functions only the global minima are listed
///   (``criticalPointsAreComplete`` is `false`).
public struct TestFunction: Sendable, CustomStringConvertible {
  /// How many variables a function takes.
  public enum Dimension: Sendable, Hashable, CustomStringConvertible {
    /// Exactly this many variables.
    case fixed(Int)
    /// Any number of variables from `minimum` up, `defaultValue` when none is given.
    case variable(defaultValue: Int, minimum: Int)

    /// The dimension used when none is given.
    public var defaultValue: Int {
      switch self {
      case .fixed(let n): n
      case .variable(let n, _): n
      }
    }

    /// The smallest accepted dimension.
    public var minimum: Int {
      switch self {
      case .fixed(let n): n
      case .variable(_, let m): m
      }
    }

    /// True for N-D functions.
    public var isVariable: Bool {
      if case .variable = self { return true }
      return false
    }

    /// Whether `n` variables are accepted.
    public func accepts(_ n: Int) -> Bool {
      switch self {
      case .fixed(let m): n == m
      case .variable(_, let m): n >= m
      }
    }

    public var description: String {
      switch self {
      case .fixed(let n): "\(n)"
      case .variable(let d, let m): "n ≥ \(m) (default \(d))"
      }
    }
  }

  /// The command-line name, kebab-case (`six-hump-camel`).
  public let name: String
  /// Other accepted names (`ravine` for `narrow-ravine`).
  public let aliases: [String]
  /// The name for people (`Six-hump camel`).
  public let title: String
  /// One line on what the function is and why it is in the catalog.
  public let summary: String
  /// Where the formula comes from.
  public let reference: String
  /// How many variables it takes.
  public let dimension: Dimension
  /// Every critical point known (see the type's documentation for the scope of "every").
  public let criticalPoints: [CriticalPoint]
  /// Whether ``criticalPoints`` is every critical point in ``window`` (true for all
  /// functions of one or two variables and the `n = 2` instance of N-D functions).
  public let criticalPointsAreComplete: Bool

  @usableFromInline let factory: any ObjectiveFactory
  let formulaText: @Sendable (Int) -> String
  let windowRanges: @Sendable (Int) -> [ClosedRange<Double>]
  let start: @Sendable (Int) -> [Double]
  let minima: @Sendable (Int) -> [CriticalPoint]

  init(
    name: String, aliases: [String] = [], title: String, summary: String, reference: String,
    dimension: Dimension, factory: any ObjectiveFactory,
    formula: @escaping @Sendable (Int) -> String,
    window: @escaping @Sendable (Int) -> [ClosedRange<Double>],
    start: @escaping @Sendable (Int) -> [Double],
    globalMinima: @escaping @Sendable (Int) -> [CriticalPoint],
    criticalPoints: [CriticalPoint], criticalPointsAreComplete: Bool = true
  ) {
    self.name = name
    self.aliases = aliases
    self.title = title
    self.summary = summary
    self.reference = reference
    self.dimension = dimension
    self.factory = factory
    self.formulaText = formula
    self.windowRanges = window
    self.start = start
    self.minima = globalMinima
    self.criticalPoints = criticalPoints
    self.criticalPointsAreComplete = criticalPointsAreComplete
  }

  public var description: String { name }

  /// `n` if this function accepts it, the default dimension if `n` is nil.
  /// - Throws: ``CatalogError/unsupportedDimension(function:requested:accepted:)``.
  public func resolveDimension(_ n: Int?) throws(CatalogError) -> Int {
    guard let n else { return dimension.defaultValue }
    guard dimension.accepts(n) else {
      throw .unsupportedDimension(function: name, requested: n, accepted: dimension.description)
    }
    return n
  }

  @usableFromInline
  func checkedDimension(_ n: Int?) -> Int {
    let resolved = n ?? dimension.defaultValue
    precondition(
      dimension.accepts(resolved),
      "\(name) takes \(dimension) variables, not \(resolved); validate with resolveDimension(_:)")
    return resolved
  }

  /// The function as text in Descent's formula grammar, exact (the hand-written objective
  /// computes the same mathematical function).
  public func formula(dimension n: Int? = nil) -> String { formulaText(checkedDimension(n)) }

  /// The plot box, one `[lo, hi]` per coordinate; for N-D functions the 2-D slice window
  /// (the first two coordinates at the default dimension).
  public var window: [ClosedRange<Double>] {
    let full = windowRanges(dimension.defaultValue)
    return dimension.isVariable ? Array(full.prefix(2)) : full
  }

  /// The box for every coordinate at dimension `n` (the search domain used for random
  /// starts and sampling).
  public func window(dimension n: Int?) -> [ClosedRange<Double>] { windowRanges(checkedDimension(n)) }

  /// The standard start: Moré–Garbow–Hillstrom's `x₀` for the functions from that paper,
  /// otherwise the customary one (stated in each function's documentation).
  public func standardStart(dimension n: Int? = nil) -> [Double] { start(checkedDimension(n)) }

  /// Every global minimizer with its value `f*` (empty when the function is unbounded
  /// below, like the saddle). For N-D functions computed from the closed form for any `n`.
  public func globalMinima(dimension n: Int? = nil) -> [CriticalPoint] { minima(checkedDimension(n)) }

  /// The hand-written objective: exact value, gradient and Hessian
  /// (`hasExactHessian == true`), allocation-free.
  /// - Precondition: `dimension` is accepted (check user input with ``resolveDimension(_:)``).
  @inlinable
  public func objective<S: DescentScalar>(dimension n: Int? = nil, as type: S.Type = Double.self)
    -> any Objective<S>
  {
    factory.make(dimension: checkedDimension(n), as: type)
  }
}

/// Builds a catalog function's objective for a scalar type (the one generic entry point a
/// stored, non-generic ``TestFunction`` needs).
@usableFromInline
protocol ObjectiveFactory: Sendable {
  func make<S: DescentScalar>(dimension: Int, as type: S.Type) -> any Objective<S>
}
