import DescentCore

/// An optimizer described by name and hyperparameters: what the CLI flags and the server's
/// JSON build, turned into a live optimizer by ``make(_:dimension:)``.
///
/// Hyperparameters left `nil` take the optimizer's default (PyTorch's, or the reference
/// implementation's where PyTorch has none). Field names are PyTorch's hyperparameters in
/// camelCase (`lr` is `learningRate`, `eps` is `epsilon`, `betas` are `beta1`/`beta2`).
/// A field that the named optimizer does not use is an error, not silently ignored.
public struct OptimizerSpec: Codable, Sendable, Equatable {
  public var name: String
  /// η (`lr`).
  public var learningRate: Double?
  /// μ: SGD's / RMSProp's / Muon's momentum.
  public var momentum: Double?
  /// τ: SGD's dampening.
  public var dampening: Double?
  /// SGD's / Muon's Nesterov switch.
  public var nesterov: Bool?
  /// λ: L2 penalty, or decoupled decay for AdamW, NAdamW, Lion, Muon, schedule-free AdamW.
  public var weightDecay: Double?
  public var beta1: Double?
  public var beta2: Double?
  /// ε (`eps`).
  public var epsilon: Double?
  /// RMSProp's smoothing constant α.
  public var alpha: Double?
  /// RMSProp's centered form.
  public var centered: Bool?
  /// Adam's AMSGrad switch.
  public var amsgrad: Bool?
  /// Adadelta's ρ.
  public var rho: Double?
  /// NAdam's ψ.
  public var momentumDecay: Double?
  /// AdaGrad's s₀.
  public var initialAccumulatorValue: Double?
  /// AdaGrad's δ.
  public var lrDecay: Double?
  /// Ascend instead of descend (PyTorch's `maximize`).
  public var maximize: Bool?
  /// Adam / NAdam / RAdam: AdamW-style decay.
  public var decoupledWeightDecay: Bool?

  // Conventions of other libraries.
  /// AdaGrad / RMSProp: ε inside the square root (Optax, TensorFlow).
  public var epsilonInsideRoot: Bool?
  /// Adam family: Optax's `eps_root`.
  public var epsilonRoot: Double?
  /// Adam family: TensorFlow/Keras's ε̂ form.
  public var epsilonHat: Bool?
  /// AMSGrad: Optax's maximum of the bias-corrected second moment.
  public var amsgradBiasCorrectedMaximum: Bool?
  /// NAdam: PyTorch's μₜ schedule (default) or Optax's form (`false`).
  public var momentumSchedule: Bool?

  // Muon.
  public var newtonSchulzSteps: Int?
  public var newtonSchulzCoefficients: [Double]?
  /// `original`, `match_rms_adamw` or `spectral_unclamped`.
  public var learningRateAdjustment: String?
  /// Blocks of the flat vector: `[rows, cols]` or `[count]`.
  public var shapes: [[Int]]?

  // Schedule-free AdamW.
  public var warmupSteps: Int?
  public var r: Double?
  public var weightLearningRatePower: Double?
  /// Newton, BFGS, L-BFGS and CG: memory, line search, c1, c2, CG variant.
  public var secondOrder: SecondOrderSettings?

  public init(name: String, learningRate: Double? = nil) {
    self.name = name
    self.learningRate = learningRate
  }

  /// The first-order optimizers' names, in teaching order.
  public static let firstOrderNames: [String] = [
    "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "amsgrad", "nadam",
    "nadamw", "adamax", "radam", "adadelta", "lion", "muon", "schedule-free-adamw",
  ]

  /// Alternative spellings → canonical name.
  public static let aliases: [String: String] = [
    "sgd": "gd", "heavy-ball": "momentum", "schedulefree": "schedule-free-adamw",
    "schedule-free": "schedule-free-adamw", "sf-adamw": "schedule-free-adamw",
  ]

  /// Every accepted name (aliases included), for `--help` and error messages.
  public static var names: [String] { firstOrderNames + secondOrderNames + aliases.keys.sorted() }

