import DescentCore
import RealModule

/// Adamax: Adam with the infinity norm in place of the root mean square — PyTorch's
/// `torch.optim.Adamax`, step for step.
///
/// ```
/// g ← ±∇f(x) + λ x
/// m ← β₁ m + (1 − β₁) g
/// u ← max(β₂ u, |g| + ε)
/// x ← x − η/(1 − β₁ᵗ) · m / u
/// ```
///
/// Defaults (PyTorch's): `learningRate` η = 2e-3, `beta1` β₁ = 0.9, `beta2` β₂ = 0.999,
/// `epsilon` ε = 1e-8, `weightDecay` λ = 0. (Optax's `adamax` puts ε in the denominator,
/// `m / (u + ε)` with `u ← max(β₂ u, |g|)`; PyTorch's form is the default here.)
///
/// Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, §7.1.
public struct Adamax<Scalar: DescentScalar>: GradientOptimizer {
  public var learningRate: Scalar
  public var beta1: Double
  public var beta2: Double
  public var epsilon: Double
  public var weightDecay: Double
  public var maximize: Bool

  public var step: Int = 0
  /// `m` (PyTorch's `exp_avg`).
  public var firstMoment: [Scalar] = []
  /// `u`, the exponentially weighted infinity norm (PyTorch's `exp_inf`).
  public var infinityNorm: [Scalar] = []

  public init(
    learningRate: Scalar = 2e-3, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, weightDecay: Double = 0, maximize: Bool = false
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.maximize = maximize
  }

  public var name: String { "adamax" }
  public var settingsDescription: String {
    var s = "adamax(lr=\(learningRate), betas=(\(beta1), \(beta2)), eps=\(epsilon)"
    if weightDecay != 0 { s += ", weight_decay=\(weightDecay)" }
    if maximize { s += ", maximize" }
    return s + ")"
  }

  public mutating func prepare(dimension: Int) {
    step = 0
    firstMoment = [Scalar](repeating: 0, count: dimension)
    infinityNorm = [Scalar](repeating: 0, count: dimension)
  }

  @inlinable
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar
  ) {
    let n = parameters.count
    _checkUpdateArguments(parameters, gradient, stateCount: firstMoment.count, optimizer: name)
    if firstMoment.count != n { prepare(dimension: n) }
    step += 1
    guard n > 0 else { return }
    let p = parameters._base, g = gradient._base
    let sign: Scalar = maximize ? -1 : 1, decay = Scalar(weightDecay), eps = Scalar(epsilon)
    let beta2 = Scalar(beta2)
    let b1 = Double(beta1)
    let w1 = Scalar(1 - b1), w1c = Scalar(1 - (1 - b1))
    let negativeRate = Scalar(-(Double(learningRate) / (1 - Double.pow(b1, Double(step)))))
    firstMoment._withBase { m in
      infinityNorm._withBase { u in
        UpdateParallelism.forEachChunk(count: n) { r in
          for i in r {
            let x = p[i]
            let gi = decay == 0 ? sign * g[i] : sign * g[i] + decay * x
            let mi = _Elementwise.lerp(m[i], gi, weight: w1, complement: w1c)
            let ui = _Elementwise.maximum(u[i] * beta2, gi.magnitude + eps)
            m[i] = mi
            u[i] = ui
            p[i] = x + negativeRate * mi / ui
          }
        }
      }
    }
  }
}
