import DescentAnalysis
import DescentCore

extension NetworkObjective {
  /// The sharpness `λmax(∇²f(θ))`, the largest Hessian eigenvalue of the objective, by
  /// Lanczos on exact Hessian-vector products.
  ///
  /// Gradient descent with rate `η` is stable on a quadratic only while `λmax < 2/η`; in
  /// full-batch training of neural networks `λmax` rises until it reaches about `2/η` and
  /// then hovers there — the "edge of stability" (Cohen, Kaur, Li, Kolter & Talwalkar,
  /// ICLR 2021). With heavy-ball momentum `β` the threshold is `(2 + 2β)/η`; adaptive
  /// methods (Adam) follow the preconditioned sharpness instead, so `2/η` is only a
  /// reference line for them.
  ///
  /// - Parameters:
  ///   - tolerance: relative residual tolerance; default `1e-4` for `Float` (whose products
  ///     carry about `1e-6` relative rounding), `1e-8` for `Double`.
  ///   - maxIterations: most Hessian-vector products (default 100).
  ///   - seed: seed of the Lanczos start vector (default 0).
  public func sharpness(
    at parameters: [Scalar], tolerance: Double? = nil, maxIterations: Int = 100, seed: UInt64 = 0
  ) -> Lanczos.LargestEigenvalues {
    let op = HessianOperator(self, at: parameters, denseLimit: 0)
    return Lanczos.largestEigenvalues(
      of: op, count: 1, maxIterations: maxIterations,
      tolerance: tolerance ?? (Scalar.self == Float.self ? 1e-4 : 1e-8), seed: seed)
  }
}
