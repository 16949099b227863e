// The MGH problems by name and number, at a size a user picks: what `descent run
// --function mgh:NAME --dimension N` (and every other command that takes a function)
// resolves through.

extension MGH {
  /// The sizes `n` a problem accepts: `minimum…maximum` in steps of `multiple` (a fixed-size
  /// problem has `minimum == maximum`), and the default.
  public struct SizeRule: Sendable, Equatable, CustomStringConvertible {
    public var minimum: Int
    public var maximum: Int
    /// `n` must be a multiple of this (2 for extended Rosenbrock, 4 for extended Powell).
    public var multiple: Int
    public var defaultValue: Int

    /// Largest `n` accepted for the variable-size problems. The exact gradient costs `n`
    /// residual evaluations in ``Dual`` arithmetic (each `O(m)` to `O(n·m)`), so a run at
    /// this size already takes seconds per step on the dense problems.
    public static let largestDimension = 1000

    /// Exactly `n`.
    public static func fixed(_ n: Int) -> SizeRule { SizeRule(minimum: n, maximum: n, multiple: 1, defaultValue: n) }

    /// `minimum ≤ n ≤ maximum`, a multiple of `multiple`.
    public static func variable(
      from minimum: Int, to maximum: Int = largestDimension, multiple: Int = 1, default defaultValue: Int
    ) -> SizeRule {
      SizeRule(minimum: minimum, maximum: maximum, multiple: multiple, defaultValue: defaultValue)
    }

    public var isVariable: Bool { minimum != maximum }

    public func accepts(_ n: Int) -> Bool { n >= minimum && n <= maximum && n % multiple == 0 }

    /// `n = 6`, `even n from 2 to 1000`, `2 ≤ n ≤ 31`.
    public var description: String {
      if !isVariable { return "n = \(minimum)" }
      switch multiple {
      case 1: return "\(minimum) ≤ n ≤ \(maximum)"
      case 2: return "even n from \(minimum) to \(maximum)"
      default: return "n a multiple of \(multiple) from \(minimum) to \(maximum)"
      }
    }
  }

  /// One problem of the set as a user names it: the paper's number, Descent's name, the
  /// sizes it takes, and a factory for the problem and its specialized objectives.
  public struct Entry: Sendable {
    /// The number in Moré, Garbow & Hillstrom (1981), e.g. 18 for Biggs EXP6 (11, 33 and 34
    /// are not in Descent's set).
    public let number: Int
    /// `biggs-exp6`; `mgh:biggs-exp6` on the command line.
    public let name: String
    /// `Biggs EXP6`.
    public let title: String
    public let sizes: SizeRule
    /// The minima of the two-variable problems, as the paper gives them (to 7 digits;
    /// marked on plots); empty for the others.
    public let minima: [CriticalPoint]
    /// The plot window of the two-variable problems, chosen by hand to hold the start, the
    /// minima and the paths of the quasi-Newton methods; `nil` for the others.
    let plotWindow: [ClosedRange<Double>]?
    let makeProblem: @Sendable (Int) -> any LeastSquaresProblem
    let makeDouble: @Sendable (Int) -> any Objective<Double>
    let makeFloat: @Sendable (Int) -> any Objective<Float>

    init<P: LeastSquaresProblem>(
      _ number: Int, _ sizes: SizeRule, minima: [CriticalPoint] = [], window: [ClosedRange<Double>]? = nil,
      _ make: @escaping @Sendable (Int) -> P
    ) {
      let sample = make(sizes.defaultValue)
      self.number = number
      self.name = sample.name
      self.title = sample.title
      self.sizes = sizes
      self.minima = minima
      self.plotWindow = window
      self.makeProblem = { make($0) }
      // Concrete objectives: the residual code is specialized for `P` (an existential
      // problem runs ~15× slower, see ``MGH/forEachStandard(_:)``).
      self.makeDouble = { LeastSquaresObjective<P, Double>(make($0)) }
      self.makeFloat = { LeastSquaresObjective<P, Float>(make($0)) }
    }

    /// The problem with `n` variables (`precondition`: ``sizes`` accepts `n`).
    public func problem(dimension n: Int) -> any LeastSquaresProblem {
      precondition(sizes.accepts(n), "\(name) takes \(sizes), not n = \(n)")
      return makeProblem(n)
    }

