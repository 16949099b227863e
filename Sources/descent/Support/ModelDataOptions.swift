import ArgumentParser
import Descent
import Foundation

/// The data and model flags shared by `descent train` and `descent landscape` (which
/// trains on the spot when it gets no checkpoint): which dataset, how it is split and
/// standardized, which network.
struct ModelDataOptions: ParsableArguments {
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

  enum TaskChoice: String, ExpressibleByArgument, CaseIterable { case auto, classification, regression }

  func validate() throws {
    if !(l2 >= 0 && l2.isFinite) { throw ValidationError("--l2 must be a non-negative number (got \(l2))") }
    if !(validation >= 0 && validation < 1) { throw ValidationError("--validation must be in [0, 1) (got \(validation))") }
    if !(test >= 0 && test < 1) || validation + test >= 1 {
      throw ValidationError("--test must be in [0, 1) and --validation + --test below 1 (got \(test))")
    }
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

  /// The dataset, split at random (seeded) and standardized with the training part's
  /// statistics unless `--no-standardize`: exactly what training sees.
  func prepare<S: DescentScalar>(_: S.Type, kind: ModelKind) throws -> (dataset: Dataset<S>, split: DataSplit<S>) {
    let dataset = try loadData(S.self, kind: kind)
    var split: DataSplit<S>
    do { split = try dataset.split(validation: validation, test: test, seed: seed) } catch { throw InputError(error.description) }
    if !noStandardize { split = split.standardized().split }
    return (dataset, split)
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

  /// The settings a checkpoint records (and a resumed run must share).
  func configuration(network: Network) -> [String: String] {
    [
      "data": data, "target": target ?? "", "task": task.rawValue, "model": network.shapeDescription,
      "activation": activation.rawValue, "init": initialization.rawValue, "seed": String(seed),
      "validation": String(validation), "test": String(test), "standardize": String(!noStandardize),
      "samples": samples.map(String.init) ?? "", "noise": noise.map { String($0) } ?? "",
    ]
  }

  /// The options a checkpoint's configuration was made with (the inverse of
  /// ``configuration(network:)``; the model comes from the checkpoint's network).
  static func from(configuration c: [String: String], network: Network) throws -> ModelDataOptions {
    var arguments: [String] = []
    func add(_ flag: String, _ key: String) {
      if let value = c[key], !value.isEmpty { arguments += [flag, value] }
    }
    add("--data", "data")
    add("--target", "target")
    add("--task", "task")
    add("--activation", "activation")
    add("--init", "init")
    add("--seed", "seed")
    add("--validation", "validation")
    add("--test", "test")
    add("--samples", "samples")
    add("--noise", "noise")
    if c["standardize"] == "false" { arguments.append("--no-standardize") }
    arguments += ["--model", modelArgument(for: network), "--l2", String(network.l2)]
    do {
      return try ModelDataOptions.parse(arguments)
    } catch {
      throw InputError("the checkpoint's settings cannot be read back (\(arguments.joined(separator: " "))): \(error)")
    }
  }

  /// `--model` text that rebuilds `network`'s kind.
  static func modelArgument(for network: Network) -> String {
    if network.layers.count == 1 {
      switch network.loss {
      case .meanSquaredError: return "linear"
      case .binaryCrossEntropy: return "logistic"
      case .crossEntropy: return "softmax"
      }
    }
    return "mlp:" + network.layerSizes.dropFirst().dropLast().map(String.init).joined(separator: ",")
  }
}

/// The training-loop flags shared by `descent train` and `descent landscape`.
struct TrainingLoopOptions: ParsableArguments {
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

  @Option(help: "Arithmetic of training: float or double.")
  var precision: Precision = .float

  func validate() throws {
    if batchSize < 0 { throw ValidationError("--batch-size must be at least 1, or 0 for the whole set (got \(batchSize))") }
    if epochs < 0 { throw ValidationError("--epochs must be non-negative (got \(epochs))") }
    if let patience, patience < 1 { throw ValidationError("--patience must be at least 1 (got \(patience))") }
    if !(minDelta >= 0 && minDelta.isFinite) { throw ValidationError("--min-delta must be a non-negative number (got \(minDelta))") }
    if let clipNorm, !(clipNorm > 0 && clipNorm.isFinite) { throw ValidationError("--clip-norm must be a positive number (got \(clipNorm))") }
  }

  func trainingOptions(seed: UInt64, sharpnessInterval: Int? = nil) -> TrainingOptions {
    TrainingOptions(
      epochs: epochs, batchSize: batchSize == 0 ? nil : batchSize, shuffle: true, seed: seed,
      gradientClipNorm: clipNorm, patience: patience, minDelta: minDelta, restoreBestWeights: !keepLastWeights,
      sharpnessInterval: sharpnessInterval)
  }
}
