import DescentCore
import DescentOptimizers
import Foundation
import Testing

@testable import DescentLearning

@Suite struct TrainingTests {
  @Test func linearRegressionByGradientDescentReachesTheNormalEquation() throws {
    let (data, _, _): (Dataset<Double>, [Double], Double) = try Datasets.linear(samples: 200, features: 3, noise: 0.3, seed: 7)
    let network = Network.linearRegression(features: 3)
    let exact = try NormalEquation.solve(data)
    let trainer = Trainer(
      network: network, train: data, optimizer: GradientDescent<Double>(learningRate: 0.2),
      options: TrainingOptions(epochs: 400, batchSize: nil, shuffle: false),
      initialParameters: network.initialParameters(.zero, seed: 0))
    let result = trainer.run()
    let error = VectorMath.distance(result.parameters, exact) / VectorMath.norm(exact)
    #expect(error <= 1e-8, "relative distance to the normal-equation solution: \(error)")
    #expect(trainer.batchesPerEpoch == 1)
  }

  @Test func ridgeNormalEquationMatchesGradientDescentWithL2() throws {
    let data: Dataset<Double> = try Datasets.linear(samples: 100, features: 2, noise: 0.5, seed: 3).dataset
    let network = Network.linearRegression(features: 2, l2: 0.4)
    let exact = try NormalEquation.solve(data, l2: 0.4)
    let f = NetworkObjective(network: network, data: data)
    let g = f.gradient(at: exact)
    #expect(VectorMath.norm(g) < 1e-12, "gradient at the ridge solution: \(g)")
    let collinear = Dataset<Double>(name: "c", features: [1, 2, 2, 4, 3, 6], targets: [1, 2, 3], featureCount: 2, task: .regression)
    #expect(throws: DataError.self) { try NormalEquation.solve(collinear) }
  }

  @Test func logisticRegressionSeparatesBlobsPerfectly() throws {
    let data: Dataset<Double> = try Datasets.blobs(samples: 200, classes: 2, noise: 1.0, seed: 11)
    let network = Network.logisticRegression(features: 2)
    let trainer = Trainer(
      network: network, train: data, optimizer: GradientDescent<Double>(learningRate: 0.1),
      options: TrainingOptions(epochs: 100, batchSize: 20, seed: 1), initialParameters: network.initialParameters(.zero, seed: 0))
    let result = trainer.run()
    let (_, accuracy) = trainer.evaluate(data, parameters: result.parameters)
    #expect(accuracy == 1, "training accuracy \(accuracy)")
  }

  @Test func tanhMLP221LearnsXOR() throws {
    let xor = Dataset<Double>(
      name: "xor", features: [0, 0, 0, 1, 1, 0, 1, 1], targets: [0, 1, 1, 0], featureCount: 2,
      task: .classification(classCount: 2))
    let network = Network(layerSizes: [2, 2, 1], activation: .tanh, loss: .binaryCrossEntropy)
    let trainer = Trainer(
      network: network, train: xor, optimizer: GradientDescent<Double>(learningRate: 1.0),
      options: TrainingOptions(epochs: 2000, batchSize: nil, shuffle: false),
      initialParameters: network.initialParameters(.xavier, seed: 2))
    let result = trainer.run()
    let (loss, accuracy) = trainer.evaluate(xor, parameters: result.parameters)
    #expect(accuracy == 1 && loss < 0.01, "XOR: loss \(loss), accuracy \(accuracy)")
    // Two tanh units have a poor local minimum (two of four points right, loss ≈ 0.347);
    // about half of random starts land there, the rest learn XOR.
    var learned = 0
    for seed in UInt64(3)..<9 {
      let t = Trainer(
        network: network, train: xor, optimizer: GradientDescent<Double>(learningRate: 1.0),
        options: TrainingOptions(epochs: 2000, batchSize: nil, shuffle: false),
        initialParameters: network.initialParameters(.xavier, seed: seed))
      if t.evaluate(xor, parameters: t.run().parameters).accuracy == 1 { learned += 1 }
    }
    #expect(learned >= 2, "only \(learned) of 6 starts learned XOR")
  }

  func digitsTrainer(epochs: Int, optimizer: any Optimizer<Float>) throws -> Trainer<Float> {
    let data: Dataset<Float> = try Datasets.digits()
    let split = try data.split(validation: 0.2, seed: 0).standardized().split
    let network = Network.mlp(features: 64, hidden: [32], outputs: 10)
    return Trainer(
      network: network, train: split.train, validation: split.validation, optimizer: optimizer,
      options: TrainingOptions(epochs: epochs, batchSize: 64, seed: 3), initialParameters: network.initialParameters(.he, seed: 0))
  }

