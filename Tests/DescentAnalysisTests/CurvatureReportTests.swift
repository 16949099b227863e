import DescentCore
import DescentOptimizers
import Foundation
import Testing

@testable import DescentAnalysis

/// `a x² + b y²` (or `a x²` in 1-D) with its gradient.
private func bowl(_ a: Double, _ b: Double? = nil) -> ClosureObjective<Double> {
  if let b {
    return ClosureObjective(dimension: 2) { x, g in
      g[0] = 2 * a * x[0]
      g[1] = 2 * b * x[1]
      return a * x[0] * x[0] + b * x[1] * x[1]
    }
  }
  return ClosureObjective(dimension: 1) { x, g in
    g[0] = 2 * a * x[0]
    return a * x[0] * x[0]
  }
}

@Suite("Curvature report")
struct CurvatureReportTests {
  @Test("x²: L = 2, the largest stable rate 2/L = 1, and 1/L = 0.5")
  func square() throws {
    let r = CurvatureReport(of: bowl(1), at: [0.7])
    #expect(relativeError(r.lipschitzConstant, 2) <= 1e-8)
    #expect(relativeError(try #require(r.maxStableLearningRate), 1) <= 1e-8)
    #expect(relativeError(try #require(r.safeLearningRate), 0.5) <= 1e-8)
    #expect(r.conditionNumber.map { relativeError($0, 1) <= 1e-8 } == true)
    #expect(r.classification.kind == .minimum)
    #expect(relativeError(r.gradient[0], 1.4) <= 1e-15)
    #expect(r.notes.contains { $0.contains("not zero") })
  }

  @Test("5x²: the largest stable rate is 0.2")
  func fiveSquare() throws {
    let r = CurvatureReport(of: bowl(5), at: [0])
    #expect(relativeError(try #require(r.maxStableLearningRate), 0.2) <= 1e-8)
  }

  @Test("Eigenvalues 1 and 100 give κ = 100, GD rate 99/101 and heavy-ball rate 9/11")
  func conditionHundred() throws {
    let r = CurvatureReport(of: bowl(0.5, 50), at: [0, 0])
    #expect(relativeError(try #require(r.conditionNumber), 100) <= 1e-8)
    #expect(relativeError(try #require(r.gradientDescentRate), 99.0 / 101) <= 1e-8)
    let hb = try #require(r.heavyBall)
    #expect(relativeError(hb.rate, 9.0 / 11) <= 1e-8)
    #expect(relativeError(hb.momentum, 81.0 / 121) <= 1e-8)
    #expect(relativeError(hb.learningRate, 4.0 / 121) <= 1e-8)
    // 0.5x² + 50y²: GD is stable below 0.02.
    #expect(relativeError(try #require(r.maxStableLearningRate), 0.02) <= 1e-8)
    // Steps to shrink the error 10⁶ at the optimal rate: ⌈ln 1e-6 / ln(99/101)⌉ = 691.
    #expect(r.gradientDescentSteps == Int((log(1e-6) / log(99.0 / 101)).rounded(.up)))
    #expect(hb.steps == Int((log(1e-6) / log(9.0 / 11)).rounded(.up)))
  }

  @Test("The ravine 0.5x²+10y²: 2/λmax = 0.1, optimal rate 2/21, and the contraction at η = 0.04")
  func ravine() throws {
    let r = CurvatureReport(of: bowl(0.5, 10), at: [1.8, 0.5], learningRate: 0.04)
    #expect(relativeError(try #require(r.maxStableLearningRate), 0.1) <= 1e-8)
    #expect(relativeError(try #require(r.optimalLearningRate), 2.0 / 21) <= 1e-8)
    #expect(relativeError(try #require(r.conditionNumber), 20) <= 1e-8)
    let c = try #require(r.contraction)
    // |1 − 0.04·1| = 0.96 along x, |1 − 0.04·20| = 0.2 along y.
    #expect(relativeError(c.directions[0].factor, 0.96) <= 1e-8)
    #expect(relativeError(c.directions[1].factor, 0.2) <= 1e-8)
    #expect(c.directions[0].steps == Int((log(1e-6) / log(0.96)).rounded(.up)))  // 339
    #expect(c.directions[1].steps == 9)
    #expect(c.steps == c.directions[0].steps)
    #expect(!c.diverges)
    // Above 2/λmax the y-component diverges.
    let fast = try #require(CurvatureReport(of: bowl(0.5, 10), at: [0, 0], learningRate: 0.11).contraction)
    #expect(fast.diverges)
    #expect(fast.directions[1].behavior == "diverges")
    #expect(fast.directions[1].steps == nil)
    #expect(fast.steps == nil)
    let wobble = try #require(CurvatureReport(of: bowl(0.5, 10), at: [0, 0], learningRate: 0.09).contraction)
    #expect(wobble.directions[1].behavior == "oscillates")
    #expect(wobble.directions[0].behavior == "converges")
  }

