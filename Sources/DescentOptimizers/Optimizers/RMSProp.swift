import DescentCore

/// RMSProp: gradient scaled by a running root-mean-square — PyTorch's `torch.optim.RMSprop`,
/// step for step, with an option for the TensorFlow/Optax form (ε inside the root).
///
/// ```
/// g ← ±∇f(x) + λ x
/// s ← α s + (1 − α) g²
/// a ← α a + (1 − α) g                         (centered only)
/// d ← √(s − a²) + ε   if centered,   else  d ← √s + ε
///     (epsilonInsideRoot: d ← √(s − a² + ε), √(s + ε))
/// b ← μ b + g / d,   x ← x − η b              (momentum μ > 0)
/// x ← x − η g / d                             (μ = 0)
/// ```
///
/// Defaults (PyTorch's): `learningRate` η = 1e-2, `alpha` α = 0.99, `epsilon` ε = 1e-8,
/// `weightDecay` λ = 0, `momentum` μ = 0, `centered` off. Optax's `rmsprop` is
/// `alpha: 0.9, epsilonInsideRoot: true`; Keras's is `alpha: 0.9, epsilon: 1e-7,
/// epsilonInsideRoot: true`.
///
/// Tieleman & Hinton, "Lecture 6.5 — RMSProp", COURSERA: Neural Networks for Machine
/// Learning, 2012; Graves, "Generating Sequences With Recurrent Neural Networks", 2013
/// (the centered form).
public struct RMSProp<Scalar: DescentScalar>: GradientOptimizer {
  public var learningRate: Scalar
  public var alpha: Double
  public var epsilon: Double
  public var weightDecay: Double
  public var momentum: Double
  public var centered: Bool
  /// TensorFlow/Optax: ε inside the square root. Default off.
  public var epsilonInsideRoot: Bool
  public var maximize: Bool

  public var step: Int = 0
  /// `s`, the running mean of g² (PyTorch's `square_avg`).
  public var squareAverage: [Scalar] = []
  /// `a`, the running mean of g (centered only; PyTorch's `grad_avg`).
  public var gradientAverage: [Scalar] = []
  /// `b` (momentum only; PyTorch's `momentum_buffer`).
  public var momentumBuffer: [Scalar] = []

  public init(
    learningRate: Scalar = 1e-2, alpha: Double = 0.99, epsilon: Double = 1e-8,
    weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false,
    epsilonInsideRoot: Bool = false, maximize: Bool = false
  ) {
    self.learningRate = learningRate
    self.alpha = alpha
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.momentum = momentum
    self.centered = centered
    self.epsilonInsideRoot = epsilonInsideRoot
    self.maximize = maximize
  }

  public var name: String { "rmsprop" }
  public var settingsDescription: String {
    var s = "rmsprop(lr=\(learningRate), alpha=\(alpha), eps=\(epsilon)"
    if momentum != 0 { s += ", momentum=\(momentum)" }
    if centered { s += ", centered" }
    if weightDecay != 0 { s += ", weight_decay=\(weightDecay)" }
    if epsilonInsideRoot { s += ", eps_in_sqrt" }
    if maximize { s += ", maximize" }
    return s + ")"
  }

  public mutating func prepare(dimension: Int) {
    step = 0
    squareAverage = [Scalar](repeating: 0, count: dimension)
    gradientAverage = centered ? [Scalar](repeating: 0, count: dimension) : []
    momentumBuffer = momentum > 0 ? [Scalar](repeating: 0, count: dimension) : []
  }

  @inlinable
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar
  ) {
    let n = parameters.count
    _checkUpdateArguments(parameters, gradient, stateCount: squareAverage.count, optimizer: name)
    if squareAverage.count != n { prepare(dimension: n) }
    if centered && gradientAverage.count != n { gradientAverage = [Scalar](repeating: 0, count: n) }
    if momentum > 0 && momentumBuffer.count != n { momentumBuffer = [Scalar](repeating: 0, count: n) }
    step += 1
    guard n > 0 else { return }
    let p = parameters._base, g = gradient._base
    let sign: Scalar = maximize ? -1 : 1, decay = Scalar(weightDecay), eps = Scalar(epsilon)
    let alphaWeight = Scalar(1 - alpha), alphaComplement = Scalar(1 - (1 - alpha)), alpha = Scalar(alpha)
    let mu = Scalar(momentum), negativeRate = -learningRate
    let centered = centered, inside = epsilonInsideRoot
    // Unused buffers are bound to the square average; the kernel never touches them.
    squareAverage.withUnsafeMutableBufferPointer { sb in
    gradientAverage.withUnsafeMutableBufferPointer { ab in
    momentumBuffer.withUnsafeMutableBufferPointer { bb in
      let s = sb._base, a = ab.baseAddress ?? s, b = bb.baseAddress ?? s
      UpdateParallelism.forEachChunk(count: n) { r in
        for i in r {
          let x = p[i]
          let gi = decay == 0 ? sign * g[i] : sign * g[i] + decay * x
          let si = s[i] * alpha + alphaWeight * gi * gi
          s[i] = si
          var root = si
          if centered {
            let ai = _Elementwise.lerp(a[i], gi, weight: alphaWeight, complement: alphaComplement)
            a[i] = ai
            root = si + -1 * (ai * ai)
          }
          let d = inside ? _Elementwise.squareRoot(root + eps) : _Elementwise.squareRoot(root) + eps
          if mu > 0 {
            let bi = b[i] * mu + gi / d
            b[i] = bi
            p[i] = x + negativeRate * bi
          } else {
            p[i] = x + negativeRate * gi / d
          }
        }
      }
    }
    }
    }
  }
}
