import ArgumentParser
import DescentOptimizers

/// The optimizer and its hyperparameters, as flags named after PyTorch's hyperparameters
/// (kebab case). Used as an `@OptionGroup` by `run`, `train` and `landscape`; `compare` and
/// `sweep` name their optimizers their own way and take ``HyperparameterOptions`` alone.
@dynamicMemberLookup
struct OptimizerOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The optimizer (default: gd).",
      discussion: OptimizerOptions.choicesDiscussion,
      valueName: "name"))
  var optimizer: String = "gd"

  @OptionGroup var hyperparameters: HyperparameterOptions

  /// One line per optimizer: its name and a summary (the `--help` discussion).
  static var choicesDiscussion: String {
    OptimizerSpec.summaries.map {
      "  " + $0.name + String(repeating: " ", count: Swift.max(1, 21 - $0.name.count)) + $0.summary
    }
    .joined(separator: "\n")
  }

  subscript<T>(dynamicMember keyPath: KeyPath<HyperparameterOptions, T>) -> T { hyperparameters[keyPath: keyPath] }

  /// The spec these flags describe, validated.
  ///
  /// - Throws: `ValidationError` naming the flag at fault.
  func spec() throws -> OptimizerSpec { try hyperparameters.spec(name: optimizer) }
}

/// The hyperparameter flags shared by every command that runs an optimizer.
struct HyperparameterOptions: ParsableArguments {
  @Option(help: "Learning rate η (default: the optimizer's PyTorch default).")
  var lr: Double?

  @Option(help: "Momentum μ (gd, momentum, nesterov: default 0 / 0.9 / 0.9; rmsprop 0; muon 0.95).")
  var momentum: Double?

  @Option(help: "SGD dampening τ (default 0).")
  var dampening: Double?

  @Flag(inversion: .prefixedNo, help: "Nesterov momentum (SGD; on by default for muon).")
  var nesterov: Bool?

  @Option(help: "Weight decay λ: L2 for gd/adam/adagrad/rmsprop/..., decoupled for adamw, nadamw, lion, muon, schedule-free-adamw.")
  var weightDecay: Double?

  @Option(help: "β₁ (Adam family, Lion, schedule-free).")
  var beta1: Double?

  @Option(help: "β₂ (Adam family 0.999; Lion 0.99).")
  var beta2: Double?

  @Option(help: "ε, the denominator's guard (PyTorch's eps).")
  var epsilon: Double?

  @Option(help: "RMSProp smoothing constant α (default 0.99).")
  var alpha: Double?

  @Flag(help: "RMSProp: centered (divide by the gradient's estimated standard deviation).")
  var centered = false

  @Flag(help: "Adam/AdamW: the AMSGrad variant.")
  var amsgrad = false

  @Option(help: "Adadelta ρ (default 0.9).")
  var rho: Double?

  @Option(help: "NAdam momentum decay ψ (default 4e-3).")
  var momentumDecay: Double?

  @Option(name: .customLong("initial-accumulator"), help: "AdaGrad initial accumulator s₀ (PyTorch 0; Optax 0.1).")
  var initialAccumulator: Double?

  @Option(help: "AdaGrad learning-rate decay δ (default 0).")
  var lrDecay: Double?

  /// Applied by the minimize loop (a gradient transform that also turns the divergence
  /// checks around), not by the optimizer, so `spec()` leaves `OptimizerSpec.maximize` unset.
  @Flag(help: "Maximize instead of minimize (ascend the gradient).")
  var maximize = false

  @Flag(help: "Adam/NAdam/RAdam: decoupled (AdamW-style) weight decay.")
  var decoupledWeightDecay = false

  // Other libraries' conventions.
  @Flag(name: .customLong("eps-in-sqrt"), help: "AdaGrad/RMSProp: ε inside the square root (Optax, TensorFlow).")
  var epsilonInsideRoot = false

  @Option(name: .customLong("eps-root"), help: "Adam family: Optax's eps_root, added to v̂ inside the root.")
  var epsilonRoot: Double?

  @Flag(name: .customLong("eps-hat"), help: "Adam family: TensorFlow/Keras's ε̂ form (ε added to the uncorrected √v).")
  var epsilonHat = false

  @Flag(name: .customLong("amsgrad-max-of-corrected"), help: "AMSGrad: Optax's form (maximum of the bias-corrected v̂).")
  var amsgradBiasCorrectedMaximum = false

  @Flag(name: .customLong("no-momentum-schedule"), help: "NAdam: Optax's form without PyTorch's μₜ schedule.")
  var noMomentumSchedule = false

  // Muon.
  @Option(name: .customLong("ns-steps"), help: "Muon: Newton–Schulz steps (default 5).")
  var newtonSchulzSteps: Int?

  @Option(name: .customLong("ns-coefficients"), help: ArgumentHelp("Muon: Newton–Schulz coefficients (default 3.4445,-4.7750,2.0315).", valueName: "a,b,c"))
  var newtonSchulzCoefficients: String?

  @Option(name: .customLong("adjust-lr"), help: "Muon: rate scaling by shape: original, match_rms_adamw, spectral_unclamped.")
  var learningRateAdjustment: String?

  @Option(help: ArgumentHelp("Muon: blocks of the parameter vector, e.g. 2x3,3 (a 2×3 matrix, then a 3-vector for AdamW). Default: one 1×n matrix.", valueName: "shapes"))
  var shapes: String?

