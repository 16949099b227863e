import DescentCore

/// Any built-in schedule, or a join of them, as one `Codable` value.
///
/// This is what a saved run stores, what the command line's `--schedule` parses
/// (``init(parsing:)``, syntax in ``syntaxHelp``) and what `description` prints back:
///
/// ```swift
/// let spec = try ScheduleSpec(parsing: "warmup:steps=10+cosine:t-max=90")
/// spec.value(at: 5, base: 0.1)      // 0.05
/// spec.description                  // "warmup:steps=10+cosine:t-max=90"
/// ```
///
/// Settings are checked where they enter from outside: ``init(parsing:)`` and decoding
/// throw for invalid ones (see ``problem``). The schedules' own initializers do not trap;
/// an invalid schedule built in code yields NaN rates, which stop a run as non-finite.
///
/// JSON: `{"kind": "cosine", "period": 90, "minimumRate": 0}`; joins nest:
/// `{"kind": "sequential", "schedules": [...], "milestones": [10]}`.
public indirect enum ScheduleSpec: Schedule, Codable, Equatable, Sendable {
  case constant(ConstantSchedule)
  case step(StepDecay)
  case multiStep(MultiStepDecay)
  case exponential(ExponentialDecay)
  case inverseTime(InverseTimeDecay)
  case polynomial(PolynomialDecay)
  case linear(LinearSchedule)
  case cosine(CosineAnnealing)
  case warmRestarts(CosineWarmRestarts)
  case warmup(LinearWarmup)
  case cyclic(CyclicSchedule)
  case oneCycle(OneCycle)
  case plateau(ReduceOnPlateau)
  case sequential(SequentialSchedule)
  case product(ProductSchedule)
  /// The momentum (or Adam's β1) that a cyclic or one-cycle schedule cycles alongside the
  /// rate; for any other schedule, the base value unchanged. Drive an optimizer's momentum
  /// with it through ``HyperparameterScheduled``.
  case momentum(of: ScheduleSpec)

  /// The schedule inside.
  public var schedule: any Schedule {
    switch self {
    case .constant(let s): s
    case .step(let s): s
    case .multiStep(let s): s
    case .exponential(let s): s
    case .inverseTime(let s): s
    case .polynomial(let s): s
    case .linear(let s): s
    case .cosine(let s): s
    case .warmRestarts(let s): s
    case .warmup(let s): s
    case .cyclic(let s): s
    case .oneCycle(let s): s
    case .plateau(let s): s
    case .sequential(let s): s
    case .product(let s): s
    case .momentum(let inner): inner.schedule
    }
  }

  public func value(at step: Int, base: Double) -> Double {
    switch self {
    case .constant(let s): s.value(at: step, base: base)
    case .step(let s): s.value(at: step, base: base)
    case .multiStep(let s): s.value(at: step, base: base)
    case .exponential(let s): s.value(at: step, base: base)
    case .inverseTime(let s): s.value(at: step, base: base)
    case .polynomial(let s): s.value(at: step, base: base)
    case .linear(let s): s.value(at: step, base: base)
    case .cosine(let s): s.value(at: step, base: base)
    case .warmRestarts(let s): s.value(at: step, base: base)
    case .warmup(let s): s.value(at: step, base: base)
    case .cyclic(let s): s.value(at: step, base: base)
    case .oneCycle(let s): s.value(at: step, base: base)
    case .plateau(let s): s.value(at: step, base: base)
    case .sequential(let s): s.value(at: step, base: base)
    case .product(let s): s.value(at: step, base: base)
    case .momentum(let inner): inner.momentum(at: step) ?? base
    }
  }

  public mutating func observe(loss: Double, step: Int, base: Double) {
    switch self {
    case .plateau(var s):
      s.observe(loss: loss, step: step, base: base)
      self = .plateau(s)
    case .sequential(var s):
      s.observe(loss: loss, step: step, base: base)
      self = .sequential(s)
    case .product(var s):
      s.observe(loss: loss, step: step, base: base)
      self = .product(s)
    default:
      break
    }
  }

  /// The momentum a cyclic or one-cycle schedule prescribes at `step` (PyTorch's
  /// `cycle_momentum`), looking through joins to the active schedule; `nil` for others.
  public func momentum(at step: Int) -> Double? {
    switch self {
    case .cyclic(let s): s.momentum(at: step)
    case .oneCycle(let s): s.momentum(at: step)
    case .sequential(let s):
      { let (i, start) = s.segment(at: step); return s.schedules[i].momentum(at: step - start) }()
    case .product(let s): s.factors.lazy.compactMap { $0.momentum(at: step) }.first
    default: nil
    }
  }

  /// True when the schedule (or a part of it) reacts to the loss.
  public var observesLoss: Bool {
    switch self {
    case .plateau: true
    case .sequential(let s): s.schedules.contains(where: \.observesLoss)
    case .product(let s): s.factors.contains(where: \.observesLoss)
    case .momentum(let inner): inner.observesLoss
    default: false
    }
  }

  /// The number of steps after which the schedule has done its job, used as the default
  /// switch point of a join (`warmup:steps=10+…` switches at step 10): the warmup or
  /// decay length, the cosine period, the one-cycle total; `nil` for schedules without one.
  public var naturalLength: Int? {
    switch self {
    case .constant(let s): s.totalSteps > 0 ? s.totalSteps : nil
    case .polynomial(let s): s.totalSteps
    case .linear(let s): s.totalSteps
    case .cosine(let s): s.period
    case .warmup(let s): s.steps
    case .oneCycle(let s): s.totalSteps
    case .sequential(let s):
      s.schedules.last!.naturalLength.map { (s.milestones.last ?? 0) + $0 }
    default: nil
    }
  }
}

