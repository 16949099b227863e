import DescentCore

/// A fully connected network — linear, logistic and softmax regression are its one-layer
/// cases — whose parameters are one flat vector, so every optimizer applies unchanged.
///
/// ```
/// a₀ = x
/// z_l = a_{l−1} W_l + b_l          W_l: n_{l−1} × n_l (row-major), b_l: n_l
/// a_l = act(z_l)                   for hidden layers l = 1 … L−1
/// output z_L (logits), scored by `loss` (see ``Loss``)
/// objective = (1/N) Σ_i ℓ(z_L(x_i), y_i) + (λ/2) Σ_l ‖W_l‖²_F     (biases not penalized)
/// ```
///
/// Parameter layout: for each layer in order, `W_l` row-major (`n_{l−1}·n_l` values) then
/// `b_l` (`n_l` values); ``layers`` gives each layer's offsets, so an optimizer sees one
/// contiguous vector and a caller can view any layer. The L2 term's gradient is `λ W`
/// (PyTorch `weight_decay = λ` applied to weights only).
public struct Network: Codable, Sendable, Equatable {
  /// `[inputs, hidden…, outputs]`.
  public let layerSizes: [Int]
  /// The hidden layers' nonlinearity (unused without hidden layers).
  public let activation: Activation
  /// The loss on the output layer.
  public let loss: Loss
  /// The L2 penalty strength λ (default 0).
  public var l2: Double

  /// Where one layer's weights and bias live in the flat parameter vector.
  public struct Layer: Sendable, Equatable {
    public let inputs: Int
    public let outputs: Int
    /// Offset of `W` (row-major `inputs × outputs`).
    public let weightOffset: Int
    /// Offset of `b` (`outputs` values).
    public let biasOffset: Int
    public var weightCount: Int { inputs * outputs }
  }

  /// Every layer's place in the parameter vector.
  public let layers: [Layer]
  /// Total number of parameters.
  public let parameterCount: Int

  /// A network with the given layer sizes (at least input and output).
  public init(layerSizes: [Int], activation: Activation = .relu, loss: Loss, l2: Double = 0) {
    precondition(layerSizes.count >= 2, "a network needs at least an input and an output size")
    precondition(layerSizes.allSatisfy { $0 >= 1 }, "layer sizes must be positive (got \(layerSizes))")
    precondition(loss != .binaryCrossEntropy || layerSizes.last == 1, "binary cross-entropy needs one output")
    precondition(l2 >= 0 && l2.isFinite, "the L2 strength must be finite and non-negative")
    self.layerSizes = layerSizes
    self.activation = activation
    self.loss = loss
    self.l2 = l2
    var layers: [Layer] = []
    var offset = 0
    for l in 1..<layerSizes.count {
      let (i, o) = (layerSizes[l - 1], layerSizes[l])
      layers.append(Layer(inputs: i, outputs: o, weightOffset: offset, biasOffset: offset + i * o))
      offset += i * o + o
    }
    self.layers = layers
    self.parameterCount = offset
  }

  enum CodingKeys: String, CodingKey { case layerSizes, activation, loss, l2 }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      layerSizes: try c.decode([Int].self, forKey: .layerSizes),
      activation: try c.decode(Activation.self, forKey: .activation),
      loss: try c.decode(Loss.self, forKey: .loss), l2: try c.decode(Double.self, forKey: .l2))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(layerSizes, forKey: .layerSizes)
    try c.encode(activation, forKey: .activation)
    try c.encode(loss, forKey: .loss)
    try c.encode(l2, forKey: .l2)
  }

  /// Number of input features.
  public var inputCount: Int { layerSizes[0] }
  /// Number of outputs (logits).
  public var outputCount: Int { layerSizes[layerSizes.count - 1] }
  /// The widest layer (sizes workspaces).
  public var maxWidth: Int { layerSizes.max()! }

  /// `[64, 128, 64, 10]` → `64-128-64-10`.
  public var shapeDescription: String { layerSizes.map(String.init).joined(separator: "-") }

  // MARK: - The classic models

  /// Linear regression: one linear layer, mean squared error.
  public static func linearRegression(features: Int, l2: Double = 0) -> Network {
    Network(layerSizes: [features, 1], loss: .meanSquaredError, l2: l2)
  }

  /// Logistic regression: one linear layer, one logit, binary cross-entropy.
  public static func logisticRegression(features: Int, l2: Double = 0) -> Network {
    Network(layerSizes: [features, 1], loss: .binaryCrossEntropy, l2: l2)
  }

  /// Softmax (multinomial logistic) regression: one linear layer, cross-entropy.
  public static func softmaxRegression(features: Int, classes: Int, l2: Double = 0) -> Network {
    Network(layerSizes: [features, classes], loss: .crossEntropy, l2: l2)
  }

  /// A multilayer perceptron with the given hidden sizes.
  public static func mlp(
    features: Int, hidden: [Int], outputs: Int, activation: Activation = .relu, loss: Loss = .crossEntropy,
    l2: Double = 0
  ) -> Network {
    Network(layerSizes: [features] + hidden + [outputs], activation: activation, loss: loss, l2: l2)
  }
}

// MARK: - Views into the flat vector

extension Network {
  /// Layer `l`'s weights (`inputs × outputs`, row-major) inside `parameters`.
  public func weights<S>(of l: Int, in parameters: UnsafeMutableBufferPointer<S>) -> UnsafeMutableBufferPointer<S> {
    let layer = layers[l]
    return UnsafeMutableBufferPointer(rebasing: parameters[layer.weightOffset..<(layer.weightOffset + layer.weightCount)])
  }

  /// Layer `l`'s bias inside `parameters`.
  public func bias<S>(of l: Int, in parameters: UnsafeMutableBufferPointer<S>) -> UnsafeMutableBufferPointer<S> {
    let layer = layers[l]
    return UnsafeMutableBufferPointer(rebasing: parameters[layer.biasOffset..<(layer.biasOffset + layer.outputs)])
  }

  /// True for parameter indices that are weights (not biases): the ones L2 penalizes and
  /// filter normalization rescales.
  public func isWeight(_ index: Int) -> Bool {
    for layer in layers where index >= layer.weightOffset && index < layer.biasOffset + layer.outputs {
      return index < layer.biasOffset
    }
    return false
  }
}
