import ArgumentParser
import Descent
import Foundation

/// `descent train`: trains a model on a dataset with any optimizer.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a model (linear, logistic, softmax regression or an MLP) on a dataset.",
    discussion: """
      --data is a built-in dataset (digits: the UCI handwritten digits, 1,797 8×8 images;
      moons, circles, blobs, spirals: synthetic classification; linear: synthetic
      regression) or a CSV file with a header row and numeric cells, whose --target column
      is predicted from the others.

      The data is split at random (--validation, --test fractions; stratified by class for
      classification) and standardized with the training part's mean and deviation. Each
      epoch shuffles the training samples and takes one update per --batch-size samples
      (1 = SGD, 0 = the whole set = batch gradient descent).

      Each epoch prints a line (table) or, with --log, appends a JSON object to the log
      file as soon as it ends. --checkpoint DIR saves DIR/checkpoint.json after every
      epoch; --resume continues from it bit for bit (same settings; --epochs may grow).
      Example: descent train --data digits --model mlp:128,64 --optimizer adam --lr 1e-3
      """)

  @OptionGroup var setup: ModelDataOptions

  @OptionGroup var loop: TrainingLoopOptions

  @Option(help: "Measure the sharpness λmax of the training loss every K epochs (compare with 2/η).")
  var sharpnessEvery: Int?

  @Option(help: "Directory for checkpoint.json, written after every epoch.")
  var checkpoint: String?

  @Flag(help: "Continue from the checkpoint in --checkpoint.")
  var resume = false

  @Option(help: "Write one JSON line per epoch to this file as training goes.")
  var log: String?

  @Option(help: "Output format: table or json.")
  var format: OutputFormat = .table

  @Option(help: "Write an SVG chart to this file: training and validation loss per epoch (log axis).")
  var plot: String?

  func validate() throws {
    if resume && checkpoint == nil { throw ValidationError("--resume needs --checkpoint DIR") }
    if format == .csv { throw ValidationError("--format must be table or json for train") }
    if let sharpnessEvery, sharpnessEvery < 1 {
      throw ValidationError("--sharpness-every must be at least 1 (got \(sharpnessEvery))")
    }
  }

  func run() throws {
    switch loop.precision {
    case .float: try execute(Float.self)
    case .double: try execute(Double.self)
    }
  }

  // MARK: - Run

  private func execute<S: DescentScalar>(_: S.Type) throws {
    let kind = try setup.parseModel()
    let (dataset, split) = try setup.prepare(S.self, kind: kind)
    let network = try setup.makeNetwork(kind, features: dataset.featureCount, task: dataset.task)
    let spec = try loop.optimizer.spec()
    let fresh: any Optimizer<S>
    do { fresh = try spec.make(S.self) } catch { throw InputError(error.description) }
    let options = loop.trainingOptions(seed: setup.seed, sharpnessInterval: sharpnessEvery)
    let config = setup.configuration(network: network)
    let checkpointURL = checkpoint.map { URL(fileURLWithPath: $0).appendingPathComponent("checkpoint.json") }

    let trainer: Trainer<S>
    if resume, let checkpointURL {
      let saved: Checkpoint<S>
      do { saved = try Checkpoint<S>.read(from: checkpointURL) } catch { throw InputError(error.description) }
      try checkCompatible(saved, config: config, spec: spec, options: options)
      let restored: any Optimizer<S>
      do { restored = try saved.restoredOptimizer(like: fresh) } catch { throw InputError(error.description) }
      trainer = Trainer(
        network: network, train: split.train, validation: split.validation, optimizer: restored, options: options,
        resuming: saved.state)
    } else {
      if let checkpoint {
        try FileManager.default.createDirectory(atPath: checkpoint, withIntermediateDirectories: true)
      }
      let initial: [S] = network.initialParameters(setup.initialization, seed: setup.seed)
      trainer = Trainer(
        network: network, train: split.train, validation: split.validation, optimizer: fresh, options: options,
        initialParameters: initial)
    }

    let logFile = try log.map { try TrainingLog(url: URL(fileURLWithPath: $0), history: trainer.state.history) }
    let classification = network.loss.isClassification
    if format == .table {
      print(
        "\(dataset.name): \(dataset.sampleCount) samples, \(dataset.featureCount) features"
          + (dataset.task.classCount.map { ", \($0) classes" } ?? ", regression")
          + "; train \(split.train.sampleCount), validation \(split.validation.sampleCount)"
          + (split.test.sampleCount > 0 ? ", test \(split.test.sampleCount)" : ""))
      print(
        "model \(network.shapeDescription) (\(network.parameterCount) parameters, \(network.loss.rawValue)), "
          + "\(fresh.settingsDescription), batch \(trainer.batchSize), \(trainer.batchesPerEpoch) updates/epoch"
          + (trainer.state.epoch > 0 ? "; resuming after epoch \(trainer.state.epoch)" : ""))
      print(epochHeader(classification: classification))
    }
    let totalBatches = max(0, loop.epochs - trainer.state.epoch) * trainer.batchesPerEpoch
    let progress = ProgressReporter(total: totalBatches, label: "training")
    var done = 0
    let started = Date()
    let result = try trainer.run { event in
      switch event {
      case .batch(let epoch, _, _, let loss):
        done += 1
        progress.update(done, detail: "epoch \(epoch) loss \(formatNumber(loss, digits: 4))")
      case .epoch(let record):
        try logFile?.append(record)
        if let checkpointURL {
          try trainer.checkpoint(optimizerSpec: spec, configuration: config).write(to: checkpointURL)
        }
        if format == .table {
          progress.finish()
          print(epochLine(record, classification: classification))
        }
      }
    }
    progress.finish()
    let seconds = Date().timeIntervalSince(started)
    let final = result.parameters
    let trainEval = trainer.evaluate(split.train, parameters: final)
    let validationEval = split.validation.sampleCount > 0 ? trainer.evaluate(split.validation, parameters: final) : nil
    let testEval = split.test.sampleCount > 0 ? trainer.evaluate(split.test, parameters: final) : nil
    if let plot {
      let epochs = result.history.map { Double($0.epoch) }
      var series = [Series("training loss", x: epochs, y: result.history.map(\.trainLoss), style: .lineAndMarkers)]
      if result.history.contains(where: { $0.validationLoss != nil }) {
        series.append(Series(
          "validation loss", x: epochs, y: result.history.map { $0.validationLoss ?? .nan }, style: .lineAndMarkers))
      }
      let positive = series.allSatisfy { $0.points.allSatisfy { !$0.y.isFinite || $0.y > 0 } }
      let chart = LineChart(
        series: series, xAxis: Axis("epoch"), yAxis: Axis("loss", scale: positive ? .log : .linear),
        title: "\(dataset.name): \(network.shapeDescription), \(loop.optimizer.optimizer)")
      try writeSVG(chart.svg(), to: plot)
    }
    let times = result.history.map(\.seconds).sorted()
    let medianEpoch = times.isEmpty ? 0 : times[times.count / 2]

    switch format {
    case .json:
      let output = TrainOutput(
        data: dataset.name, samples: dataset.sampleCount, features: dataset.featureCount,
        classes: dataset.task.classCount, model: network.shapeDescription, loss: network.loss.rawValue,
        parameterCount: network.parameterCount, optimizer: fresh.settingsDescription, batchSize: trainer.batchSize,
        history: result.history,
        result: .init(
          stop: result.stop.rawValue, epochs: trainer.state.epoch, weightsFromEpoch: result.epoch,
          steps: trainer.state.step, trainLoss: trainEval.loss, trainAccuracy: classification ? trainEval.accuracy : nil,
          validationLoss: validationEval?.loss, validationAccuracy: classification ? validationEval?.accuracy : nil,
          testLoss: testEval?.loss, testAccuracy: classification ? testEval?.accuracy : nil,
          medianEpochSeconds: medianEpoch, seconds: seconds))
      print(try jsonString(output))
    default:
      var summary = "stopped: \(result.stop.rawValue) after \(trainer.state.epoch) epochs (\(trainer.state.step) updates)"
      if result.epoch != trainer.state.epoch { summary += "; weights from epoch \(result.epoch)" }
      print(summary)
      var line = "final: train loss \(formatNumber(trainEval.loss, digits: 5))"
      if classification { line += ", accuracy \(percent(trainEval.accuracy))" }
      if let v = validationEval {
        line += "; validation loss \(formatNumber(v.loss, digits: 5))"
        if classification { line += ", accuracy \(percent(v.accuracy))" }
      }
      if let t = testEval {
        line += "; test loss \(formatNumber(t.loss, digits: 5))"
        if classification { line += ", accuracy \(percent(t.accuracy))" }
      }
      print(line)
      print("median epoch \(formatNumber(medianEpoch * 1e3, digits: 3)) ms, total \(formatNumber(seconds, digits: 3)) s")
    }
  }

  func checkCompatible<S>(_ saved: Checkpoint<S>, config: [String: String], spec: OptimizerSpec, options: TrainingOptions) throws {
    for key in config.keys.sorted() where saved.configuration[key] != config[key] {
      throw InputError(
        CheckpointError.mismatch(setting: key, saved: saved.configuration[key] ?? "(none)", now: config[key] ?? "(none)").description)
    }
    if let savedSpec = saved.optimizer, savedSpec != spec {
      throw InputError(CheckpointError.mismatch(setting: "optimizer", saved: "\(savedSpec)", now: "\(spec)").description)
    }
    var savedOptions = saved.options
    savedOptions.epochs = options.epochs
    savedOptions.sharpnessInterval = options.sharpnessInterval  // measuring never changes the weights
    if savedOptions != options {
      throw InputError(
        CheckpointError.mismatch(setting: "training options", saved: "\(saved.options)", now: "\(options)").description)
    }
  }

  func epochHeader(classification: Bool) -> String {
    (classification
      ? "epoch  train loss  train acc  val loss  val acc        lr     ms"
      : "epoch  train loss   val loss        lr     ms") + (sharpnessEvery == nil ? "" : "      λmax       2/η")
  }

  func epochLine(_ r: EpochRecord, classification: Bool) -> String {
    func col(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
    let lr = formatNumber(r.learningRate, digits: 3)
    let ms = String(format: "%.1f", r.seconds * 1e3)
    let sharpness =
      sharpnessEvery == nil
      ? "" : col(r.sharpness.map { formatNumber($0, digits: 4) } ?? "-", 10) + col(formatNumber(2 / r.learningRate, digits: 4), 10)
    if classification {
      return col(String(r.epoch), 5) + col(formatNumber(r.trainLoss, digits: 5), 12)
        + col(r.trainAccuracy.map(percent) ?? "-", 11) + col(r.validationLoss.map { formatNumber($0, digits: 5) } ?? "-", 10)
        + col(r.validationAccuracy.map(percent) ?? "-", 9) + col(lr, 10) + col(ms, 7) + sharpness
    }
    return col(String(r.epoch), 5) + col(formatNumber(r.trainLoss, digits: 5), 12)
      + col(r.validationLoss.map { formatNumber($0, digits: 5) } ?? "-", 11) + col(lr, 10) + col(ms, 7) + sharpness
  }

  func percent(_ x: Double) -> String { String(format: "%.2f%%", x * 100) }
}

extension Activation: ExpressibleByArgument {}
extension Initialization: ExpressibleByArgument {}

struct TrainOutput: Encodable {
  var data: String
  var samples: Int
  var features: Int
  var classes: Int?
  var model: String
  var loss: String
  var parameterCount: Int
  var optimizer: String
  var batchSize: Int
  var history: [EpochRecord]
  var result: Result

  struct Result: Encodable {
    var stop: String
    var epochs: Int
    var weightsFromEpoch: Int
    var steps: Int
    var trainLoss: Double
    var trainAccuracy: Double?
    var validationLoss: Double?
    var validationAccuracy: Double?
    var testLoss: Double?
    var testAccuracy: Double?
    var medianEpochSeconds: Double
    var seconds: Double
  }
}
