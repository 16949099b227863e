import DescentCore
import RealModule

/// Adam: adaptive moment estimation — PyTorch's `torch.optim.Adam`, step for step, with
/// options for AdamW's decoupled weight decay, AMSGrad, and Optax's and TensorFlow's forms.
///
/// ```
/// g ← ±∇f(x)                                    (− for maximize)
/// x ← x (1 − η λ)         if decoupledWeightDecay     (AdamW)
/// g ← g + λ x             otherwise, when λ > 0       (L2 penalty)
/// m ← β₁ m + (1 − β₁) g
/// v ← β₂ v + (1 − β₂) g²
/// v̄ ← max(v̄, v)   if amsgrad,   else v̄ = v
/// x ← x − η/(1 − β₁ᵗ) · m / (√v̄ / √(1 − β₂ᵗ) + ε)
/// ```
///
/// Defaults (PyTorch's): `learningRate` η = 1e-3, `beta1` β₁ = 0.9, `beta2` β₂ = 0.999,
/// `epsilon` ε = 1e-8, `weightDecay` λ = 0, `amsgrad` off, `maximize` off.
///
/// Other libraries' forms (each reproduces that library's trajectory):
/// - `epsilonRoot` ε̃ (Optax `eps_root`, default 0): ε̃ inside the root,
///   `x ← x − η m̂ / (√(v̂ + ε̃) + ε)` with `m̂ = m/(1 − β₁ᵗ)`, `v̂ = v/(1 − β₂ᵗ)`.
/// - `epsilonHat` (TensorFlow/Keras, the "ε̂" of Kingma & Ba §2): ε is added to the
///   uncorrected `√v`: `x ← x − η √(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v̄ + ε)`. Keras's default ε
///   is 1e-7.
/// - `amsgradBiasCorrectedMaximum` (Optax `amsgrad`): the running maximum is taken of the
///   bias-corrected `v̂` rather than of `v`: `v̄ ← max(v̄, v̂)`, `x ← x − η m̂ / (√(v̄ + ε̃) + ε)`.
///
/// Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015; Reddi, Kale &
/// Kumar, "On the Convergence of Adam and Beyond", ICLR 2018 (AMSGrad); Loshchilov &
/// Hutter, "Decoupled Weight Decay Regularization", ICLR 2019 (AdamW).
public struct Adam<Scalar: DescentScalar>: GradientOptimizer {
  public var learningRate: Scalar
  public var beta1: Double
  public var beta2: Double
  public var epsilon: Double
  public var weightDecay: Double
  /// AdamW: shrink `x` by `1 − ηλ` instead of adding `λx` to the gradient.
  public var decoupledWeightDecay: Bool
  public var amsgrad: Bool
  public var maximize: Bool
  /// Optax's `eps_root`: added to `v̂` inside the square root. Default 0.
  public var epsilonRoot: Double
  /// TensorFlow/Keras form: ε added to the uncorrected `√v`. Default off.
  public var epsilonHat: Bool
  /// Optax's AMSGrad: the maximum is of the bias-corrected `v̂`. Default off (PyTorch).
  public var amsgradBiasCorrectedMaximum: Bool

  /// Updates taken since ``prepare(dimension:)`` (PyTorch's `step`, Optax's `count`).
  public var step: Int = 0
  /// `m`, the running mean of the gradient (PyTorch's `exp_avg`).
  public var firstMoment: [Scalar] = []
  /// `v`, the running mean of the squared gradient (PyTorch's `exp_avg_sq`).
  public var secondMoment: [Scalar] = []
  /// `v̄`, AMSGrad's running maximum (empty unless `amsgrad`).
  public var maxSecondMoment: [Scalar] = []

  /// `β₁ᵗ` and `β₂ᵗ`, updated by one multiplication per step (see ``_PowerSequence``);
  /// derived from `step`, so not encoded.
  @usableFromInline var beta1Powers = _PowerSequence()
  @usableFromInline var beta2Powers = _PowerSequence()
  /// `1 − β₁ᵗ` and `√(1 − β₂ᵗ)` for the next step, computed at the end of a small update
  /// so that the next one does not wait for them; derived, so not encoded.
  @usableFromInline var nextCorrections = _BiasCorrections()

