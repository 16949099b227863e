import DescentCore
import RealModule

/// Schedule-free AdamW: AdamW without a learning-rate schedule, by averaging iterates —
/// the `schedulefree` package's `AdamWScheduleFree`, step for step.
///
/// Three sequences: `z` (the base SGD-like sequence), `x` (a weighted running average of
/// `z`: the point to evaluate and to keep at the end) and `y` (an interpolation between
/// them, where the gradient is taken). The minimize loop's parameters are **`y`**, as in
/// the reference implementation's training mode; ``evaluationPoint(parameters:)`` returns
/// `x` (what `optimizer.eval()` would put in the model).
///
/// ```
/// k = step − 1 (0-based);  ηₖ ← η · min(1, (k + 1)/warmupSteps)
/// η_max ← max(η_max, ηₖ);   wₖ ← (k + 1)^r · η_max^p;   W ← W + wₖ;   c ← wₖ / W
/// v ← β₂ v + (1 − β₂) g²                      (g = ∇f(y))
/// u ← g / (√(v / (1 − β₂ᵏ⁺¹)) + ε) + λ y
/// y ← (1 − c) y + c z
/// y ← y + ηₖ (β₁ (1 − c) − 1) u
/// z ← z − ηₖ u
/// x = (1 − 1/β₁)·z + (1/β₁)·y  … i.e. x = y + (1 − 1/β₁)(z − y)
/// ```
///
/// Defaults (the package's): `learningRate` η = 0.0025, `beta1` β₁ = 0.9, `beta2` β₂ = 0.999,
/// `epsilon` ε = 1e-8, `weightDecay` λ = 0, `warmupSteps` 0, `r` 0,
/// `weightLearningRatePower` p = 2. A learning-rate schedule from the minimize loop scales
/// η before warm-up is applied, but the method is meant to run without one.
///
/// Defazio, Yang, Mehta, Mishchenko, Khaled & Cutkosky, "The Road Less Scheduled",
/// NeurIPS 2024.
public struct ScheduleFreeAdamW<Scalar: DescentScalar>: GradientOptimizer {
  public var learningRate: Scalar
  public var beta1: Double
  public var beta2: Double
  public var epsilon: Double
  public var weightDecay: Double
  public var warmupSteps: Int
  public var r: Double
  public var weightLearningRatePower: Double
  public var maximize: Bool

  public var step: Int = 0
  /// `W`, the sum of averaging weights (the package's `weight_sum`).
  public var weightSum: Double = 0
  /// `η_max` (the package's `lr_max`; −1 before the first step).
  public var maximumLearningRate: Double = -1
  /// `z`, the base sequence (set to `y` at the first step).
  public var z: [Scalar] = []
  /// `v` (the package's `exp_avg_sq`).
  public var secondMoment: [Scalar] = []

  public init(
    learningRate: Scalar = 0.0025, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, weightDecay: Double = 0, warmupSteps: Int = 0, r: Double = 0,
    weightLearningRatePower: Double = 2, maximize: Bool = false
  ) {
    precondition(warmupSteps >= 0, "warmupSteps must be non-negative")
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.warmupSteps = warmupSteps
    self.r = r
    self.weightLearningRatePower = weightLearningRatePower
    self.maximize = maximize
  }

  public var name: String { "schedule-free-adamw" }
  public var settingsDescription: String {
    var s = "schedule-free-adamw(lr=\(learningRate), betas=(\(beta1), \(beta2)), eps=\(epsilon)"
    if weightDecay != 0 { s += ", weight_decay=\(weightDecay)" }
    if warmupSteps != 0 { s += ", warmup_steps=\(warmupSteps)" }
    if r != 0 { s += ", r=\(r)" }
    if weightLearningRatePower != 2 { s += ", weight_lr_power=\(weightLearningRatePower)" }
    if maximize { s += ", maximize" }
    return s + ")"
  }

  public mutating func prepare(dimension: Int) {
    step = 0
    weightSum = 0
    maximumLearningRate = -1
    z = [Scalar](repeating: 0, count: dimension)
    secondMoment = [Scalar](repeating: 0, count: dimension)
  }

  /// `x = y + (1 − 1/β₁)(z − y)`, the averaged point (what `optimizer.eval()` shows), for
  /// the current parameters `y`. Before the first step it is `y`.
  public func evaluationPoint(parameters y: [Scalar]) -> [Scalar] {
    guard step > 0, z.count == y.count else { return y }
    let w = Scalar(1 - 1 / Double(beta1)), wc = Scalar(1 - (1 - 1 / Double(beta1)))
    return (0..<y.count).map { _Elementwise.lerp(y[$0], z[$0], weight: w, complement: wc) }
  }

  @inlinable
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar
  ) {
    let n = parameters.count
    _checkUpdateArguments(parameters, gradient, stateCount: z.count, optimizer: name)
    if z.count != n { prepare(dimension: n) }
    let k = step
    step += 1
    let schedule = k < warmupSteps ? Double(k + 1) / Double(warmupSteps) : 1.0
    let b2 = Double(beta2)
    let biasCorrection2 = Scalar(1 - Double.pow(b2, Double(k + 1)))
    let lr = Double(learningRate) * schedule
    maximumLearningRate = Swift.max(lr, maximumLearningRate)
    let weight = Double.pow(Double(k + 1), Double(r))
      * Double.pow(maximumLearningRate, Double(weightLearningRatePower))
    weightSum += weight
    let ckp1 = weightSum == 0 ? 0 : weight / weightSum
    guard n > 0 else { return }
    let y = parameters._base, g = gradient._base
    let sign: Scalar = maximize ? -1 : 1, decay = Scalar(weightDecay), eps = Scalar(epsilon)
    let beta2 = Scalar(beta2)
    let w2 = Scalar(1 - b2)
    let c = Scalar(ckp1), cc = Scalar(1 - ckp1)
    let yRate = Scalar(lr * (Double(beta1) * (1 - ckp1) - 1)), zRate = Scalar(-lr)
    let first = k == 0
    z._withBase { z in
      secondMoment._withBase { v in
        UpdateParallelism.forEachChunk(count: n) { range in
          for i in range {
            let yi = y[i]
            let zi = first ? yi : z[i]
            let gi = sign * g[i]
            let vi = v[i] * beta2 + w2 * gi * gi
            v[i] = vi
            var u = gi / (_Elementwise.squareRoot(vi / biasCorrection2) + eps)
            if decay != 0 { u = u + decay * yi }
            let interpolated = _Elementwise.lerp(yi, zi, weight: c, complement: cc)
            y[i] = interpolated + yRate * u
            z[i] = zi + zRate * u
          }
        }
      }
    }
  }
}