  /// One line per optimizer, for `--help`.
  public static let summaries: [(name: String, summary: String)] = [
    ("gd", "gradient descent = torch SGD (alias sgd; --momentum, --nesterov allowed)"),
    ("momentum", "heavy-ball momentum (SGD, momentum 0.9)"),
    ("nesterov", "Nesterov momentum (SGD, momentum 0.9, nesterov)"),
    ("adagrad", "AdaGrad"), ("rmsprop", "RMSProp"), ("adam", "Adam"),
    ("adamw", "Adam with decoupled weight decay 0.01"), ("amsgrad", "Adam with amsgrad"),
    ("nadam", "NAdam with PyTorch's momentum schedule"), ("nadamw", "NAdam, decoupled decay 0.01"),
    ("adamax", "Adamax"), ("radam", "rectified Adam"), ("adadelta", "Adadelta"),
    ("lion", "Lion (sign of interpolated momentum)"),
    ("muon", "Muon (Newton–Schulz orthogonalised momentum)"),
    ("schedule-free-adamw", "schedule-free AdamW (Defazio et al. 2024)"),
    ("newton", "Newton, eigenvalue-modified, negative curvature, backtracking"),
    ("bfgs", "BFGS, strong-Wolfe line search"),
    ("lbfgs", "L-BFGS (two-loop recursion, --memory 10)"),
    ("cg", "nonlinear conjugate gradient (Polak–Ribière+ or Hager–Zhang)"),
  ]

  /// The canonical name for `name` (aliases resolved, case-insensitive), or `nil`.
  public static func canonicalName(_ name: String) -> String? {
    let lower = name.lowercased()
    if firstOrderNames.contains(lower) || secondOrderNames.contains(lower) { return lower }
    return aliases[lower]
  }

  /// Every hyperparameter field, by its name in JSON and Swift.
  public enum Field: String, CaseIterable, Sendable {
    case learningRate, momentum, dampening, nesterov, weightDecay, beta1, beta2, epsilon, alpha
    case centered, amsgrad, rho, momentumDecay, initialAccumulatorValue, lrDecay, maximize
    case decoupledWeightDecay, epsilonInsideRoot, epsilonRoot, epsilonHat
    case amsgradBiasCorrectedMaximum, momentumSchedule, newtonSchulzSteps
    case newtonSchulzCoefficients, learningRateAdjustment, shapes, warmupSteps, r
    case weightLearningRatePower
  }

  /// The fields that are set (non-`nil`).
  public var setFields: [Field] {
    let set: [(Field, Bool)] = [
      (.learningRate, learningRate != nil), (.momentum, momentum != nil),
      (.dampening, dampening != nil), (.nesterov, nesterov != nil),
      (.weightDecay, weightDecay != nil), (.beta1, beta1 != nil), (.beta2, beta2 != nil),
      (.epsilon, epsilon != nil), (.alpha, alpha != nil), (.centered, centered != nil),
      (.amsgrad, amsgrad != nil), (.rho, rho != nil), (.momentumDecay, momentumDecay != nil),
      (.initialAccumulatorValue, initialAccumulatorValue != nil), (.lrDecay, lrDecay != nil),
      (.maximize, maximize != nil), (.decoupledWeightDecay, decoupledWeightDecay != nil),
      (.epsilonInsideRoot, epsilonInsideRoot != nil), (.epsilonRoot, epsilonRoot != nil),
      (.epsilonHat, epsilonHat != nil),
      (.amsgradBiasCorrectedMaximum, amsgradBiasCorrectedMaximum != nil),
      (.momentumSchedule, momentumSchedule != nil), (.newtonSchulzSteps, newtonSchulzSteps != nil),
      (.newtonSchulzCoefficients, newtonSchulzCoefficients != nil),
      (.learningRateAdjustment, learningRateAdjustment != nil), (.shapes, shapes != nil),
      (.warmupSteps, warmupSteps != nil), (.r, r != nil),
      (.weightLearningRatePower, weightLearningRatePower != nil),
    ]
    return set.filter(\.1).map(\.0)
  }