  /// The bias corrections of one step, and the step and βs they are for.
  @usableFromInline
  struct _BiasCorrections: Sendable {
    @usableFromInline var step = -1
    @usableFromInline var beta1 = Double.nan, beta2 = Double.nan
    @usableFromInline var first = 0.0, secondRoot = 0.0
    @inlinable init() {}
  }

  /// The bias corrections of step `t` from the power sequences.
  @inlinable @inline(__always)
  mutating func biasCorrections(step t: Int) -> _BiasCorrections {
    var c = _BiasCorrections()
    c.step = t
    c.beta1 = beta1
    c.beta2 = beta2
    c.first = 1 - beta1Powers.power(beta1, t)
    c.secondRoot = (1 - beta2Powers.power(beta2, t)).squareRoot()
    return c
  }

  enum CodingKeys: String, CodingKey {
    case learningRate, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay, amsgrad, maximize
    case epsilonRoot, epsilonHat, amsgradBiasCorrectedMaximum, step, firstMoment, secondMoment
    case maxSecondMoment
  }

  public init(
    learningRate: Scalar = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, weightDecay: Double = 0, decoupledWeightDecay: Bool = false,
    amsgrad: Bool = false, maximize: Bool = false, epsilonRoot: Double = 0,
    epsilonHat: Bool = false, amsgradBiasCorrectedMaximum: Bool = false
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.decoupledWeightDecay = decoupledWeightDecay
    self.amsgrad = amsgrad
    self.maximize = maximize
    self.epsilonRoot = epsilonRoot
    self.epsilonHat = epsilonHat
    self.amsgradBiasCorrectedMaximum = amsgradBiasCorrectedMaximum
  }

  public var name: String { amsgrad ? "amsgrad" : (decoupledWeightDecay ? "adamw" : "adam") }

  public var settingsDescription: String {
    var s = "\(name)(lr=\(learningRate), betas=(\(beta1), \(beta2)), eps=\(epsilon)"
    if weightDecay != 0 || decoupledWeightDecay { s += ", weight_decay=\(weightDecay)" }
    if amsgrad && decoupledWeightDecay { s += ", decoupled" }
    if epsilonRoot != 0 { s += ", eps_root=\(epsilonRoot)" }
    if epsilonHat { s += ", eps_hat" }
    if amsgradBiasCorrectedMaximum { s += ", max_of_corrected" }
    if maximize { s += ", maximize" }
    return s + ")"
  }

  public mutating func prepare(dimension: Int) {
    step = 0
    beta1Powers = _PowerSequence()
    beta2Powers = _PowerSequence()
    nextCorrections = _BiasCorrections()
    firstMoment = [Scalar](repeating: 0, count: dimension)
    secondMoment = [Scalar](repeating: 0, count: dimension)
    maxSecondMoment = amsgrad ? [Scalar](repeating: 0, count: dimension) : []
  }

  /// The per-step constants of the update, computed in `Double` as PyTorch does (`βᵗ` by a
  /// running product rather than `pow`; see ``_PowerSequence``).
  @usableFromInline
  struct Constants {
    @usableFromInline var sign: Scalar = 1, decay: Scalar = 0, shrink: Scalar = 1
    @usableFromInline var beta1Weight: Scalar = 0, beta1Complement: Scalar = 0
    @usableFromInline var beta2: Scalar = 0, beta2Weight: Scalar = 0
    @usableFromInline var negativeStepSize: Scalar = 0, biasCorrection2Root: Scalar = 0
    @usableFromInline var epsilon: Scalar = 0, biasCorrection1: Scalar = 0, biasCorrection2: Scalar = 0
    @usableFromInline var epsilonRoot: Scalar = 0, negativeRate: Scalar = 0, hatRate: Scalar = 0
    @inlinable init() {}
  }