  @Test func checkpointRoundTripResumesBitIdentically() throws {
    let straight = try digitsTrainer(epochs: 4, optimizer: GradientDescent<Float>(learningRate: 0.05))
    let expected = straight.run()

    let first = try digitsTrainer(epochs: 2, optimizer: GradientDescent<Float>(learningRate: 0.05))
    first.run()
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("descent-ckpt-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: url) }
    try first.checkpoint(optimizerSpec: OptimizerSpec(name: "gd", learningRate: 0.05)).write(to: url)
    let saved = try Checkpoint<Float>.read(from: url)
    let optimizer = try saved.restoredOptimizer(like: GradientDescent<Float>())
    #expect(optimizer.learningRate == 0.05)
    let data: Dataset<Float> = try Datasets.digits()
    let split = try data.split(validation: 0.2, seed: 0).standardized().split
    var options = saved.options
    options.epochs = 4
    let resumed = Trainer(
      network: saved.network, train: split.train, validation: split.validation, optimizer: optimizer, options: options,
      resuming: saved.state)
    let result = resumed.run()
    let identical = result.parameters.map(\.bitPattern) == expected.parameters.map(\.bitPattern)
    #expect(identical, "resumed weights differ from the uninterrupted run's")
    #expect(result.history.map(\.trainLoss) == expected.history.map(\.trainLoss))
    #expect(resumed.state.step == 4 * 23)
  }

  @Test func earlyStoppingRestoresTheBestWeights() throws {
    let data: Dataset<Double> = try Datasets.moons(samples: 100, seed: 2)
    let split = try data.split(validation: 0.3, seed: 0)
    let network = Network.mlp(features: 2, hidden: [4], outputs: 2)
    // min-delta so large that no epoch after the first counts as an improvement.
    let trainer = Trainer(
      network: network, train: split.train, validation: split.validation,
      optimizer: GradientDescent<Double>(learningRate: 0.1),
      options: TrainingOptions(epochs: 50, batchSize: 10, patience: 3, minDelta: 1e9),
      initialParameters: network.initialParameters(.he, seed: 1))
    var afterFirst: [Double] = []
    let result = trainer.run { event in
      if case .epoch(let r) = event, r.epoch == 1 { afterFirst = trainer.state.parameters }
    }
    #expect(result.stop == .earlyStopped && trainer.state.epoch == 4 && result.epoch == 1)
    #expect(result.parameters == afterFirst && trainer.state.parameters != afterFirst)
  }

  @Test func batchSizeOneIsSGDAndReportsEveryEpoch() throws {
    let data: Dataset<Double> = try Datasets.blobs(samples: 30, classes: 3, seed: 0)
    let network = Network.softmaxRegression(features: 2, classes: 3)
    let trainer = Trainer(
      network: network, train: data, optimizer: GradientDescent<Double>(learningRate: 0.01),
      options: TrainingOptions(epochs: 2, batchSize: 1), initialParameters: network.initialParameters(.xavier, seed: 0))
    var batches = 0
    let result = trainer.run { if case .batch = $0 { batches += 1 } }
    #expect(batches == 60 && trainer.state.step == 60 && result.history.count == 2)
    #expect(result.history.allSatisfy { $0.trainAccuracy != nil && $0.validationLoss == nil })
  }

  @Test func divergenceStopsTraining() throws {
    let data: Dataset<Double> = try Datasets.linear(samples: 50, seed: 0).dataset
    let network = Network.linearRegression(features: 3)
    let trainer = Trainer(
      network: network, train: data, optimizer: GradientDescent<Double>(learningRate: 50),
      options: TrainingOptions(epochs: 1000, batchSize: nil), initialParameters: network.initialParameters(.zero, seed: 0))
    let result = trainer.run()
    #expect(result.stop == .diverged && trainer.state.epoch < 1000)
  }

  @Test func clippingScalesToTheMaximumNorm() {
    var g: [Double] = [3, 4]
    let norm = g.withUnsafeMutableBufferPointer { clipByGlobalNorm($0, maxNorm: 1) }
    #expect(norm == 5)
    #expect(close(g[0], 3 / (5 + 1e-6), rel: 1e-15) && close(g[1], 4 / (5 + 1e-6), rel: 1e-15))
    var small: [Double] = [0.3, 0.4]
    _ = small.withUnsafeMutableBufferPointer { clipByGlobalNorm($0, maxNorm: 1) }
    #expect(small == [0.3, 0.4])
  }

  @Test func logIsWrittenLineByLine() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("descent-log-\(UUID().uuidString).jsonl")
    defer { try? FileManager.default.removeItem(at: url) }
    let trainer = try digitsTrainer(epochs: 2, optimizer: GradientDescent<Float>(learningRate: 0.05))
    let log = try TrainingLog(url: url)
    var linesSeen: [Int] = []
    trainer.run { event in
      if case .epoch(let r) = event {
        try? log.append(r)
        // Already on disk before the next epoch starts.
        linesSeen.append(try! String(contentsOf: url, encoding: .utf8).split(separator: "\n").count)
      }
    }
    #expect(linesSeen == [1, 2])
    let first = try JSONDecoder().decode(EpochRecord.self, from: Data(String(contentsOf: url, encoding: .utf8).split(separator: "\n")[0].utf8))
    #expect(first == trainer.state.history[0])
  }

  @Test func tinyDigitsMLPLearnsWithGradientDescent() throws {
    // A smoke test of the whole path at Float: a 64-32-10 MLP with plain GD passes 90%.
    let trainer = try digitsTrainer(epochs: 8, optimizer: GradientDescent<Float>(learningRate: 0.1))
    let result = trainer.run()
    #expect((result.history.last?.validationAccuracy ?? 0) > 0.9)
  }
}
