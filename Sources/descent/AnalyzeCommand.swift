import Foundation
import ArgumentParser
import Descent

/// `descent analyze`: the critical-point atlas of a function and the curvature at a point.
struct AnalyzeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analyze",
    abstract: "Find and classify every critical point in a box; report the curvature at a point.",
    usage: "descent analyze --function F [--at x,y] [--region lo:hi,...] [--lr η]",
    discussion: """
      Critical points: multi-start damped Newton on ∇f = 0 from a grid and seeded random
      starts in the region, so saddles and maxima are found as well as minima. Each point is
      verified (‖∇f‖ tiny relative to the function's gradients in the region) and
      classified from the Hessian's eigenvalues as minimum, maximum, saddle or degenerate
      (an eigenvalue |λ| ≤ 1e-8 · the largest Hessian norm in the region).

      Curvature at --at (default: the lowest minimum found, else the centre of the region):
      gradient, Hessian, eigenvalues and eigenvectors, condition number κ = λmax/λmin, the
      largest stable GD learning rate 2/λmax, 1/L, the optimal fixed rate 2/(λmin+λmax) with
      GD's rate (κ−1)/(κ+1), the optimal heavy-ball α*, β*, and with --lr the contraction
      |1 − ηλ| along each eigenvector and the steps to shrink the error by --reduction.

      The region defaults to the function's window (for catalog functions) and must be given
      with --region otherwise when the function has none.
      """)

  @Option(help: "Catalog name, MGH problem (mgh:NAME, see `descent functions`) or formula.")
  var function: String

  @Option(help: "Dimension for N-dimensional catalog functions and variable-size MGH problems.")
  var dimension: Int?

  @Option(parsing: .unconditional, help: "Point for the curvature report, comma-separated (default: the lowest minimum found).")
  var at: String?

  @Option(parsing: .unconditional, help: "Box to search, lo:hi per coordinate, e.g. -5:5,-5:5 (default: the function's window).")
  var region: String?

  @Option(help: "Learning rate η: show the contraction |1 − ηλ| per eigendirection.")
  var lr: Double?

  @Option(help: "Error reduction for the step counts (0 < r < 1).")
  var reduction: Double = 1e-6

  @Flag(
    inversion: .prefixedNo,
    help: "Search for critical points (default: on up to 10 variables).")
  var criticalPoints: Bool?

  @Option(help: "Random starts besides the grid.")
  var randomStarts: Int = 100

  @Option(help: "Seed for the random starts.")
  var seed: UInt64 = 0

  @Option(help: "Output format: table or json.")
  var format: OutputFormat = .table

  func validate() throws {
    if let lr, !(lr > 0 && lr.isFinite) { throw ValidationError("--lr must be a positive number (got \(lr))") }
    if !(reduction > 0 && reduction < 1) {
      throw ValidationError("--reduction must be between 0 and 1, e.g. 1e-6 (got \(reduction))")
    }
    if !(0...100_000).contains(randomStarts) {
      throw ValidationError("--random-starts must be between 0 and 100000 (got \(randomStarts))")
    }
    if format == .csv { throw ValidationError("--format csv is not available for analyze; use table or json") }
    if let dimension, !(1...100_000).contains(dimension) {
      throw ValidationError("--dimension must be between 1 and 100000 (got \(dimension))")
    }
  }

  @Option(help: "Write an SVG picture to this file: the landscape with every critical point found, marked by kind (1-D and 2-D functions).")
  var plot: String?

  func run() throws {
    let output = try analysis()
    if let plot {
      let resolved = try resolveFunctionOrExit(function, dimension: dimension)
      guard resolved.dimension <= 2 else {
        throw InputError("--plot draws 1-D and 2-D landscapes; \(resolved.displayName) has \(resolved.dimension) variables")
      }
      let points = (output.criticalPoints ?? []).map { CriticalPoint(x: $0.x, value: $0.value, kind: $0.kind) }
      let window = output.region.count == 2 ? PlotWindow(x: output.region[0], y: output.region[1]) : nil
      let svg: String
      do {
        svg = try LandscapePlot.svg(
          objective: resolved.objective(Double.self), window: window, criticalPoints: points, title: resolved.displayName,
          variables: resolved.variables)
      } catch { throw InputError("cannot plot: \(error)") }
      try writeSVG(svg, to: plot)
    }
    switch format {
    case .json: print(try jsonString(output))
    case .table, .csv: print(tableText(output))
    }
  }

  /// Everything the command computes (what `--format json` prints).
  func analysis() throws -> AnalyzeOutput {
    let resolved = try resolveFunctionOrExit(function, dimension: dimension)
    let objective = resolved.objective(Double.self)
    let n = resolved.dimension
    let variables = resolved.variables.joined(separator: ", ")
    var box = resolved.window
    if let region {
      box = try parseBox(region, flag: "--region")
      guard box.count == n else {
        throw InputError("--region has \(box.count) interval\(box.count == 1 ? "" : "s") but the function has \(n) variable\(n == 1 ? "" : "s") (\(variables))")
      }
    }
    guard box.count == n else {
      throw InputError("\(resolved.displayName) has no default region; give one with --region, e.g. \(Array(repeating: "-5:5", count: n).joined(separator: ","))")
    }
    var atlas: CriticalPointAtlas?
    var notes: [String] = []
    if criticalPoints ?? (n <= 10) {
      var options = CriticalPointAtlas.Options()
      options.randomStarts = randomStarts
      options.seed = seed
      let found = CriticalPointAtlas(of: objective, in: box, options: options)
      notes += found.notes
      atlas = found
    } else {
      notes.append(
        criticalPoints == false
          ? "critical-point search skipped (--no-critical-points)"
          : "critical-point search skipped for \(n) variables (pass --critical-points to force it)")
    }
    let point: [Double]
    let pointSource: String
    if let at {
      point = try parseVector(at, flag: "--at")
      guard point.count == n else {
        throw InputError("--at has \(point.count) coordinate\(point.count == 1 ? "" : "s") but the function has \(n) variable\(n == 1 ? "" : "s") (\(variables))")
      }
      pointSource = "--at"
    } else if let best = atlas?.points.first(where: { $0.kind == .minimum }) {
      point = best.x
      pointSource = "the lowest minimum found"
    } else {
      point = box.map { ($0.lowerBound + $0.upperBound) / 2 }
      pointSource = "the centre of the region (no minimum found)"
    }
    let curvature = CurvatureReport(of: objective, at: point, learningRate: lr, reductionFactor: reduction)
    return AnalyzeOutput(
      function: resolved.summary, region: box, criticalPoints: atlas?.points, starts: atlas?.starts,
      curvatureAt: pointSource, curvature: curvature, notes: notes)
  }

  /// The human-readable report.
  func tableText(_ output: AnalyzeOutput) -> String {
    var lines: [String] = []
    let names = output.function.variables
    lines.append("function   \(output.function.displayName)")
    lines.append("region     " + output.region.map { "[\(formatNumber($0.lowerBound)), \(formatNumber($0.upperBound))]" }.joined(separator: " × "))
    if let points = output.criticalPoints {
      lines.append("")
      let counts = PointKind.allCases.compactMap { kind -> String? in
        let c = points.filter { $0.kind == kind }.count
        guard c > 0 else { return nil }
        let plural = kind == .minimum ? "minima" : kind == .maximum ? "maxima" : "\(kind.rawValue)s"
        return "\(c) \(c == 1 ? kind.rawValue : plural)"
      }
      lines.append("critical points: \(points.count)\(counts.isEmpty ? "" : " (" + counts.joined(separator: ", ") + ")"), from \(output.starts ?? 0) Newton starts")
      if !points.isEmpty {
        var table = TextTable(["kind"] + names + ["f"] + (0..<names.count).map { "λ\($0 + 1)" })
        for p in points {
          table.add([p.kind.rawValue] + p.x.map { formatNumber($0, digits: 8) } + [formatNumber(p.value, digits: 8)]
            + p.eigenvalues.map { formatNumber($0, digits: 6) })
        }
        lines.append(table.render())
      }
    }
    let c = output.curvature
    lines.append("")
    lines.append("curvature at \(formatPoint(c.x, digits: 8))  (\(output.curvatureAt))")
    var rows: [(String, String)] = [
      ("f", formatNumber(c.value, digits: 10)),
      ("∇f", "\(formatPoint(c.gradient))   ‖∇f‖ = \(formatNumber(c.gradientNorm))"),
      ("Hessian", "[" + c.hessian.map { formatPoint($0) }.joined(separator: ", ") + "]" + (c.hessianIsExact ? " (exact)" : " (finite differences)")),
      ("eigenvalues", c.eigenvalues.map { formatNumber($0, digits: 8) }.joined(separator: ", ")),
      ("eigenvectors", c.eigenvectors.map { formatPoint($0, digits: 4) }.joined(separator: ", ")),
      ("point type", c.classification.kind.rawValue + (c.gradientNorm > 0 ? " (by the second-order test; ∇f ≠ 0 here)" : "")),
      ("L = max|λ|", formatNumber(c.lipschitzConstant)),
      ("κ = λmax/λmin", c.conditionNumber.map { formatNumber($0) } ?? "—"),
      ("stable lr < 2/λmax", c.maxStableLearningRate.map { formatNumber($0) } ?? "—"),
      ("1/L", c.safeLearningRate.map { formatNumber($0) } ?? "—"),
      ("optimal lr 2/(λmin+λmax)", c.optimalLearningRate.map { formatNumber($0) } ?? "—"),
    ]
    let target = formatNumber(c.reductionFactor)
    if let rate = c.gradientDescentRate {
      rows.append(("GD rate (κ−1)/(κ+1)", formatNumber(rate) + (c.gradientDescentSteps.map { ", \($0) steps to shrink the error by \(target)" } ?? "")))
    }
    if let hb = c.heavyBall {
      rows.append(("heavy ball", "α* = \(formatNumber(hb.learningRate)), β* = \(formatNumber(hb.momentum)), rate \(formatNumber(hb.rate))" + (hb.steps.map { ", \($0) steps" } ?? "")))
    }
    let width = rows.map(\.0.count).max() ?? 0
    for (k, v) in rows { lines.append("  " + k.padding(toLength: width + 2, withPad: " ", startingAt: 0) + v) }
    if let contraction = c.contraction {
      lines.append("")
      lines.append("gradient descent with lr \(formatNumber(contraction.learningRate)): per eigendirection")
      var table = TextTable(["λ", "|1 − ηλ|", "steps to \(target)", "behaviour"])
      for d in contraction.directions {
        table.add([formatNumber(d.eigenvalue), formatNumber(d.factor), d.steps.map { "\($0)" } ?? "never", d.behavior])
      }
      lines.append(table.render(indent: "  "))
      lines.append(
        contraction.diverges
          ? "  diverges: lr \(formatNumber(contraction.learningRate)) is above 2/λ for some λ > 0"
          : "  all components shrink by \(target) within \(contraction.steps.map { "\($0)" } ?? "—") steps")
    }
    let notes = output.notes + c.notes
    if !notes.isEmpty {
      lines.append("")
      for note in notes { lines.append("note: \(note)") }
    }
    return lines.joined(separator: "\n")
  }
}

