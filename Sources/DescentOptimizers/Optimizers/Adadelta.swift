import DescentCore

/// Adadelta: step sizes from the ratio of running RMS of updates and gradients — PyTorch's
/// `torch.optim.Adadelta`, step for step.
///
/// ```
/// g ← ±∇f(x) + λ x
/// s ← ρ s + (1 − ρ) g²
/// Δ ← √(a + ε) / √(s + ε) · g
/// a ← ρ a + (1 − ρ) Δ²
/// x ← x − η Δ
/// ```
///
/// Defaults (PyTorch's): `learningRate` η = 1 (the paper has no rate), `rho` ρ = 0.9,
/// `epsilon` ε = 1e-6, `weightDecay` λ = 0.
///
/// Zeiler, "ADADELTA: An Adaptive Learning Rate Method", arXiv:1212.5701, 2012.
public struct Adadelta<Scalar: DescentScalar>: GradientOptimizer {
  public var learningRate: Scalar
  public var rho: Double
  public var epsilon: Double
  public var weightDecay: Double
  public var maximize: Bool

  public var step: Int = 0
  /// `s`, the running mean of g² (PyTorch's `square_avg`).
  public var squareAverage: [Scalar] = []
  /// `a`, the running mean of Δ² (PyTorch's `acc_delta`).
  public var deltaAverage: [Scalar] = []

  public init(
    learningRate: Scalar = 1, rho: Double = 0.9, epsilon: Double = 1e-6, weightDecay: Double = 0,
    maximize: Bool = false
  ) {
    self.learningRate = learningRate
    self.rho = rho
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.maximize = maximize
  }

  public var name: String { "adadelta" }
  public var settingsDescription: String {
    var s = "adadelta(lr=\(learningRate), rho=\(rho), eps=\(epsilon)"
    if weightDecay != 0 { s += ", weight_decay=\(weightDecay)" }
    if maximize { s += ", maximize" }
    return s + ")"
  }

  public mutating func prepare(dimension: Int) {
    step = 0
    squareAverage = [Scalar](repeating: 0, count: dimension)
    deltaAverage = [Scalar](repeating: 0, count: dimension)
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
    step += 1
    guard n > 0 else { return }
    let p = parameters._base, g = gradient._base
    let sign: Scalar = maximize ? -1 : 1, decay = Scalar(weightDecay), eps = Scalar(epsilon)
    let rho = Scalar(rho), rhoWeight = Scalar(1 - rho), negativeRate = -learningRate
    squareAverage._withBase { s in
      deltaAverage._withBase { a in
        UpdateParallelism.forEachChunk(count: n) { r in
          for i in r {
            let x = p[i]
            let gi = decay == 0 ? sign * g[i] : sign * g[i] + decay * x
            let si = s[i] * rho + rhoWeight * gi * gi
            s[i] = si
            let delta = _Elementwise.squareRoot(a[i] + eps) / _Elementwise.squareRoot(si + eps) * gi
            a[i] = a[i] * rho + rhoWeight * delta * delta
            p[i] = x + negativeRate * delta
          }
        }
      }
    }
  }
}