  @inlinable
  mutating func constants(learningRate: Scalar) -> Constants {
    let lr = Double(learningRate), b1 = Double(beta1), b2 = Double(beta2)
    let bc1 = 1 - beta1Powers.power(b1, step)
    let bc2 = 1 - beta2Powers.power(b2, step)
    let decoupled = decoupledWeightDecay && weightDecay != 0
    var c = Constants()
    c.sign = maximize ? -1 : 1
    c.decay = decoupled ? 0 : Scalar(weightDecay)
    c.shrink = decoupled ? Scalar(1 - lr * Double(weightDecay)) : 1
    c.beta1Weight = Scalar(1 - b1)
    c.beta1Complement = Scalar(1 - (1 - b1))
    c.beta2 = Scalar(beta2)
    c.beta2Weight = Scalar(1 - b2)
    c.negativeStepSize = Scalar(-(lr / bc1))
    c.biasCorrection2Root = Scalar(bc2.squareRoot())
    c.epsilon = Scalar(epsilon)
    c.biasCorrection1 = Scalar(bc1)
    c.biasCorrection2 = Scalar(bc2)
    c.epsilonRoot = Scalar(epsilonRoot)
    c.negativeRate = -learningRate
    c.hatRate = Scalar(lr * bc2.squareRoot() / bc1)
    return c
  }

  /// Below this many parameters, PyTorch's Adam and AdamW run ``smallUpdate``, a scalar
  /// loop that inlines into the caller (the minimize loop), instead of the general path
  /// with its vector kernels; both give the same bits.
  @inlinable static var smallCount: Int { _FusedKernels.minimumCount }

  /// Inlined into the caller: a caller compiled for a concrete `Scalar` (the specialized
  /// minimize loop) takes ``smallUpdate(parameters:gradient:learningRate:)`` inline when it
  /// applies; generic code (`_isConcrete` is false there, e.g. through `any Optimizer`)
  /// calls ``generalUpdate(parameters:gradient:learningRate:)``, whose `Float` and `Double`
  /// specializations it reaches without running the arithmetic generically.
  @inlinable @inline(__always)
  public mutating func update(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar
  ) {
    let n = parameters.count
    if _isConcrete(Scalar.self)
      && _fastPath(n < Self.smallCount && n > 0 && n == firstMoment.count && n == gradient.count && isPlainForm)
    {
      smallUpdate(parameters: parameters, gradient: gradient, learningRate: learningRate)
      return
    }
    generalUpdate(parameters: parameters, gradient: gradient, learningRate: learningRate)
  }

  /// Whether the update is PyTorch's Adam or AdamW (``kernel``'s first branch): no AMSGrad,
  /// no Optax/TensorFlow form, not maximizing, no L2 penalty, and `1 − β₁ < 0.5` (where
  /// `m + (1 − β₁)(g − m)` is PyTorch's `lerp`).
  @inlinable var isPlainForm: Bool {
    !amsgrad && !epsilonHat && epsilonRoot == 0 && !amsgradBiasCorrectedMaximum && !maximize
      && ((decoupledWeightDecay && weightDecay != 0) || Scalar(weightDecay) == 0)
      && Scalar(1 - beta1).magnitude < 0.5
  }

