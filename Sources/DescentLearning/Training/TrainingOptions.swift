/// How a ``Trainer`` trains: epochs, batch size, clipping, early stopping.
public struct TrainingOptions: Codable, Sendable, Equatable {
  /// Passes over the training data (default 30). On resume, the total to reach.
  public var epochs: Int
  /// Samples per update: 1 is stochastic gradient descent, the training-set size (or
  /// `nil`) full-batch gradient descent, anything between mini-batch (default 32). The
  /// last batch of an epoch is smaller when the size does not divide the set.
  public var batchSize: Int?
  /// Reshuffle the training samples before every epoch (default true).
  public var shuffle: Bool
  /// Seeds the shuffling (and nothing else: initialization has its own seed).
  public var seed: UInt64
  /// Clip each batch gradient to this global L2 norm before the update (default off).
  public var gradientClipNorm: Double?
  /// Stop after this many epochs without an improvement of the monitored loss (the
  /// validation loss, or the training loss without validation data); `nil`: never.
  public var patience: Int?
  /// The smallest decrease that counts as an improvement (default 0).
  public var minDelta: Double
  /// With `patience`, end with the weights of the best epoch (default true; Keras's
  /// `restore_best_weights`).
  public var restoreBestWeights: Bool
  /// Measure the sharpness `λmax` of the full training loss every this many epochs and
  /// record it in ``EpochRecord/sharpness`` (default nil: never). Costs one Lanczos run of
  /// up to 100 Hessian-vector products over the training set (each about two gradients);
  /// it changes neither the weights nor the random stream.
  public var sharpnessInterval: Int?

  public init(
    epochs: Int = 30, batchSize: Int? = 32, shuffle: Bool = true, seed: UInt64 = 0,
    gradientClipNorm: Double? = nil, patience: Int? = nil, minDelta: Double = 0, restoreBestWeights: Bool = true,
    sharpnessInterval: Int? = nil
  ) {
    precondition(sharpnessInterval.map { $0 >= 1 } ?? true, "the sharpness interval must be at least 1")
    self.epochs = epochs
    self.batchSize = batchSize
    self.shuffle = shuffle
    self.seed = seed
    self.gradientClipNorm = gradientClipNorm
    self.patience = patience
    self.minDelta = minDelta
    self.restoreBestWeights = restoreBestWeights
    self.sharpnessInterval = sharpnessInterval
  }
}

/// One epoch's numbers, as logged (one JSON line each) and checkpointed.
public struct EpochRecord: Codable, Sendable, Equatable {
  /// 1-based epoch number.
  public var epoch: Int
  /// Updates taken so far (all epochs).
  public var steps: Int
  /// Mean of the batch losses over the epoch (each at the weights the batch saw), with
  /// the L2 term — what PyTorch and Keras loops report.
  public var trainLoss: Double
  /// Fraction of training samples classified correctly during the epoch (classification).
  public var trainAccuracy: Double?
  /// Mean loss on the validation data at the end of the epoch (with the L2 term).
  public var validationLoss: Double?
  /// Fraction of validation samples classified correctly (classification).
  public var validationAccuracy: Double?
  /// The scheduled learning rate of the epoch's last update.
  public var learningRate: Double
  /// Seconds spent on the updates (not on validation or the sharpness).
  public var seconds: Double
  /// `λmax` of the training loss's Hessian at the end of the epoch, when
  /// ``TrainingOptions/sharpnessInterval`` asked for it (compare with `2/learningRate`).
  public var sharpness: Double?

  public init(
    epoch: Int, steps: Int, trainLoss: Double, trainAccuracy: Double?, validationLoss: Double?,
    validationAccuracy: Double?, learningRate: Double, seconds: Double, sharpness: Double? = nil
  ) {
    self.epoch = epoch
    self.steps = steps
    self.trainLoss = trainLoss
    self.trainAccuracy = trainAccuracy
    self.validationLoss = validationLoss
    self.validationAccuracy = validationAccuracy
    self.learningRate = learningRate
    self.seconds = seconds
    self.sharpness = sharpness
  }
}

/// Why training ended.
public enum TrainingStop: String, Codable, Sendable, Equatable {
  /// All requested epochs ran.
  case completed
  /// The monitored loss did not improve for `patience` epochs.
  case earlyStopped
  /// A loss or gradient became NaN or infinite.
  case diverged
  /// The optimizer could not take a step.
  case optimizerFailed
}
