import ArgumentParser
import Descent
import Foundation

/// `descent landscape`: the loss landscape of a trained model.
struct LandscapeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "landscape",
    abstract: "The loss landscape of a trained model: Hessian spectrum, slices, interpolation, sharpness.",
    discussion: """
      Every analysis takes the weights from a checkpoint written by `descent train
      --checkpoint DIR` (--checkpoint DIR), or trains the model first with the same
      flags as `descent train` (--data, --model, --optimizer, --epochs, …). The loss
      is the training objective (mean loss + L2 term) on the training part of the
      data as the run split and standardized it (--on validation for the held-out
      part), computed in double precision.

        spectrum   top Hessian eigenvalues, trace and density (Lanczos, SLQ)
        slice      f(θ + α d) along a filter-normalized random direction
        plane      f(θ + α d₁ + β d₂) over a plane of two such directions
        line       f((1 − α) θ₀ + α θ₁) between two checkpoints (or init)
        sharpness  λmax over training against 2/η (edge of stability)

      Hessian-vector products are exact (the R-operator, forward-over-reverse by
      hand). Example:
        descent landscape spectrum --checkpoint run1 --plot spectrum.svg
      """,
    subcommands: [
      LandscapeSpectrumCommand.self, LandscapeSliceCommand.self, LandscapePlaneCommand.self,
      LandscapeLineCommand.self, LandscapeSharpnessCommand.self,
    ],
    defaultSubcommand: LandscapeSpectrumCommand.self)
}

/// Where the weights come from, and which data the loss is measured on: the flags every
/// `descent landscape` analysis shares.
struct LandscapeModelOptions: ParsableArguments {
  @Option(help: "A checkpoint from `descent train --checkpoint DIR`: the directory or its checkpoint.json. Without it the model is trained here first.")
  var checkpoint: String?

  @Option(help: "The data the loss is measured on: train or validation.")
  var on: DataPart = .train

  @OptionGroup(title: "Data and model (when training here, without --checkpoint)")
  var setup: ModelDataOptions

  @OptionGroup(title: "Training (without --checkpoint)")
  var loop: TrainingLoopOptions

  enum DataPart: String, ExpressibleByArgument, CaseIterable { case train, validation }

  func validate() throws {
    guard checkpoint != nil else { return }
    // With a checkpoint, the data and model come from it: flags that would change them are
    // a mistake, not something to ignore silently.
    let defaults = try ModelDataOptions.parse([])
    let defaultLoop = try TrainingLoopOptions.parse([])
    let probe = Network.mlp(features: 1, hidden: [1], outputs: 1)
    let mine = setup.configuration(network: probe)
    let theirs = defaults.configuration(network: probe)
    var changed = mine.keys.sorted().filter { mine[$0] != theirs[$0] }.map { "--\($0)" }
    if setup.model != defaults.model { changed.append("--model") }
    if setup.l2 != defaults.l2 { changed.append("--l2") }
    let loopChanged: [(Bool, String)] = [
      (loop.epochs != defaultLoop.epochs, "--epochs"), (loop.batchSize != defaultLoop.batchSize, "--batch-size"),
      (loop.optimizer.optimizer != defaultLoop.optimizer.optimizer, "--optimizer"), (loop.optimizer.lr != nil, "--lr"),
      (loop.patience != nil, "--patience"), (loop.minDelta != defaultLoop.minDelta, "--min-delta"),
      (loop.keepLastWeights, "--keep-last-weights"), (loop.clipNorm != nil, "--clip-norm"),
      (loop.precision != defaultLoop.precision, "--precision"),
    ]
    changed += loopChanged.filter(\.0).map(\.1)
    if !changed.isEmpty {
      throw ValidationError(
        "--checkpoint fixes the data, model and weights; drop \(changed.joined(separator: ", ")) (they apply when training here)")
    }
  }

  /// The weights and the data, in double precision.
  func load() throws -> LandscapeModel {
    let model: LandscapeModel
    if let checkpoint {
      model = try LandscapeModel.fromCheckpoint(path: checkpoint, on: on)
    } else {
      switch loop.precision {
      case .float: model = try LandscapeModel.trained(Float.self, setup: setup, loop: loop, on: on)
      case .double: model = try LandscapeModel.trained(Double.self, setup: setup, loop: loop, on: on)
      }
    }
    try model.checkFinite()
    return model
  }
}

