import DescentCore

/// What the minimize loop does to the gradient before the optimizer sees it: Gaussian
/// noise, clipping by value, clipping by global norm, and the maximize switch — in that
/// order.
///
/// ```
/// g ← ∇f(x)
/// g ← g + σ ξ,  ξ ~ N(0, I)                       (noise: σ, seeded)
/// g ← clamp(g, −c, c)                             (clipValue c; torch clip_grad_value_)
/// g ← g · min(1, r / (‖g‖₂ + 1e-6))               (clipNorm r; torch clip_grad_norm_)
/// g ← −g                                          (maximize)
/// ```
///
/// The noise simulates stochastic gradients on test functions; the clipping follows
/// PyTorch's `torch.nn.utils.clip_grad_value_` and `clip_grad_norm_` (including its
/// `1e-6` in the denominator and the multiplication by a coefficient clamped to 1);
/// maximize is PyTorch's `maximize=True`, done once here for every optimizer.
///
/// The transformed gradient is used only for the update: the loop's reported
/// `gradientNorm`, the gradient tolerance and the trajectory use the true gradient.
/// Default: the identity.
public struct GradientTransform: Codable, Sendable, Equatable {
  /// Standard deviation σ of the Gaussian noise added to each component; `nil` for none.
  public var noise: Double?
  /// Seed of the noise generator (``GaussianGenerator``). Default `0`.
  public var seed: UInt64
  /// Clamp each component to `[−clipValue, clipValue]`; `nil` for no clamping.
  public var clipValue: Double?
  /// Rescale the gradient to global norm at most `clipNorm`; `nil` for no rescaling.
  public var clipNorm: Double?
  /// Ascend instead of descend.
  public var maximize: Bool

  public init(
    noise: Double? = nil, seed: UInt64 = 0, clipValue: Double? = nil, clipNorm: Double? = nil,
    maximize: Bool = false
  ) {
    precondition(noise.map { $0 >= 0 && $0.isFinite } ?? true, "noise σ must be finite and non-negative")
    precondition(clipValue.map { $0 >= 0 } ?? true, "clipValue must be non-negative")
    precondition(clipNorm.map { $0 >= 0 } ?? true, "clipNorm must be non-negative")
    self.noise = noise
    self.seed = seed
    self.clipValue = clipValue
    self.clipNorm = clipNorm
    self.maximize = maximize
  }

  /// True when the transform leaves the gradient unchanged.
  public var isIdentity: Bool { noise == nil && clipValue == nil && clipNorm == nil && !maximize }

  /// Applies the transform in place. `random` supplies the noise (it must be non-nil when
  /// ``noise`` is set).
  @inlinable
  public func apply<S: DescentScalar>(to g: UnsafeMutableBufferPointer<S>, random: inout GaussianGenerator?) {
    if let sigma = noise, sigma > 0 {
      precondition(random != nil, "gradient noise needs a generator")
      for i in 0..<g.count { g[i] += S(sigma * random!.next()) }
    }
    if let c = clipValue {
      let limit = S(c)
      for i in 0..<g.count { g[i] = Swift.min(Swift.max(g[i], -limit), limit) }
    }
    if let r = clipNorm {
      let total = VectorMath.norm(UnsafeBufferPointer(g))
      let coefficient = Swift.min(S(r) / (total + S(1e-6)), 1)
      for i in 0..<g.count { g[i] *= coefficient }
    }
    if maximize {
      for i in 0..<g.count { g[i] = -g[i] }
    }
  }
}
