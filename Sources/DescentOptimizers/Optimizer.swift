import DescentCore

/// What one optimizer step did.
public enum StepOutcome: Sendable, Equatable {
  /// `x` moved; the minimize loop evaluates the objective at the new point.
  case moved
  /// `x` moved and the optimizer already wrote `f(x)` and `∇f(x)` at the new point into
  /// `value` and `gradient` (line-search methods do this; it saves an evaluation).
  case evaluated
  /// The step could not be taken; the run stops with this reason (`x` is unchanged or at
  /// the best point the optimizer found).
  case failed(StopReason)
}

/// An iterative method that moves a point downhill, one step at a time.
///
/// The minimize loop (``minimize(_:from:using:options:observer:)``) calls
/// ``prepare(dimension:)`` once, then ``step(x:value:gradient:learningRate:objective:)``
/// repeatedly. On entry to `step`, `value` and `gradient` hold `f(x)` and `∇f(x)`.
///
/// First-order update rules (GD, Adam, …) conform through ``GradientOptimizer`` and only
/// implement `update`; line-search and second-order methods (BFGS, Newton, …) implement
/// `step` and may evaluate the objective themselves.
public protocol Optimizer<Scalar>: Sendable {
  associatedtype Scalar: DescentScalar

  /// The CLI name, e.g. `gd`, `adam`.
  var name: String { get }

  /// The settings in one line, e.g. `gd(lr=0.04)`, for tables and plot legends.
  var settingsDescription: String { get }

  /// The base learning rate (PyTorch's `lr`). Schedules scale or replace it per step.
  /// Methods that choose their own step (line searches) ignore it.
  var learningRate: Scalar { get set }

  /// Clears the state for a run on `dimension` parameters.
  mutating func prepare(dimension: Int)

  /// Takes one step from `x`. See ``StepOutcome`` for what the loop does next.
  mutating func step<O: Objective>(
    x: UnsafeMutableBufferPointer<Scalar>, value: inout Scalar,
    gradient: UnsafeMutableBufferPointer<Scalar>, learningRate: Scalar, objective: O
  ) -> StepOutcome where O.Scalar == Scalar
}

/// A first-order update rule `x ← update(x, ∇f(x), η, state)`, the shape of every
/// `torch.optim` / Optax optimizer. State is explicit and `Codable` so a run can be saved
/// and resumed.
public protocol GradientOptimizer<Scalar>: Optimizer, Codable {
  /// Applies one update in place. `gradient` is `∇f` at `parameters`; `learningRate` is
  /// the scheduled rate for this step.
  mutating func update(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar)
}

extension GradientOptimizer {
  /// Calls ``update(parameters:gradient:learningRate:)``; always inlined, so that the
  /// minimize loop sees the update itself.
  @inlinable @inline(__always)
  public mutating func step<O: Objective>(
    x: UnsafeMutableBufferPointer<Scalar>, value: inout Scalar,
    gradient: UnsafeMutableBufferPointer<Scalar>, learningRate: Scalar, objective: O
  ) -> StepOutcome where O.Scalar == Scalar {
    update(parameters: x, gradient: UnsafeBufferPointer(gradient), learningRate: learningRate)
    return .moved
  }
}
