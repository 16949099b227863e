/// Why a run stopped. The raw values are the `stopReason` strings of the JSON output
/// (part of the public interface: extend, don't rename).
public enum StopReason: String, Codable, Sendable, CaseIterable, Equatable {
  /// `‖∇f‖ ≤ gradientTolerance`.
  case gradientTolerance
  /// `‖xₖ − xₖ₋₁‖ ≤ stepTolerance`.
  case stepTolerance
  /// `|fₖ − fₖ₋₁| ≤ lossChangeTolerance`.
  case lossChange
  /// `|fₖ − fₖ₋₁| ≤ relativeLossChangeTolerance · max(|fₖ|, |fₖ₋₁|)`.
  case relativeLossChange
  /// The step budget ran out.
  case maxSteps
  /// The evaluation budget ran out.
  case maxEvaluations
  /// The time limit passed.
  case timeLimit
  /// The point, the loss or the gradient became NaN or infinite.
  case nonFinite
  /// The loss grew past the divergence threshold.
  case diverged
  /// The loss fell below minus the divergence threshold: the function is unbounded below.
  case unboundedBelow
  /// An observer asked to stop.
  case observer
  /// A line search found no acceptable step.
  case lineSearchFailed
  /// The Hessian had NaN or infinite entries.
  case hessianNotFinite

  /// True for the stops that mean "a stationary point (or a flat region) was reached".
  public var isConvergence: Bool {
    switch self {
    case .gradientTolerance, .stepTolerance, .lossChange, .relativeLossChange: true
    default: false
    }
  }

  /// True for the stops where the method can make no further progress although no
  /// convergence test was met: the line search failed (often rounding at a stationary
  /// point, sometimes a poor direction far from one). `minimize` classifies the final
  /// point of such a run when it is near-stationary (``Stationarity``).
  public var isStall: Bool { self == .lineSearchFailed }

  /// True for the stops that mean the run blew up.
  public var isDivergence: Bool {
    switch self {
    case .nonFinite, .diverged, .unboundedBelow: true
    default: false
    }
  }

  /// A sentence for people.
  public var explanation: String {
    switch self {
    case .gradientTolerance: "converged: the gradient norm fell below the tolerance"
    case .stepTolerance: "converged: the step length fell below the tolerance"
    case .lossChange: "converged: the loss changed less than the absolute tolerance"
    case .relativeLossChange: "converged: the loss changed less than the relative tolerance"
    case .maxSteps: "stopped: reached the maximum number of steps"
    case .maxEvaluations: "stopped: reached the maximum number of evaluations"
    case .timeLimit: "stopped: reached the time limit"
    case .nonFinite: "diverged: the loss, gradient or point became NaN or infinite"
    case .diverged: "diverged: the loss grew past the divergence threshold"
    case .unboundedBelow: "diverged: the loss fell without bound (the function is unbounded below)"
    case .observer: "stopped by an observer"
    case .lineSearchFailed: "stopped: the line search found no acceptable step"
    case .hessianNotFinite: "stopped: the Hessian has NaN or infinite entries"
    }
  }
}
