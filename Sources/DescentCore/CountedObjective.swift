import Synchronization

/// How many times an objective was asked for each thing.
///
/// A call of `value(at:gradient:)` counts one objective and one gradient evaluation (as
/// SciPy's `nfev`/`njev` do); `value(at:)` counts one objective evaluation.
public struct EvaluationCounts: Codable, Equatable, Hashable, Sendable {
  public var objective: Int
  public var gradient: Int
  public var hessian: Int
  public var hessianVectorProducts: Int

  public init(objective: Int = 0, gradient: Int = 0, hessian: Int = 0, hessianVectorProducts: Int = 0) {
    self.objective = objective
    self.gradient = gradient
    self.hessian = hessian
    self.hessianVectorProducts = hessianVectorProducts
  }
}

/// Thread-safe evaluation counters shared by copies of a ``CountedObjective``.
public final class EvaluationCounter: Sendable {
  private let objective = Atomic<Int>(0)
  private let gradient = Atomic<Int>(0)
  private let hessian = Atomic<Int>(0)
  private let hvp = Atomic<Int>(0)

  public init() {}

  /// The counts so far.
  public var counts: EvaluationCounts {
    EvaluationCounts(
      objective: objective.load(ordering: .relaxed), gradient: gradient.load(ordering: .relaxed),
      hessian: hessian.load(ordering: .relaxed), hessianVectorProducts: hvp.load(ordering: .relaxed))
  }

  public func reset() {
    objective.store(0, ordering: .relaxed)
    gradient.store(0, ordering: .relaxed)
    hessian.store(0, ordering: .relaxed)
    hvp.store(0, ordering: .relaxed)
  }

  @usableFromInline func countObjective() { objective.add(1, ordering: .relaxed) }
  @usableFromInline func countGradient() { gradient.add(1, ordering: .relaxed) }
  @usableFromInline func countHessian() { hessian.add(1, ordering: .relaxed) }
  @usableFromInline func countHVP() { hvp.add(1, ordering: .relaxed) }
}

/// Wraps an objective and counts every evaluation made through it.
///
/// ```swift
/// let counted = CountedObjective(rosenbrock)
/// _ = counted.value(at: [1, 2])
/// counted.counts.objective  // 1
/// ```
public struct CountedObjective<Base: Objective>: Objective {
  public typealias Scalar = Base.Scalar
  public let base: Base
  public let counter: EvaluationCounter

  public init(_ base: Base, counter: EvaluationCounter = EvaluationCounter()) {
    self.base = base
    self.counter = counter
  }

  public var counts: EvaluationCounts { counter.counts }
  public var dimension: Int { base.dimension }
  public var hasExactHessian: Bool { base.hasExactHessian }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
    counter.countObjective()
    return base.value(at: x)
  }

  @inlinable
  public func value(at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
    counter.countObjective()
    counter.countGradient()
    return base.value(at: x, gradient: gradient)
  }

  public func hessian(at x: UnsafeBufferPointer<Scalar>, into hessian: UnsafeMutableBufferPointer<Scalar>) {
    counter.countHessian()
    base.hessian(at: x, into: hessian)
  }

  public func hessianVectorProduct(
    at x: UnsafeBufferPointer<Scalar>, direction v: UnsafeBufferPointer<Scalar>,
    into result: UnsafeMutableBufferPointer<Scalar>
  ) {
    counter.countHVP()
    base.hessianVectorProduct(at: x, direction: v, into: result)
  }
}