/// The JSON of `descent analyze`.
struct AnalyzeOutput: Encodable {
  var function: FunctionSummary
  var region: [ClosedRange<Double>]
  /// `nil` when the search was skipped (JSON `null`).
  var criticalPoints: [CriticalPointAtlas.Point]?
  var starts: Int?
  /// Where the curvature point came from.
  var curvatureAt: String
  var curvature: CurvatureReport
  var notes: [String]

  enum CodingKeys: String, CodingKey { case function, region, criticalPoints, starts, curvatureAt, curvature, notes }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(function, forKey: .function)
    try c.encode(region.map { [$0.lowerBound, $0.upperBound] }, forKey: .region)
    try c.encode(criticalPoints, forKey: .criticalPoints)
    try c.encode(starts, forKey: .starts)
    try c.encode(curvatureAt, forKey: .curvatureAt)
    try c.encode(curvature, forKey: .curvature)
    try c.encode(notes, forKey: .notes)
  }
}

/// One line about a run's final point, for `descent run`'s summary.
func describeFinalPoint(_ p: PointClassification) -> String {
  let values = "λ = " + p.eigenvalues.prefix(6).map { formatNumber($0) }.joined(separator: ", ")
    + (p.eigenvalues.count > 6 ? ", … (\(p.eigenvalues.count))" : "")
  switch p.kind {
  case .minimum: return "minimum (\(values))"
  case .maximum: return "maximum (\(values))"
  case .saddle:
    return "SADDLE, not a minimum: λmin = \(formatNumber(p.minEigenvalue))"
      + (p.escapeDirection.map { ", escape along \(formatPoint($0, digits: 4))" } ?? "")
  case .degenerate: return "degenerate: flat in some direction, the second-order test cannot decide (\(values))"
  }
}