  @Test("At a saddle: no condition number or optimal rate (null in JSON), with the reason")
  func saddle() throws {
    let f = ClosureObjective<Double>(dimension: 2) { x, g in
      g[0] = 2 * x[0]
      g[1] = -2 * x[1]
      return x[0] * x[0] - x[1] * x[1]
    }
    let r = CurvatureReport(of: f, at: [0, 0])
    #expect(r.classification.kind == .saddle)
    #expect(r.conditionNumber == nil)
    #expect(r.optimalLearningRate == nil)
    #expect(r.heavyBall == nil)
    #expect(relativeError(try #require(r.maxStableLearningRate), 1) <= 1e-8)
    #expect(r.notes.contains { $0.contains("indefinite") })
    let object = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(r)) as? [String: Any])
    #expect(object["conditionNumber"] is NSNull)
    #expect(object["optimalLearningRate"] is NSNull)
    for key in ["gradient", "eigenvalues", "eigenvectors", "maxStableLearningRate", "hessian", "classification"] {
      #expect(object[key] != nil, "missing \(key)")
    }
  }

  @Test("Above the dense limit (300; 50 here) the report uses Lanczos: λmin, λmax, κ and 2/λmax still right")
  func largeDimensionUsesLanczos() throws {
    let n = 120
    var random = SeededGenerator(seed: 21)
    let spectrum = (0..<n).map { i in i == 0 ? 0.5 : i == n - 1 ? 250 : random.uniform(in: 1...100) }
    let a = matrixWithSpectrum(spectrum, seed: 22)
    let x = (0..<n).map { _ in random.uniform(in: -1...1) }
    let r = CurvatureReport(of: quadratic(a, exactHessian: false), at: x, learningRate: 0.005, denseLimit: 50)
    #expect(r.method == .lanczos)
    #expect(r.hessian.isEmpty)
    #expect(r.eigenvalues.count == 2)
    #expect(relativeError(r.eigenvalues[0], 0.5, scale: 250) <= 1e-6)
    #expect(relativeError(r.eigenvalues[1], 250) <= 1e-6)
    #expect(relativeError(try #require(r.conditionNumber), 500) <= 1e-4)
    #expect(relativeError(try #require(r.maxStableLearningRate), 2.0 / 250) <= 1e-6)
    #expect(r.classification.kind == .minimum)
    #expect(r.contraction?.directions.count == 2)
    #expect(r.notes.contains { $0.contains("Lanczos") })
    #expect(r.notes.contains { $0.contains("Hessian-vector products") })
  }

  @Test("Where f is NaN the report says so instead of trapping, and still encodes")
  func nonFinite() throws {
    let root = ClosureObjective<Double>(dimension: 1) { x, g in
      g[0] = 0.5 / x[0].squareRoot()
      return x[0].squareRoot()
    }
    let r = CurvatureReport(of: root, at: [-1], learningRate: 0.1)
    #expect(r.value.isNaN)
    #expect(r.conditionNumber == nil && r.maxStableLearningRate == nil)
    #expect(r.notes.contains { $0.contains("NaN") })
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    #expect(try !encoder.encode(r).isEmpty)
  }

  @Test("The report round-trips through JSON with camelCase keys")
  func jsonRoundTrip() throws {
    let r = CurvatureReport(of: bowl(0.5, 10), at: [1.8, 0.5], learningRate: 0.04)
    let data = try JSONEncoder().encode(r)
    let text = String(decoding: data, as: UTF8.self)
    for key in ["\"conditionNumber\"", "\"maxStableLearningRate\"", "\"optimalLearningRate\"", "\"heavyBall\""] {
      #expect(text.contains(key))
    }
    #expect(try JSONDecoder().decode(CurvatureReport.self, from: data) == r)
  }
}

@Suite("Divergence threshold")
struct DivergenceThresholdTests {
  /// Does GD at rate `eta` on `f` blow up within 1,000 steps (loss above the start's)?
  static func diverges(_ f: ClosureObjective<Double>, from start: [Double], eta: Double) -> Bool {
    var options = MinimizeOptions(maxSteps: 1000, gradientTolerance: nil, recordTrajectory: false)
    options.classifyFinalPoint = false
    let result = minimize(f, from: start, using: GradientDescent(learningRate: eta), options: options)
    return result.stopReason.isDivergence || !(result.loss <= f.value(at: start))
  }

  @Test(
    "2/λmax agrees to 1% with the bisected rate at which GD diverges within 1,000 steps",
    arguments: [(2, 10.0), (3, 100.0), (5, 1_000.0), (8, 3_000.0), (10, 10_000.0)])
  func thresholdMatchesPrediction(n: Int, kappa: Double) throws {
    // Eigenvalues log-spaced from 1 to κ, scaled by a seeded factor, randomly rotated.
    var random = SeededGenerator(seed: UInt64(n))
    let scale = random.uniform(in: 0.5...5)
    let spectrum = (0..<n).map { scale * Double.pow(kappa, Double($0) / Double(n - 1)) }
    let a = matrixWithSpectrum(spectrum, seed: UInt64(100 + n))
    let f = quadratic(a, exactHessian: true)
    let start = (0..<n).map { _ in random.uniform(in: -1...1) }
    let report = CurvatureReport(of: f, at: start)
    let predicted = try #require(report.maxStableLearningRate)
    #expect(relativeError(try #require(report.conditionNumber), kappa) <= 1e-8)
    var stable = 0.0
    var unstable = 4 * predicted
    #expect(Self.diverges(f, from: start, eta: unstable))
    for _ in 0..<40 {
      let mid = (stable + unstable) / 2
      if Self.diverges(f, from: start, eta: mid) { unstable = mid } else { stable = mid }
    }
    let measured = (stable + unstable) / 2
    #expect(relativeError(measured, predicted) <= 0.01, "measured \(measured), predicted \(predicted)")
  }
}
