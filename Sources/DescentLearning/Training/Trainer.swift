import DescentCore
import DescentOptimizers
import Dispatch

/// Everything that changes during training, saved in a checkpoint so a run resumes
/// bit-identically: weights, random stream, counters, early-stopping memory, history.
public struct TrainingState<Scalar: DescentScalar>: Codable, Sendable {
  /// Epochs completed.
  public var epoch: Int
  /// Updates taken.
  public var step: Int
  /// The current weights.
  public var parameters: [Scalar]
  /// The shuffling generator, as it stands before the next epoch.
  public var random: Xoshiro256
  /// The best monitored loss so far and the epoch and weights that reached it.
  public var bestLoss: Double?
  public var bestEpoch: Int?
  public var bestParameters: [Scalar]?
  /// Epochs since the monitored loss last improved.
  public var epochsWithoutImprovement: Int
  /// One record per completed epoch.
  public var history: [EpochRecord]
  /// Set when training has ended for a reason other than running out of epochs.
  public var stop: TrainingStop?
}

/// What a ``Trainer`` reports while it runs.
public enum TrainingEvent: Sendable {
  /// An update finished: epoch (1-based), batch index within the epoch, batches per
  /// epoch, the batch loss.
  case batch(epoch: Int, batch: Int, batches: Int, loss: Double)
  /// An epoch finished.
  case epoch(EpochRecord)
}

/// The outcome of ``Trainer/run(observer:)``.
public struct TrainingResult<Scalar: DescentScalar>: Sendable {
  /// The final weights: the best epoch's with early stopping and `restoreBestWeights`,
  /// otherwise the last.
  public var parameters: [Scalar]
  public var stop: TrainingStop
  public var history: [EpochRecord]
  /// The epoch whose weights ``parameters`` are.
  public var epoch: Int
}

/// Mini-batch training of a ``Network`` with any optimizer and schedule.
///
/// Each epoch shuffles the training samples (seeded), cuts them into batches of
/// `batchSize`, and for each batch: computes the mean loss + L2 term and its gradient by
/// back-propagation, optionally clips the gradient's global norm, and lets the optimizer
/// step with the scheduled learning rate `schedule.value(at: step, base: η₀)`. After the
/// epoch it evaluates the validation data, updates early stopping, and tells the schedule
/// the monitored loss (for reduce-on-plateau). Nothing is allocated per batch.
///
/// Determinism: given the same data, options, initial weights and optimizer, a run is
/// bit-for-bit reproducible, and ``checkpoint()`` + ``init(resuming:…)`` continues it
/// exactly (the state holds the random stream and the optimizer's state).
public final class Trainer<Scalar: DescentScalar> {
  public let network: Network
  public let train: Dataset<Scalar>
  public let validation: Dataset<Scalar>?
  public let options: TrainingOptions
  public private(set) var state: TrainingState<Scalar>
  public private(set) var optimizer: any Optimizer<Scalar>
  public var schedule: any Schedule
  let workspace: NetworkWorkspace<Scalar>
  let validationWorkspace: NetworkWorkspace<Scalar>?
  var gradient: [Scalar]
  var order: [Int]

  /// A fresh run from `initialParameters` (e.g. ``Network/initialParameters(_:seed:as:)``).
  public init(
    network: Network, train: Dataset<Scalar>, validation: Dataset<Scalar>? = nil,
    optimizer: any Optimizer<Scalar>, schedule: any Schedule = ConstantSchedule(), options: TrainingOptions,
    initialParameters: [Scalar]
  ) {
    precondition(initialParameters.count == network.parameterCount, "initial parameters do not fit the network")
    precondition(train.sampleCount > 0, "no training samples")
    precondition(train.featureCount == network.inputCount, "the data has \(train.featureCount) features, the network \(network.inputCount) inputs")
    precondition(options.epochs >= 0, "epochs must be non-negative")
    self.network = network
    self.train = train
    self.validation = validation.flatMap { $0.sampleCount > 0 ? $0 : nil }
    self.options = options
    self.optimizer = optimizer
    self.schedule = schedule
    let batch = min(max(options.batchSize ?? train.sampleCount, 1), train.sampleCount)
    workspace = NetworkWorkspace(network: network, capacity: batch)
    validationWorkspace = self.validation.map { NetworkWorkspace(network: network, capacity: min(256, $0.sampleCount)) }
    gradient = [Scalar](repeating: 0, count: network.parameterCount)
    order = Array(0..<train.sampleCount)
    state = TrainingState(
      epoch: 0, step: 0, parameters: initialParameters, random: Xoshiro256(seed: options.seed ^ 0x5EED_5A3E_D0DE_CAFE),
      bestLoss: nil, bestEpoch: nil, bestParameters: nil, epochsWithoutImprovement: 0, history: [], stop: nil)
    self.optimizer.prepare(dimension: network.parameterCount)
  }

