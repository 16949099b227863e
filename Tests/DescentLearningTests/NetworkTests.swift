import DescentCore
import Foundation
import Testing

@testable import DescentLearning

@Suite struct NetworkTests {
  struct GoldenCase: Decodable {
    var loss: Loss
    var activation: Activation
    var layerSizes: [Int]
    var l2: Double
    var inputs: [Double]
    var targets: [Double]
    var parameters: [Double]
    var value: Double
    var gradient: [Double]
  }
  struct Golden: Decodable { var cases: [GoldenCase] }

  static let golden: [GoldenCase] = {
    let data = try! Data(contentsOf: fixture("network_golden.json"))
    return try! JSONDecoder().decode(Golden.self, from: data).cases
  }()

  func objective(_ c: GoldenCase) -> NetworkObjective<Double> {
    let network = Network(layerSizes: c.layerSizes, activation: c.activation, loss: c.loss, l2: c.l2)
    let task: Task = c.loss == .meanSquaredError ? .regression : .classification(classCount: max(c.layerSizes.last!, 2))
    let data = Dataset(
      name: "golden", features: c.inputs, targets: c.targets, featureCount: c.layerSizes[0], task: task)
    return NetworkObjective(network: network, data: data, workspaceCapacity: 3)  // 3 < 7 samples: exercises chunking
  }

  @Test(arguments: 0..<12)
  func lossAndGradientMatchPyTorch(index: Int) {
    let c = Self.golden[index]
    let f = objective(c)
    var g = [Double]()
    let v = f.value(at: c.parameters, gradient: &g)
    #expect(close(v, c.value, rel: 1e-12), "\(c.loss)/\(c.activation): \(v) vs torch \(c.value)")
    for i in g.indices {
      #expect(close(g[i], c.gradient[i], rel: 1e-10, abs: 1e-13), "\(c.loss)/\(c.activation) ∂θ\(i): \(g[i]) vs \(c.gradient[i])")
    }
    #expect(close(f.value(at: c.parameters), c.value, rel: 1e-12))
  }

  @Test(arguments: 0..<12)
  func gradientMatchesFiniteDifferences(index: Int) {
    let c = Self.golden[index]
    let check = objective(c).checkGradient(at: c.parameters, tolerance: 1e-7)
    #expect(check.passed, "\(c.loss)/\(c.activation): max relative error \(check.maxRelativeError)")
  }

