import DescentCore
import Foundation
import Testing

@testable import DescentOptimizers

/// `Fixtures/transforms.json`, written by `scripts/golden_transforms.py` (PyTorch SGD with
/// clip_grad_norm_/clip_grad_value_/maximize/param groups/OneCycleLR, and a Python
/// reference for seeded noise).
struct TransformFixture: Decodable {
  struct Case: Decodable, CustomTestStringConvertible {
    var label: String
    var reference: String
    var lr: Double
    var steps: Int
    var trajectory: [[Double]]
    var clipNorm: Double?
    var clipValue: Double?
    var maximize: Bool?
    var negated: Bool?
    var groupScale: Double?
    var schedule: String?
    var noise: Double?
    var seed: UInt64?
    var testDescription: String { label }
  }
  var start: [Double]
  var cases: [Case]

  static let shared: TransformFixture = {
    let url = Bundle.module.url(forResource: "Fixtures/transforms", withExtension: "json")!
    return try! JSONDecoder().decode(TransformFixture.self, from: Data(contentsOf: url))
  }()
}

let concaveRavine = ClosureObjective<Double>(dimension: 2) { x, g in
  g[0] = -x[0]
  g[1] = -20 * x[1]
  return -(0.5 * x[0] * x[0] + 10 * x[1] * x[1])
}

@Suite("Gradient transforms, parameter groups and hyperparameter schedules match PyTorch")
struct TransformGoldenTests {
  @Test("200-step trajectories match to a relative 1e-12", arguments: TransformFixture.shared.cases)
  func trajectory(_ c: TransformFixture.Case) throws {
    var options = MinimizeOptions(maxSteps: c.steps, gradientTolerance: nil)
    options.gradientTransform = GradientTransform(
      noise: c.noise, seed: c.seed ?? 0, clipValue: c.clipValue, clipNorm: c.clipNorm, maximize: c.maximize ?? false)
    let schedule = try c.schedule.map { try ScheduleSpec(parsing: $0) }
    options.schedule = schedule
    let objective = c.negated == true ? concaveRavine : ravine
    let start = TransformFixture.shared.start
    let result: MinimizationResult<Double>
    if case .oneCycle = schedule {
      let momentum = ScheduleSpec.momentum(of: schedule!)
      let opt = try HyperparameterScheduled(HeavyBall(learningRate: c.lr, momentum: 0.9),
                                            schedules: ["momentum": momentum])
      result = minimize(objective, from: start, using: opt, options: options)
    } else if let scale = c.groupScale {
      let gd = GradientDescent<Double>(learningRate: c.lr)
      let opt = ParameterGroups(base: gd, groups: [.init(name: "y", range: 1..<2, optimizer: gd, learningRateScale: scale)])
      result = minimize(objective, from: start, using: opt, options: options)
    } else {
      result = minimize(objective, from: start, using: GradientDescent(learningRate: c.lr), options: options)
    }
    #expect(result.steps == c.steps)
    var worst = 0.0
    for (t, expected) in c.trajectory.enumerated() {
      for i in 0..<2 { worst = max(worst, relativeError(result.trajectory[t + 1].x[i], expected[i])) }
    }
    #expect(worst <= 1e-12, "\(c.reference): worst relative error \(worst)")
  }

  @Test("the reported gradient norm is the true gradient's, not the clipped or noisy one")
  func reportedNormIsTrue() {
    var options = MinimizeOptions(maxSteps: 5, gradientTolerance: nil)
    options.gradientTransform = GradientTransform(noise: 2, seed: 3, clipNorm: 0.1)
    let r = minimize(ravine, from: [1.8, 0.5], using: GradientDescent(learningRate: 0.04), options: options)
    for p in r.trajectory {
      let g = ravine.gradient(at: p.x)
      #expect(p.gradientNorm == VectorMath.norm(g))
    }
  }

  @Test("clipping by norm leaves a small gradient alone, clipping by value clamps, maximize flips the sign")
  func kernelEdges() {
    var g: [Double] = [0.3, -0.4]
    var random: GaussianGenerator? = nil
    g.withUnsafeMutableBufferPointer { GradientTransform(clipNorm: 10).apply(to: $0, random: &random) }
    #expect(g == [0.3, -0.4])
    g.withUnsafeMutableBufferPointer { GradientTransform(clipValue: 0.35, maximize: true).apply(to: $0, random: &random) }
    #expect(g == [-0.3, 0.35])
    var nan: [Double] = [.nan, 1]
    nan.withUnsafeMutableBufferPointer { GradientTransform(clipNorm: 1).apply(to: $0, random: &random) }
    #expect(nan[1].isNaN)  // torch's behaviour: a NaN norm poisons the gradient; the loop stops as nonFinite
  }

  @Test("maximizing an unbounded function stops as divergence in the direction of ascent")
  func maximizeDivergence() {
    var options = MinimizeOptions(maxSteps: 10_000, gradientTolerance: nil, divergenceFactor: 1e6)
    options.gradientTransform = GradientTransform(maximize: true)
    let r = minimize(ravine, from: [1, 1], using: GradientDescent(learningRate: 0.01), options: options)
    #expect(r.stopReason == .unboundedBelow)
    #expect(r.loss > 1e6)
  }

  @Test("parameter groups: a group with scale 0 freezes its slice, the rest moves")
  func frozenGroup() {
    let gd = GradientDescent<Double>(learningRate: 0.04)
    let opt = ParameterGroups(base: gd, groups: [.init(name: "frozen", range: 0..<1, optimizer: gd, learningRateScale: 0)])
    let r = minimize(ravine, from: [1.8, 0.5], using: opt, options: MinimizeOptions(maxSteps: 10))
    #expect(r.x[0] == 1.8)
    #expect(abs(r.x[1]) < 0.5)
  }
}