  /// A run continued from a saved state and optimizer (see ``Checkpoint``). `options`
  /// may raise `epochs`; everything else must be what the run was started with.
  public init(
    network: Network, train: Dataset<Scalar>, validation: Dataset<Scalar>? = nil,
    optimizer: any Optimizer<Scalar>, schedule: any Schedule = ConstantSchedule(), options: TrainingOptions,
    resuming state: TrainingState<Scalar>
  ) {
    precondition(state.parameters.count == network.parameterCount, "the checkpoint does not fit the network")
    self.network = network
    self.train = train
    self.validation = validation.flatMap { $0.sampleCount > 0 ? $0 : nil }
    self.options = options
    self.optimizer = optimizer  // already holds its state: no prepare()
    self.schedule = schedule
    let batch = min(max(options.batchSize ?? train.sampleCount, 1), train.sampleCount)
    workspace = NetworkWorkspace(network: network, capacity: batch)
    validationWorkspace = self.validation.map { NetworkWorkspace(network: network, capacity: min(256, $0.sampleCount)) }
    gradient = [Scalar](repeating: 0, count: network.parameterCount)
    order = Array(0..<train.sampleCount)
    self.state = state
  }

  /// Samples per update.
  public var batchSize: Int { workspace.capacity }
  /// Updates per epoch.
  public var batchesPerEpoch: Int { (train.sampleCount + batchSize - 1) / batchSize }

  /// Trains until `options.epochs` epochs are complete or a stop condition holds.
  /// `observer` sees every batch and epoch (write logs and checkpoints there).
  @discardableResult
  public func run() -> TrainingResult<Scalar> { run(observer: { _ in }) }

  /// Trains as ``run()`` does, reporting each batch and epoch to `observer`.
  @discardableResult
  public func run(observer: (TrainingEvent) throws -> Void) rethrows -> TrainingResult<Scalar> {
    while state.stop == nil && state.epoch < options.epochs {
      let record = runEpoch(observer: { try? observer($0) })
      try observer(.epoch(record))
    }
    return result
  }

  /// The result as things stand (final weights per ``TrainingResult/parameters``).
  public var result: TrainingResult<Scalar> {
    let stop = state.stop ?? .completed
    if options.patience != nil, options.restoreBestWeights, let best = state.bestParameters, let e = state.bestEpoch {
      return TrainingResult(parameters: best, stop: stop, history: state.history, epoch: e)
    }
    return TrainingResult(parameters: state.parameters, stop: stop, history: state.history, epoch: state.epoch)
  }

