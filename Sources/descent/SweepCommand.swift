import ArgumentParser
import Descent
import Foundation

/// `descent sweep`: one optimizer over a range of learning rates, each run classified.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Sweep the learning rate and find where descent turns into divergence.",
    discussion: """
      Runs the optimizer from --start once per learning rate in --lr and
      classifies each run:
        monotone-decay     the loss falls; the iterates approach from one side
        oscillating-decay  the loss falls; the iterates overshoot back and forth
        divergence         the loss grows (past the edge of stability)
        no-progress        the loss does not change (a tiny rate, or a cycle
                           exactly at the edge)
      For gradient descent on a quadratic with curvature λ these are ηλ < 1,
      1 < ηλ < 2, ηλ > 2 and ηλ = 2. The divergence threshold is bracketed by
      the largest rate that decays and the next rate of the grid; the estimate
      is their geometric mean.

      --lr takes lo:hi:logN (N rates evenly spaced in log scale, both ends
      included) or lo:hi:linN (evenly spaced). Example:
        descent sweep --function "x^2" --optimizer gd --lr 0.01:2:log50
      """)

  @Option(help: "Catalog name, MGH problem (mgh:NAME, see `descent functions`) or formula.")
  var function: String = "x^2"

  @Option(help: "Dimension for N-dimensional catalog functions and variable-size MGH problems.")
  var dimension: Int?

  @Option(help: "The optimizer: \(OptimizerSpec.names.joined(separator: ", ")).")
  var optimizer: String = "gd"

  @Option(help: ArgumentHelp("Learning rates: lo:hi:logN or lo:hi:linN.", valueName: "lo:hi:logN|linN"))
  var lr: String = "0.01:2:log50"

  @Option(help: "Other hyperparameters, e.g. momentum=0.9 or beta1=0.8,weight-decay=0.01.")
  var settings: String?

  @OptionGroup var scheduleOptions: ScheduleOptions

  @Option(parsing: .unconditional, help: "Start point, comma-separated (default: the function's standard start).")
  var start: String?

  @Option(help: "Steps per learning rate.")
  var steps: Int = 100

  @Option(help: "Output format: table, json or csv.")
  var format: OutputFormat = .table

  func validate() throws {
    do { _ = try LearningRateGrid(parsing: lr) } catch { throw ValidationError("--lr: \(error.description)") }
    if steps < 1 || steps > 10_000_000 { throw ValidationError("--steps must be between 1 and 10000000 (got \(steps))") }
  }

  @Option(help: "Write an SVG chart to this file: final loss against η (log axis), with 2/λmax at the start marked.")
  var plot: String?

  func run() throws {
    print(try output())
  }

  func output() throws -> String {
    let resolved = try resolveFunction(function, dimension: dimension)
    let startPoint = try start.map { try parseVector($0, flag: "--start") } ?? resolved.standardStart
    try resolved.checkPoint(startPoint, flag: "--start")
    let grid: LearningRateGrid
    do { grid = try LearningRateGrid(parsing: lr) } catch { throw ValidationError("--lr: \(error.description)") }
    var base = OptimizerSpec(name: optimizer)
    if let settings {
      if settings.split(separator: ",").contains(where: { $0.hasPrefix("lr=") || $0.hasPrefix("learning-rate=") }) {
        throw ValidationError("--settings: the learning rate is what --lr sweeps; remove lr from --settings")
      }
      base = try OptimizerSpecSettings.merge(
        try OptimizerSpecSettings.parseSettings(settings, flag: "--settings"), into: base, flag: "--settings")
    }
    // Unknown names and settings the optimizer doesn't take fail before the sweep.
    let probe = try OptimizerSpecSettings.makeAll(
      [optimizer], from: base, plainGD: false, settingName: { "--settings: " + HyperparameterOptions.flag($0).dropFirst(2) })[0]
    var options = MinimizeOptions(maxSteps: steps, gradientTolerance: nil)
    try scheduleOptions.apply(to: &options)
    let settingsDescription = optimizer + (settings.map { " (\($0))" } ?? "")
    let sweep = try sweepLearningRates(
      resolved.objective(Double.self), from: startPoint, rates: grid.rates, options: options
    ) { rate in
      var spec = base
      spec.learningRate = rate
      return try OptimizerSpecSettings.make(optimizer, from: spec, plainGD: false)
    }

    // What the Hessian at the start predicts (exact on a quadratic).
    let curvature = CurvatureReport(of: resolved.objective(Double.self), at: startPoint)
    let limit = Self.predictedLimit(for: probe, lambdaMax: curvature.eigenvalues.last ?? .nan)
    if let plot {
      let svg = LearningRateSweepPlot.svg(
        series: [SweepSeries(
          label: optimizer, detail: (settings.map { $0 + " · " } ?? "") + "\(steps) steps each", learningRates: sweep.points.map(\.learningRate),
          values: sweep.points.map { $0.regime.decays || $0.finalLoss.isFinite && $0.regime != .divergence ? $0.finalLoss : .infinity })],
        predictedLimit: limit.value, predictedLimitLabel: limit.label,
        title: "Learning-rate sweep: \(resolved.displayName)")
      try writeSVG(svg, to: plot)
    }
    switch format {
    case .json:
      return try jsonString(
        SweepOutput(
          function: resolved.summary, optimizer: settingsDescription, start: startPoint, grid: grid.description,
          steps: steps, points: sweep.points, largestDecaying: sweep.largestDecaying,
          smallestFailing: sweep.smallestFailing, divergenceThreshold: sweep.divergenceThreshold,
          predictedThreshold: probe is SGD<Double> ? limit.value : nil,
          predictedThresholdFormula: probe is SGD<Double> && limit.value != nil ? limit.label : nil))
    case .csv:
      var lines = [csvLine(["learningRate", "regime", "initialLoss", "finalLoss", "steps", "stopReason"])]
      for p in sweep.points {
        lines.append(csvLine([
          "\(p.learningRate)", p.regime.rawValue, "\(p.initialLoss)", "\(p.finalLoss)", "\(p.steps)", p.stopReason.rawValue,
        ]))
      }
      return lines.joined(separator: "\n")
    case .table:
      var out = [
        "function   \(resolved.displayName)",
        "optimizer  \(settingsDescription), η from \(grid.description), \(steps) steps from \(formatPoint(startPoint))",
      ]
      if let summary = scheduleOptions.summary { out.append("options    \(summary)") }
      out.append("")
      var table = TextTable(["lr", "regime", "final loss", "stopped"])
      table.rightAligned = [0, 2]
      for p in sweep.points {
        table.add([formatNumber(p.learningRate), p.regime.rawValue, formatNumber(p.finalLoss), p.stopReason.rawValue])
      }
      out.append(table.render())
      out.append("")
      if let threshold = sweep.divergenceThreshold, let a = sweep.largestDecaying, let b = sweep.smallestFailing {
        out.append(
          "divergence threshold ≈ \(formatNumber(threshold, digits: 4)) (between η = \(formatNumber(a)), the largest rate that decays, and η = \(formatNumber(b)))")
      } else if sweep.largestDecaying == nil {
        out.append("no rate in the grid decays: the threshold is below \(formatNumber(grid.rates.first ?? 0))")
      } else {
        out.append("every rate from the largest decaying one up decays: the threshold is above \(formatNumber(grid.rates.last ?? 0))")
      }
      if let value = limit.value, probe is SGD<Double> {
        out.append("predicted  \(limit.label) = \(formatNumber(value, digits: 4)) from the Hessian at the start (exact on a quadratic)")
      } else if let value = limit.value {
        out.append("for GD     2/λmax = \(formatNumber(value, digits: 4)) from the Hessian at the start (\(probe.name)'s threshold is not set by λmax alone)")
      }
      return out.joined(separator: "\n")
    }
  }

  /// The divergence threshold theory predicts on a quadratic with top eigenvalue `λmax`, and
  /// its label: `2/λmax` for gradient descent; for PyTorch's SGD with momentum β and
  /// dampening τ (c = 1 − τ), where the iteration matrix's eigenvalue crosses −1,
  /// ```
  /// heavy ball:  η < 2(1 + β) / (c λmax)
  /// Nesterov:    η < 2(1 + β) / ((1 + β + βc) λmax)
  /// ```
  /// (so 2(1+β)/λmax and 2(1+β)/((1+2β)λmax) without dampening). Other optimizers get GD's
  /// line, labelled as GD's.
  static func predictedLimit(for optimizer: any Optimizer<Double>, lambdaMax: Double) -> (value: Double?, label: String) {
    guard lambdaMax > 0, lambdaMax.isFinite else { return (nil, "") }
    if let sgd = optimizer as? SGD<Double> {
      let beta = sgd.momentum, c = 1 - sgd.dampening
      if beta == 0 { return (2 / lambdaMax, "2/λmax") }
      let plain = sgd.dampening == 0
      if sgd.nesterov {
        return (2 * (1 + beta) / ((1 + beta + beta * c) * lambdaMax), plain ? "2(1+β)/((1+2β)λmax)" : "Nesterov limit")
      }
      return (2 * (1 + beta) / (c * lambdaMax), plain ? "2(1+β)/λmax" : "2(1+β)/((1−τ)λmax)")
    }
    return (2 / lambdaMax, "GD's 2/λmax")
  }
}

/// The JSON of `descent sweep`.
struct SweepOutput: Encodable {
  var function: FunctionSummary
  var optimizer: String
  var start: [Double]
  var grid: String
  var steps: Int
  var points: [SweepPoint]
  var largestDecaying: Double?
  var smallestFailing: Double?
  var divergenceThreshold: Double?
  /// The threshold predicted from the Hessian at the start for GD, heavy ball and Nesterov
  /// (see `SweepCommand.predictedLimit`); nil for other optimizers.
  var predictedThreshold: Double?
  /// How it was predicted, e.g. `2/λmax` or `2(1+β)/λmax`.
  var predictedThresholdFormula: String?
}
