import DescentCore
import DescentOptimizers

/// `POST /api/trajectories`: every optimizer of a race run from one start with the library's
/// `minimize` — the loop `descent run` uses, with the same options — recording every step.
///
/// Each run stops when `‖∇f‖ ≤ tolerance` (it has arrived: `stepsToTolerance` is its step
/// count, as in `race`), when it diverges, or when the step budget is spent.
///
/// Response:
/// ```json
/// {"function": {...}, "start": [x, y], "tolerance": 1e-6,
///  "runs": [{"optimizer": "gd", "settings": "gd(lr=0.04)", "steps": 714,
///            "stopReason": "gradientTolerance", "explanation": "converged: …",
///            "diverged": false, "stepsToTolerance": 714, "finalLoss": …, "finalGradientNorm": …,
///            "x": [x, y], "finalPoint": {"kind": "minimum", "eigenvalues": [1, 20]} | null,
///            "evaluations": {"objective": …, "gradient": …, "hessian": …},
///            "trajectory": {"step": [...], "x": [...], "y": [...], "loss": [...],
///                           "gradientNorm": [...], "learningRate": [...]}}, …],
///  "seconds": …}
/// ```
enum Trajectories {
  /// A run's settings, checked, ready to build.
  struct PreparedRun: Sendable {
    var spec: OptimizerSpec
    var schedule: ScheduleSpec?
    var transform: GradientTransform

    /// A fresh optimizer (its state starts empty).
    func makeOptimizer() -> any Optimizer<Double> {
      // Checked once by `prepare`; building again cannot fail.
      try! spec.make(Double.self)
    }

    func options(steps: Int, tolerance: Double, record: Bool) -> MinimizeOptions {
      var options = MinimizeOptions()
      options.maxSteps = steps
      options.gradientTolerance = tolerance
      options.schedule = schedule
      options.gradientTransform = transform
      options.recordTrajectory = record
      options.classifyFinalPoint = record
      return options
    }
  }

  /// Checks one run's settings: the optimizer spec (unknown name → suggestion), the
  /// schedule text, the noise and clipping values.
  static func prepare(_ run: RunSpec, field: String) throws(APIError) -> PreparedRun {
    do {
      _ = try run.optimizer.make(Double.self)
    } catch {
      var suggestion: String?
      var path = "\(field).optimizer"
      switch error {
      case .unknownName(_, let s):
        suggestion = s
        path += ".name"
      case .invalidValue(let parameter, _, _):
        path += "." + (parameter == "lr" ? "learningRate" : parameter)
      default: break
      }
      throw APIError(.badRequest, error.description, field: path, suggestion: suggestion)
    }
    var schedule: ScheduleSpec?
    if let text = run.schedule?.trimmingWhitespace(), !text.isEmpty, text.lowercased() != "constant",
      text.lowercased() != "none"
    {
      do {
        schedule = try ScheduleSpec(parsing: text)
      } catch {
        throw APIError(.badRequest, "\(error.message) (at position \(error.position))", field: "\(field).schedule")
      }
    }
    if let noise = run.noise, !(noise >= 0 && noise <= ServerLimits.maximumNoise) {
      throw .outOfRange(
        "\(field).noise", "the noise σ must be between 0 and \(formatLimit(ServerLimits.maximumNoise)) (found \(noise))")
    }
    for (name, value) in [("clipNorm", run.clipNorm), ("clipValue", run.clipValue)] {
      if let value, !(value.isFinite && value > 0) {
        throw .outOfRange("\(field).\(name)", "must be a positive number (found \(value))")
      }
    }
    let noise = run.noise.flatMap { $0 > 0 ? $0 : nil }
    let transform = GradientTransform(
      noise: noise, seed: run.seed ?? 0, clipValue: run.clipValue, clipNorm: run.clipNorm)
    return PreparedRun(spec: run.optimizer, schedule: schedule, transform: transform)
  }