  /// The hyperparameters each first-order optimizer takes (besides `learningRate`).
  public static let applicableFields: [String: Set<Field>] = {
    let adam: Set<Field> = [
      .beta1, .beta2, .epsilon, .weightDecay, .maximize, .epsilonRoot, .epsilonHat,
      .amsgradBiasCorrectedMaximum,
    ]
    return [
      "gd": [.momentum, .dampening, .nesterov, .weightDecay, .maximize],
      "momentum": [.momentum, .dampening, .nesterov, .weightDecay, .maximize],
      "nesterov": [.momentum, .weightDecay, .maximize],
      "adagrad": [.lrDecay, .weightDecay, .initialAccumulatorValue, .epsilon, .epsilonInsideRoot, .maximize],
      "rmsprop": [.alpha, .epsilon, .weightDecay, .momentum, .centered, .epsilonInsideRoot, .maximize],
      "adam": adam.union([.amsgrad, .decoupledWeightDecay]),
      "adamw": adam.union([.amsgrad]),
      "amsgrad": adam.union([.decoupledWeightDecay]),
      "nadam": [.beta1, .beta2, .epsilon, .weightDecay, .momentumDecay, .decoupledWeightDecay,
                .momentumSchedule, .maximize],
      "nadamw": [.beta1, .beta2, .epsilon, .weightDecay, .momentumDecay, .momentumSchedule, .maximize],
      "adamax": [.beta1, .beta2, .epsilon, .weightDecay, .maximize],
      "radam": [.beta1, .beta2, .epsilon, .weightDecay, .decoupledWeightDecay, .maximize],
      "adadelta": [.rho, .epsilon, .weightDecay, .maximize],
      "lion": [.beta1, .beta2, .weightDecay, .maximize],
      "muon": [.momentum, .nesterov, .weightDecay, .epsilon, .newtonSchulzSteps,
               .newtonSchulzCoefficients, .learningRateAdjustment, .shapes],
      "schedule-free-adamw": [.beta1, .beta2, .epsilon, .weightDecay, .warmupSteps, .r,
                              .weightLearningRatePower, .maximize],
    ]
  }()

  /// Checks names, ranges and combinations without building anything.
  ///
  /// - Parameter dimension: the problem's size, when known (checks Muon's `shapes`).
  /// - Throws: ``OptimizerSpecError``.
  public func validate(dimension: Int? = nil) throws(OptimizerSpecError) {
    guard let canonical = Self.canonicalName(name) else {
      throw .unknownName(name, suggestion: Suggest.closest(to: name, in: Self.names))
    }
    if let fields = Self.applicableFields[canonical] {
      for field in setFields where field != .learningRate && !fields.contains(field) {
        throw .notApplicable(parameter: field.rawValue, optimizer: canonical)
      }
    }
    func check(_ field: Field, _ value: Double?, _ ok: (Double) -> Bool, _ reason: String)
      throws(OptimizerSpecError)
    {
      if let value, !(value.isFinite && ok(value)) {
        throw .invalidValue(parameter: field.rawValue, value: value, reason: reason)
      }
    }
    let unitInterval = "must be in [0, 1)"
    try check(.learningRate, learningRate, { $0 >= 0 }, "must be a finite, non-negative number")
    try check(.momentum, momentum, { $0 >= 0 && $0 < 1 }, unitInterval)
    try check(.dampening, dampening, { $0 >= 0 && $0 <= 1 }, "must be in [0, 1]")
    try check(.weightDecay, weightDecay, { $0 >= 0 }, "must be a finite, non-negative number")
    try check(.beta1, beta1, { $0 >= 0 && $0 < 1 }, unitInterval)
    try check(.beta2, beta2, { $0 >= 0 && $0 < 1 }, unitInterval)
    try check(.epsilon, epsilon, { $0 > 0 }, "must be a finite, positive number")
    try check(.alpha, alpha, { $0 >= 0 && $0 < 1 }, unitInterval)
    try check(.rho, rho, { $0 >= 0 && $0 < 1 }, unitInterval)
    try check(.momentumDecay, momentumDecay, { $0 >= 0 }, "must be a finite, non-negative number")
    try check(.initialAccumulatorValue, initialAccumulatorValue, { $0 >= 0 },
              "must be a finite, non-negative number")
    try check(.lrDecay, lrDecay, { $0 >= 0 }, "must be a finite, non-negative number")
    try check(.epsilonRoot, epsilonRoot, { $0 >= 0 }, "must be a finite, non-negative number")
    try check(.r, r, { $0 >= 0 }, "must be a finite, non-negative number")
    try check(.weightLearningRatePower, weightLearningRatePower, { $0 >= 0 },
              "must be a finite, non-negative number")
    if canonical == "schedule-free-adamw" {
      try check(.beta1, beta1, { $0 > 0 }, "must be in (0, 1): the averaged point divides by β₁")
    }
    if let warmupSteps, warmupSteps < 0 {
      throw .invalidValue(parameter: "warmupSteps", value: Double(warmupSteps), reason: "must be non-negative")
    }
    if let steps = newtonSchulzSteps, !(0..<100).contains(steps) {
      throw .invalidValue(parameter: "newtonSchulzSteps", value: Double(steps), reason: "must be in 0..<100")
    }
    if let c = newtonSchulzCoefficients, c.count != 3 || !c.allSatisfy(\.isFinite) {
      throw .invalidCombination("newtonSchulzCoefficients needs three finite numbers (a, b, c), got \(c)")
    }
    if let adjustment = learningRateAdjustment,
      Muon<Double>.LearningRateAdjustment(rawValue: adjustment) == nil
    {
      let choices = Muon<Double>.LearningRateAdjustment.allCases.map(\.rawValue)
      throw .invalidChoice(parameter: "learningRateAdjustment", value: adjustment, choices: choices,
                           suggestion: Suggest.closest(to: adjustment, in: choices))
    }
    if let shapes, let problem = Muon<Double>.shapeProblem(shapes, dimension: dimension) {
      throw .invalidCombination("shapes: \(problem)")
    }
    // Combinations.
    let isNesterov = nesterov ?? (canonical == "nesterov")
    if isNesterov && canonical != "muon" {
      let mu = momentum ?? (canonical == "gd" ? 0 : 0.9)
      if mu <= 0 || (dampening ?? 0) != 0 {
        throw .invalidCombination("Nesterov momentum needs momentum > 0 and dampening 0")
      }
    }
    if epsilonHat == true && (epsilonRoot ?? 0) != 0 {
      throw .invalidCombination("epsilonHat (TensorFlow's form) and epsilonRoot (Optax's) are different conventions; choose one")
    }
    let usesAMSGrad = canonical == "amsgrad" || amsgrad == true
    if amsgradBiasCorrectedMaximum == true && !usesAMSGrad {
      throw .invalidCombination("amsgradBiasCorrectedMaximum applies only with amsgrad")
    }
    if amsgradBiasCorrectedMaximum == true && epsilonHat == true {
      throw .invalidCombination("amsgradBiasCorrectedMaximum (Optax's form) and epsilonHat (TensorFlow's) are different conventions; choose one")
    }
    if momentumSchedule == false && momentumDecay != nil {
      throw .invalidCombination("momentumDecay needs the momentum schedule; remove it or momentumSchedule=false")
    }
    if canonical == "adamw" && decoupledWeightDecay == false {
      throw .invalidCombination("adamw always decouples weight decay; use adam for the L2 form")
    }
  }

