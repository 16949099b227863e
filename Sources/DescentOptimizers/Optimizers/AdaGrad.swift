import DescentCore

/// AdaGrad: per-coordinate rates from the sum of squared gradients — PyTorch's
/// `torch.optim.Adagrad`, step for step, with an option for Optax's form.
///
/// ```
/// g ← ±∇f(x) + λ x
/// η̃ ← η / (1 + (t − 1) δ)                     (δ = lrDecay, t = 1, 2, …)
/// s ← s + g²                                  (s₀ = initialAccumulatorValue)
/// x ← x − η̃ g / (√s + ε)                      (PyTorch)
/// x ← x − η̃ g / √(s + ε)                      (epsilonInsideRoot: Optax, TensorFlow)
/// ```
///
/// Defaults (PyTorch's): `learningRate` η = 1e-2, `lrDecay` δ = 0, `weightDecay` λ = 0,
/// `initialAccumulatorValue` s₀ = 0, `epsilon` ε = 1e-10. Optax's `adagrad` is
/// `initialAccumulatorValue: 0.1, epsilon: 1e-7, epsilonInsideRoot: true` (where `s = 0`
/// Optax's update is 0; with s₀ > 0 that never happens).
///
/// Duchi, Hazan & Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
/// Optimization", JMLR 12 (2011).
public struct AdaGrad<Scalar: DescentScalar>: GradientOptimizer {
  public var learningRate: Scalar
  public var lrDecay: Double
  public var weightDecay: Double
  public var initialAccumulatorValue: Double
  public var epsilon: Double
  /// Optax/TensorFlow: ε inside the square root. Default off.
  public var epsilonInsideRoot: Bool
  public var maximize: Bool

  public var step: Int = 0
  /// `s`, the running sum of squared gradients (PyTorch's `sum`).
  public var sumOfSquares: [Scalar] = []

  public init(
    learningRate: Scalar = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0,
    initialAccumulatorValue: Double = 0, epsilon: Double = 1e-10, epsilonInsideRoot: Bool = false,
    maximize: Bool = false
  ) {
    self.learningRate = learningRate
    self.lrDecay = lrDecay
    self.weightDecay = weightDecay
    self.initialAccumulatorValue = initialAccumulatorValue
    self.epsilon = epsilon
    self.epsilonInsideRoot = epsilonInsideRoot
    self.maximize = maximize
  }

  public var name: String { "adagrad" }
  public var settingsDescription: String {
    var s = "adagrad(lr=\(learningRate), eps=\(epsilon)"
    if lrDecay != 0 { s += ", lr_decay=\(lrDecay)" }
    if initialAccumulatorValue != 0 { s += ", initial_accumulator_value=\(initialAccumulatorValue)" }
    if weightDecay != 0 { s += ", weight_decay=\(weightDecay)" }
    if epsilonInsideRoot { s += ", eps_in_sqrt" }
    if maximize { s += ", maximize" }
    return s + ")"
  }

  public mutating func prepare(dimension: Int) {
    step = 0
    sumOfSquares = [Scalar](repeating: Scalar(initialAccumulatorValue), count: dimension)
  }

  @inlinable
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar
  ) {
    let n = parameters.count
    _checkUpdateArguments(parameters, gradient, stateCount: sumOfSquares.count, optimizer: name)
    if sumOfSquares.count != n { prepare(dimension: n) }
    step += 1
    guard n > 0 else { return }
    let p = parameters._base, g = gradient._base
    let sign: Scalar = maximize ? -1 : 1, decay = Scalar(weightDecay), eps = Scalar(epsilon)
    let negativeRate = Scalar(-(Double(learningRate) / (1 + Double(step - 1) * Double(lrDecay))))
    let inside = epsilonInsideRoot
    sumOfSquares._withBase { s in
      UpdateParallelism.forEachChunk(count: n) { r in
        for i in r {
          let x = p[i]
          let gi = decay == 0 ? sign * g[i] : sign * g[i] + decay * x
          let si = s[i] + gi * gi
          s[i] = si
          let std = inside ? _Elementwise.squareRoot(si + eps) : _Elementwise.squareRoot(si) + eps
          p[i] = x + negativeRate * gi / std
        }
      }
    }
  }
}
