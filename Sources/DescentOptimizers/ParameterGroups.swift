import DescentCore

/// Different hyperparameters for named slices of the flat parameter vector — PyTorch's
/// parameter groups — as a wrapper around any ``GradientOptimizer``.
///
/// ```
/// for each group g (a range of indices, with its own optimizer and rate scale sᵍ):
///   x[g] ← updateᵍ(x[g], ∇f[g], η · sᵍ)
/// indices outside every group use `base` with scale 1
/// ```
///
/// Each group owns an optimizer of the same type, built with the hyperparameters the group
/// needs (`AdamW(weightDecay: 0)` for the biases, say), and keeps its own state for its
/// slice. The scheduled rate `η` of the minimize loop is multiplied by the group's
/// `learningRateScale` (so one schedule drives every group, as PyTorch's schedulers do;
/// for schedules with absolute floors such as `eta-min` the floor is scaled too). For
/// groups that need different *kinds* of optimizer, use ``EitherOptimizer`` as `Base`.
///
/// Why a wrapper: the optimizers stay single-buffer fused loops; the wrapper only slices
/// (no copies, no allocation per step), works for every `GradientOptimizer` unchanged, and
/// is `Codable` with the groups' states, so runs with groups save and resume.
///
/// ```swift
/// // 8 weights then 2 biases; no decay on the biases, half the rate on the weights.
/// let opt = ParameterGroups(base: AdamW(weightDecay: 0.01), groups: [
///   .init(name: "weights", range: 0..<8, optimizer: AdamW(weightDecay: 0.01), learningRateScale: 0.5),
///   .init(name: "biases", range: 8..<10, optimizer: AdamW(weightDecay: 0)),
/// ])
/// ```
public struct ParameterGroups<Base: GradientOptimizer>: GradientOptimizer {
  public typealias Scalar = Base.Scalar

  /// A named slice with its own optimizer and rate scale.
  public struct Group: Codable, Sendable {
    public var name: String
    public var range: Range<Int>
    public var optimizer: Base
    public var learningRateScale: Double

    public init(name: String, range: Range<Int>, optimizer: Base, learningRateScale: Double = 1) {
      precondition(range.lowerBound >= 0, "group \(name): range must start at 0 or later")
      precondition(learningRateScale >= 0 && learningRateScale.isFinite, "group \(name): scale must be ≥ 0")
      self.name = name
      self.range = range
      self.optimizer = optimizer
      self.learningRateScale = learningRateScale
    }
  }

  /// The optimizer of the parameters outside every group; its `learningRate` is the base
  /// rate the loop schedules.
  public var base: Base
  /// The groups, as given.
  public var groups: [Group]
  /// The slices in index order after ``prepare(dimension:)``: the groups plus the gaps
  /// between them (named "default", using copies of `base`).
  public var segments: [Group] = []

  public init(base: Base, groups: [Group]) {
    let sorted = groups.sorted { $0.range.lowerBound < $1.range.lowerBound }
    for (a, b) in zip(sorted, sorted.dropFirst()) where a.range.overlaps(b.range) {
      preconditionFailure("parameter groups '\(a.name)' \(a.range) and '\(b.name)' \(b.range) overlap")
    }
    self.base = base
    self.groups = groups
  }

  public var name: String { base.name }

  public var settingsDescription: String {
    base.settingsDescription + " groups["
      + groups.map { "\($0.name) \($0.range.lowerBound)..<\($0.range.upperBound): \($0.optimizer.settingsDescription)"
        + ($0.learningRateScale == 1 ? "" : " ×\($0.learningRateScale)") }.joined(separator: "; ") + "]"
  }

  public var learningRate: Scalar {
    get { base.learningRate }
    set { base.learningRate = newValue }
  }

  public mutating func prepare(dimension: Int) {
    var out: [Group] = []
    var next = 0
    for g in groups.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
      precondition(
        g.range.upperBound <= dimension,
        "parameter group '\(g.name)' \(g.range) lies outside the \(dimension) parameters")
      if g.range.lowerBound > next {
        out.append(Group(name: "default", range: next..<g.range.lowerBound, optimizer: base))
      }
      if !g.range.isEmpty { out.append(g) }
      next = g.range.upperBound
    }
    if next < dimension { out.append(Group(name: "default", range: next..<dimension, optimizer: base)) }
    for i in out.indices { out[i].optimizer.prepare(dimension: out[i].range.count) }
    segments = out
  }

  @inlinable
  public mutating func update(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar
  ) {
    precondition(
      segments.last?.range.upperBound == parameters.count,
      "ParameterGroups was prepared for \(segments.last?.range.upperBound ?? 0) parameters, got \(parameters.count)")
    for i in segments.indices {
      let range = segments[i].range
      let scale = segments[i].learningRateScale
      segments[i].optimizer.update(
        parameters: UnsafeMutableBufferPointer(rebasing: parameters[range]),
        gradient: UnsafeBufferPointer(rebasing: gradient[range]),
        learningRate: scale == 1 ? learningRate : learningRate * Scalar(scale))
    }
  }
}

/// One of two optimizer types, so parameter groups can mix kinds (Muon for matrices and
/// AdamW for vectors, say): `ParameterGroups<EitherOptimizer<Muon<Float>, AdamW<Float>>>`.
public enum EitherOptimizer<First: GradientOptimizer, Second: GradientOptimizer>: GradientOptimizer
where First.Scalar == Second.Scalar {
  public typealias Scalar = First.Scalar
  case first(First)
  case second(Second)

  public var name: String {
    switch self {
    case .first(let o): o.name
    case .second(let o): o.name
    }
  }

  public var settingsDescription: String {
    switch self {
    case .first(let o): o.settingsDescription
    case .second(let o): o.settingsDescription
    }
  }

  public var learningRate: Scalar {
    get {
      switch self {
      case .first(let o): o.learningRate
      case .second(let o): o.learningRate
      }
    }
    set {
      switch self {
      case .first(var o): o.learningRate = newValue; self = .first(o)
      case .second(var o): o.learningRate = newValue; self = .second(o)
      }
    }
  }

  public mutating func prepare(dimension: Int) {
    switch self {
    case .first(var o): o.prepare(dimension: dimension); self = .first(o)
    case .second(var o): o.prepare(dimension: dimension); self = .second(o)
    }
  }

  @inlinable
  public mutating func update(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar
  ) {
    switch self {
    case .first(var o):
      o.update(parameters: parameters, gradient: gradient, learningRate: learningRate)
      self = .first(o)
    case .second(var o):
      o.update(parameters: parameters, gradient: gradient, learningRate: learningRate)
      self = .second(o)
    }
  }
}