  /// Builds the optimizer.
  ///
  /// - Parameter dimension: the problem's size, when known (checks Muon's `shapes`).
  /// - Throws: ``OptimizerSpecError`` for an unknown name, a value out of range, a
  ///   hyperparameter the optimizer does not take, or conflicting conventions.
  public func make<S: DescentScalar>(_ type: S.Type = S.self, dimension: Int? = nil)
    throws(OptimizerSpecError) -> any Optimizer<S>
  {
    try validate(dimension: dimension)
    let canonical = Self.canonicalName(name)!
    func v(_ x: Double?, _ d: Double) -> S { S(x ?? d) }
    func d(_ x: Double?, _ fallback: Double) -> Double { x ?? fallback }
    let lr = learningRate
    let mx = maximize ?? false
    switch canonical {
    case "gd", "momentum", "nesterov":
      let defaultMomentum = canonical == "gd" ? 0.0 : 0.9
      return SGD<S>(
        learningRate: v(lr, 1e-3), momentum: d(momentum, defaultMomentum), dampening: d(dampening, 0),
        weightDecay: d(weightDecay, 0), nesterov: nesterov ?? (canonical == "nesterov"), maximize: mx)
    case "adagrad":
      return AdaGrad<S>(
        learningRate: v(lr, 1e-2), lrDecay: d(lrDecay, 0), weightDecay: d(weightDecay, 0),
        initialAccumulatorValue: d(initialAccumulatorValue, 0), epsilon: d(epsilon, 1e-10),
        epsilonInsideRoot: epsilonInsideRoot ?? false, maximize: mx)
    case "rmsprop":
      return RMSProp<S>(
        learningRate: v(lr, 1e-2), alpha: d(alpha, 0.99), epsilon: d(epsilon, 1e-8),
        weightDecay: d(weightDecay, 0), momentum: d(momentum, 0), centered: centered ?? false,
        epsilonInsideRoot: epsilonInsideRoot ?? false, maximize: mx)
    case "adam", "adamw", "amsgrad":
      let decoupled = canonical == "adamw" || (decoupledWeightDecay ?? false)
      return Adam<S>(
        learningRate: v(lr, 1e-3), beta1: d(beta1, 0.9), beta2: d(beta2, 0.999),
        epsilon: d(epsilon, 1e-8), weightDecay: d(weightDecay, canonical == "adamw" ? 1e-2 : 0),
        decoupledWeightDecay: decoupled, amsgrad: canonical == "amsgrad" || (amsgrad ?? false),
        maximize: mx, epsilonRoot: d(epsilonRoot, 0), epsilonHat: epsilonHat ?? false,
        amsgradBiasCorrectedMaximum: amsgradBiasCorrectedMaximum ?? false)
    case "nadam", "nadamw":
      let decoupled = canonical == "nadamw" || (decoupledWeightDecay ?? false)
      return NAdam<S>(
        learningRate: v(lr, 2e-3), beta1: d(beta1, 0.9), beta2: d(beta2, 0.999),
        epsilon: d(epsilon, 1e-8), weightDecay: d(weightDecay, canonical == "nadamw" ? 1e-2 : 0),
        momentumDecay: d(momentumDecay, 4e-3), decoupledWeightDecay: decoupled,
        momentumSchedule: momentumSchedule ?? true, maximize: mx)
    case "adamax":
      return Adamax<S>(
        learningRate: v(lr, 2e-3), beta1: d(beta1, 0.9), beta2: d(beta2, 0.999),
        epsilon: d(epsilon, 1e-8), weightDecay: d(weightDecay, 0), maximize: mx)
    case "radam":
      return RAdam<S>(
        learningRate: v(lr, 1e-3), beta1: d(beta1, 0.9), beta2: d(beta2, 0.999),
        epsilon: d(epsilon, 1e-8), weightDecay: d(weightDecay, 0),
        decoupledWeightDecay: decoupledWeightDecay ?? false, maximize: mx)
    case "adadelta":
      return Adadelta<S>(
        learningRate: v(lr, 1), rho: d(rho, 0.9), epsilon: d(epsilon, 1e-6),
        weightDecay: d(weightDecay, 0), maximize: mx)
    case "lion":
      return Lion<S>(
        learningRate: v(lr, 1e-4), beta1: d(beta1, 0.9), beta2: d(beta2, 0.99),
        weightDecay: d(weightDecay, 0), maximize: mx)
    case "muon":
      return Muon<S>(
        learningRate: v(lr, 1e-3), weightDecay: d(weightDecay, 0.1), momentum: d(momentum, 0.95),
        nesterov: nesterov ?? true,
        newtonSchulzCoefficients: newtonSchulzCoefficients ?? [3.4445, -4.7750, 2.0315],
        newtonSchulzSteps: newtonSchulzSteps ?? 5, epsilon: d(epsilon, 1e-7),
        learningRateAdjustment: learningRateAdjustment.flatMap { .init(rawValue: $0) } ?? .original,
        shapes: shapes ?? [])
    case "schedule-free-adamw":
      return ScheduleFreeAdamW<S>(
        learningRate: v(lr, 0.0025), beta1: d(beta1, 0.9), beta2: d(beta2, 0.999),
        epsilon: d(epsilon, 1e-8), weightDecay: d(weightDecay, 0), warmupSteps: warmupSteps ?? 0,
        r: d(r, 0), weightLearningRatePower: d(weightLearningRatePower, 2), maximize: mx)
    default:
      // Second-order methods (newton, bfgs, lbfgs, cg): OptimizerSpec+SecondOrder.swift.
      if let method = try makeSecondOrder(S.self, settings: secondOrder ?? SecondOrderSettings()) { return method }
      throw .unknownName(name, suggestion: Suggest.closest(to: name, in: Self.names))
    }
  }
}

