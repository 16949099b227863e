import DescentCore
import RealModule

/// NAdam: Adam with Nesterov momentum — PyTorch's `torch.optim.NAdam` (with its
/// momentum-decay schedule), step for step, and Optax's `nadam` form without the schedule.
///
/// ```
/// g ← ±∇f(x);  x ← x (1 − ηλ) (decoupled, NAdamW)  or  g ← g + λx (L2)
/// μₜ ← β₁ (1 − ½ · 0.96^(t ψ)),   μₜ₊₁ ← β₁ (1 − ½ · 0.96^((t+1) ψ)),   Πₜ ← Πₜ₋₁ μₜ
/// m ← β₁ m + (1 − β₁) g
/// v ← β₂ v + (1 − β₂) g²
/// d ← √(v / (1 − β₂ᵗ)) + ε
/// x ← x − η (1 − μₜ)/(1 − Πₜ) · g/d − η μₜ₊₁/(1 − Πₜ μₜ₊₁) · m/d
/// ```
///
/// With `momentumSchedule` off (Optax's `nadam`, Dozat's Algorithm 2 without the schedule):
///
/// ```
/// m̂ ← β₁ m/(1 − β₁ᵗ⁺¹) + (1 − β₁) g/(1 − β₁ᵗ),   x ← x − η m̂ / (√(v/(1 − β₂ᵗ)) + ε)
/// ```
///
/// Defaults (PyTorch's): `learningRate` η = 2e-3, `beta1` β₁ = 0.9, `beta2` β₂ = 0.999,
/// `epsilon` ε = 1e-8, `weightDecay` λ = 0, `momentumDecay` ψ = 4e-3,
/// `decoupledWeightDecay` off (on: NAdamW, see ``nadamw(learningRate:beta1:beta2:epsilon:weightDecay:momentumDecay:maximize:)``),
/// `momentumSchedule` on.
///
/// Dozat, "Incorporating Nesterov Momentum into Adam", ICLR 2016 workshop; Loshchilov &
/// Hutter, ICLR 2019 (decoupled weight decay).
public struct NAdam<Scalar: DescentScalar>: GradientOptimizer {
  public var learningRate: Scalar
  public var beta1: Double
  public var beta2: Double
  public var epsilon: Double
  public var weightDecay: Double
  public var momentumDecay: Double
  public var decoupledWeightDecay: Bool
  /// PyTorch's μₜ schedule (on) or Optax's constant-β₁ form (off).
  public var momentumSchedule: Bool
  public var maximize: Bool

  public var step: Int = 0
  /// `Πₜ`, the product of the μ's so far (PyTorch's `mu_product`).
  public var muProduct: Double = 1
  public var firstMoment: [Scalar] = []
  public var secondMoment: [Scalar] = []

  public init(
    learningRate: Scalar = 2e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 0, momentumDecay: Double = 4e-3, decoupledWeightDecay: Bool = false,
    momentumSchedule: Bool = true, maximize: Bool = false
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.momentumDecay = momentumDecay
    self.decoupledWeightDecay = decoupledWeightDecay
    self.momentumSchedule = momentumSchedule
    self.maximize = maximize
  }

  /// NAdamW: NAdam with decoupled weight decay (PyTorch's `NAdam(decoupled_weight_decay=True)`).
  ///
  /// ```
  /// x ← x (1 − η λ), then the NAdam step with λ = 0
  /// ```
  /// Defaults as NAdam's, except `weightDecay` λ = 1e-2 (AdamW's).
  public static func nadamw(
    learningRate: Scalar = 2e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 1e-2, momentumDecay: Double = 4e-3, maximize: Bool = false
  ) -> NAdam {
    NAdam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
          weightDecay: weightDecay, momentumDecay: momentumDecay, decoupledWeightDecay: true,
          maximize: maximize)
  }

  public var name: String { decoupledWeightDecay ? "nadamw" : "nadam" }
  public var settingsDescription: String {
    var s = "\(name)(lr=\(learningRate), betas=(\(beta1), \(beta2)), eps=\(epsilon)"
    if weightDecay != 0 { s += ", weight_decay=\(weightDecay)" }
    s += momentumSchedule ? ", momentum_decay=\(momentumDecay)" : ", no momentum schedule"
    if maximize { s += ", maximize" }
    return s + ")"
  }

  public mutating func prepare(dimension: Int) {
    step = 0
    muProduct = 1
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
    let lr = Double(learningRate), b1 = Double(beta1), b2 = Double(beta2), t = Double(step)
    let psi = Double(momentumDecay)
    let mu = b1 * (1.0 - 0.5 * Double.pow(0.96, t * psi))
    let muNext = b1 * (1.0 - 0.5 * Double.pow(0.96, (t + 1) * psi))
    muProduct *= mu
    guard n > 0 else { return }
    let p = parameters._base, g = gradient._base
    let decoupled = decoupledWeightDecay && weightDecay != 0
    let sign: Scalar = maximize ? -1 : 1
    let decay: Scalar = decoupled ? 0 : Scalar(weightDecay)
    let shrink: Scalar = decoupled ? Scalar(1 - lr * Double(weightDecay)) : 1
    let w1 = Scalar(1 - b1), w1c = Scalar(1 - (1 - b1)), beta2 = Scalar(b2), w2 = Scalar(1 - b2)
    let bc2 = Scalar(1 - Double.pow(b2, t)), eps = Scalar(epsilon)
    let schedule = momentumSchedule
    // PyTorch's coefficients of g/d and m/d.
    let gradientCoefficient = Scalar(-lr * (1.0 - mu) / (1.0 - muProduct))
    let momentumCoefficient = Scalar((-lr * muNext) / (1.0 - muProduct * muNext))
    // Optax's: m̂ = β₁ m / (1 − β₁ᵗ⁺¹) + (1 − β₁) g / (1 − β₁ᵗ).
    let correctedNext = Scalar(1 - Double.pow(b1, t + 1)), corrected = Scalar(1 - Double.pow(b1, t))
    let b1s = Scalar(b1), negativeRate = -learningRate
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
            let d = _Elementwise.squareRoot(vi / bc2) + eps
            if schedule {
              let y = x + gradientCoefficient * gi / d
              p[i] = y + momentumCoefficient * mi / d
            } else {
              let mhat = b1s * (mi / correctedNext) + w1 * (gi / corrected)
              p[i] = x + negativeRate * (mhat / d)
            }
          }
        }
      }
    }
  }
}