  /// One epoch of updates, then validation and early-stopping bookkeeping.
  @discardableResult
  public func runEpoch(observer: (TrainingEvent) -> Void = { _ in }) -> EpochRecord {
    let n = train.sampleCount
    let d = train.featureCount
    let batches = batchesPerEpoch
    let started = DispatchTime.now().uptimeNanoseconds
    // The order depends only on the random stream (not on earlier epochs' orders), so a
    // resumed run shuffles exactly as the original did.
    for i in order.indices { order[i] = i }
    if options.shuffle { state.random.shuffle(&order) }
    var lossSum = 0.0
    var correct = 0
    var seen = 0
    var lastRate = Double(optimizer.learningRate)
    let epochNumber = state.epoch + 1
    let classification = network.loss.isClassification
    // Work on local copies (moved out, not copied) so the loop holds no access to `state`.
    var parameters: [Scalar] = []
    swap(&parameters, &state.parameters)
    var step = state.step
    var stop: TrainingStop?
    var optimizer = self.optimizer
    self.optimizer = GradientDescent<Scalar>()  // placeholder while the real one is out
    parameters.withUnsafeMutableBufferPointer { params in
      gradient.withUnsafeMutableBufferPointer { grad in
        train.features.withUnsafeBufferPointer { features in
          train.targets.withUnsafeBufferPointer { targets in
            for b in 0..<batches {
              let start = b * batchSize
              let count = min(batchSize, n - start)
              let xs = workspace.batchInputs
              let ys = workspace.batchTargets
              for r in 0..<count {
                let i = order[start + r]
                (xs + r * d).update(from: features.baseAddress! + i * d, count: d)
                ys[r] = targets[i]
              }
              let batch = BatchObjective(
                network: network, inputs: UnsafePointer(xs), targets: UnsafePointer(ys), count: count, workspace: workspace)
              let part = network.evaluate(
                parameters: UnsafePointer(params.baseAddress!), inputs: UnsafePointer(xs), targets: UnsafePointer(ys),
                count: count, workspace: workspace, gradient: grad.baseAddress!, gradientScale: 1 / Scalar(count))
              var loss = Scalar(part.lossSum / Double(count))
                + network.penalty(parameters: UnsafePointer(params.baseAddress!), gradient: grad.baseAddress!)
              lossSum += Double(loss) * Double(count)
              correct += part.correct
              seen += count
              if !loss.isFinite {
                stop = .diverged
                break
              }
              if let maxNorm = options.gradientClipNorm {
                if !clipByGlobalNorm(grad, maxNorm: maxNorm).isFinite {
                  stop = .diverged
                  break
                }
              }
              let rate = schedule.value(at: step, base: Double(optimizer.learningRate))
              lastRate = rate
              let outcome = optimizer.step(
                x: params, value: &loss, gradient: grad, learningRate: Scalar(rate), objective: batch)
              step += 1
              if case .failed = outcome {
                stop = .optimizerFailed
                break
              }
              observer(.batch(epoch: epochNumber, batch: b + 1, batches: batches, loss: Double(loss)))
            }
          }
        }
      }
    }
    swap(&parameters, &state.parameters)
    state.step = step
    if let stop { state.stop = stop }
    self.optimizer = optimizer
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    var record = EpochRecord(
      epoch: epochNumber, steps: state.step, trainLoss: lossSum / Double(max(seen, 1)),
      trainAccuracy: classification ? Double(correct) / Double(max(seen, 1)) : nil,
      validationLoss: nil, validationAccuracy: nil, learningRate: lastRate, seconds: seconds)
    if let validation, let ws = validationWorkspace {
      let (loss, accuracy) = evaluate(validation, workspace: ws)
      record.validationLoss = loss
      record.validationAccuracy = classification ? accuracy : nil
    }
    if let interval = options.sharpnessInterval, epochNumber % interval == 0 {
      record.sharpness = sharpness()
    }
    state.epoch = epochNumber
    state.history.append(record)
    if state.stop == nil && !state.parameters.withUnsafeBufferPointer({ allFinite($0) }) {
      state.stop = .diverged
    }
    let monitored = record.validationLoss ?? record.trainLoss
    schedule.observe(loss: monitored, step: state.step, base: Double(optimizer.learningRate))
    if state.stop == nil, let patience = options.patience {
      if let best = state.bestLoss, !(monitored < best - options.minDelta) {
        state.epochsWithoutImprovement += 1
        if state.epochsWithoutImprovement >= patience { state.stop = .earlyStopped }
      } else if monitored.isFinite {
        state.bestLoss = monitored
        state.bestEpoch = epochNumber
        state.bestParameters = state.parameters
        state.epochsWithoutImprovement = 0
      }
    }
    return record
  }

