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
