import DescentCore
import Testing

@testable import DescentOptimizers

let fiveSquare = ClosureObjective<Double>(dimension: 1) { x, g in
  g[0] = 10 * x[0]
  return 5 * x[0] * x[0]
}

@Suite("Races and learning-rate sweeps")
struct RaceAndSweepTests {
  @Test("on the ravine from (1.8, 0.5) at lr 0.04, heavy-ball momentum 0.9 arrives before plain GD")
  func momentumBeatsGD() {
    let results = race(
      ravine, from: [1.8, 0.5],
      optimizers: [GradientDescent(learningRate: 0.04), HeavyBall(learningRate: 0.04, momentum: 0.9)],
      target: .gradientNorm(1e-6), options: MinimizeOptions(maxSteps: 10_000))
    let gd = results[0].stepsToTarget!
    let momentum = results[1].stepsToTarget!
    // GD contracts the flat direction by 0.96 per step: ‖∇f‖ = 1.8·0.96ᵏ ≤ 1e-6 at k = 353.
    #expect(gd == 353)
    // Heavy ball contracts both directions by √0.9 ≈ 0.949 per step.
    #expect(momentum < gd * 4 / 5, "momentum \(momentum) steps vs GD \(gd)")
    #expect(results.allSatisfy { !$0.diverged && $0.stopReason == nil })
    #expect(results[0].finalGradientNorm <= 1e-6 && results[0].steps == gd)
  }

  @Test("momentum 0.5 more than halves GD's steps; f − f* targets use the loss gap")
  func lossGapTarget() {
    let results = race(
      ravine, from: [1.8, 0.5],
      optimizers: [GradientDescent(learningRate: 0.04), HeavyBall(learningRate: 0.04, momentum: 0.5)],
      target: .lossGap(1e-6, minimum: 0))
    #expect(results[0].stepsToTarget! > 2 * results[1].stepsToTarget!)
    #expect(results.allSatisfy { $0.finalLoss <= 1e-6 })
  }

  @Test("a divergent racer is reported as diverged, never reaching the target")
  func divergentRacer() {
    let results = race(
      ravine, from: [1.8, 0.5], optimizers: [GradientDescent(learningRate: 0.2)], target: .gradientNorm(1e-6))
    #expect(results[0].diverged)
    #expect(results[0].stepsToTarget == nil)
    #expect(results[0].stopReason?.isDivergence == true)
  }

  @Test("a start already at the target arrives at step 0")
  func alreadyThere() {
    let results = race(ravine, from: [0, 0], optimizers: [GradientDescent(learningRate: 0.1)], target: .gradientNorm(1e-6))
    #expect(results[0].stepsToTarget == 0 && results[0].steps == 0)
  }

  @Test("GD on x² has its threshold at η = 1, on 5x² at η = 0.2 (0.01:2:log50, 100 steps)",
        arguments: [(square, 1.0), (fiveSquare, 0.2)])
  func threshold(_ f: ClosureObjective<Double>, _ expected: Double) throws {
    let grid = try LearningRateGrid(parsing: "0.01:2:log50")
    let sweep = sweepLearningRates(f, from: [1], rates: grid.rates, options: MinimizeOptions(maxSteps: 100)) {
      GradientDescent(learningRate: $0)
    }
    let low = try #require(sweep.largestDecaying)
    let high = try #require(sweep.smallestFailing)
    #expect(low < expected && expected <= high, "bracket [\(low), \(high)]")
    let ratio = grid.rates[1] / grid.rates[0]
    #expect(high / low <= ratio * (1 + 1e-12), "the bracket is one grid cell")
    #expect(abs(sweep.divergenceThreshold! / expected - 1) < ratio - 1)
    // Every rate above the bracket diverges; the three regimes appear in order.
    let lambda = expected == 1 ? 2.0 : 10.0
    for p in sweep.points {
      let expectedRegime: LearningRateRegime =
        p.learningRate * lambda < 1 ? .monotoneDecay : p.learningRate * lambda < 2 ? .oscillatingDecay : .divergence
      #expect(p.regime == expectedRegime || (p.learningRate * lambda == 1), "η = \(p.learningRate): \(p.regime)")
    }
  }

  @Test("η exactly at the edge cycles without progress; a lin grid that hits it brackets it")
  func edgeOnGrid() throws {
    let rates = try LearningRateGrid(parsing: "0.1:2:lin20").rates
    #expect(rates.contains(1.0))
    let sweep = sweepLearningRates(square, from: [1], rates: rates, options: MinimizeOptions(maxSteps: 100)) {
      GradientDescent(learningRate: $0)
    }
    #expect(sweep.points.first { $0.learningRate == 1.0 }?.regime == .noProgress)
    #expect(sweep.largestDecaying! < 1 && sweep.smallestFailing == 1.0)
  }

  @Test("grid syntax errors say what is wrong", arguments: [
    ("0.01:2", "expected lo:hi:logN"), ("a:2:log5", "low end 'a'"), ("0.01:2:geo5", "must be logN or linN"),
    ("0:1:log5", "positive low end"), ("2:1:lin5", "above the high end"), ("0.1:1:log0", "whole number from 1"),
  ])
  func gridErrors(_ text: String, _ message: String) {
    #expect {
      _ = try LearningRateGrid(parsing: text)
    } throws: { ($0 as? LearningRateGridError)?.description.contains(message) == true }
  }

  @Test("log grids include both ends exactly and are geometric")
  func gridValues() throws {
    let r = try LearningRateGrid(parsing: "0.01:2:log50").rates
    #expect(r.count == 50 && r.first == 0.01 && r.last == 2)
    let q = r[1] / r[0]
    #expect(zip(r, r.dropFirst()).allSatisfy { abs($1 / $0 / q - 1) < 1e-12 })
  }
}
