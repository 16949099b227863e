import DescentCore

extension Adam {
  /// AMSGrad: Adam that never lets the second-moment estimate shrink — PyTorch's
  /// `Adam(amsgrad=True)`, step for step.
  ///
  /// ```
  /// m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,   v̄ ← max(v̄, v)
  /// x ← x − η/(1 − β₁ᵗ) · m / (√v̄ / √(1 − β₂ᵗ) + ε)
  /// ```
  ///
  /// PyTorch keeps the maximum of the raw `v` and bias-corrects it with the current step's
  /// `1 − β₂ᵗ`. Optax's `amsgrad` keeps the maximum of the bias-corrected `v̂` instead
  /// (`v̄ ← max(v̄, v/(1 − β₂ᵗ))`, `x ← x − η m̂/(√v̄ + ε)`): pass
  /// `biasCorrectedMaximum: true` for that form. The two differ while `1 − β₂ᵗ` grows.
  ///
  /// Defaults (PyTorch's): `learningRate` η = 1e-3, `beta1` β₁ = 0.9, `beta2` β₂ = 0.999,
  /// `epsilon` ε = 1e-8, `weightDecay` λ = 0 (L2; `decoupledWeightDecay` for AdamW's).
  ///
  /// Reddi, Kale & Kumar, "On the Convergence of Adam and Beyond", ICLR 2018.
  public static func amsgrad(
    learningRate: Scalar = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 0, decoupledWeightDecay: Bool = false, biasCorrectedMaximum: Bool = false,
    maximize: Bool = false
  ) -> Adam {
    Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
         weightDecay: weightDecay, decoupledWeightDecay: decoupledWeightDecay, amsgrad: true,
         maximize: maximize, amsgradBiasCorrectedMaximum: biasCorrectedMaximum)
  }
}