/// What can be wrong with an ``OptimizerSpec``.
public enum OptimizerSpecError: Error, Equatable, CustomStringConvertible {
  case unknownName(String, suggestion: String?)
  case invalidValue(parameter: String, value: Double, reason: String)
  case notApplicable(parameter: String, optimizer: String)
  case invalidChoice(parameter: String, value: String, choices: [String], suggestion: String?)
  case invalidCombination(String)

  public var description: String {
    switch self {
    case .unknownName(let name, let suggestion):
      "unknown optimizer '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        + " (choices: \(OptimizerSpec.names.joined(separator: ", ")))"
    case .invalidValue(let parameter, let value, let reason):
      "invalid value \(value) for \(parameter): \(reason)"
    case .notApplicable(let parameter, let optimizer):
      "\(parameter) does not apply to \(optimizer)"
        + (OptimizerSpec.applicableFields[optimizer].map { fields in
          "; \(optimizer) takes learningRate"
            + fields.map(\.rawValue).sorted().map { ", \($0)" }.joined()
        } ?? "")
    case .invalidChoice(let parameter, let value, let choices, let suggestion):
      "invalid value '\(value)' for \(parameter)" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        + " (choices: \(choices.joined(separator: ", ")))"
    case .invalidCombination(let message):
      message
    }
  }
}
