import DescentCore
import Testing

@testable import DescentOptimizers

/// `0.5 x² + 10 y²`, the narrow ravine, written by hand.
let ravine = ClosureObjective<Double>(dimension: 2) { x, g in
  g[0] = x[0]
  g[1] = 20 * x[1]
  return 0.5 * x[0] * x[0] + 10 * x[1] * x[1]
}

let square = ClosureObjective<Double>(dimension: 1) { x, g in
  g[0] = 2 * x[0]
  return x[0] * x[0]
}

@Suite("The minimize loop")
struct MinimizeLoopTests {
  @Test("GD on the ravine from (1.8, 0.5), lr 0.04: step 1 is (1.728, 0.1) and f₀ = 4.12")
  func ravineFirstStep() {
    let result = minimize(ravine, from: [1.8, 0.5], using: GradientDescent(learningRate: 0.04),
                          options: MinimizeOptions(maxSteps: 100))
    #expect(result.trajectory[0].step == 0)
    #expect(abs(result.trajectory[0].loss - 4.12) <= 1e-12 * 4.12)
    #expect(abs(result.trajectory[1].x[0] - 1.728) <= 1e-12)
    #expect(abs(result.trajectory[1].x[1] - 0.1) <= 1e-12)
    #expect(result.steps == 100)
    #expect(result.stopReason == .maxSteps)
    #expect(result.evaluations.gradient == 101)
  }

