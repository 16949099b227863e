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

  @Option(help: "digits, moons, circles, blobs, spirals, linear, or a path to a CSV file.")
  var data: String = "digits"

  @Option(help: "The CSV column to predict (required for CSV files).")
  var target: String?

  @Option(help: "Task: auto, classification or regression (auto: from the dataset and model).")
  var task: TaskChoice = .auto

  @Option(help: "linear, logistic, softmax, or mlp:H1,H2,… (hidden layer sizes).")
  var model: String = "mlp:128,64"

  @Option(help: "Hidden activation: \(Activation.allCases.map(\.rawValue).joined(separator: ", ")).")
  var activation: Activation = .relu

  @Option(name: .customLong("init"), help: "Weight initialization: he, xavier, zero.")
  var initialization: Initialization = .he

  @Option(help: "L2 penalty λ on the weights: adds (λ/2)‖W‖² to the loss.")
  var l2: Double = 0

  @OptionGroup var optimizer: OptimizerOptions

  @Option(help: "Samples per update (0 = the whole training set).")
  var batchSize: Int = 64

  @Option(help: "Epochs (passes over the training set); on --resume, the total to reach.")
  var epochs: Int = 30

  @Option(help: "Stop after this many epochs without improvement of the validation loss.")
  var patience: Int?

  @Option(help: "Smallest decrease of the monitored loss that counts as an improvement.")
  var minDelta: Double = 0

  @Flag(help: "With --patience, keep the last weights instead of the best epoch's.")
  var keepLastWeights = false

  @Option(help: "Clip each batch gradient to this global L2 norm.")
  var clipNorm: Double?

  @Option(help: "Fraction of the data held out for validation.")
  var validation: Double = 0.2

  @Option(help: "Fraction of the data held out for a final test.")
  var test: Double = 0

  @Flag(help: "Use the features as they are (no standardization).")
  var noStandardize = false

  @Option(help: "Samples for synthetic datasets (default per dataset).")
  var samples: Int?

  @Option(help: "Noise for synthetic datasets (default per dataset).")
  var noise: Double?

  @Option(help: "Seed for data generation, splitting, initialization and shuffling.")
  var seed: UInt64 = 0

  @Option(help: "Arithmetic: float or double.")
  var precision: Precision = .float

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

  enum TaskChoice: String, ExpressibleByArgument, CaseIterable { case auto, classification, regression }

  func validate() throws {
    if batchSize < 0 { throw ValidationError("--batch-size must be at least 1, or 0 for the whole set (got \(batchSize))") }
    if epochs < 0 { throw ValidationError("--epochs must be non-negative (got \(epochs))") }
    if let patience, patience < 1 { throw ValidationError("--patience must be at least 1 (got \(patience))") }
    if !(minDelta >= 0 && minDelta.isFinite) { throw ValidationError("--min-delta must be a non-negative number (got \(minDelta))") }
    if let clipNorm, !(clipNorm > 0 && clipNorm.isFinite) { throw ValidationError("--clip-norm must be a positive number (got \(clipNorm))") }
    if !(l2 >= 0 && l2.isFinite) { throw ValidationError("--l2 must be a non-negative number (got \(l2))") }
    if !(validation >= 0 && validation < 1) { throw ValidationError("--validation must be in [0, 1) (got \(validation))") }
    if !(test >= 0 && test < 1) || validation + test >= 1 {
      throw ValidationError("--test must be in [0, 1) and --validation + --test below 1 (got \(test))")
    }
    if resume && checkpoint == nil { throw ValidationError("--resume needs --checkpoint DIR") }
    if format == .csv { throw ValidationError("--format must be table or json for train") }
    _ = try parseModel()
  }

  enum ModelKind: Equatable { case linear, logistic, softmax, mlp([Int]) }

  func parseModel() throws -> ModelKind {
    let m = model.lowercased()
    switch m {
    case "linear": return .linear
    case "logistic": return .logistic
    case "softmax": return .softmax
    case "mlp": throw ValidationError("--model mlp needs hidden sizes, e.g. mlp:128,64")
    default:
      guard m.hasPrefix("mlp:") else {
        let suggestion = Suggest.closest(to: m, in: ["linear", "logistic", "softmax", "mlp"])
        throw ValidationError(
          "unknown model '\(model)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
            + " (choices: linear, logistic, softmax, mlp:H1,H2,…)")
      }
      let parts = m.dropFirst(4).split(separator: ",", omittingEmptySubsequences: false)
      var sizes: [Int] = []
      for (i, p) in parts.enumerated() {
        guard let h = Int(p.trimmingCharacters(in: .whitespaces)), h >= 1, h <= 1_000_000 else {
          throw ValidationError("--model \(model): hidden size \(i + 1) ('\(p)') must be a positive integer")
        }
        sizes.append(h)
      }
      return .mlp(sizes)
    }
  }

  func run() throws {
    switch precision {
    case .float: try execute(Float.self)
    case .double: try execute(Double.self)
    }
  }

  // MARK: - Data

  func loadData<S: DescentScalar>(_: S.Type, kind: ModelKind) throws -> Dataset<S> {
    var dataset: Dataset<S>
    let isFile = data.contains("/") || data.lowercased().hasSuffix(".csv")
    do {
      if isFile {
        guard let target else { throw InputError("--data \(data) is a CSV file: name the column to predict with --target") }
        dataset = try Dataset<S>.csv(contentsOf: URL(fileURLWithPath: data), target: target)
      } else {
        if target != nil { throw InputError("--target applies to CSV files; '\(data)' is built in") }
        dataset = try Datasets.named(data, samples: samples, noise: noise, seed: seed)
      }
    } catch let e as DataError {
      throw InputError(e.description)
    }
    let wantsClassification: Bool
    switch task {
    case .classification: wantsClassification = true
    case .regression: wantsClassification = false
    case .auto:
      switch kind {
      case .linear: wantsClassification = false
      case .logistic, .softmax: wantsClassification = true
      case .mlp: wantsClassification = dataset.task.classCount != nil || (isFile && looksLikeLabels(dataset.targets))
      }
    }
    if wantsClassification {
      do { dataset = try dataset.asClassification() } catch { throw InputError(error.description) }
    } else if dataset.task.classCount != nil {
      dataset.task = .regression
      dataset.classNames = []
    }
    return dataset
  }

  /// Integers with few distinct values read as class labels.
  func looksLikeLabels<S: DescentScalar>(_ targets: [S]) -> Bool {
    targets.allSatisfy { $0.rounded() == $0 } && Set(targets.map { Double($0) }).count <= 100
  }

  func makeNetwork(_ kind: ModelKind, features: Int, task: Task) throws -> Network {
    switch kind {
    case .linear:
      guard task == .regression else { throw InputError("--model linear is regression; use --task regression or a logistic/softmax model") }
      return .linearRegression(features: features, l2: l2)
    case .logistic:
      guard task.classCount == 2 else {
        throw InputError("--model logistic needs two classes; the data has \(task.classCount ?? 0) (use --model softmax)")
      }
      return .logisticRegression(features: features, l2: l2)
    case .softmax:
      guard let k = task.classCount else { throw InputError("--model softmax needs class labels") }
      return .softmaxRegression(features: features, classes: k, l2: l2)
    case .mlp(let hidden):
      if let k = task.classCount {
        // Two classes too get two logits and cross-entropy, as PyTorch classifiers do.
        return .mlp(features: features, hidden: hidden, outputs: k, activation: activation, loss: .crossEntropy, l2: l2)
      }
      return .mlp(features: features, hidden: hidden, outputs: 1, activation: activation, loss: .meanSquaredError, l2: l2)
    }
  }

  // MARK: - Run

  /// The settings a resumed run must share with the checkpoint.
  func configuration(network: Network) -> [String: String] {
    [
      "data": data, "target": target ?? "", "task": task.rawValue, "model": network.shapeDescription,
      "activation": activation.rawValue, "init": initialization.rawValue, "seed": String(seed),
      "validation": String(validation), "test": String(test), "standardize": String(!noStandardize),
      "samples": samples.map(String.init) ?? "", "noise": noise.map { String($0) } ?? "",
    ]
  }

  private func execute<S: DescentScalar>(_: S.Type) throws {
    let kind = try parseModel()
    let dataset = try loadData(S.self, kind: kind)
    var split: DataSplit<S>
    do { split = try dataset.split(validation: validation, test: test, seed: seed) } catch { throw InputError(error.description) }
    if !noStandardize { split = split.standardized().split }
    let network = try makeNetwork(kind, features: dataset.featureCount, task: dataset.task)
    let spec = try optimizer.spec()
    let fresh: any Optimizer<S>
    do { fresh = try spec.make(S.self) } catch { throw InputError(error.description) }
    let options = TrainingOptions(
      epochs: epochs, batchSize: batchSize == 0 ? nil : batchSize, shuffle: true, seed: seed,
      gradientClipNorm: clipNorm, patience: patience, minDelta: minDelta, restoreBestWeights: !keepLastWeights)
    let config = configuration(network: network)
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
      let initial: [S] = network.initialParameters(initialization, seed: seed)
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
    let totalBatches = max(0, epochs - trainer.state.epoch) * trainer.batchesPerEpoch
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
        title: "\(dataset.name): \(network.shapeDescription), \(optimizer.optimizer)")
      do { try chart.svg().write(toFile: plot, atomically: true, encoding: .utf8) } catch {
        throw InputError("--plot: cannot write '\(plot)': \(error.localizedDescription)")
      }
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
    if savedOptions != options {
      throw InputError(
        CheckpointError.mismatch(setting: "training options", saved: "\(saved.options)", now: "\(options)").description)
    }
  }

  func epochHeader(classification: Bool) -> String {
    classification
      ? "epoch  train loss  train acc  val loss  val acc        lr     ms"
      : "epoch  train loss   val loss        lr     ms"
  }

  func epochLine(_ r: EpochRecord, classification: Bool) -> String {
    func col(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
    let lr = formatNumber(r.learningRate, digits: 3)
    let ms = String(format: "%.1f", r.seconds * 1e3)
    if classification {
      return col(String(r.epoch), 5) + col(formatNumber(r.trainLoss, digits: 5), 12)
        + col(r.trainAccuracy.map(percent) ?? "-", 11) + col(r.validationLoss.map { formatNumber($0, digits: 5) } ?? "-", 10)
        + col(r.validationAccuracy.map(percent) ?? "-", 9) + col(lr, 10) + col(ms, 7)
    }
    return col(String(r.epoch), 5) + col(formatNumber(r.trainLoss, digits: 5), 12)
      + col(r.validationLoss.map { formatNumber($0, digits: 5) } ?? "-", 11) + col(lr, 10) + col(ms, 7)
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
