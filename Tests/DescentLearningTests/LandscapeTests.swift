import DescentAnalysis
import DescentCore
import DescentOptimizers
import Foundation
import Testing

@testable import DescentLearning

/// Hessian-vector products, filter normalization, slices, interpolation between
/// checkpoints, and the Hessian spectrum of models.
@Suite struct LandscapeTests {
  /// The dense Hessian by central differences of the (back-propagated) gradient: the
  /// independent reference for everything curvature-related here.
  static func finiteDifferenceHessian(_ f: NetworkObjective<Double>, at x: [Double]) -> [Double] {
    var h = [Double](repeating: 0, count: f.dimension * f.dimension)
    x.withUnsafeBufferPointer { xp in h.withUnsafeMutableBufferPointer { FiniteDifference.hessian(of: f, at: xp, into: $0) } }
    return h
  }

  static func finiteDifferenceHVP(_ f: NetworkObjective<Double>, at x: [Double], _ v: [Double]) -> [Double] {
    var r = [Double](repeating: 0, count: f.dimension)
    x.withUnsafeBufferPointer { xp in
      v.withUnsafeBufferPointer { vp in
        r.withUnsafeMutableBufferPointer { FiniteDifference.hessianVectorProduct(of: f, at: xp, direction: vp, into: $0) }
      }
    }
    return r
  }

  static func gaussian(_ n: Int, seed: UInt64) -> [Double] {
    var g = GaussianGenerator(seed: seed)
    return (0..<n).map { _ in g.next() }
  }

  /// A small trained-ish classifier on moons: 2-8-6-2 with the given activation.
  static func moonsModel(_ activation: Activation, l2: Double = 0, samples: Int = 120) throws -> (NetworkObjective<Double>, [Double]) {
    let data: Dataset<Double> = try Datasets.moons(samples: samples, noise: 0.2, seed: 4)
    let net = Network.mlp(features: 2, hidden: [8, 6], outputs: 2, activation: activation, l2: l2)
    let f = NetworkObjective(network: net, data: data, workspaceCapacity: 50)  // 50 < samples: chunked
    var x: [Double] = net.initialParameters(.xavier, seed: 9)
    var g = [Double]()
    for _ in 0..<200 {  // some gradient descent so the point is not the random start
      _ = f.value(at: x, gradient: &g)
      for i in x.indices { x[i] -= 0.5 * g[i] }
    }
    return (f, x)
  }

  // MARK: - Exact Hessian-vector products

  @Test(arguments: NetworkTests.golden.indices)
  func exactHVPMatchesFiniteDifferencesOfGradients(index: Int) {
    let c = NetworkTests.golden[index]
    let f = NetworkTests().objective(c)
    for seed in 0..<3 as Range<UInt64> {
      let v = Self.gaussian(f.dimension, seed: seed)
      let exact = f.hessianVectorProduct(at: c.parameters, direction: v)
      let reference = Self.finiteDifferenceHVP(f, at: c.parameters, v)
      let scale = max(VectorMath.norm(reference), 1e-300)
      let error = VectorMath.distance(exact, reference) / scale
      #expect(error < 1e-6, "\(c.loss)/\(c.activation) l2=\(c.l2): ‖Hv − FD‖/‖FD‖ = \(error)")
    }
  }

  @Test(arguments: Activation.allCases)
  func exactHVPMatchesFiniteDifferencesOnAChunkedDataset(activation: Activation) throws {
    let (f, x) = try Self.moonsModel(activation, l2: 0.01)
    let v = Self.gaussian(f.dimension, seed: 1)
    let exact = f.hessianVectorProduct(at: x, direction: v)
    let reference = Self.finiteDifferenceHVP(f, at: x, v)
    let error = VectorMath.distance(exact, reference) / VectorMath.norm(reference)
    // ReLU: the finite difference crosses kinks of the 120 samples' units only rarely.
    #expect(error < (activation == .relu ? 1e-4 : 1e-6), "\(activation): relative error \(error)")
  }

  @Test func exactHessianIsSymmetricAndMatchesFiniteDifferences() throws {
    let (f, x) = try Self.moonsModel(.tanh)
    let n = f.dimension
    let exact = f.hessian(at: x)
    let reference = Self.finiteDifferenceHessian(f, at: x)
    let scale = reference.map(abs).max()!
    var worst = 0.0
    for i in 0..<(n * n) { worst = max(worst, abs(exact[i] - reference[i]) / scale) }
    #expect(worst < 1e-6, "max |H − H_FD| / max |H_FD| = \(worst)")
    // uᵀ(Hv) = vᵀ(Hu) straight from the products (no symmetrization).
    let u = Self.gaussian(n, seed: 5)
    let v = Self.gaussian(n, seed: 6)
    let uHv = dot(u, f.hessianVectorProduct(at: x, direction: v))
    let vHu = dot(v, f.hessianVectorProduct(at: x, direction: u))
    #expect(close(uHv, vHu, rel: 1e-12), "uᵀHv = \(uHv), vᵀHu = \(vHu)")
  }