    /// The objective `Σ rᵢ²` with `n` variables, exact gradient and Hessian.
    public func objective<S: DescentScalar>(dimension n: Int, as _: S.Type = S.self) -> any Objective<S> {
      precondition(sizes.accepts(n), "\(name) takes \(sizes), not n = \(n)")
      if S.self == Double.self { return makeDouble(n) as! any Objective<S> }
      if S.self == Float.self { return makeFloat(n) as! any Objective<S> }
      preconditionFailure("unsupported scalar type \(S.self)")
    }

    /// `n` if given and accepted, else the default size.
    /// - Throws: ``MGHError/unsupportedDimension(problem:requested:accepted:)``.
    public func resolveDimension(_ n: Int?) throws(MGHError) -> Int {
      guard let n else { return sizes.defaultValue }
      guard sizes.accepts(n) else {
        throw .unsupportedDimension(problem: "mgh:\(name)", requested: n, accepted: sizes.description)
      }
      return n
    }

    /// f* for this size: the global minimum value to double precision where it is known
    /// (``MGH/preciseMinima``), else the first value the paper prints; `nil` for sizes the
    /// paper gives no value for.
    public func minimumValue(dimension n: Int) -> Double? {
      let p = makeProblem(n)
      if let precise = MGH.preciseMinima[p.name], precise.dimension == n, precise.residualCount == p.residualCount {
        return precise.value
      }
      return p.publishedMinima.first?.value
    }

    /// The plot and search window: for the two-variable problems, a box chosen by hand
    /// around the start and the minima; for the others, the start `± ½|x₀ᵢ|` in each
    /// coordinate (`± ½` where `x₀ᵢ = 0`): relative, so that the rates of Osborne 1 (0.01,
    /// 0.02) keep their sign and the exponentials stay moderate across the box.
    public func window(dimension n: Int) -> [ClosedRange<Double>] {
      if let plotWindow, plotWindow.count == n { return plotWindow }
      return makeProblem(n).standardStart.map { s in
        let pad = s == 0 ? 0.5 : 0.5 * s.magnitude
        return (s - pad)...(s + pad)
      }
    }
  }

  /// Every problem of the set, in the paper's order, as ``Entry`` values.
  public static let entries: [Entry] = [
    Entry(1, .fixed(2), minima: [minimum(1, 1, 0)], window: [-2...2, -1...3]) { _ in Rosenbrock() },
    Entry(
      2, .fixed(2), minima: [minimum(5, 4, 0), minimum(11.41278, -0.8968053, 48.98425367924002)],
      window: [-2...14, -3...6]
    ) { _ in FreudensteinRoth() },
    Entry(3, .fixed(2), minima: [minimum(1.098159e-5, 9.106146, 0)], window: [-1...1, -1...11]) { _ in
      PowellBadlyScaled()
    },
    Entry(4, .fixed(2), minima: [minimum(1e6, 2e-6, 0)], window: [-2.5e5...1.25e6, -1.5...1.5]) { _ in
      BrownBadlyScaled()
    },
    Entry(5, .fixed(2), minima: [minimum(3, 0.5, 0)], window: [-0.5...4.5, -1...2]) { _ in Beale() },
    Entry(6, .fixed(2), minima: [minimum(0.2578252, 0.2578252, 124.36218235561485)], window: [-0.6...0.6, -0.7...0.6]) {
      _ in JennrichSampson()
    },
    Entry(7, .fixed(3)) { _ in HelicalValley() },
    Entry(8, .fixed(3)) { _ in Bard() },
    Entry(9, .fixed(3)) { _ in Gaussian() },
    Entry(10, .fixed(3)) { _ in Meyer() },
    Entry(12, .fixed(3)) { _ in Box3D() },
    Entry(13, .fixed(4)) { _ in PowellSingular() },
    Entry(14, .fixed(4)) { _ in Wood() },
    Entry(15, .fixed(4)) { _ in KowalikOsborne() },
    Entry(16, .fixed(4)) { _ in BrownDennis() },
    Entry(17, .fixed(5)) { _ in Osborne1() },
    Entry(18, .fixed(6)) { _ in BiggsEXP6() },
    Entry(19, .fixed(11)) { _ in Osborne2() },
    Entry(20, .variable(from: 2, to: 31, default: 9)) { Watson(dimension: $0) },
    Entry(21, .variable(from: 2, multiple: 2, default: 10)) { ExtendedRosenbrock(dimension: $0) },
    Entry(22, .variable(from: 4, multiple: 4, default: 12)) { ExtendedPowellSingular(dimension: $0) },
    Entry(23, .variable(from: 1, default: 10)) { PenaltyI(dimension: $0) },
    Entry(24, .variable(from: 1, default: 10)) { PenaltyII(dimension: $0) },
    Entry(25, .variable(from: 1, default: 10)) { VariablyDimensioned(dimension: $0) },
    Entry(26, .variable(from: 1, default: 10)) { Trigonometric(dimension: $0) },
    Entry(27, .variable(from: 2, default: 10)) { BrownAlmostLinear(dimension: $0) },
    Entry(28, .variable(from: 1, default: 10)) { DiscreteBoundaryValue(dimension: $0) },
    Entry(29, .variable(from: 1, default: 10)) { DiscreteIntegralEquation(dimension: $0) },
    Entry(30, .variable(from: 1, default: 10)) { BroydenTridiagonal(dimension: $0) },
    Entry(31, .variable(from: 1, default: 10)) { BroydenBanded(dimension: $0) },
    // m = 2n (the paper's example sizes are n = 10, m = 20); f* = m − n = n.
    Entry(32, .variable(from: 1, default: 10)) { LinearFullRank(dimension: $0, residualCount: 2 * $0) },
    Entry(35, .variable(from: 1, default: 8)) { Chebyquad(dimension: $0) },
  ]

