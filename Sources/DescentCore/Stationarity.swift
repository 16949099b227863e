import RealModule

/// Whether a point where a method stalled is near-stationary: Dennis and Schnabel's
/// relative-gradient test, scale-free in `f` and `x`.
///
/// ```
/// relative gradient = ‖∇f(x)‖₂ · max(‖x‖∞, 1) / max(|f(x)|, 1)
/// near-stationary  ⇔  relative gradient ≤ ε^(1/3)     (ε: the scalar's machine epsilon)
/// ```
///
/// `ε^(1/3)` is about `6.1e-6` in `Double` and `4.9e-3` in `Float`. The test is
/// Dennis & Schnabel's `max_i |gᵢ|·max(|xᵢ|, 1)/max(|f|, 1) ≤ gradtol` with their default
/// `gradtol = ε^(1/3)` (J. E. Dennis, R. B. Schnabel, *Numerical Methods for Unconstrained
/// Optimization and Nonlinear Equations*, 1983, §7.2 and algorithm A7.2.1), with the norms
/// taken whole, which makes it no looser than theirs.
///
/// `minimize` uses it when a line search fails (``StopReason``'s `isStall`): a run stopped
/// there at a near-stationary point has its final point classified as if it had converged
/// (so a saddle is reported as a saddle); one stopped elsewhere is not classified.
public enum Stationarity {
  /// `‖∇f‖₂ · max(‖x‖∞, 1) / max(|f|, 1)`; NaN when an input is not finite.
  public static func relativeGradient<S: DescentScalar>(x: [S], loss: S, gradientNorm: S) -> Double {
    guard loss.isFinite, gradientNorm.isFinite else { return .nan }
    var xScale = 1.0
    for v in x {
      guard v.isFinite else { return .nan }
      xScale = Swift.max(xScale, Double(v).magnitude)
    }
    return Double(gradientNorm) * xScale / Swift.max(Double(loss).magnitude, 1)
  }

  /// `ε^(1/3)` of `S`.
  public static func tolerance<S: DescentScalar>(_: S.Type) -> Double {
    Double.pow(Double(S.ulpOfOne), 1.0 / 3)
  }

  /// `relativeGradient ≤ tolerance(S)`; false when an input is not finite.
  public static func isNearStationary<S: DescentScalar>(x: [S], loss: S, gradientNorm: S) -> Bool {
    let r = relativeGradient(x: x, loss: loss, gradientNorm: gradientNorm)
    return r.isFinite && r <= tolerance(S.self)
  }
}