  @Test func floatHVPAgreesWithDouble() throws {
    let (f, x) = try Self.moonsModel(.gelu)
    let ff = NetworkObjective(network: f.network, data: f.data.converted(to: Float.self))
    let v = Self.gaussian(f.dimension, seed: 2)
    let hd = f.hessianVectorProduct(at: x, direction: v)
    let hf = ff.hessianVectorProduct(at: x.map { Float($0) }, direction: v.map { Float($0) }).map { Double($0) }
    let error = VectorMath.distance(hd, hf) / VectorMath.norm(hd)
    #expect(error < 1e-4, "Float vs Double HVP: \(error)")
  }

  struct HVPGolden: Decodable {
    var index: Int
    var direction: [Double]
    var hvp: [Double]
    var eigenvalues: [Double]
    var trace: Double
  }

  static let hvpGolden: [HVPGolden] = {
    struct File: Decodable { var cases: [HVPGolden] }
    return try! JSONDecoder().decode(File.self, from: Data(contentsOf: fixture("network_hvp_golden.json"))).cases
  }()

  @Test(arguments: 0..<12)
  func exactHVPMatchesPyTorchDoubleBackward(index: Int) {
    let golden = Self.hvpGolden[index]
    let c = NetworkTests.golden[golden.index]
    let f = NetworkTests().objective(c)
    let hv = f.hessianVectorProduct(at: c.parameters, direction: golden.direction)
    let error = VectorMath.distance(hv, golden.hvp) / VectorMath.norm(golden.hvp)
    #expect(error < 1e-12, "\(c.loss)/\(c.activation): ‖Hv − torch‖/‖torch‖ = \(error)")
  }

  @Test(arguments: 0..<12)
  func spectrumMatchesPyTorchHessian(index: Int) {
    let golden = Self.hvpGolden[index]
    let c = NetworkTests.golden[golden.index]
    let f = NetworkTests().objective(c)
    let n = f.dimension
    let scale = golden.eigenvalues.map(abs).max()!
    // Dense: the exact Hessian from n products, fully diagonalized.
    let dense = HessianSpectrum(of: f, at: c.parameters, options: .init(topCount: 3, traceProbes: 1, densityProbes: 0))
    #expect(dense.method == .dense)
    for k in 0..<3 {
      #expect(abs(dense.topEigenvalues[k] - golden.eigenvalues[n - 1 - k]) <= 1e-11 * scale, "\(c.loss)/\(c.activation) λ\(k + 1)")
    }
    #expect(abs(dense.smallestEigenvalue - golden.eigenvalues[0]) <= 1e-11 * scale)
    #expect(abs(dense.trace! - golden.trace) <= 1e-11 * max(scale, abs(golden.trace)))
    // Matrix-free Lanczos: λmax.
    let lanczos = HessianSpectrum(of: f, at: c.parameters, options: .init(topCount: 1, traceProbes: 0, densityProbes: 0, denseLimit: 0))
    #expect(lanczos.converged)
    #expect(abs(lanczos.topEigenvalues[0] - golden.eigenvalues[n - 1]) <= 1e-8 * scale, "\(c.loss)/\(c.activation) Lanczos λmax")
  }

  // MARK: - Filter normalization