  /// The sharpness `λmax` of the full training objective (mean loss + L2) at the current
  /// weights (see ``NetworkObjective/sharpness(at:tolerance:maxIterations:seed:)``); NaN
  /// when the weights are not finite.
  public func sharpness() -> Double {
    guard state.parameters.withUnsafeBufferPointer({ allFinite($0) }) else { return .nan }
    return sharpnessObjective.sharpness(at: state.parameters).values[0]
  }

  /// The training objective for the sharpness (made on first use: its workspaces).
  lazy var sharpnessObjective = NetworkObjective(network: network, data: train)

  /// Mean loss (with the L2 term) and accuracy of the current weights on `data`.
  public func evaluate(_ data: Dataset<Scalar>) -> (loss: Double, accuracy: Double) {
    evaluate(data, workspace: NetworkWorkspace(network: network, capacity: min(256, max(data.sampleCount, 1))))
  }

  func evaluate(_ data: Dataset<Scalar>, workspace ws: NetworkWorkspace<Scalar>) -> (loss: Double, accuracy: Double) {
    evaluate(data, parameters: state.parameters, workspace: ws)
  }

  /// Mean loss (with the L2 term) and accuracy of `parameters` on `data`.
  public func evaluate(_ data: Dataset<Scalar>, parameters: [Scalar]) -> (loss: Double, accuracy: Double) {
    evaluate(data, parameters: parameters, workspace: NetworkWorkspace(network: network, capacity: min(256, max(data.sampleCount, 1))))
  }

  func evaluate(_ data: Dataset<Scalar>, parameters: [Scalar], workspace ws: NetworkWorkspace<Scalar>) -> (loss: Double, accuracy: Double) {
    let n = data.sampleCount
    guard n > 0 else { return (.nan, .nan) }
    return parameters.withUnsafeBufferPointer { p in
      data.features.withUnsafeBufferPointer { f in
        data.targets.withUnsafeBufferPointer { t in
          let r = network.evaluate(
            parameters: p.baseAddress!, inputs: f.baseAddress!, targets: t.baseAddress!, count: n, workspace: ws,
            gradient: nil)
          let penalty = Double(network.penalty(parameters: p.baseAddress!, gradient: nil))
          return (r.lossSum / Double(n) + penalty, Double(r.correct) / Double(n))
        }
      }
    }
  }
}

/// One batch's objective (mean loss + L2), handed to optimizers that evaluate on their own
/// (line searches); it reads the batch the training loop gathered in the workspace.
struct BatchObjective<Scalar: DescentScalar>: Objective, @unchecked Sendable {
  let network: Network
  let inputs: UnsafePointer<Scalar>
  let targets: UnsafePointer<Scalar>
  let count: Int
  let workspace: NetworkWorkspace<Scalar>

  var dimension: Int { network.parameterCount }

  func value(at x: UnsafeBufferPointer<Scalar>) -> Scalar {
    let r = network.evaluate(
      parameters: x.baseAddress!, inputs: inputs, targets: targets, count: count, workspace: workspace, gradient: nil)
    return Scalar(r.lossSum / Double(count)) + network.penalty(parameters: x.baseAddress!, gradient: nil)
  }

  func value(at x: UnsafeBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>) -> Scalar {
    let r = network.evaluate(
      parameters: x.baseAddress!, inputs: inputs, targets: targets, count: count, workspace: workspace,
      gradient: gradient.baseAddress!, gradientScale: 1 / Scalar(count))
    return Scalar(r.lossSum / Double(count)) + network.penalty(parameters: x.baseAddress!, gradient: gradient.baseAddress!)
  }
}

/// `VectorMath.allFinite`, specialized: the trainer's code is generic (it runs
/// unspecialized when called from another module), and the inlined generic loop cost 5% of
/// an MLP epoch.
@inline(never)
@_specialize(where S == Float)
@_specialize(where S == Double)
func allFinite<S: DescentScalar>(_ values: UnsafeBufferPointer<S>) -> Bool {
  VectorMath.allFinite(values)
}
