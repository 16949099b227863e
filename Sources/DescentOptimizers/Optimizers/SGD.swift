import DescentCore

/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2
/// weight decay — PyTorch's `torch.optim.SGD`, step for step.
///
/// ```
/// g ← ±∇f(x) + λ x                      (− for maximize; λ = weightDecay)
/// b ← g                                  (first step)
/// b ← μ b + (1 − τ) g                    (later steps; μ = momentum, τ = dampening)
/// d ← g + μ b   if nesterov,  else  d ← b      (d ← g when μ = 0)
/// x ← x − η d
/// ```
///
/// Defaults (PyTorch's): `learningRate` η = 1e-3, `momentum` μ = 0, `dampening` τ = 0,
/// `weightDecay` λ = 0, `nesterov` = false, `maximize` = false. With μ = 0 this is plain
/// gradient descent (the CLI's `gd`); ``momentum(learningRate:momentum:dampening:weightDecay:maximize:)``
/// and ``nesterov(learningRate:momentum:weightDecay:maximize:)`` are the named presets.
///
/// Polyak, "Some methods of speeding up the convergence of iteration methods", 1964 (heavy
/// ball); Sutskever, Martens, Dahl & Hinton, "On the importance of initialization and
/// momentum in deep learning", ICML 2013 (the Nesterov form used here).
public struct SGD<Scalar: DescentScalar>: GradientOptimizer {
  public var learningRate: Scalar
  public var momentum: Double
  public var dampening: Double
  public var weightDecay: Double
  public var nesterov: Bool
  public var maximize: Bool

  /// The momentum buffer `b` (empty when μ = 0 or before the first step).
  public var momentumBuffer: [Scalar] = []
  /// Updates taken since ``prepare(dimension:)``.
  public var step: Int = 0

  /// - Precondition: `nesterov` needs `momentum > 0` and `dampening == 0` (as in PyTorch).
  public init(
    learningRate: Scalar = 1e-3, momentum: Double = 0, dampening: Double = 0,
    weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false
  ) {
    precondition(!nesterov || (momentum > 0 && dampening == 0),
                 "Nesterov momentum requires a momentum and zero dampening")
    self.learningRate = learningRate
    self.momentum = momentum
    self.dampening = dampening
    self.weightDecay = weightDecay
    self.nesterov = nesterov
    self.maximize = maximize
  }

  /// Heavy-ball momentum: SGD with `momentum` μ = 0.9 by default.
  ///
  /// ```
  /// b ← μ b + (1 − τ) g,   x ← x − η b
  /// ```
  public static func momentum(
    learningRate: Scalar = 1e-3, momentum: Double = 0.9, dampening: Double = 0,
    weightDecay: Double = 0, maximize: Bool = false
  ) -> SGD {
    SGD(learningRate: learningRate, momentum: momentum, dampening: dampening,
        weightDecay: weightDecay, maximize: maximize)
  }

  /// Nesterov momentum: SGD with `momentum` μ = 0.9 and `nesterov` on.
  ///
  /// ```
  /// b ← μ b + g,   x ← x − η (g + μ b)
  /// ```
  public static func nesterov(
    learningRate: Scalar = 1e-3, momentum: Double = 0.9, weightDecay: Double = 0,
    maximize: Bool = false
  ) -> SGD {
    SGD(learningRate: learningRate, momentum: momentum, weightDecay: weightDecay,
        nesterov: true, maximize: maximize)
  }

  public var name: String { nesterov ? "nesterov" : (momentum == 0 ? "gd" : "momentum") }

  public var settingsDescription: String {
    var s = "\(name)(lr=\(learningRate)"
    if momentum != 0 { s += ", momentum=\(momentum)" }
    if dampening != 0 { s += ", dampening=\(dampening)" }
    if weightDecay != 0 { s += ", weight_decay=\(weightDecay)" }
    if maximize { s += ", maximize" }
    return s + ")"
  }

  public mutating func prepare(dimension: Int) {
    step = 0
    momentumBuffer = momentum == 0 ? [] : [Scalar](repeating: 0, count: dimension)
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
    step += 1
    guard n > 0 else { return }
    let p = parameters._base, g = gradient._base
    let sign: Scalar = maximize ? -1 : 1
    let decay = Scalar(weightDecay), negativeRate = -learningRate
    if momentum == 0 {
      UpdateParallelism.forEachChunk(count: n) { r in
        Self.plainKernel(p, g, r, sign: sign, decay: decay, negativeRate: negativeRate)
      }
      return
    }
    if momentumBuffer.count != n { momentumBuffer = [Scalar](repeating: 0, count: n) }
    let mu = Scalar(momentum), keep = Scalar(1 - dampening), first = step == 1, nesterov = nesterov
    momentumBuffer._withBase { b in
      UpdateParallelism.forEachChunk(count: n) { r in
        Self.momentumKernel(
          p, g, b, r, sign: sign, decay: decay, momentum: mu, keep: keep, first: first,
          nesterov: nesterov, negativeRate: negativeRate)
      }
    }
  }

  @inlinable @inline(__always)
  static func plainKernel(
    _ p: UnsafeMutablePointer<Scalar>, _ g: UnsafePointer<Scalar>, _ range: Range<Int>,
    sign: Scalar, decay: Scalar, negativeRate: Scalar
  ) {
    if decay == 0 {
      for i in range { p[i] = p[i] + negativeRate * (sign * g[i]) }
    } else {
      for i in range { p[i] = p[i] + negativeRate * (sign * g[i] + decay * p[i]) }
    }
  }

  @inlinable @inline(__always)
  static func momentumKernel(
    _ p: UnsafeMutablePointer<Scalar>, _ g: UnsafePointer<Scalar>, _ b: UnsafeMutablePointer<Scalar>,
    _ range: Range<Int>, sign: Scalar, decay: Scalar, momentum: Scalar, keep: Scalar, first: Bool,
    nesterov: Bool, negativeRate: Scalar
  ) {
    if !first && !nesterov && decay == 0 && sign == 1 {
      // Heavy ball, the common case: the C kernel, or this loop (no branch, so it vectorises).
      if _FusedKernels.sgdMomentum(p, g, b, range, momentum: momentum, keep: keep, negativeRate: negativeRate) {
        return
      }
      for i in range {
        let buffer = b[i] * momentum + keep * g[i]
        b[i] = buffer
        p[i] = p[i] + negativeRate * buffer
      }
      return
    }
    for i in range {
      let x = p[i]
      var d = sign * g[i]
      if decay != 0 { d = d + decay * x }
      let buffer = first ? d : b[i] * momentum + keep * d
      b[i] = buffer
      d = nesterov ? d + momentum * buffer : buffer
      p[i] = x + negativeRate * d
    }
  }
}
