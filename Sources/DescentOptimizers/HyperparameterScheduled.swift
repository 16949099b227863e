import DescentCore

/// An optimizer whose hyperparameters a schedule may drive by name.
///
/// Conforming optimizers list their schedulable `Scalar` hyperparameters (momentum, β1,
/// weight decay, …) under their ``OptimizerSpec`` names; ``HyperparameterScheduled``
/// writes them through the key paths before each update.
///
/// ```swift
/// extension SGD: HyperparameterAdjustable {
///   public static var adjustableHyperparameters: [String: WritableKeyPath<Self, Scalar> & Sendable] {
///     ["momentum": \.momentum, "weightDecay": \.weightDecay]
///   }
/// }
/// ```
public protocol HyperparameterAdjustable: Optimizer {
  static var adjustableHyperparameters: [String: WritableKeyPath<Self, Scalar> & Sendable] { get }
}

/// Schedules any named hyperparameter of an optimizer: one-cycle's momentum (or Adam's β1)
/// cycling, a weight-decay ramp, …
///
/// ```
/// before update t (t = 0, 1, …), for each scheduled hyperparameter h with initial value h₀:
///   h ← scheduleₕ(t, h₀)
/// ```
///
/// The wrapper counts its own updates (state saved with it, so resumed runs continue the
/// schedule) and leaves the learning rate to the minimize loop's schedule. Loss-driven
/// schedules (reduce-on-plateau) are not allowed here: the update does not see the loss.
///
/// ```swift
/// let cycle = OneCycle(maxRate: 0.03, totalSteps: 200)
/// var opt = try HyperparameterScheduled(SGD(learningRate: 0.03, momentum: 0.9),
///                                       schedules: ["momentum": .momentum(of: .oneCycle(cycle))])
/// ```
public struct HyperparameterScheduled<Base: GradientOptimizer & HyperparameterAdjustable>: GradientOptimizer {
  public typealias Scalar = Base.Scalar

  public var base: Base
  /// The schedules, by hyperparameter name.
  public let schedules: [String: ScheduleSpec]
  /// The hyperparameters' values when the wrapper was made (the schedules' base values).
  public let initialValues: [String: Double]
  /// Updates taken.
  public var step: Int = 0
  /// The resolved key paths, in name order.
  @usableFromInline var resolved: [(keyPath: WritableKeyPath<Base, Scalar> & Sendable, schedule: ScheduleSpec, initial: Double)] = []

  /// - Throws: ``OptimizerSpecError/notApplicable(parameter:optimizer:)`` for a name the
  ///   optimizer does not list, ``OptimizerSpecError/invalidValue(parameter:value:reason:)``
  ///   for a loss-driven schedule.
  public init(_ base: Base, schedules: [String: ScheduleSpec]) throws(OptimizerSpecError) {
    let table = Base.adjustableHyperparameters
    var initial: [String: Double] = [:]
    for (name, schedule) in schedules {
      guard let keyPath = table[name] else { throw .notApplicable(parameter: name, optimizer: base.name) }
      if schedule.observesLoss {
        throw .invalidValue(parameter: name, value: .nan, reason: "a loss-driven schedule cannot drive a hyperparameter")
      }
      initial[name] = Double(base[keyPath: keyPath])
    }
    self.base = base
    self.schedules = schedules
    self.initialValues = initial
    self.resolved = Self.resolve(schedules, initial)
  }

  static func resolve(_ schedules: [String: ScheduleSpec], _ initial: [String: Double])
    -> [(keyPath: WritableKeyPath<Base, Scalar> & Sendable, schedule: ScheduleSpec, initial: Double)]
  {
    let table = Base.adjustableHyperparameters
    return schedules.keys.sorted().compactMap { name in
      table[name].map { ($0, schedules[name]!, initialValues(name, initial)) }
    }
  }

  private static func initialValues(_ name: String, _ table: [String: Double]) -> Double { table[name] ?? .nan }

  public var name: String { base.name }
  public var settingsDescription: String {
    base.settingsDescription + " with " + schedules.keys.sorted().map { "\($0) ~ \(schedules[$0]!)" }.joined(separator: ", ")
  }

  public var learningRate: Scalar {
    get { base.learningRate }
    set { base.learningRate = newValue }
  }

  public mutating func prepare(dimension: Int) {
    step = 0
    base.prepare(dimension: dimension)
  }

  @inlinable
  public mutating func update(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar
  ) {
    for entry in resolved {
      base[keyPath: entry.keyPath] = Scalar(entry.schedule.value(at: step, base: entry.initial))
    }
    base.update(parameters: parameters, gradient: gradient, learningRate: learningRate)
    step += 1
  }

  enum CodingKeys: String, CodingKey { case base, schedules, initialValues, step }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    base = try c.decode(Base.self, forKey: .base)
    schedules = try c.decode([String: ScheduleSpec].self, forKey: .schedules)
    initialValues = try c.decode([String: Double].self, forKey: .initialValues)
    step = try c.decode(Int.self, forKey: .step)
    for name in schedules.keys where Base.adjustableHyperparameters[name] == nil {
      throw DecodingError.dataCorruptedError(
        forKey: .schedules, in: c, debugDescription: "\(base.name) has no schedulable hyperparameter '\(name)'")
    }
    resolved = Self.resolve(schedules, initialValues)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(base, forKey: .base)
    try c.encode(schedules, forKey: .schedules)
    try c.encode(initialValues, forKey: .initialValues)
    try c.encode(step, forKey: .step)
  }
}
