import ArgumentParser
import Descent
import Foundation

/// `descent compare`: several optimizers race from one start to a tolerance.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Race several optimizers from one start and compare how fast they arrive.",
    discussion: """
      Every optimizer starts at --start with the same hyperparameter flags, each
      taking the ones that apply to it (`gd` never takes --momentum, so
      `gd,momentum --momentum 0.9` compares plain and heavy-ball descent), and
      runs until it reaches the tolerance, diverges, or has taken --steps steps.

      Reaching the tolerance means ‖∇f(xₖ)‖ ≤ tolerance (--target gradient, the
      default) or f(xₖ) − f* ≤ tolerance (--target gap, for functions with a
      known minimum f*). "steps" is the first k at which that holds.

      Example (the teaching navigator's race):
        descent compare --function ravine --optimizers gd,momentum \\
          --lr 0.04 --momentum 0.9 --start 1.8,0.5
      """)

  @Option(help: "Catalog name, MGH problem (mgh:NAME, see `descent functions`) or formula.")
  var function: String = "ravine"

  @Option(help: "Dimension for N-dimensional catalog functions and variable-size MGH problems.")
  var dimension: Int?

  @Option(
    help: ArgumentHelp(
      "Comma-separated optimizers to race.", discussion: OptimizerOptions.choicesDiscussion, valueName: "names"))
  var optimizers: String = "gd,momentum,nesterov,adam"

  @OptionGroup var hyperparameters: HyperparameterOptions

  @Option(help: "Extra hyperparameters for every racer that has them, e.g. beta1=0.8,weight-decay=0.01.")
  var settings: String?

  @OptionGroup var scheduleOptions: ScheduleOptions

  @Option(parsing: .unconditional, help: "Start point, comma-separated (default: the function's standard start).")
  var start: String?

  @Option(help: "The tolerance the racers must reach (see --target).")
  var tolerance: Double = 1e-6

  @Option(help: "What the tolerance bounds: gradient (‖∇f‖) or gap (f − f*).")
  var target: RaceTargetKind = .gradient

  @Option(help: "Most steps per racer.")
  var steps: Int = 10_000

  @Option(help: "Call a run diverged when f grows past f₀ + this · max(1, |f₀|) (0 switches it off).")
  var divergenceFactor: Double = 1e10

  @Option(help: "Output format: table, json or csv.")
  var format: OutputFormat = .table

  func validate() throws {
    if !(tolerance >= 0 && tolerance.isFinite) {
      throw ValidationError("--tolerance must be a finite number ≥ 0 (got \(tolerance))")
    }
    if steps < 0 || steps > 100_000_000 { throw ValidationError("--steps must be between 0 and 100000000 (got \(steps))") }
    if !(divergenceFactor >= 0 && divergenceFactor.isFinite) {
      throw ValidationError("--divergence-factor must be a finite number ≥ 0 (got \(divergenceFactor))")
    }
    if optimizerNames.isEmpty { throw ValidationError("--optimizers is empty; give names like gd,momentum") }
  }

  var optimizerNames: [String] {
    optimizers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  @Option(help: "Write an SVG picture to this file: the landscape with every path (1-D and 2-D functions), else the loss curves.")
  var plot: String?

  func run() throws {
    print(try output())
  }

  /// The whole output as text.
  func output() throws -> String {
    let resolved = try resolveFunction(function, dimension: dimension)
    let startPoint = try start.map { try parseVector($0, flag: "--start") } ?? resolved.standardStart
    try resolved.checkPoint(startPoint, flag: "--start")
    let raceTarget: RaceTarget
    switch target {
    case .gradient: raceTarget = .gradientNorm(tolerance)
    case .gap:
      guard let minimum = resolved.minimumValue else {
        throw ValidationError("--target gap needs the function's minimum value f*, which \(resolved.displayName) does not have; use --target gradient")
      }
      raceTarget = .lossGap(tolerance, minimum: minimum)
    }
    var base = try hyperparameters.spec(name: nil)
    if let settings {
      base = try OptimizerSpecSettings.merge(
        try OptimizerSpecSettings.parseSettings(settings, flag: "--settings"), into: base, flag: "--settings")
    }
    let racers = try OptimizerSpecSettings.makeAll(optimizerNames, from: base)
    var options = MinimizeOptions(maxSteps: steps, divergenceFactor: divergenceFactor > 0 ? divergenceFactor : nil)
    try scheduleOptions.apply(to: &options, maximize: hyperparameters.maximize)
    let results = race(
      resolved.objective(Double.self), from: startPoint, optimizers: racers, target: raceTarget, options: options,
      recordTrajectories: plot != nil)
    if let plot {
      try writePlot(
        to: plot, resolved: resolved,
        runs: results.map { PlotRun(label: $0.optimizer, detail: $0.settings, trajectory: $0.trajectory, stopReason: $0.stopReason) })
    }

    switch format {
    case .json:
      return try jsonString(
        CompareOutput(
          function: resolved.summary, start: startPoint, target: target.rawValue, tolerance: tolerance,
          maxSteps: steps, schedule: scheduleOptions.summary, results: results))
    case .csv:
      var lines = [csvLine(["optimizer", "settings", "stepsToTarget", "steps", "finalLoss", "finalGradientNorm", "diverged", "stopReason"])]
      for r in results {
        lines.append(csvLine([
          r.optimizer, r.settings, r.stepsToTarget.map(String.init) ?? "", "\(r.steps)", "\(r.finalLoss)",
          "\(r.finalGradientNorm)", r.diverged ? "true" : "false", r.stopReason?.rawValue ?? "reached",
        ]))
      }
      return lines.joined(separator: "\n")
    case .table:
      var out = [
        "function   \(resolved.displayName)",
        "start      \(formatPoint(startPoint))",
        "target     \(raceTarget), at most \(steps) steps",
      ]
      if let summary = scheduleOptions.summary { out.append("options    \(summary)") }
      out.append("")
      var table = TextTable(["optimizer", "steps", "final loss", "‖∇f‖", "diverged", "stopped"])
      table.rightAligned = [1, 2, 3]
      for r in results {
        table.add([
          r.settings, r.stepsToTarget.map(String.init) ?? "—", formatNumber(r.finalLoss), formatNumber(r.finalGradientNorm),
          r.diverged ? "yes" : "no", r.stopReason.map(\.rawValue) ?? "reached the target",
        ])
      }
      out.append(table.render())
      let arrived = results.compactMap { r in r.stepsToTarget.map { (r.settings, $0) } }
      if let best = arrived.min(by: { $0.1 < $1.1 }), arrived.count > 1 {
        out.append("")
        out.append("fastest: \(best.0) in \(best.1) steps")
      }
      return out.joined(separator: "\n")
    }
  }
}

/// `--target`.
enum RaceTargetKind: String, ExpressibleByArgument, CaseIterable {
  case gradient, gap
}

/// The JSON of `descent compare`.
struct CompareOutput: Encodable {
  var function: FunctionSummary
  var start: [Double]
  var target: String
  var tolerance: Double
  var maxSteps: Int
  var schedule: String?
  var results: [RaceResult]
}