// MARK: - Codable: {"kind": "...", fields of the schedule}

extension ScheduleSpec {
  private enum KindKey: String, CodingKey { case kind, of }

  /// The `kind` strings of the JSON form (also the names of the text form).
  public var kind: String {
    switch self {
    case .constant: "constant"
    case .step: "step"
    case .multiStep: "multistep"
    case .exponential: "exponential"
    case .inverseTime: "inverse-time"
    case .polynomial: "polynomial"
    case .linear: "linear"
    case .cosine: "cosine"
    case .warmRestarts: "warm-restarts"
    case .warmup: "warmup"
    case .cyclic: "cyclic"
    case .oneCycle: "one-cycle"
    case .plateau: "plateau"
    case .sequential: "sequential"
    case .product: "product"
    case .momentum: "momentum"
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: KindKey.self)
    try c.encode(kind, forKey: .kind)
    switch self {
    case .constant(let s): try s.encode(to: encoder)
    case .step(let s): try s.encode(to: encoder)
    case .multiStep(let s): try s.encode(to: encoder)
    case .exponential(let s): try s.encode(to: encoder)
    case .inverseTime(let s): try s.encode(to: encoder)
    case .polynomial(let s): try s.encode(to: encoder)
    case .linear(let s): try s.encode(to: encoder)
    case .cosine(let s): try s.encode(to: encoder)
    case .warmRestarts(let s): try s.encode(to: encoder)
    case .warmup(let s): try s.encode(to: encoder)
    case .cyclic(let s): try s.encode(to: encoder)
    case .oneCycle(let s): try s.encode(to: encoder)
    case .plateau(let s): try s.encode(to: encoder)
    case .sequential(let s): try s.encode(to: encoder)
    case .product(let s): try s.encode(to: encoder)
    case .momentum(let inner): try c.encode(inner, forKey: .of)
    }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: KindKey.self)
    let kind = try c.decode(String.self, forKey: .kind)
    switch kind {
    case "constant": self = .constant(try ConstantSchedule(from: decoder))
    case "step": self = .step(try StepDecay(from: decoder))
    case "multistep": self = .multiStep(try MultiStepDecay(from: decoder))
    case "exponential": self = .exponential(try ExponentialDecay(from: decoder))
    case "inverse-time": self = .inverseTime(try InverseTimeDecay(from: decoder))
    case "polynomial": self = .polynomial(try PolynomialDecay(from: decoder))
    case "linear": self = .linear(try LinearSchedule(from: decoder))
    case "cosine": self = .cosine(try CosineAnnealing(from: decoder))
    case "warm-restarts": self = .warmRestarts(try CosineWarmRestarts(from: decoder))
    case "warmup": self = .warmup(try LinearWarmup(from: decoder))
    case "cyclic": self = .cyclic(try CyclicSchedule(from: decoder))
    case "one-cycle": self = .oneCycle(try OneCycle(from: decoder))
    case "plateau": self = .plateau(try ReduceOnPlateau(from: decoder))
    case "sequential": self = .sequential(try SequentialSchedule(from: decoder))
    case "product": self = .product(try ProductSchedule(from: decoder))
    case "momentum": self = .momentum(of: try c.decode(ScheduleSpec.self, forKey: .of))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: c,
        debugDescription: "unknown schedule kind '\(kind)'"
          + (Suggest.closest(to: kind, in: ScheduleSpec.names).map { "; did you mean '\($0)'?" } ?? ""))
    }
    if let problem {
      throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "invalid \(kind) schedule: \(problem)")
    }
  }
}
