import DescentCore

/// Plain gradient descent.
///
/// ```
/// x ← x − η ∇f(x)
/// ```
///
/// - `learningRate` η: default `1e-3` (PyTorch's `SGD` default).
///
/// Cauchy, 1847. On a quadratic with Hessian eigenvalues `λᵢ` it converges iff
/// `0 < η < 2/λmax`.
public struct GradientDescent<Scalar: DescentScalar>: GradientOptimizer {
  public var learningRate: Scalar

  public init(learningRate: Scalar = 1e-3) {
    self.learningRate = learningRate
  }

  public var name: String { "gd" }
  public var settingsDescription: String { "gd(lr=\(learningRate))" }

  public mutating func prepare(dimension: Int) {}

  @inlinable
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar
  ) {
    precondition(parameters.count == gradient.count)
    for i in 0..<parameters.count {
      parameters[i] -= learningRate * gradient[i]
    }
  }
}
