import ArgumentParser
import Descent

/// `descent check`: compares a function's gradient with central finite differences.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a function's gradient against central finite differences.",
    discussion: """
      At --at, or at --points seeded random points in the function's window, compares each
      gradient component with a central difference (f(x+h) − f(x−h))/2h, h = ∛ε·max(1,|xᵢ|),
      and reports the relative error |g − g̃| / max(|g|, |g̃|, 1). Exits 1 if any point fails
      the tolerance, so it can gate a script.
      """)

  @Option(help: "Catalog name, MGH problem (mgh:NAME, see `descent functions`) or formula.")
  var function: String = "narrow-ravine"

  @Option(help: "Dimension for N-dimensional catalog functions and variable-size MGH problems.")
  var dimension: Int?

  @Option(parsing: .unconditional, help: "One point to check, comma-separated.")
  var at: String?

  @Option(help: "How many random points in the function's window (when --at is not given).")
  var points: Int = 20

  @Option(help: "Seed for the random points.")
  var seed: UInt64 = 0

  @Option(help: "Largest acceptable relative error.")
  var tolerance: Double = 1e-6

  @Option(help: "Output format: table, json or csv.")
  var format: OutputFormat = .table

  func validate() throws {
    if !(1...100_000).contains(points) { throw ValidationError("--points must be between 1 and 100000 (got \(points))") }
    if !(tolerance > 0 && tolerance.isFinite) { throw ValidationError("--tolerance must be a positive number (got \(tolerance))") }
  }

  func run() throws {
    let resolved = try resolveFunctionOrExit(function, dimension: dimension)
    let objective = resolved.objective(Double.self)
    var xs: [[Double]]
    if let at {
      let x = try parseVector(at, flag: "--at")
      guard x.count == resolved.dimension else {
        throw InputError("--at has \(x.count) coordinates but the function has \(resolved.dimension) (\(resolved.variables.joined(separator: ", ")))")
      }
      xs = [x]
    } else {
      var rng = SplitMix64(state: seed)
      xs = (0..<points).map { _ in
        resolved.window.map { r in r.lowerBound + Double(rng.next() >> 11) * 0x1p-53 * (r.upperBound - r.lowerBound) }
      }
    }
    let checks = xs.map { objective.checkGradient(at: $0, tolerance: tolerance) }
    let passed = checks.allSatisfy(\.passed)
    switch format {
    case .json:
      print(try jsonString(CheckOutput(function: resolved.summary, passed: passed, tolerance: tolerance, points: checks)))
    case .csv:
      print(csvLine(["point", "index", "variable", "x", "analytic", "numeric", "absoluteError", "relativeError", "passed"]))
      for (k, c) in checks.enumerated() {
        for e in c.entries {
          print(csvLine([
            "\(k)", "\(e.index)", resolved.variables[e.index], "\(c.point[e.index])", "\(e.analytic)", "\(e.numeric)",
            "\(e.absoluteError)", "\(e.relativeError)", "\(e.relativeError <= tolerance)",
          ]))
        }
      }
    case .table:
      print("function   \(resolved.displayName)")
      print("tolerance  \(formatNumber(tolerance)) (relative error |g − g̃| / max(|g|, |g̃|, 1))")
      print("")
      var table = TextTable(["point", "variable", "x", "analytic ∂f", "central difference", "rel. error", ""])
      for (k, c) in checks.enumerated() {
        for e in c.entries {
          table.add([
            e.index == 0 ? "\(k)" : "", resolved.variables[e.index], formatNumber(c.point[e.index]),
            formatNumber(e.analytic, digits: 12), formatNumber(e.numeric, digits: 12),
            formatNumber(e.relativeError, digits: 2), e.relativeError <= tolerance ? "ok" : "FAIL",
          ])
        }
      }
      print(table.render())
      print("")
      let worst = checks.map(\.maxRelativeError).max() ?? 0
      print(passed
        ? "passed: \(checks.count) point\(checks.count == 1 ? "" : "s"), largest relative error \(formatNumber(worst, digits: 2))"
        : "FAILED: \(checks.filter { !$0.passed }.count) of \(checks.count) points exceed the tolerance (largest relative error \(formatNumber(worst, digits: 2)))")
    }
    if !passed { throw ExitCode(1) }
  }
}

struct CheckOutput: Encodable {
  var function: FunctionSummary
  var passed: Bool
  var tolerance: Double
  var points: [GradientCheck<Double>]
}
