import DescentCore

/// One of the line searches, chosen at run time (the optimizers hold one of these).
public enum LineSearchMethod<Scalar: DescentScalar>: Sendable, Equatable {
  case strongWolfe(StrongWolfeLineSearch<Scalar>)
  case backtracking(BacktrackingLineSearch<Scalar>)
  case moreThuente(MoreThuenteLineSearch<Scalar>)

  /// Which kind this is.
  public var kind: LineSearchKind {
    switch self {
    case .strongWolfe: .strongWolfe
    case .backtracking: .backtracking
    case .moreThuente: .moreThuente
    }
  }

  /// A short description for `settingsDescription`, e.g. `wolfe(c1=0.0001,c2=0.9)`.
  public var description: String {
    switch self {
    case .strongWolfe(let s): "wolfe(c1=\(s.c1),c2=\(s.c2))"
    case .backtracking(let s): "armijo(c1=\(s.c1))"
    case .moreThuente(let s): "more-thuente(c1=\(s.c1),c2=\(s.c2),xtol=\(s.xtol))"
    }
  }

  /// Runs the chosen search; see
  /// ``StrongWolfeLineSearch/search(objective:from:value:gradient:direction:initialStep:maxStep:trialPoint:trialGradient:scratch:)``.
  @inlinable
  public func search<O: Objective>(
    objective: O, from x: UnsafeBufferPointer<Scalar>, value f0: Scalar,
    gradient g0: UnsafeBufferPointer<Scalar>, direction d: UnsafeBufferPointer<Scalar>,
    initialStep: Scalar, maxStep: Scalar = .infinity,
    trialPoint xt: UnsafeMutableBufferPointer<Scalar>, trialGradient gt: UnsafeMutableBufferPointer<Scalar>,
    scratch: UnsafeMutableBufferPointer<Scalar>
  ) -> LineSearchResult<Scalar> where O.Scalar == Scalar {
    switch self {
    case .strongWolfe(let s):
      s.search(
        objective: objective, from: x, value: f0, gradient: g0, direction: d, initialStep: initialStep,
        maxStep: maxStep, trialPoint: xt, trialGradient: gt, scratch: scratch)
    case .backtracking(let s):
      s.search(
        objective: objective, from: x, value: f0, gradient: g0, direction: d, initialStep: initialStep,
        maxStep: maxStep, trialPoint: xt, trialGradient: gt, scratch: scratch)
    case .moreThuente(let s):
      s.search(
        objective: objective, from: x, value: f0, gradient: g0, direction: d, initialStep: initialStep,
        maxStep: maxStep, trialPoint: xt, trialGradient: gt, scratch: scratch)
    }
  }
}
