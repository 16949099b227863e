import DescentCore

extension Adam {
  /// AdamW: Adam with decoupled weight decay — PyTorch's `torch.optim.AdamW`, step for step.
  ///
  /// ```
  /// x ← x (1 − η λ)
  /// m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
  /// x ← x − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
  /// ```
  ///
  /// Defaults (PyTorch's): `learningRate` η = 1e-3, `beta1` β₁ = 0.9, `beta2` β₂ = 0.999,
  /// `epsilon` ε = 1e-8, `weightDecay` λ = 1e-2 (Optax's `adamw` default is 1e-4; its
  /// decay is also scaled by η). `amsgrad` combines both.
  ///
  /// Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019.
  public static func adamW(
    learningRate: Scalar = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 1e-2, amsgrad: Bool = false, maximize: Bool = false
  ) -> Adam {
    Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
         weightDecay: weightDecay, decoupledWeightDecay: true, amsgrad: amsgrad, maximize: maximize)
  }
}