  /// PyTorch's Adam/AdamW for a prepared state of fewer than ``smallCount`` parameters:
  /// the same IEEE operations, in the same order, as ``kernel`` and the C kernels (so the
  /// same bits), with only the constants the loop uses, and short enough to inline. The
  /// bias corrections of the next step are computed at the end (``nextCorrections``):
  /// their chain (`βᵗ` → `√(1 − β₂ᵗ)`) then overlaps this step's work instead of
  /// delaying the next one; a run that changes the step count or a β recomputes them.
  @inlinable @inline(__always)
  mutating func smallUpdate(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar
  ) {
    let n = parameters.count
    step += 1
    let lr = Double(learningRate)
    var corrections = nextCorrections
    if _slowPath(corrections.step != step || corrections.beta1 != beta1 || corrections.beta2 != beta2) {
      corrections = biasCorrections(step: step)
    }
    let shrink: Scalar = decoupledWeightDecay && weightDecay != 0 ? Scalar(1 - lr * weightDecay) : 1
    let beta1Weight = Scalar(1 - beta1), decay2 = Scalar(beta2), beta2Weight = Scalar(1 - beta2)
    let negativeStepSize = Scalar(-(lr / corrections.first)), root = Scalar(corrections.secondRoot)
    let eps = Scalar(epsilon)
    let p = parameters._base, g = gradient._base
    firstMoment.withUnsafeMutableBufferPointer { m in
      secondMoment.withUnsafeMutableBufferPointer { v in
        for i in 0..<n {
          let gi = g[i]
          let x = p[i] * shrink
          let mi = m[i] + beta1Weight * (gi - m[i])
          let vi = v[i] * decay2 + beta2Weight * gi * gi
          m[i] = mi
          v[i] = vi
          p[i] = x + negativeStepSize * mi / (_Elementwise.squareRoot(vi) / root + eps)
        }
      }
    }
    nextCorrections = biasCorrections(step: step + 1)
  }

  /// Every other update: any size, AMSGrad and the other forms.
  @inlinable @inline(never)
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  mutating func generalUpdate(
    parameters: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeBufferPointer<Scalar>,
    learningRate: Scalar
  ) {
    let n = parameters.count
    _checkUpdateArguments(parameters, gradient, stateCount: firstMoment.count, optimizer: name)
    if firstMoment.count != n { prepare(dimension: n) }
    if amsgrad && maxSecondMoment.count != n { maxSecondMoment = [Scalar](repeating: 0, count: n) }
    step += 1
    guard n > 0 else { return }
    let c = constants(learningRate: learningRate)
    let p = parameters._base, g = gradient._base
    let fast = !epsilonHat && epsilonRoot == 0 && !amsgradBiasCorrectedMaximum
    if fast && !amsgrad {
      // Adam and AdamW, PyTorch's form: kept short so that it inlines into the caller.
      firstMoment._withBase { m in
        secondMoment._withBase { v in
          if n < _FusedKernels.minimumCount {
            Self.kernel(p, g, m, v, 0..<n, c)
          } else {
            UpdateParallelism.forEachChunk(count: n) { r in Self.kernel(p, g, m, v, r, c) }
          }
        }
      }
      return
    }
    let amsgrad = amsgrad, epsilonHat = epsilonHat, maximumOfCorrected = amsgradBiasCorrectedMaximum
    firstMoment._withBase { m in
      secondMoment._withBase { v in
        if amsgrad {
          maxSecondMoment._withBase { vmax in
            UpdateParallelism.forEachChunk(count: n) { r in
              Self.generalKernel(p, g, m, v, vmax, r, c, amsgrad: true, epsilonHat: epsilonHat, fast: fast,
                maximumOfCorrected: maximumOfCorrected)
            }
          }
        } else if fast {
          UpdateParallelism.forEachChunk(count: n) { r in Self.kernel(p, g, m, v, r, c) }
        } else {
          UpdateParallelism.forEachChunk(count: n) { r in
            Self.generalKernel(p, g, m, v, v, r, c, amsgrad: false, epsilonHat: epsilonHat, fast: false,
              maximumOfCorrected: false)
          }
        }
      }
    }
  }

