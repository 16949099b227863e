import ArgumentParser
import Descent
import Foundation

/// `descent run`: one optimizer on one function, with a trace and a summary.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Minimize a function with an optimizer and show the path.",
    discussion: """
      FUNCTION is a catalog name, an MGH problem (mgh:biggs-exp6, mgh:18; see \
      `descent functions`) or a formula such as \
      "0.5*x^2 + 10*y^2": variables x, y, z, then other letters, then x1…xN; operators \
      + - * / ^; functions sin cos tan asin acos atan sinh cosh tanh exp log sqrt abs \
      min max sigmoid softplus; constants pi, e. `--function @FILE` reads the formula \
      from a file.

      With no flags, runs the teaching example: plain gradient descent with η = 0.04 on \
      the narrow ravine 0.5x² + 10y² from (1.8, 0.5) for 100 steps.

      Output: a trace every k steps and a summary (table), one JSON object \
      {"trajectory": [...], "result": {...}} (json), or the trajectory (csv). A \
      divergent run is a result, not an error: its stop reason says so and the exit \
      code is 0. Bad input exits non-zero with a message that says what and where.
      """)

  @Option(name: .long, help: "Catalog name, MGH problem (mgh:NAME) or formula (default: the narrow ravine).")
  var function: String?

  @Option(help: "Dimension for N-dimensional catalog functions (e.g. rosenbrock) and variable-size MGH problems.")
  var dimension: Int?

  @OptionGroup var optimizer: OptimizerOptions

  @OptionGroup(title: "Newton, BFGS, L-BFGS and CG") var secondOrder: SecondOrderOptions

  @Option(
    parsing: .unconditional,
    help: "Start point, comma-separated in variable order (default: the function's standard start).")
  var start: String?

  @OptionGroup var stopping: StoppingOptions

  @OptionGroup var scheduleOptions: ScheduleOptions

  @Option(help: "Write an SVG picture to this file: the landscape with the path (1-D and 2-D functions), else the loss curve.")
  var plot: String?

  @Option(help: "Trace every k-th step (table), or record every k-th step (json/csv).")
  var every: Int?

  @Flag(help: "Compile a formula to machine code with the C compiler (DESCENT_CC, else clang or cc) before the run; same numbers, faster. Falls back to the interpreter with a warning.")
  var native = false

  @Option(help: "Arithmetic: double or float.")
  var precision: Precision = .double

  @Option(help: "Output format: table, json or csv.")
  var format: OutputFormat = .table

  func validate() throws {
    if let every, every < 1 { throw ValidationError("--every must be at least 1 (got \(every))") }
    if let dimension, !(1...1_000_000).contains(dimension) {
      throw ValidationError("--dimension must be between 1 and 1000000 (got \(dimension))")
    }
  }

  func run() throws {
    switch precision {
    case .double: try execute(Double.self)
    case .float: try execute(Float.self)
    }
  }

  private func execute<S: DescentScalar>(_: S.Type) throws {
    let isDemo = function == nil
    let resolved = try resolveFunctionOrExit(function ?? "narrow-ravine", dimension: dimension)
    var spec = try optimizer.spec()
    if !secondOrder.settings.isEmpty { spec.secondOrder = secondOrder.settings }
    if isDemo && spec.learningRate == nil && optimizer.optimizer == "gd" { spec.learningRate = 0.04 }
    var opt: any Optimizer<S>
    do { opt = try spec.make(S.self) } catch { throw InputError(error.description) }

    let startPoint: [Double]
    if let start {
      startPoint = try parseVector(start, flag: "--start")
    } else if isDemo {
      startPoint = [1.8, 0.5]
    } else {
      startPoint = resolved.standardStart
    }
    try resolved.checkPoint(startPoint, flag: "--start")

    let defaultSteps = isDemo ? 100 : 1000
    var options = stopping.options(defaultSteps: defaultSteps)
    try scheduleOptions.apply(to: &options, maximize: optimizer.maximize)
    // The table shows steps 0–3, then every k-th, then the last; json/csv record every k-th.
    let traceEvery = every ?? (format == .table ? max(1, options.maxSteps / 20) : 1)
    options.recordEvery =
      format == .table && options.maxSteps <= 100_000 && resolved.dimension * options.maxSteps <= 10_000_000 ? 1 : traceEvery
    var objective = resolved.objective(S.self)
    if native {
      if let formula = objective as? FormulaObjective<S> {
        do {
          objective = try formula.compiledNative()
        } catch {
          FileHandle.standardError.write(Data("warning: \(error.message); running the formula interpreted\n".utf8))
        }
      } else {
        FileHandle.standardError.write(Data("note: --native applies to formulas; the built-in \(resolved.name ?? "function") runs as it is\n".utf8))
      }
    }
    let progress = ProgressReporter(total: options.maxSteps, label: "step")
    let result = minimize(dynamic: objective, from: startPoint.map { S($0) }, using: &opt, options: options) { event in
      progress.update(event.step, detail: "loss \(formatNumber(event.loss))")
      return .continue
    }
    progress.finish()
    if let plot {
      try writePlot(to: plot, resolved: resolved, label: opt.name, detail: opt.settingsDescription, result: result)
    }

    switch format {
    case .json:
      print(try jsonString(RunOutput(function: resolved.summary, optimizer: opt.settingsDescription, result: result)))
    case .csv:
      print(csvLine(["step"] + resolved.variables + ["loss", "gradientNorm", "learningRate"]))
      for p in result.trajectory {
        print(csvLine(
          ["\(p.step)"] + p.x.map { "\($0)" } + ["\(p.loss)", "\(p.gradientNorm)", "\(p.learningRate)"]))
      }
    case .table:
      printTable(resolved: resolved, optimizer: opt, result: result, every: traceEvery)
    }
  }

  private func printTable<S: DescentScalar>(
    resolved: ResolvedFunction, optimizer: any Optimizer<S>, result: MinimizationResult<S>, every: Int
  ) {
    print("function   \(resolved.displayName)")
    print("optimizer  \(optimizer.settingsDescription)")
    print("")
    // Coordinates as columns for small problems; large ones show the loss columns only.
    let showX = resolved.dimension <= 6
    var table = TextTable(["step"] + (showX ? resolved.variables : []) + ["loss", "‖∇f‖", "lr"])
    for p in result.trajectory where p.step <= 3 || p.step % every == 0 || p.step == result.steps {
      table.add(["\(p.step)"] + (showX ? p.x.map { formatNumber($0) } : []) + [
        formatNumber(p.loss), formatNumber(p.gradientNorm), formatNumber(p.learningRate),
      ])
    }
    print(table.render())
    print("")
    var summary: [(String, String)] = [
      ("stopped", "\(result.stopReason.explanation) [\(result.stopReason.rawValue)]"),
      ("steps", "\(result.steps)"),
      ("x", result.x.count <= 10
        ? formatPoint(result.x, digits: 10)
        : formatPoint(Array(result.x.prefix(5)), digits: 10).dropLast() + ", … (\(result.x.count) coordinates; --format json for all))"),
      ("loss", formatNumber(result.loss, digits: 10)),
      ("‖∇f‖", formatNumber(result.gradientNorm)),
    ]
    if let final = result.finalPoint {
      summary.append(("stopped at", describeFinalPoint(final)))
    } else if result.stopReason.isStall {
      let r = Stationarity.relativeGradient(x: result.x, loss: result.loss, gradientNorm: result.gradientNorm)
      summary.append((
        "stopped at",
        "not classified: not near-stationary (relative gradient ‖∇f‖·max(‖x‖∞, 1)/max(|f|, 1) = \(formatNumber(r)) > \(formatNumber(Stationarity.tolerance(S.self), digits: 3)))"
      ))
    }
    if let fStar = resolved.minimumValue {
      summary.append(("f − f*", formatNumber(Double(result.loss) - fStar)))
    }
    let e = result.evaluations
    summary.append(("evaluations", "f \(e.objective), ∇f \(e.gradient), ∇²f \(e.hessian)"))
    summary.append(("time", formatDuration(result.seconds)))
    let width = summary.map(\.0.count).max() ?? 0
    for (k, v) in summary { print(k.padding(toLength: width + 2, withPad: " ", startingAt: 0) + v) }
  }
}

