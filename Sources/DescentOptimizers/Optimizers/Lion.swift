import DescentCore

/// Lion: the sign of an interpolated momentum — lion-pytorch's `Lion` and Optax's `lion`,
/// step for step.
///
/// ```
/// g ← ±∇f(x)
/// x ← x (1 − η λ)
/// x ← x − η sign(β₁ m + (1 − β₁) g)
/// m ← β₂ m + (1 − β₂) g
/// ```
///
/// Defaults (lion-pytorch's and the paper's): `learningRate` η = 1e-4, `beta1` β₁ = 0.9,
/// `beta2` β₂ = 0.99 (not Adam's 0.999: β₂ is the momentum's own decay and the paper
/// tunes it separately from the interpolation β₁), `weightDecay` λ = 0 (Optax's default is
/// 1e-3; Optax adds `λx` to the update before scaling by η, the same step). `sign(0) = 0`.
///
/// Chen et al., "Symbolic Discovery of Optimization Algorithms", NeurIPS 2023.
public struct Lion<Scalar: DescentScalar>: GradientOptimizer {
  public var learningRate: Scalar
  public var beta1: Double
  public var beta2: Double
  public var weightDecay: Double
  public var maximize: Bool

  public var step: Int = 0
  /// `m`, the momentum (lion-pytorch's `exp_avg`, Optax's `mu`).
  public var momentumBuffer: [Scalar] = []

  public init(
    learningRate: Scalar = 1e-4, beta1: Double = 0.9, beta2: Double = 0.99, weightDecay: Double = 0,
    maximize: Bool = false
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.weightDecay = weightDecay
    self.maximize = maximize
  }

  public var name: String { "lion" }
  public var settingsDescription: String {
    var s = "lion(lr=\(learningRate), betas=(\(beta1), \(beta2))"
    if weightDecay != 0 { s += ", weight_decay=\(weightDecay)" }
    if maximize { s += ", maximize" }
    return s + ")"
  }

  public mutating func prepare(dimension: Int) {
    step = 0
    momentumBuffer = [Scalar](repeating: 0, count: dimension)
  }

  @inlinable
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar
  ) {
    let n = parameters.count
    _checkUpdateArguments(parameters, gradient, stateCount: momentumBuffer.count, optimizer: name)
    if momentumBuffer.count != n { prepare(dimension: n) }
    step += 1
    guard n > 0 else { return }
    let p = parameters._base, g = gradient._base
    let sign: Scalar = maximize ? -1 : 1
    let shrink = Scalar(1 - Double(learningRate) * weightDecay), negativeRate = -learningRate
    let b1 = Scalar(beta1), w1 = Scalar(1 - beta1), b2 = Scalar(beta2), w2 = Scalar(1 - beta2)
    momentumBuffer._withBase { m in
      UpdateParallelism.forEachChunk(count: n) { r in
        if _FusedKernels.lion(
          p, g, m, r, sign: sign, shrink: shrink, negativeRate: negativeRate, beta1: b1, beta1Weight: w1,
          beta2: b2, beta2Weight: w2)
        {
          return
        }
        for i in r {
          let gi = sign * g[i]
          let mi = m[i]
          let direction = _Elementwise.sign(mi * b1 + w1 * gi)
          p[i] = p[i] * shrink + negativeRate * direction
          m[i] = mi * b2 + w2 * gi
        }
      }
    }
  }
}