  @Test func floatGradientMatchesDouble() {
    for c in Self.golden {
      let fd = objective(c)
      let ff = NetworkObjective(network: fd.network, data: fd.data.converted(to: Float.self))
      var gd = [Double]()
      var gf = [Float]()
      let vd = fd.value(at: c.parameters, gradient: &gd)
      let vf = ff.value(at: c.parameters.map { Float($0) }, gradient: &gf)
      #expect(close(Double(vf), vd, rel: 1e-5))
      let scale = gd.map(abs).max()!
      for i in gd.indices { #expect(abs(Double(gf[i]) - gd[i]) <= 1e-5 * scale) }
    }
  }

  @Test func crossEntropyIsFiniteForHugeLogits() {
    // Logits of ±1e4 overflow exp() in a naive softmax; log-sum-exp keeps the loss exact.
    let network = Network.softmaxRegression(features: 1, classes: 3)
    let data = Dataset<Double>(name: "big", features: [1], targets: [2], featureCount: 1, task: .classification(classCount: 3))
    let f = NetworkObjective(network: network, data: data)
    // W = [1e4, -1e4, 0], b = 0 → logits (1e4, −1e4, 0): loss = logsumexp − z₂ = 1e4 (to 1 ulp).
    var g = [Double]()
    let v = f.value(at: [1e4, -1e4, 0, 0, 0, 0], gradient: &g)
    #expect(close(v, 1e4, rel: 1e-15))
    #expect(g.allSatisfy { $0.isFinite })
    let bce = NetworkObjective(network: .logisticRegression(features: 1), data: Dataset<Double>(name: "b", features: [1], targets: [0], featureCount: 1, task: .classification(classCount: 2)))
    #expect(close(bce.value(at: [800, 0]), 800, rel: 1e-15))
  }

  @Test func parameterLayoutIsFlatWithPerLayerViews() {
    let net = Network.mlp(features: 64, hidden: [128, 64], outputs: 10)
    #expect(net.parameterCount == 64 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10)
    #expect(net.layers[1].weightOffset == 64 * 128 + 128)
    var p = [Float](repeating: 0, count: net.parameterCount)
    p.withUnsafeMutableBufferPointer { buf in
      net.bias(of: 2, in: buf)[9] = 7
      net.weights(of: 0, in: buf)[0] = 3
    }
    #expect(p.last == 7 && p[0] == 3)
    #expect(net.isWeight(0) && !net.isWeight(64 * 128) && net.isWeight(64 * 128 + 128))
  }

  @Test func heAndXavierHaveTheirVariance() {
    let net = Network.mlp(features: 400, hidden: [300], outputs: 10)
    let he: [Double] = net.initialParameters(.he, seed: 3)
    let w = Array(he[0..<(400 * 300)])
    let variance = w.map { $0 * $0 }.reduce(0, +) / Double(w.count)
    #expect(close(variance, 2.0 / 400, rel: 0.02))
    let xavier: [Double] = net.initialParameters(.xavier, seed: 3)
    let bound = (6.0 / 700).squareRoot()
    let wx = Array(xavier[0..<(400 * 300)])
    #expect(wx.allSatisfy { abs($0) <= bound })
    #expect(close(wx.map { $0 * $0 }.reduce(0, +) / Double(wx.count), bound * bound / 3, rel: 0.02))
    #expect(he[(400 * 300)..<(400 * 300 + 300)].allSatisfy { $0 == 0 })  // biases
  }

  @Test func zeroInitializationNeverBreaksSymmetry() throws {
    // With all-zero weights every hidden unit gets the same gradient, so after any number
    // of steps all units of a layer are still identical.
    let data: Dataset<Double> = try Datasets.moons(samples: 200, seed: 1)
    let net = Network.mlp(features: 2, hidden: [6, 5], outputs: 2, activation: .tanh)
    let f = NetworkObjective(network: net, data: data)
    var x: [Double] = net.initialParameters(.zero, seed: 0)
    var g = [Double]()
    for _ in 0..<50 {
      _ = f.value(at: x, gradient: &g)
      for i in x.indices { x[i] -= 0.5 * g[i] }
    }
    for (l, layer) in net.layers.enumerated() {
      // Columns of W (one per unit) and entries of b are all equal.
      for unit in 1..<layer.outputs {
        for i in 0..<layer.inputs {
          #expect(x[layer.weightOffset + i * layer.outputs + unit] == x[layer.weightOffset + i * layer.outputs], "layer \(l)")
        }
        if l < net.layers.count - 1 { #expect(x[layer.biasOffset + unit] == x[layer.biasOffset]) }
      }
    }
  }

  @Test func predictGivesClassesAndAccuracyAgrees() throws {
    let data: Dataset<Double> = try Datasets.blobs(samples: 90, seed: 2)
    let net = Network.softmaxRegression(features: 2, classes: 3)
    let f = NetworkObjective(network: net, data: data)
    let x: [Double] = net.initialParameters(.xavier, seed: 5)
    let (_, accuracy) = x.withUnsafeBufferPointer { f.evaluate($0, gradient: nil) }
    var predictions = [Double](repeating: -1, count: data.sampleCount)
    x.withUnsafeBufferPointer { xp in
      data.features.withUnsafeBufferPointer { fp in
        predictions.withUnsafeMutableBufferPointer {
          net.predict(parameters: xp.baseAddress!, inputs: fp.baseAddress!, count: data.sampleCount, workspace: f.workspace, into: $0.baseAddress!)
        }
      }
    }
    let correct = zip(predictions, data.targets).filter { $0 == $1 }.count
    #expect(close(Double(correct) / 90, accuracy, rel: 1e-15, abs: 0))
  }
}