  static func minimum(_ x: Double, _ y: Double, _ value: Double) -> CriticalPoint {
    CriticalPoint(x: [x, y], value: value, kind: .minimum)
  }

  /// The entry called `text`: a name (`biggs-exp6`; case, `-`, `_` and spaces ignored, so
  /// `Biggs_EXP6` and `biggsexp6` work) or the paper's number (`18`), with or without the
  /// `mgh:` prefix.
  /// - Throws: ``MGHError/unknownProblem(_:suggestion:)`` with the closest name.
  public static func entry(named text: String) throws(MGHError) -> Entry {
    var raw = text.lowercased()
    if raw.hasPrefix("mgh:") { raw.removeFirst(4) }
    let key = normalized(raw)
    if let number = Int(key), let found = entries.first(where: { $0.number == number }) { return found }
    if let found = entries.first(where: { normalized($0.name) == key }) { return found }
    throw .unknownProblem(text, suggestion: Suggest.closest(to: raw, in: entries.map(\.name)).map { "mgh:\($0)" })
  }

  /// `key` without case, `-`, `_` or spaces.
  static func normalized(_ key: String) -> String {
    String(key.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
  }

  /// Global minimum values to double precision at the sizes of ``standard``, where they are
  /// not exact integers: the minimizer located and refined in 40-digit arithmetic by
  /// `scripts/mgh_reference.py` (sympy + mpmath), independent of the Swift code. The paper
  /// prints 6 digits; with those, `f − f*` could not fall below ~10⁻⁶·f*.
  public static let preciseMinima: [String: (dimension: Int, residualCount: Int, value: Double)] = [
    "jennrich-sampson": (2, 10, 124.36218235561485),
    "bard": (3, 15, 0.008214877306578975),
    "gaussian": (3, 15, 1.127932769618648e-08),
    "meyer": (3, 16, 87.94585517085112),
    "kowalik-osborne": (4, 11, 0.00030750560384923745),
    "brown-dennis": (4, 20, 85822.20162635634),
    "osborne1": (5, 33, 5.464894697482907e-05),
    "osborne2": (11, 65, 0.040137736293547735),
    "watson": (9, 31, 1.39976013809902e-06),
    "penalty1": (10, 11, 7.087651467090369e-05),
    "penalty2": (10, 20, 0.00029366053745674594),
    "chebyquad": (8, 8, 0.0035168737256779316),
  ]
}

/// What can go wrong when naming an MGH problem.
public enum MGHError: Error, Equatable, CustomStringConvertible {
  /// No problem has this name or number.
  case unknownProblem(String, suggestion: String?)
  /// The problem does not take this many variables.
  case unsupportedDimension(problem: String, requested: Int, accepted: String)

  public var description: String {
    switch self {
    case .unknownProblem(let name, let suggestion):
      "unknown MGH problem '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        + " (choices: \(MGH.entries.map(\.name).joined(separator: ", ")), or the paper's number, e.g. mgh:18)"
    case .unsupportedDimension(let problem, let requested, let accepted):
      "\(problem) does not take \(requested) variable\(requested == 1 ? "" : "s") (accepted: \(accepted))"
    }
  }
}