/// A model to analyse: its network and weights, the data its loss is measured on, and where
/// it came from.
struct LandscapeModel {
  var network: Network
  /// The weights, in double precision.
  var parameters: [Double]
  /// The weights the run started from (for `line --to init`).
  var initialParameters: [Double]
  /// The data the loss is measured on, exactly as the run saw it (converted to double).
  var data: Dataset<Double>
  var on: LandscapeModelOptions.DataPart
  /// `checkpoint PATH` or `trained here`.
  var source: String
  var checkpointPath: String?
  var epoch: Int
  /// The optimizer's base learning rate, and its settings in words.
  var learningRate: Double
  var optimizer: String
  var history: [EpochRecord]
  /// Why training ended, when it was not by running out of epochs (`diverged`, …).
  var stop: String?

  var objective: NetworkObjective<Double> { NetworkObjective(network: network, data: data) }

  /// Refuses weights with NaN or ∞ (a diverged run): every number computed from them
  /// would be meaningless.
  func checkFinite() throws {
    if let i = parameters.firstIndex(where: { !$0.isFinite }) {
      throw InputError(
        "the weights are not finite (parameter \(i) is \(parameters[i])\(checkpointPath.map { " in \($0)" } ?? "")): "
          + "the run diverged; lower the learning rate or use an earlier checkpoint")
    }
  }

  /// The model summary printed and put in JSON.
  func summary(objective f: NetworkObjective<Double>) -> LandscapeModelSummary {
    let (loss, accuracy) = parameters.withUnsafeBufferPointer { f.evaluate($0, gradient: nil) }
    return LandscapeModelSummary(
      source: source, checkpoint: checkpointPath, epoch: epoch, model: network.shapeDescription,
      parameterCount: network.parameterCount, loss: network.loss.rawValue, l2: network.l2, data: data.name,
      on: on.rawValue, samples: data.sampleCount, optimizer: optimizer, value: loss,
      accuracy: network.loss.isClassification ? accuracy : nil, stop: stop)
  }

  static func checkpointURL(_ path: String) -> URL {
    var isDirectory: ObjCBool = false
    let url = URL(fileURLWithPath: path)
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      return url.appendingPathComponent("checkpoint.json")
    }
    return url
  }

  /// The precision a checkpoint file holds (`float` or `double`).
  static func precision(of url: URL) throws -> String {
    guard let data = try? Data(contentsOf: url) else {
      throw InputError("no checkpoint at '\(url.path)' (write one with descent train --checkpoint DIR)")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let precision = object["precision"] as? String
    else { throw InputError("'\(url.path)' is not a checkpoint written by descent train") }
    return precision
  }

  static func fromCheckpoint(path: String, on: LandscapeModelOptions.DataPart) throws -> LandscapeModel {
    let url = checkpointURL(path)
    switch try precision(of: url) {
    case "float": return try fromCheckpoint(Float.self, url: url, path: path, on: on)
    case "double": return try fromCheckpoint(Double.self, url: url, path: path, on: on)
    case let other: throw InputError("the checkpoint '\(url.path)' holds \(other) weights; expected float or double")
    }
  }

  static func readCheckpoint<S: DescentScalar>(_: S.Type, url: URL) throws -> Checkpoint<S> {
    do { return try Checkpoint<S>.read(from: url) } catch { throw InputError(error.description) }
  }

  static func fromCheckpoint<S: DescentScalar>(
    _: S.Type, url: URL, path: String, on: LandscapeModelOptions.DataPart
  ) throws -> LandscapeModel {
    let saved = try readCheckpoint(S.self, url: url)
    let setup = try ModelDataOptions.from(configuration: saved.configuration, network: saved.network)
    let kind = try setup.parseModel()
    let (_, split) = try setup.prepare(S.self, kind: kind)
    let network = saved.network
    let part = on == .train ? split.train : split.validation
    guard part.sampleCount > 0 else { throw InputError("the run held out no validation data (--on validation needs some)") }
    guard part.featureCount == network.inputCount else {
      throw InputError("the checkpoint's network takes \(network.inputCount) inputs, its data now has \(part.featureCount) features")
    }
    let initial: [S] = network.initialParameters(setup.initialization, seed: setup.seed)
    return LandscapeModel(
      network: network, parameters: saved.state.parameters.map { Double($0) }, initialParameters: initial.map { Double($0) },
      data: part.converted(to: Double.self), on: on, source: "checkpoint", checkpointPath: url.path,
      epoch: saved.state.epoch, learningRate: saved.state.history.last?.learningRate ?? .nan,
      optimizer: saved.optimizer.map { "\($0.name)" } ?? "", history: saved.state.history,
      stop: saved.state.stop.flatMap { $0 == .completed ? nil : $0.rawValue })
  }

  static func trained<S: DescentScalar>(
    _: S.Type, setup: ModelDataOptions, loop: TrainingLoopOptions, on: LandscapeModelOptions.DataPart,
    sharpnessInterval: Int? = nil, measureAtStart: Bool = false
  ) throws -> LandscapeModel {
    let kind = try setup.parseModel()
    let (dataset, split) = try setup.prepare(S.self, kind: kind)
    let network = try setup.makeNetwork(kind, features: dataset.featureCount, task: dataset.task)
    let spec = try loop.optimizer.spec()
    let optimizer: any Optimizer<S>
    do { optimizer = try spec.make(S.self) } catch { throw InputError(error.description) }
    let initial: [S] = network.initialParameters(setup.initialization, seed: setup.seed)
    let trainer = Trainer(
      network: network, train: split.train, validation: split.validation, optimizer: optimizer,
      options: loop.trainingOptions(seed: setup.seed, sharpnessInterval: sharpnessInterval), initialParameters: initial)
    var history: [EpochRecord] = []
    if measureAtStart {
      history.append(
        EpochRecord(
          epoch: 0, steps: 0, trainLoss: trainer.evaluate(split.train).loss, trainAccuracy: nil, validationLoss: nil,
          validationAccuracy: nil, learningRate: Double(optimizer.learningRate), seconds: 0, sharpness: trainer.sharpness()))
    }
    let progress = ProgressReporter(total: loop.epochs * trainer.batchesPerEpoch, label: "training")
    var done = 0
    let result = trainer.run { event in
      if case .batch = event {
        done += 1
        progress.update(done)
      }
    }
    progress.finish()
    history += result.history
    let part = on == .train ? split.train : split.validation
    guard part.sampleCount > 0 else { throw InputError("--on validation needs held-out data (--validation > 0)") }
    return LandscapeModel(
      network: network, parameters: result.parameters.map { Double($0) }, initialParameters: initial.map { Double($0) },
      data: part.converted(to: Double.self), on: on, source: "trained here", checkpointPath: nil, epoch: result.epoch,
      learningRate: Double(optimizer.learningRate), optimizer: optimizer.settingsDescription, history: history,
      stop: result.stop == .completed ? nil : result.stop.rawValue)
  }
}

