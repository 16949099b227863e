import DescentCore
import RealModule

/// RAdam: Adam with a rectified variance estimate — PyTorch's `torch.optim.RAdam`, step for
/// step, including the decoupled-weight-decay option.
///
/// ```
/// g ← ±∇f(x);  x ← x (1 − ηλ) (decoupled)  or  g ← g + λx (L2)
/// m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,   m̂ ← m / (1 − β₁ᵗ)
/// ρ∞ ← 2/(1 − β₂) − 1,   ρₜ ← ρ∞ − 2t β₂ᵗ / (1 − β₂ᵗ)
/// ρₜ > 5:  r ← √((ρₜ − 4)(ρₜ − 2) ρ∞ / ((ρ∞ − 4)(ρ∞ − 2) ρₜ))
///          x ← x − η m̂ · √(1 − β₂ᵗ)/(√v + ε) · r
/// else:    x ← x − η m̂                       (SGD with momentum while the variance is untrusted)
/// ```
///
/// Defaults (PyTorch's): `learningRate` η = 1e-3, `beta1` β₁ = 0.9, `beta2` β₂ = 0.999,
/// `epsilon` ε = 1e-8, `weightDecay` λ = 0, `decoupledWeightDecay` off.
///
/// Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond", ICLR 2020.
public struct RAdam<Scalar: DescentScalar>: GradientOptimizer {
  public var learningRate: Scalar
  public var beta1: Double
  public var beta2: Double
  public var epsilon: Double
  public var weightDecay: Double
  public var decoupledWeightDecay: Bool
  public var maximize: Bool

  public var step: Int = 0
  public var firstMoment: [Scalar] = []
  public var secondMoment: [Scalar] = []

  public init(
    learningRate: Scalar = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 0, decoupledWeightDecay: Bool = false, maximize: Bool = false
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.decoupledWeightDecay = decoupledWeightDecay
    self.maximize = maximize
  }

  public var name: String { "radam" }
  public var settingsDescription: String {
    var s = "radam(lr=\(learningRate), betas=(\(beta1), \(beta2)), eps=\(epsilon)"
    if weightDecay != 0 { s += ", weight_decay=\(weightDecay)" + (decoupledWeightDecay ? " decoupled" : "") }
    if maximize { s += ", maximize" }
    return s + ")"
  }

  public mutating func prepare(dimension: Int) {
    step = 0
    firstMoment = [Scalar](repeating: 0, count: dimension)
    secondMoment = [Scalar](repeating: 0, count: dimension)
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
    let lr = Double(learningRate), b1 = Double(beta1), b2 = Double(beta2), t = Double(step)
    let bc1 = 1 - Double.pow(b1, t), bc2 = 1 - Double.pow(b2, t)
    let rhoInfinity = 2 / (1 - b2) - 1
    let rhoT = rhoInfinity - 2 * t * Double.pow(b2, t) / bc2
    let rectified = rhoT > 5.0
    let rectification = Scalar(
      Double.pow(
        (rhoT - 4) * (rhoT - 2) * rhoInfinity / ((rhoInfinity - 4) * (rhoInfinity - 2) * rhoT), 0.5))
    let p = parameters._base, g = gradient._base
    let decoupled = decoupledWeightDecay && weightDecay != 0
    let sign: Scalar = maximize ? -1 : 1
    let decay: Scalar = decoupled ? 0 : Scalar(weightDecay)
    let shrink: Scalar = decoupled ? Scalar(1 - lr * Double(weightDecay)) : 1
    let w1 = Scalar(1 - b1), w1c = Scalar(1 - (1 - b1)), beta2 = Scalar(b2), w2 = Scalar(1 - b2)
    let biasCorrection1 = Scalar(bc1), rootBiasCorrection2 = Scalar(Double.pow(bc2, 0.5))
    let eps = Scalar(epsilon), rate = learningRate
    firstMoment._withBase { m in
      secondMoment._withBase { v in
        UpdateParallelism.forEachChunk(count: n) { r in
          for i in r {
            let x = p[i] * shrink
            let gi = decay == 0 ? sign * g[i] : sign * g[i] + decay * x
            let mi = _Elementwise.lerp(m[i], gi, weight: w1, complement: w1c)
            let vi = v[i] * beta2 + w2 * gi * gi
            m[i] = mi
            v[i] = vi
            let mhat = mi / biasCorrection1
            if rectified {
              let adaptive = rootBiasCorrection2 / (_Elementwise.squareRoot(vi) + eps)
              p[i] = x - mhat * rate * adaptive * rectification
            } else {
              p[i] = x - mhat * rate
            }
          }
        }
      }
    }
  }
}