  static func respond(_ request: TrajectoryRequest) throws(APIError) -> [UInt8] {
    let function = try NavigatorFunction.resolve(request.function)
    let start = try request.start.map { s throws(APIError) in try checkedPoint(s, field: "start") } ?? function.start
    let steps = try checkedInt(request.steps, default: 500, in: ServerLimits.steps, field: "steps")
    let tolerance = try checkedTolerance(request.tolerance, field: "tolerance")
    guard !request.runs.isEmpty else {
      throw .outOfRange("runs", "add at least one optimizer")
    }
    guard request.runs.count <= ServerLimits.maximumRuns else {
      throw .tooLarge("runs", "at most \(ServerLimits.maximumRuns) optimizers race at once (found \(request.runs.count))")
    }
    var prepared: [PreparedRun] = []
    for (i, run) in request.runs.enumerated() { prepared.append(try prepare(run, field: "runs[\(i)]")) }

    let clock = ContinuousClock()
    let began = clock.now
    let objective = function.objective()
    var w = JSONWriter(capacity: prepared.count * (steps + 1) * 120 + 4096)
    w.beginObject()
    w.key("function")
    writeFunction(function, into: &w)
    w.key("start")
    w.numbers(start)
    w.key("tolerance")
    w.number(tolerance)
    w.key("steps")
    w.integer(steps)
    w.key("runs")
    w.beginArray()
    for run in prepared {
      var optimizer = run.makeOptimizer()
      let result = minimize(
        dynamic: objective, from: start, using: &optimizer, options: run.options(steps: steps, tolerance: tolerance, record: true))
      writeRun(result, optimizer: optimizer, tolerance: tolerance, into: &w)
    }
    w.endArray()
    w.key("seconds")
    w.number((clock.now - began).seconds)
    w.endObject()
    return w.bytes
  }

  /// The first step at which `‖∇f‖ ≤ tolerance` held: the run stops there (0 when the start
  /// had arrived already), so it is the step count of a run that stopped on the gradient
  /// tolerance; `nil` for any other stop.
  static func stepsToTolerance(_ result: MinimizationResult<Double>, tolerance: Double) -> Int? {
    result.stopReason == .gradientTolerance ? result.steps : nil
  }

  static func writeRun(
    _ result: MinimizationResult<Double>, optimizer: any Optimizer<Double>, tolerance: Double, into w: inout JSONWriter
  ) {
    w.beginObject()
    w.key("optimizer")
    w.string(optimizer.name)
    w.key("settings")
    w.string(optimizer.settingsDescription)
    w.key("steps")
    w.integer(result.steps)
    w.key("stopReason")
    w.string(result.stopReason.rawValue)
    w.key("explanation")
    w.string(result.stopReason.explanation)
    w.key("diverged")
    w.bool(result.stopReason.isDivergence)
    w.key("stepsToTolerance")
    w.integer(stepsToTolerance(result, tolerance: tolerance))
    w.key("finalLoss")
    w.number(result.loss)
    w.key("finalGradientNorm")
    w.number(result.gradientNorm)
    w.key("x")
    w.numbers(result.x)
    w.key("finalPoint")
    if let final = result.finalPoint {
      w.beginObject()
      w.key("kind")
      w.string(final.kind.rawValue)
      w.key("eigenvalues")
      w.numbers(final.eigenvalues)
      w.endObject()
    } else {
      w.null()
    }
    w.key("evaluations")
    w.beginObject()
    w.key("objective")
    w.integer(result.evaluations.objective)
    w.key("gradient")
    w.integer(result.evaluations.gradient)
    w.key("hessian")
    w.integer(result.evaluations.hessian)
    w.endObject()
    let t = result.trajectory
    w.key("trajectory")
    w.beginObject()
    w.key("step")
    // Closures, not key paths: a key path into the generic TrajectoryPoint is resolved at
    // run time on every use (measured: a third of the request's time).
    w.integers(t.lazy.map { $0.step })
    w.key("x")
    w.numbers(t.lazy.map { $0.x[0] })
    w.key("y")
    w.numbers(t.lazy.map { $0.x[1] })
    w.key("loss")
    w.numbers(t.lazy.map { $0.loss })
    w.key("gradientNorm")
    w.numbers(t.lazy.map { $0.gradientNorm })
    w.key("learningRate")
    w.numbers(t.lazy.map { $0.learningRate })
    w.endObject()
    w.endObject()
  }
}

extension Duration {
  var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}
