import DescentCore
import Foundation
import Testing

@testable import DescentOptimizers

@Suite("OptimizerSpec: names, defaults and validation")
struct OptimizerSpecTests {
  @Test("Every first-order name and alias builds an optimizer with that name", arguments: OptimizerSpec.firstOrderNames + ["sgd", "heavy-ball", "schedulefree"])
  func everyNameBuilds(_ name: String) throws {
    let optimizer = try OptimizerSpec(name: name).make(Double.self)
    let canonical = OptimizerSpec.canonicalName(name)!
    #expect(optimizer.name == canonical)
    #expect(optimizer is any GradientOptimizer<Double>)
  }

  @Test("Defaults are PyTorch's (and the presets' momentum 0.9)")
  func defaults() throws {
    let sgd = try #require(try OptimizerSpec(name: "gd").make(Double.self) as? SGD<Double>)
    #expect(sgd.learningRate == 1e-3 && sgd.momentum == 0 && !sgd.nesterov)
    let nesterov = try #require(try OptimizerSpec(name: "nesterov").make(Double.self) as? SGD<Double>)
    #expect(nesterov.momentum == 0.9 && nesterov.nesterov)
    let adamw = try #require(try OptimizerSpec(name: "adamw").make(Float.self) as? Adam<Float>)
    #expect(adamw.weightDecay == 1e-2 && adamw.decoupledWeightDecay && adamw.beta2 == 0.999)
    let lion = try #require(try OptimizerSpec(name: "lion").make(Double.self) as? Lion<Double>)
    #expect(lion.learningRate == 1e-4 && lion.beta2 == 0.99)
    let muon = try #require(try OptimizerSpec(name: "muon").make(Double.self) as? Muon<Double>)
    #expect(muon.newtonSchulzCoefficients == [3.4445, -4.7750, 2.0315] && muon.momentum == 0.95)
    let adagrad = try #require(try OptimizerSpec(name: "adagrad").make(Double.self) as? AdaGrad<Double>)
    #expect(adagrad.epsilon == 1e-10 && adagrad.initialAccumulatorValue == 0)
  }

  @Test("An unknown name suggests the closest one")
  func unknownName() {
    #expect(throws: OptimizerSpecError.unknownName("adma", suggestion: "adam")) {
      try OptimizerSpec(name: "adma").validate()
    }
  }

  @Test("Values out of range are rejected with the field and the reason",
        arguments: ["learningRate", "beta1", "beta2", "epsilon", "weightDecay"])
  func outOfRange(_ field: String) {
    var spec = OptimizerSpec(name: "adam")
    switch field {
    case "learningRate": spec.learningRate = -0.1
    case "beta1": spec.beta1 = 1.0
    case "beta2": spec.beta2 = -0.5
    case "epsilon": spec.epsilon = 0
    default: spec.weightDecay = .nan
    }
    do {
      try spec.validate()
      Issue.record("expected an error for \(field)")
    } catch {
      guard case .invalidValue(let parameter, _, let reason) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(parameter == field)
      #expect(!reason.isEmpty)
    }
  }

  @Test("A hyperparameter the optimizer does not take is an error naming both")
  func notApplicable() {
    var spec = OptimizerSpec(name: "adam")
    spec.rho = 0.9
    #expect(throws: OptimizerSpecError.notApplicable(parameter: "rho", optimizer: "adam")) { try spec.validate() }
    var muon = OptimizerSpec(name: "muon")
    muon.maximize = true
    #expect(throws: OptimizerSpecError.notApplicable(parameter: "maximize", optimizer: "muon")) { try muon.validate() }
    #expect(OptimizerSpecError.notApplicable(parameter: "rho", optimizer: "adam").description.contains("beta1"))
  }

  @Test("Conflicting conventions and impossible combinations are rejected")
  func combinations() {
    var nesterov = OptimizerSpec(name: "gd")
    nesterov.nesterov = true
    #expect(throws: OptimizerSpecError.self) { try nesterov.validate() }
    var hat = OptimizerSpec(name: "adam")
    hat.epsilonHat = true
    hat.epsilonRoot = 1e-8
    #expect(throws: OptimizerSpecError.self) { try hat.validate() }
    var corrected = OptimizerSpec(name: "adam")
    corrected.amsgradBiasCorrectedMaximum = true
    #expect(throws: OptimizerSpecError.self) { try corrected.validate() }
    var shapes = OptimizerSpec(name: "muon")
    shapes.shapes = [[2, 3]]
    #expect(throws: OptimizerSpecError.self) { try shapes.validate(dimension: 5) }
    #expect(throws: Never.self) { try shapes.validate(dimension: 6) }
    var adjust = OptimizerSpec(name: "muon")
    adjust.learningRateAdjustment = "match_rms_adam"
    #expect(throws: OptimizerSpecError.invalidChoice(
      parameter: "learningRateAdjustment", value: "match_rms_adam",
      choices: ["original", "match_rms_adamw", "spectral_unclamped"], suggestion: "match_rms_adamw")) {
      try adjust.validate()
    }
  }

  @Test("The spec round-trips through JSON")
  func codable() throws {
    var spec = OptimizerSpec(name: "rmsprop", learningRate: 0.01)
    spec.centered = true
    spec.epsilonInsideRoot = true
    let data = try JSONEncoder().encode(spec)
    #expect(try JSONDecoder().decode(OptimizerSpec.self, from: data) == spec)
  }
}

@Suite("Save and resume optimizer state")
struct OptimizerResumeTests {
  static let specs: [String] = OptimizerSpec.firstOrderNames

  @Test("Encoding the state at step 50 and resuming continues bit-identically", arguments: specs)
  func resume(_ name: String) throws {
    var spec = OptimizerSpec(name: name, learningRate: 0.01)
    if name == "muon" { spec.shapes = [[2, 2], [2]] }
    let start: [Double] = [0.1, -0.2, 0.3, 0.05, 0.0, -0.1]
    let built = try spec.make(Double.self, dimension: 6)
    let optimizer = try #require(built as? any GradientOptimizer<Double>)
    try Self.check(optimizer, start: start, name: name)
  }

  static func steps<O: GradientOptimizer<Double>>(_ o: inout O, _ x: inout [Double], _ k: Int) {
    var g = [Double](repeating: 0, count: 6)
    for _ in 0..<k {
      Golden.gradient("regression", at: x, into: &g)
      let rate = o.learningRate
      x.withUnsafeMutableBufferPointer { xp in
        g.withUnsafeBufferPointer { o.update(parameters: xp, gradient: $0, learningRate: rate) }
      }
    }
  }

  static func check<O: GradientOptimizer<Double>>(_ optimizer: O, start: [Double], name: String) throws {
    var straight = optimizer, x1 = start
    straight.prepare(dimension: 6)
    steps(&straight, &x1, 100)

    var first = optimizer, x2 = start
    first.prepare(dimension: 6)
    steps(&first, &x2, 50)
    let saved = try JSONEncoder().encode(first)
    var resumed = try JSONDecoder().decode(O.self, from: saved)
    steps(&resumed, &x2, 50)
    #expect(x1 == x2, "\(name): resumed run differs")
    #expect(x1.allSatisfy { $0.isFinite })
  }
}