  @Test("GD on x² shows the three regimes and never traps", arguments: [
    (0.4, StopReason.maxSteps), (0.5, .gradientTolerance), (0.9, .maxSteps), (1.1, .diverged),
  ])
  func regimes(lr: Double, expected: StopReason) {
    let result = minimize(square, from: [1], using: GradientDescent(learningRate: lr),
                          options: MinimizeOptions(maxSteps: 300, gradientTolerance: 0))
    if lr == 0.5 {
      #expect(result.trajectory[1].x[0] == 0)
    } else {
      #expect(result.stopReason == expected)
    }
    let xs = result.trajectory.map { $0.x[0] }
    if lr == 0.4 { #expect(zip(xs, xs.dropFirst()).allSatisfy { $1.magnitude < $0.magnitude && $1 > 0 }) }
    if lr == 0.9 { #expect(zip(xs, xs.dropFirst()).allSatisfy { $1.magnitude < $0.magnitude && $1 * $0 < 0 }) }
  }

  @Test("An existential optimizer runs through the generic loop")
  func existential() {
    var opt: any Optimizer<Double> = GradientDescent(learningRate: 0.25)
    let r = minimize(square, from: [2], using: &opt, options: MinimizeOptions(maxSteps: 1))
    #expect(r.x == [1])
  }

  /// A test optimizer: gradient descent that fails with `.lineSearchFailed` on step `failAt`.
  struct FailingDescent: Optimizer {
    var learningRate: Double = 0.1
    var failAt: Int
    var taken = 0
    var name: String { "failing" }
    var settingsDescription: String { "failing" }
    mutating func prepare(dimension: Int) { taken = 0 }
    mutating func step<O: Objective>(
      x: UnsafeMutableBufferPointer<Double>, value: inout Double, gradient: UnsafeMutableBufferPointer<Double>,
      learningRate: Double, objective: O
    ) -> StepOutcome where O.Scalar == Double {
      taken += 1
      if taken == failAt { return .failed(.lineSearchFailed) }
      for i in 0..<x.count { x[i] -= learningRate * gradient[i] }
      return .moved
    }
  }

  /// The common run (no tolerance, recording, observer, schedule or transform) goes
  /// through a lean copy of the loop; an observer that always continues sends the same run
  /// through the general loop. Both must end alike: same point bits, loss, step count, stop
  /// reason and evaluation counts, for every way a run ends.
  @Test("The lean loop and the general loop end every run alike")
  func leanLoopMatchesGeneralLoop() {
    let negativeSquare = ClosureObjective<Double>(dimension: 1) { x, g in
      g[0] = -2 * x[0]
      return -x[0] * x[0]
    }
    var plain = MinimizeOptions(maxSteps: 400, gradientTolerance: nil, recordTrajectory: false)
    plain.classifyFinalPoint = false
    var noDivergence = plain
    noDivergence.divergenceFactor = nil
    func compare<Opt: Optimizer>(
      _ objective: ClosureObjective<Double>, _ start: [Double], _ optimizer: Opt, _ options: MinimizeOptions,
      expected: StopReason
    ) where Opt.Scalar == Double {
      let lean = minimize(objective, from: start, using: optimizer, options: options)
      let general = minimize(objective, from: start, using: optimizer, options: options) { _ in .continue }
      #expect(lean.stopReason == expected, "\(optimizer.name): \(lean.stopReason)")
      #expect(general.stopReason == expected)
      #expect(lean.x.map(\.bitPattern) == general.x.map(\.bitPattern))
      #expect(lean.loss.bitPattern == general.loss.bitPattern)
      #expect(lean.gradientNorm.bitPattern == general.gradientNorm.bitPattern)
      #expect(lean.steps == general.steps)
      #expect(lean.evaluations == general.evaluations)
    }
    compare(ravine, [1.8, 0.5], Adam<Double>(learningRate: 0.05), plain, expected: .maxSteps)
    // BFGS evaluates f and ∇f itself (`.evaluated`); on the quadratic it reaches ∇f = 0.
    let rosenbrock = ClosureObjective<Double>(dimension: 2) { x, g in
      g[0] = -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0])
      g[1] = 200 * (x[1] - x[0] * x[0])
      return 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0])
    }
    var twenty = plain
    twenty.maxSteps = 20
    compare(rosenbrock, [-1.2, 1], BFGS<Double>(), twenty, expected: .maxSteps)
    compare(ravine, [1.8, 0.5], BFGS<Double>(), plain, expected: .gradientTolerance)
    compare(square, [1], GradientDescent(learningRate: 1.1), plain, expected: .diverged)
    compare(negativeSquare, [1], GradientDescent(learningRate: 0.5), plain, expected: .unboundedBelow)
    compare(square, [1], GradientDescent(learningRate: 1e100), noDivergence, expected: .nonFinite)
    compare(square, [1], FailingDescent(failAt: 7), plain, expected: .lineSearchFailed)
  }

  @Test("An observer can stop the run")
  func observerStops() {
    let r = minimize(square, from: [2], using: GradientDescent(learningRate: 0.1)) { event in
      event.step == 3 ? .stop : .continue
    }
    #expect(r.steps == 3)
    #expect(r.stopReason == .observer)
  }

  /// `½(x² + y²)` from (0.6, 0.8) with GD at lr 0.5: x halves each step, ‖∇f‖₂ = 0.5ᵏ,
  /// ‖∇f‖∞ = 0.8 · 0.5ᵏ, f = 0.5 · 0.25ᵏ.
  static let bowl = ClosureObjective<Double>(dimension: 2) { x, g in
    g[0] = x[0]
    g[1] = x[1]
    return 0.5 * (x[0] * x[0] + x[1] * x[1])
  }

  @Test("the gradient tolerance in the ∞-norm stops a step earlier where ‖∇f‖∞ < ‖∇f‖₂")
  func maximumNorm() {
    var options = MinimizeOptions(maxSteps: 50, gradientTolerance: 0.1, recordTrajectory: false)
    let euclidean = minimize(Self.bowl, from: [0.6, 0.8], using: GradientDescent(learningRate: 0.5), options: options)
    options.gradientToleranceNorm = .maximum
    let maximum = minimize(Self.bowl, from: [0.6, 0.8], using: GradientDescent(learningRate: 0.5), options: options)
    #expect(euclidean.stopReason == .gradientTolerance && euclidean.steps == 4)  // 0.5⁴ ≤ 0.1 < 0.5³
    #expect(maximum.stopReason == .gradientTolerance && maximum.steps == 3)  // 0.8·0.5³ ≤ 0.1 < 0.8·0.5²
    #expect(abs(maximum.gradientNorm - 0.125) <= 1e-15)  // the reported norm stays the 2-norm
  }

  @Test("the relative loss-change floor makes the test absolute below |f| = floor (L-BFGS-B's rule)")
  func relativeFloor() {
    var options = MinimizeOptions(
      maxSteps: 50, gradientTolerance: nil, relativeLossChangeTolerance: 1e-3, recordTrajectory: false)
    // Purely relative: each step lowers f by 75 %, so the test never holds.
    let relative = minimize(Self.bowl, from: [0.6, 0.8], using: GradientDescent(learningRate: 0.5), options: options)
    #expect(relative.stopReason == .maxSteps)
    // Floor 1: stop once 0.75 fₖ₋₁ ≤ 1e-3, i.e. fₖ₋₁ = 0.5 · 0.25ᵏ⁻¹ ≤ 1.33e-3: k = 6.
    options.relativeLossChangeFloor = 1
    let floored = minimize(Self.bowl, from: [0.6, 0.8], using: GradientDescent(learningRate: 0.5), options: options)
    #expect(floored.stopReason == .relativeLossChange && floored.steps == 6)
  }
}