  @Test func filterNormalizedDirectionHasTheWeightsFilterNorms() {
    let net = Network.mlp(features: 64, hidden: [32, 16], outputs: 10)
    let theta: [Double] = net.initialParameters(.he, seed: 1).enumerated().map { i, w in
      net.isWeight(i) ? w : 0.1 * Double(i % 7)  // nonzero biases: they must not leak in
    }
    let directions = net.filterNormalizedDirections(at: theta, count: 2, seed: 3)
    let weightNorms = net.filterNorms(of: theta)
    for d in directions {
      let norms = net.filterNorms(of: d)
      for (l, layer) in net.layers.enumerated() {
        for j in 0..<layer.outputs {
          #expect(close(norms[l][j], weightNorms[l][j], rel: 1e-12), "layer \(l) unit \(j)")
        }
        for j in 0..<layer.outputs { #expect(d[layer.biasOffset + j] == 0, "bias \(l).\(j) must be excluded") }
      }
    }
    // Two different, nearly orthogonal directions; the same seed gives the same ones.
    let cosine = dot(directions[0], directions[1]) / (VectorMath.norm(directions[0]) * VectorMath.norm(directions[1]))
    #expect(abs(cosine) < 0.1, "cos(d₁, d₂) = \(cosine)")
    #expect(net.filterNormalizedDirections(at: theta, count: 2, seed: 3) == directions)
    #expect(net.filterNormalizedDirections(at: theta, count: 1, seed: 4)[0] != directions[0])
  }

  @Test func aZeroFilterGetsAZeroDirection() {
    let net = Network.mlp(features: 3, hidden: [2], outputs: 2)
    var theta: [Double] = net.initialParameters(.he, seed: 1)
    for i in 0..<3 { theta[i * 2 + 1] = 0 }  // unit 1 of layer 0 has no incoming weights
    let d = net.filterNormalizedDirections(at: theta, seed: 0)[0]
    for i in 0..<3 { #expect(d[i * 2 + 1] == 0) }
    #expect(d.allSatisfy { $0.isFinite })
  }

  // MARK: - Slices and interpolation

  @Test func sliceAndSurfaceAtTheOriginEqualTheLossAtTheWeights() throws {
    let (f, x) = try Self.moonsModel(.tanh)  // smooth, for the second-difference check below
    let directions = f.network.filterNormalizedDirections(at: x, count: 2, seed: 0)
    let alphas = LossSlice.grid(-1...1, points: 21)
    #expect(alphas[10] == 0 && alphas.first == -1 && alphas.last == 1)
    let slice = f.slice(at: x, direction: directions[0], alphas: alphas)
    let (loss, accuracy) = x.withUnsafeBufferPointer { f.evaluate($0, gradient: nil) }
    #expect(slice.losses[10] == loss, "f(θ + 0·d) = \(slice.losses[10]), f(θ) = \(loss)")
    #expect(slice.accuracies?[10] == accuracy)
    // Away from θ the loss changes, and it changes the same way the 2-D plane's α axis does.
    #expect(slice.losses[0] != loss && slice.losses[20] != loss)
    let surface = f.surface(at: x, directions: (directions[0], directions[1]), alphas: alphas, betas: [-0.5, 0, 0.5])
    #expect(surface.losses[1] == slice.losses, "β = 0 row is the 1-D slice")
    #expect(surface.losses.count == 3 && surface.losses.allSatisfy { $0.count == 21 })
    // A 1-D slice along d: its second difference at 0 approximates dᵀHd (relative to ‖d‖²).
    let d = directions[0]
    let h = 1e-3
    let fine = f.slice(at: x, direction: d, alphas: [-h, 0, h])
    let curvature = (fine.losses[0] - 2 * fine.losses[1] + fine.losses[2]) / (h * h)
    let dHd = dot(d, f.hessianVectorProduct(at: x, direction: d))
    #expect(close(curvature, dHd, rel: 1e-3), "second difference \(curvature) vs dᵀHd \(dHd)")
  }

  @Test func lineBetweenCheckpointsEndsAtTheCheckpointLosses() throws {
    let data: Dataset<Float> = try Datasets.moons(samples: 200, seed: 2)
    let net = Network.mlp(features: 2, hidden: [16], outputs: 2, activation: .tanh)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("landscape-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    // Two checkpoints of one run: after 2 epochs and after 20.
    let trainer = Trainer(
      network: net, train: data, optimizer: GradientDescent<Float>(learningRate: 0.5),
      options: TrainingOptions(epochs: 2, batchSize: 20, seed: 1), initialParameters: net.initialParameters(.he, seed: 5))
    trainer.run()
    try trainer.checkpoint().write(to: dir.appendingPathComponent("early.json"))
    let later = Trainer(
      network: net, train: data, optimizer: trainer.optimizer,
      options: TrainingOptions(epochs: 20, batchSize: 20, seed: 1), resuming: trainer.state)
    later.run()
    try later.checkpoint().write(to: dir.appendingPathComponent("late.json"))

    let early = try Checkpoint<Float>.read(from: dir.appendingPathComponent("early.json"))
    let late = try Checkpoint<Float>.read(from: dir.appendingPathComponent("late.json"))
    let f = NetworkObjective(network: early.network, data: data)
    let line = f.interpolation(
      from: early.state.parameters, to: late.state.parameters, alphas: LossSlice.grid(-0.5...1.5, points: 9))
    #expect(line.alphas[2] == 0 && line.alphas[6] == 1)
    let lossEarly = Double(f.value(at: early.state.parameters))
    let lossLate = Double(f.value(at: late.state.parameters))
    #expect(line.losses[2] == lossEarly, "θ(0): \(line.losses[2]) vs checkpoint \(lossEarly)")
    #expect(line.losses[6] == lossLate, "θ(1): \(line.losses[6]) vs checkpoint \(lossLate)")
    #expect(lossLate < lossEarly, "training lowered the loss")
    // And the same values as the trainer's own evaluation of those weights.
    #expect(close(line.losses[6], later.evaluate(data, parameters: late.state.parameters).loss, rel: 1e-6))
  }

  // MARK: - Spectrum

  @Test(arguments: [Activation.tanh, .relu])
  func lanczosTopEigenvaluesMatchTheFiniteDifferenceHessian(activation: Activation) throws {
    let (f, x) = try Self.moonsModel(activation, l2: 1e-3)
    let reference = SymmetricEigen(symmetric: Self.finiteDifferenceHessian(f, at: x), dimension: f.dimension)
    let n = f.dimension
    let spectrum = HessianSpectrum(of: f, at: x, options: .init(topCount: 3, traceProbes: 0, densityProbes: 0, denseLimit: 0))
    #expect(spectrum.method == .lanczos && spectrum.converged)
    for k in 0..<3 {
      let expected = reference.eigenvalues[n - 1 - k]
      #expect(
        close(spectrum.topEigenvalues[k], expected, rel: 1e-5),
        "\(activation) λ\(k + 1): Lanczos \(spectrum.topEigenvalues[k]) vs dense FD \(expected)")
    }
    #expect(spectrum.lanczosIterations < n, "Lanczos used \(spectrum.lanczosIterations) of \(n) possible steps")
    // Dense path (exact Hessian from n products): the same numbers, and the exact λmin.
    let dense = HessianSpectrum(of: f, at: x, options: .init(topCount: 3, traceProbes: 1, densityProbes: 0))
    #expect(dense.method == .dense)
    #expect(close(dense.topEigenvalues[0], reference.maxEigenvalue, rel: 1e-6))
    #expect(close(dense.smallestEigenvalue, reference.minEigenvalue, rel: 1e-5, abs: 1e-6 * reference.maxEigenvalue))
    #expect(close(dense.trace!, (0..<n).map { reference.eigenvalues[$0] }.reduce(0, +), rel: 1e-6))
  }

  @Test func hutchinsonTraceAgreesWithTheDenseTraceWithinItsError() throws {
    let (f, x) = try Self.moonsModel(.tanh, l2: 1e-3)
    let n = f.dimension
    let h = Self.finiteDifferenceHessian(f, at: x)
    let exact = (0..<n).map { h[$0 * n + $0] }.reduce(0, +)
    let spectrum = HessianSpectrum(of: f, at: x, options: .init(topCount: 1, traceProbes: 200, densityProbes: 4, denseLimit: 0))
    let estimate = spectrum.trace!
    let error = spectrum.traceStandardError!
    #expect(error > 0 && spectrum.traceProbes == 200)
    #expect(abs(estimate - exact) <= 4 * error, "Hutchinson \(estimate) ± \(error) vs dense trace \(exact)")
    // The density integrates to one and sits between λmin and λmax (± the broadening).
    let density = spectrum.density!
    #expect(close(density.integral, 1, rel: 1e-3))
    #expect(spectrum.hessianVectorProducts == spectrum.lanczosIterations + 200 + density.nodes.map(\.count).reduce(0, +))
  }

  @Test func sharpnessIsRecordedWithoutChangingTraining() throws {
    let data: Dataset<Float> = try Datasets.moons(samples: 160, seed: 6)
    let net = Network.mlp(features: 2, hidden: [12], outputs: 2, activation: .tanh)
    let start: [Float] = net.initialParameters(.he, seed: 2)
    func run(_ interval: Int?) -> Trainer<Float> {
      let t = Trainer(
        network: net, train: data, optimizer: GradientDescent<Float>(learningRate: 0.3),
        options: TrainingOptions(epochs: 6, batchSize: nil, seed: 1, sharpnessInterval: interval), initialParameters: start)
      t.run()
      return t
    }
    let plain = run(nil)
    let measured = run(2)
    #expect(plain.state.parameters == measured.state.parameters, "measuring must not change the weights")
    #expect(measured.state.history.map { $0.sharpness != nil } == [false, true, false, true, false, true])
    #expect(plain.state.history.allSatisfy { $0.sharpness == nil })
    // The recorded value is λmax of the training objective at that epoch's weights.
    let f = NetworkObjective(network: net, data: data.converted(to: Double.self))
    let exact = SymmetricEigen(symmetric: f.hessian(at: measured.state.parameters.map { Double($0) }), dimension: f.dimension)
    let recorded = measured.state.history[5].sharpness!
    #expect(close(recorded, exact.maxEigenvalue, rel: 1e-3), "recorded \(recorded) vs dense \(exact.maxEigenvalue)")
  }
}

func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
