import DescentCore

/// The loss a ``Network``'s output layer is trained on.
///
/// With logits (outputs) `z` of one sample and target `y`, averaged over the samples:
/// ```
/// meanSquaredError:    ℓ = Σ_j (z_j − y)²                      (PyTorch MSELoss, one output)
/// binaryCrossEntropy:  ℓ = softplus(z) − y z
///                        = max(z, 0) − y z + log(1 + e^(−|z|))  (BCEWithLogitsLoss; p = σ(z))
/// crossEntropy:        ℓ = logsumexp(z) − z_y
///                        = m + log Σ_j e^(z_j − m) − z_y,  m = max_j z_j   (CrossEntropyLoss)
/// ```
/// The shifted forms never overflow: cross-entropy is finite for any finite logits.
/// Gradients with respect to `z`: `2(z − y)`, `σ(z) − y`, `softmax(z) − onehot(y)`.
public enum Loss: String, Codable, Sendable, CaseIterable {
  case meanSquaredError
  case binaryCrossEntropy
  case crossEntropy

  /// Whether the loss scores classes (so accuracy is meaningful).
  public var isClassification: Bool { self != .meanSquaredError }
}