  // Schedule-free AdamW.
  @Option(help: "Schedule-free AdamW: linear warm-up steps (default 0).")
  var warmupSteps: Int?

  @Option(name: .customLong("r"), help: "Schedule-free AdamW: averaging-weight power r (default 0).")
  var averagingPower: Double?

  @Option(name: .customLong("weight-lr-power"), help: "Schedule-free AdamW: averaging-weight learning-rate power (default 2).")
  var weightLearningRatePower: Double?

  /// The spec of the optimizer `name` with these flags, validated; with `name` nil (a race
  /// of several) flags that plain GD doesn't take are left for each racer to validate
  /// (``OptimizerSpecSettings/makeAll(_:from:)``).
  ///
  /// - Throws: `ValidationError` naming the flag at fault.
  func spec(name: String?) throws -> OptimizerSpec {
    var s = OptimizerSpec(name: name ?? "gd", learningRate: lr)
    s.momentum = momentum
    s.dampening = dampening
    s.nesterov = nesterov
    s.weightDecay = weightDecay
    s.beta1 = beta1
    s.beta2 = beta2
    s.epsilon = epsilon
    s.alpha = alpha
    s.centered = centered ? true : nil
    s.amsgrad = amsgrad ? true : nil
    s.rho = rho
    s.momentumDecay = momentumDecay
    s.initialAccumulatorValue = initialAccumulator
    s.lrDecay = lrDecay
    s.decoupledWeightDecay = decoupledWeightDecay ? true : nil
    s.epsilonInsideRoot = epsilonInsideRoot ? true : nil
    s.epsilonRoot = epsilonRoot
    s.epsilonHat = epsilonHat ? true : nil
    s.amsgradBiasCorrectedMaximum = amsgradBiasCorrectedMaximum ? true : nil
    s.momentumSchedule = noMomentumSchedule ? false : nil
    s.newtonSchulzSteps = newtonSchulzSteps
    if let text = newtonSchulzCoefficients {
      let parts = text.split(separator: ",").map { Double($0.filter { $0 != " " }) }
      guard parts.count == 3, let a = parts[0], let b = parts[1], let c = parts[2] else {
        throw ValidationError("--ns-coefficients: expected three numbers a,b,c, got '\(text)'")
      }
      s.newtonSchulzCoefficients = [a, b, c]
    }
    s.learningRateAdjustment = learningRateAdjustment
    if let text = shapes { s.shapes = try Self.parseShapes(text) }
    s.warmupSteps = warmupSteps
    s.r = averagingPower
    s.weightLearningRatePower = weightLearningRatePower
    do {
      try s.validate()
    } catch {
      if name == nil, case .notApplicable = error { return s }
      throw ValidationError(Self.message(for: error))
    }
    return s
  }

  /// `2x3,3` → `[[2, 3], [3]]`.
  static func parseShapes(_ text: String) throws -> [[Int]] {
    try text.split(separator: ",").enumerated().map { k, part in
      let dims = part.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        .map { Int($0.filter { $0 != " " }) }
      guard (1...2).contains(dims.count), dims.allSatisfy({ ($0 ?? 0) > 0 }) else {
        throw ValidationError("--shapes: block \(k + 1) is '\(part)'; expected ROWSxCOLS or COUNT with positive sizes, e.g. 2x3,3")
      }
      return dims.map { $0! }
    }
  }

  /// The flag for a spec field.
  static func flag(_ field: String) -> String {
    let special: [String: String] = [
      "learningRate": "--lr", "initialAccumulatorValue": "--initial-accumulator",
      "epsilonInsideRoot": "--eps-in-sqrt", "epsilonRoot": "--eps-root", "epsilonHat": "--eps-hat",
      "amsgradBiasCorrectedMaximum": "--amsgrad-max-of-corrected",
      "momentumSchedule": "--no-momentum-schedule", "newtonSchulzSteps": "--ns-steps",
      "newtonSchulzCoefficients": "--ns-coefficients", "learningRateAdjustment": "--adjust-lr",
      "r": "--r", "weightLearningRatePower": "--weight-lr-power",
    ]
    if let s = special[field] { return s }
    var out = "--"
    for c in field {
      if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
    }
    return out
  }

  /// An ``OptimizerSpecError`` in the CLI's words (flags instead of field names).
  static func message(for error: OptimizerSpecError) -> String {
    switch error {
    case .unknownName(let name, let suggestion):
      return "--optimizer: unknown optimizer '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        + " (choices: \((OptimizerSpec.firstOrderNames + OptimizerSpec.secondOrderNames).joined(separator: ", ")))"
    case .invalidValue(let parameter, let value, let reason):
      return "\(flag(parameter)) \(value): \(reason)"
    case .notApplicable(let parameter, let optimizer):
      let takes = (OptimizerSpec.applicableFields[optimizer] ?? []).map { flag($0.rawValue) }.sorted()
      return "\(flag(parameter)) does not apply to \(optimizer); \(optimizer) takes --lr"
        + takes.map { ", \($0)" }.joined()
    case .invalidChoice(let parameter, let value, let choices, let suggestion):
      return "\(flag(parameter)) '\(value)' is not a choice" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        + " (choices: \(choices.joined(separator: ", ")))"
    case .invalidCombination(let message):
      return message
    }
  }
}