  /// PyTorch's Adam, one fused pass (no AMSGrad, no alternative form).
  @inlinable @inline(__always)
  static func kernel(
    _ p: UnsafeMutablePointer<Scalar>, _ g: UnsafePointer<Scalar>, _ m: UnsafeMutablePointer<Scalar>,
    _ v: UnsafeMutablePointer<Scalar>, _ range: Range<Int>, _ c: Constants
  ) {
    if c.decay == 0 && c.sign == 1 && c.beta1Weight.magnitude < 0.5 {
      // The common cases (Adam, AdamW): the C kernel at the CPU's widest vectors, or this
      // loop, written out so that it vectorises without a select.
      if _FusedKernels.adam(
        p, g, m, v, range, shrink: c.shrink, beta1Weight: c.beta1Weight, beta2: c.beta2,
        beta2Weight: c.beta2Weight, negativeStepSize: c.negativeStepSize,
        biasCorrection2Root: c.biasCorrection2Root, epsilon: c.epsilon)
      {
        return
      }
      for i in range {
        let gi = g[i]
        let x = p[i] * c.shrink
        let mi = m[i] + c.beta1Weight * (gi - m[i])
        let vi = v[i] * c.beta2 + c.beta2Weight * gi * gi
        m[i] = mi
        v[i] = vi
        let denominator = _Elementwise.squareRoot(vi) / c.biasCorrection2Root + c.epsilon
        p[i] = x + c.negativeStepSize * mi / denominator
      }
      return
    }
    for i in range {
      let x = p[i] * c.shrink
      let gi = c.decay == 0 ? c.sign * g[i] : c.sign * g[i] + c.decay * x
      let mi = _Elementwise.lerp(m[i], gi, weight: c.beta1Weight, complement: c.beta1Complement)
      let vi = v[i] * c.beta2 + c.beta2Weight * gi * gi
      m[i] = mi
      v[i] = vi
      let denominator = _Elementwise.squareRoot(vi) / c.biasCorrection2Root + c.epsilon
      p[i] = x + c.negativeStepSize * mi / denominator
    }
  }

  /// AMSGrad and the Optax/TensorFlow forms.
  @inlinable @inline(__always)
  static func generalKernel(
    _ p: UnsafeMutablePointer<Scalar>, _ g: UnsafePointer<Scalar>, _ m: UnsafeMutablePointer<Scalar>,
    _ v: UnsafeMutablePointer<Scalar>, _ vmax: UnsafeMutablePointer<Scalar>, _ range: Range<Int>,
    _ c: Constants, amsgrad: Bool, epsilonHat: Bool, fast: Bool, maximumOfCorrected: Bool
  ) {
    for i in range {
      let x = p[i] * c.shrink
      let gi = c.decay == 0 ? c.sign * g[i] : c.sign * g[i] + c.decay * x
      let mi = _Elementwise.lerp(m[i], gi, weight: c.beta1Weight, complement: c.beta1Complement)
      let vi = v[i] * c.beta2 + c.beta2Weight * gi * gi
      m[i] = mi
      v[i] = vi
      if epsilonHat {
        var used = vi
        if amsgrad { used = _Elementwise.maximum(vmax[i], vi); vmax[i] = used }
        p[i] = x - (mi * c.hatRate) / (_Elementwise.squareRoot(used) + c.epsilon)
      } else if fast {
        // PyTorch's AMSGrad: the maximum of the raw v, bias-corrected afterwards.
        let used = _Elementwise.maximum(vmax[i], vi)
        vmax[i] = used
        let denominator = _Elementwise.squareRoot(used) / c.biasCorrection2Root + c.epsilon
        p[i] = x + c.negativeStepSize * mi / denominator
      } else {
        // Optax: bias-correct first, then (AMSGrad) the maximum of v̂; ε̃ inside the root.
        var vhat = vi / c.biasCorrection2
        if amsgrad && maximumOfCorrected {
          vhat = _Elementwise.maximum(vmax[i], vhat)
          vmax[i] = vhat
        } else if amsgrad {
          let used = _Elementwise.maximum(vmax[i], vi)
          vmax[i] = used
          vhat = used / c.biasCorrection2
        }
        let mhat = mi / c.biasCorrection1
        p[i] = x + c.negativeRate * (mhat / (_Elementwise.squareRoot(vhat + c.epsilonRoot) + c.epsilon))
      }
    }
  }
}