/// `--precision`.
enum Precision: String, ExpressibleByArgument, CaseIterable {
  case double, float
}

/// The JSON of `descent run`: `{"trajectory": [...], "result": {...}}` (plus context).
struct RunOutput<S: DescentScalar>: Encodable {
  var function: FunctionSummary
  var optimizer: String
  var result: MinimizationResult<S>

  enum CodingKeys: String, CodingKey { case function, optimizer, trajectory, result }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(function, forKey: .function)
    try c.encode(optimizer, forKey: .optimizer)
    try c.encode(result.trajectory, forKey: .trajectory)
    try c.encode(result, forKey: .result)
  }
}

func formatDuration(_ seconds: Double) -> String {
  if seconds < 1e-3 { return formatNumber(seconds * 1e6, digits: 3) + " µs" }
  if seconds < 1 { return formatNumber(seconds * 1e3, digits: 3) + " ms" }
  return formatNumber(seconds, digits: 4) + " s"
}

/// Writes the picture of a run: the landscape with the path for 1-D and 2-D functions,
/// the loss curve otherwise.
func writePlot<S: DescentScalar>(
  to path: String, resolved: ResolvedFunction, label: String, detail: String, result: MinimizationResult<S>
) throws {
  try writePlot(to: path, resolved: resolved, runs: [PlotRun(label: label, detail: detail, result: result)])
}

func writePlot(to path: String, resolved: ResolvedFunction, runs: [PlotRun]) throws {
  let svg: String
  do {
    if resolved.dimension <= 2 {
      var window: PlotWindow? = nil
      if resolved.dimension == 2, resolved.window.count == 2 {
        let known = PlotWindow(x: resolved.window[0], y: resolved.window[1])
        let starts = runs.compactMap { $0.points.first }
        if starts.allSatisfy({ $0.count == 2 && known.x.contains($0[0]) && known.y.contains($0[1]) }) { window = known }
      }
      svg = try LandscapePlot.svg(
        objective: resolved.objective(Double.self), window: window, runs: runs, criticalPoints: resolved.criticalPoints,
        title: resolved.displayName, variables: resolved.variables)
    } else {
      svg = try LossPlot.svg(runs: runs, optimum: resolved.minimumValue, title: resolved.displayName)
    }
  } catch {
    throw InputError("cannot plot: \(error)")
  }
  try writeSVG(svg, to: path)

}
