import DescentCore

/// Minimizes an objective and an optimizer known only by their protocols — what a command
/// line or a server holds after parsing `--function` and `--optimizer`.
///
/// `minimize(dynamic: objective, from: start, using: &optimizer)`. Handing existentials
/// to the generic ``minimize(_:from:using:options:observer:)`` instead opens
/// them at run time, so its loop runs as unspecialized generic code: every scalar
/// operation goes through witness tables and type metadata is looked up each step (about
/// 1 µs per step on 2-D Rosenbrock, against 40 ns specialized). This overload boxes both in
/// concrete wrappers and is compiled specialized for `Double` and `Float`, so the loop is
/// specialized and only the calls into the objective and the update are dynamic.
///
/// Same parameters and result as the generic overload; `optimizer` is left in its final
/// state.
@_specialize(where S == Double)
@_specialize(where S == Float)
public func minimize<S: DescentScalar>(
  dynamic objective: any Objective<S>, from start: [S], using optimizer: inout any Optimizer<S>,
  options: MinimizeOptions = MinimizeOptions(),
  observer: ((borrowing StepEvent<S>) -> ObserverDecision)? = nil
) -> MinimizationResult<S> {
  var boxed = _BoxedOptimizer(base: optimizer)
  defer { optimizer = boxed.base }
  return minimize(_BoxedObjective(base: objective), from: start, using: &boxed, options: options, observer: observer)
}

/// `any Objective<S>` as a concrete type (see ``minimize(dynamic:from:using:options:observer:)``).
@usableFromInline
struct _BoxedObjective<S: DescentScalar>: Objective {
  @usableFromInline let base: any Objective<S>
  @inlinable init(base: any Objective<S>) { self.base = base }
  @inlinable var dimension: Int { base.dimension }
  @inlinable var hasExactHessian: Bool { base.hasExactHessian }
  @inlinable func value(at x: UnsafeBufferPointer<S>) -> S { base.value(at: x) }
  @inlinable func value(at x: UnsafeBufferPointer<S>, gradient: UnsafeMutableBufferPointer<S>) -> S {
    base.value(at: x, gradient: gradient)
  }
  @inlinable func hessian(at x: UnsafeBufferPointer<S>, into hessian: UnsafeMutableBufferPointer<S>) {
    base.hessian(at: x, into: hessian)
  }
  @inlinable func hessianVectorProduct(
    at x: UnsafeBufferPointer<S>, direction v: UnsafeBufferPointer<S>, into result: UnsafeMutableBufferPointer<S>
  ) {
    base.hessianVectorProduct(at: x, direction: v, into: result)
  }
}

/// `any Optimizer<S>` as a concrete type (see ``minimize(dynamic:from:using:options:observer:)``).
@usableFromInline
struct _BoxedOptimizer<S: DescentScalar>: Optimizer {
  @usableFromInline var base: any Optimizer<S>
  @inlinable init(base: any Optimizer<S>) { self.base = base }
  @inlinable var name: String { base.name }
  @inlinable var settingsDescription: String { base.settingsDescription }
  @inlinable var learningRate: S {
    get { base.learningRate }
    set { base.learningRate = newValue }
  }
  @inlinable mutating func prepare(dimension: Int) { base.prepare(dimension: dimension) }
  @inlinable mutating func step<O: Objective>(
    x: UnsafeMutableBufferPointer<S>, value: inout S, gradient: UnsafeMutableBufferPointer<S>, learningRate: S,
    objective: O
  ) -> StepOutcome where O.Scalar == S {
    base.step(x: x, value: &value, gradient: gradient, learningRate: learningRate, objective: objective)
  }
}