/// The model part of every `descent landscape` JSON object.
struct LandscapeModelSummary: Encodable {
  /// `checkpoint` or `trained here`.
  var source: String
  var checkpoint: String?
  var epoch: Int
  var model: String
  var parameterCount: Int
  var loss: String
  var l2: Double
  var data: String
  /// `train` or `validation`.
  var on: String
  var samples: Int
  var optimizer: String
  /// The objective (mean loss + L2) at the weights.
  var value: Double
  var accuracy: Double?
  /// Why training ended early (`diverged`, `earlyStopped`, `optimizerFailed`); nil when it ran
  /// all its epochs.
  var stop: String?

  var line: String {
    var s = "model \(model) (\(parameterCount) parameters, \(loss)\(l2 > 0 ? ", L2 \(formatNumber(l2))" : ""))"
    s += source == "checkpoint" ? " from \(checkpoint ?? "checkpoint") (epoch \(epoch))" : " trained here (\(epoch) epochs)"
    s += "\n\(data), \(on) part: \(samples) samples; loss \(formatNumber(value, digits: 6))"
    if let accuracy { s += ", accuracy " + String(format: "%.2f%%", accuracy * 100) }
    if stop == "diverged" { s += "\nnote: this run diverged; the weights are where it ended" }
    return s
  }
}

/// `lo:hi` → a closed range (for --range flags).
func parseRange(_ text: String, flag: String) throws -> ClosedRange<Double> {
  let parts = text.split(separator: ":", omittingEmptySubsequences: false)
  guard parts.count == 2, let lo = Double(parts[0].trimmingCharacters(in: .whitespaces)),
    let hi = Double(parts[1].trimmingCharacters(in: .whitespaces))
  else { throw ValidationError("\(flag) expects lo:hi, e.g. -1:1 (got '\(text)')") }
  guard lo.isFinite && hi.isFinite && lo < hi else {
    throw ValidationError("\(flag) needs finite lo < hi (got '\(text)')")
  }
  return lo...hi
}

