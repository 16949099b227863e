import ArgumentParser
import Descent
import Foundation

/// `descent bench quasi-newton`: Descent's L-BFGS and BFGS on the Moré–Garbow–Hillstrom
/// problems and the chained Rosenbrock function (n = 2, 100, 1,000, 10,000), with the
/// iterations, evaluations, wall time and final value of each run.
///
/// The stopping rules are SciPy's, so the counts compare like with like with
/// `scripts/bench_quasi_newton.py` (which runs SciPy's L-BFGS-B and BFGS beside this
/// command):
/// - L-BFGS as L-BFGS-B: stop when `‖∇f‖∞ ≤ 1e-5` (`pgtol`), when
///   `(fₖ − fₖ₊₁)/max(|fₖ|, |fₖ₊₁|, 1) ≤ 2.22e-9` (`factr = 1e7` times ε), or after
///   15,000 evaluations or steps (`maxfun`, `maxiter`);
/// - BFGS as SciPy's BFGS: stop when `‖∇f‖∞ ≤ 1e-5` (`gtol`) or after `200n` steps
///   (`maxiter`); no loss-change test (SciPy's BFGS has none); 15,000 evaluations at most.
///
/// `--strict` tests `‖∇f‖₂` and a purely relative loss change (no floor) for both methods
/// instead, which runs longer where `f* = 0`. No run classifies its final point (SciPy does
/// no Hessian eigensolve). BFGS is skipped for n = 10,000 (its dense n × n matrix is
/// 800 MB, as it is for SciPy).
struct QuasiNewtonBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "quasi-newton",
    abstract: "Benchmark L-BFGS and BFGS on the MGH problems and the chained Rosenbrock function.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: Format = .table

  @Option(help: "Stop when the gradient's ∞-norm (2-norm with --strict) falls below this.")
  var gradientTolerance: Double = 1e-5

  @Option(help: "L-BFGS: stop when the loss changes by less than this, relative (L-BFGS-B: factr·ε = 2.22e-9; 0 switches it off).")
  var relativeLossChange: Double = 1e7 * Double.ulpOfOne

  @Option(help: "Evaluation budget per run (L-BFGS-B's maxfun is 15,000).")
  var maxEvaluations: Int = 15_000

  @Flag(help: "Descent's stricter rules for both methods: ‖∇f‖₂ and a purely relative loss change.")
  var strict = false

  @Flag(help: "BFGS as SciPy's: Moré–Thuente search, H₀ = I unscaled, first trial min(1, 2.02Δf/∇fᵀd).")
  var scipyBFGS = false

  @Option(help: "Repeat short runs until this many seconds have passed and report the fastest.")
  var minimumSeconds: Double = 0.05

  @Option(parsing: .upToNextOption, help: "Chained Rosenbrock sizes.")
  var rosenbrockSizes: [Int] = [2, 100, 1_000, 10_000]

  @Flag(help: "Skip the MGH problems.")
  var skipMGH = false

  @Option(help: "Line search: \(LineSearchKind.allCases.map(\.rawValue).joined(separator: ", ")) (default: each method's own).")
  var lineSearch: LineSearchKind?

  @Option(help: "Sufficient-decrease constant c1 (with --line-search; default 1e-4).")
  var c1: Double = 1e-4

  @Option(help: "Relative interval tolerance of the Moré–Thuente search (with --line-search more-thuente).")
  var xtol: Double = 1e-14

  func validate() throws {
    guard gradientTolerance > 0 else { throw ValidationError("--gradient-tolerance must be positive") }
    guard relativeLossChange >= 0 else { throw ValidationError("--relative-loss-change must be 0 or positive") }
    guard maxEvaluations > 0 else { throw ValidationError("--max-evaluations must be positive") }
    guard rosenbrockSizes.allSatisfy({ $0 >= 2 }) else {
      throw ValidationError("--rosenbrock-sizes must all be at least 2 (the chained Rosenbrock function needs n ≥ 2)")
    }
    guard c1 > 0 && c1 < 0.9 else { throw ValidationError("--c1 must lie in (0, 0.9)") }
    guard xtol >= 0 && xtol < 1 else { throw ValidationError("--xtol must lie in [0, 1)") }
  }

  /// The L-BFGS and BFGS the benchmark runs: the defaults, or with `--line-search`.
  var methods: (lbfgs: LBFGS<Double>, bfgs: BFGS<Double>) {
    let search: LineSearchMethod<Double>? =
      switch lineSearch {
      case nil: nil
      case .strongWolfe: .strongWolfe(StrongWolfeLineSearch(c1: c1, c2: 0.9))
      case .backtracking: .backtracking(BacktrackingLineSearch(c1: c1))
      case .moreThuente: .moreThuente(MoreThuenteLineSearch(c1: c1, c2: 0.9, xtol: xtol))
      }
    var lbfgs = LBFGS<Double>(), bfgs = BFGS<Double>()
    if let search {
      lbfgs.lineSearch = search
      bfgs.lineSearch = search
    }
    if scipyBFGS {
      bfgs = BFGS(lineSearch: .moreThuente(MoreThuenteLineSearch()), scalesInitialHessian: false, initialStepFromDecrease: true)
    }
    return (lbfgs, bfgs)
  }

  struct Row: Codable {
    var problem: String
    var n: Int
    var method: String
    var iterations: Int
    var functionEvaluations: Int
    var gradientEvaluations: Int
    var seconds: Double
    var finalValue: Double
    var gradientNorm: Double
    var stopReason: String
  }

  /// L-BFGS's stopping rules (see the type's documentation).
  var lbfgsRules: MinimizeOptions {
    var o = MinimizeOptions(
      maxSteps: strict ? 1_000_000 : 15_000, gradientTolerance: gradientTolerance,
      relativeLossChangeTolerance: relativeLossChange > 0 ? relativeLossChange : nil,
      maxEvaluations: maxEvaluations, divergenceFactor: nil, recordTrajectory: false)
    o.classifyFinalPoint = false
    if !strict {
      o.gradientToleranceNorm = .maximum
      o.relativeLossChangeFloor = 1
    }
    return o
  }

  /// BFGS's stopping rules in dimension `n` (see the type's documentation).
  func bfgsRules(dimension n: Int) -> MinimizeOptions {
    if strict { return lbfgsRules }
    var o = MinimizeOptions(
      maxSteps: 200 * n, gradientTolerance: gradientTolerance, maxEvaluations: maxEvaluations,
      divergenceFactor: nil, recordTrajectory: false)
    o.gradientToleranceNorm = .maximum
    o.classifyFinalPoint = false
    return o
  }

  func run() throws {
    let (lbfgs, bfgs) = methods
    var rows: [Row] = []
    if !skipMGH {
      // Concrete problem types, so each problem's objective is specialized (an opened
      // existential would run the residuals unspecialized, ~15× slower per evaluation).
      var visitor = MGHVisitor(bench: self, lbfgs: lbfgs, bfgs: bfgs)
      MGH.forEachStandard(&visitor)
      rows += visitor.rows
    }
    for n in rosenbrockSizes {
      let f = ChainedRosenbrock<Double>(dimension: n)
      let start = ChainedRosenbrock<Double>.standardStart(dimension: n)
      rows.append(measure("rosenbrock-chained", n: n, method: "lbfgs", options: lbfgsRules) {
        minimize(f, from: start, using: lbfgs, options: $0)
      })
      if n <= 1_000 {
        rows.append(measure("rosenbrock-chained", n: n, method: "bfgs", options: bfgsRules(dimension: n)) {
          minimize(f, from: start, using: bfgs, options: $0)
        })
      }
    }
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(rows), as: UTF8.self))
    case .table:
      print(pad("problem", 28) + pad("n", 7) + pad("method", 7) + pad("iters", 8) + pad("f evals", 9)
        + pad("g evals", 9) + pad("seconds", 11) + pad("final f", 24) + "stop")
      for r in rows {
        print(
          pad(r.problem, 28) + pad("\(r.n)", 7) + pad(r.method, 7) + pad("\(r.iterations)", 8)
            + pad("\(r.functionEvaluations)", 9) + pad("\(r.gradientEvaluations)", 9)
            + pad(String(format: "%.3e", r.seconds), 11) + pad("\(r.finalValue)", 24) + r.stopReason)
      }
    }
  }

  /// Runs both methods on each MGH problem it is handed, specialized per problem type.
  struct MGHVisitor: LeastSquaresProblemVisitor {
    let bench: QuasiNewtonBench
    let lbfgs: LBFGS<Double>
    let bfgs: BFGS<Double>
    var rows: [Row] = []

    mutating func visit<P: LeastSquaresProblem>(_ problem: P) {
      let f = problem.objective(Double.self)
      let start = problem.standardStart
      let (lbfgs, bfgs) = (self.lbfgs, self.bfgs)
      rows.append(bench.measure(problem.name, n: problem.dimension, method: "lbfgs", options: bench.lbfgsRules) {
        minimize(f, from: start, using: lbfgs, options: $0)
      })
      rows.append(bench.measure(problem.name, n: problem.dimension, method: "bfgs", options: bench.bfgsRules(dimension: problem.dimension)) {
        minimize(f, from: start, using: bfgs, options: $0)
      })
    }
  }

  /// Runs `body` once, then again until `minimumSeconds` have passed (at most 1,000 runs),
  /// and reports the fastest run.
  func measure(
    _ problem: String, n: Int, method: String, options: MinimizeOptions,
    _ body: (MinimizeOptions) -> MinimizationResult<Double>
  ) -> Row {
    let clock = ContinuousClock()
    var best = Double.infinity
    var result: MinimizationResult<Double>?
    var total = 0.0
    var runs = 0
    repeat {
      let t0 = clock.now
      let r = body(options)
      let d = clock.now - t0
      let s = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
      best = Swift.min(best, s)
      total += s
      runs += 1
      result = r
    } while total < minimumSeconds && runs < 1_000
    let r = result!
    return Row(
      problem: problem, n: n, method: method, iterations: r.steps, functionEvaluations: r.evaluations.objective,
      gradientEvaluations: r.evaluations.gradient, seconds: best, finalValue: r.loss,
      gradientNorm: r.gradientNorm, stopReason: r.stopReason.rawValue)
  }

  private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
  }
}
