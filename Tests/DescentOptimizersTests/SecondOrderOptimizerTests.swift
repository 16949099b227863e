import DescentCore
import Testing

@testable import DescentOptimizers

/// `0.5x² + 10y²` with its exact Hessian.
let ravineWithHessian = ClosureObjective<Double>(
  dimension: 2,
  hessian: { _, h in
    h[0] = 1; h[1] = 0; h[2] = 0; h[3] = 20
  }
) { x, g in
  g[0] = x[0]
  g[1] = 20 * x[1]
  return 0.5 * x[0] * x[0] + 10 * x[1] * x[1]
}

/// `x² + y⁴/4 − y²/2`: minima (0, ±1) with f = −1/4, a saddle at the origin.
let doubleWell = ClosureObjective<Double>(
  dimension: 2,
  hessian: { x, h in
    h[0] = 2; h[1] = 0; h[2] = 0; h[3] = 3 * x[1] * x[1] - 1
  }
) { x, g in
  g[0] = 2 * x[0]
  g[1] = x[1] * x[1] * x[1] - x[1]
  return x[0] * x[0] + x[1] * x[1] * x[1] * x[1] / 4 - x[1] * x[1] / 2
}

@Suite("Newton, BFGS, L-BFGS and CG")
struct SecondOrderOptimizerTests {
  @Test("Newton minimizes a quadratic in one step, exactly")
  func newtonQuadratic() {
    var options = MinimizeOptions(maxSteps: 5)
    options.classifyFinalPoint = false  // the classification would count a second Hessian
    let r = minimize(ravineWithHessian, from: [1.8, 0.5], using: Newton<Double>(), options: options)
    #expect(r.steps == 1 && r.stopReason == .gradientTolerance)
    #expect(r.x == [0, 0])
    #expect(r.evaluations.hessian == 1 && r.evaluations.gradient == 2)
  }

  /// On y = 0, the saddle's stable manifold, the Newton step solves x exactly and lands on
  /// the saddle; slightly off it, the (reflected) Newton step barely moves y. The
  /// negative-curvature direction (0, ±1) takes it to a minimum in both cases.
  @Test("Newton started on (or next to) the saddle's stable manifold leaves it for a minimum (plain Newton would jump to the saddle)",
        arguments: [0, 1e-12, -1e-7])
  func newtonAvoidsSaddle(offset: Double) {
    var opt = Newton<Double>()
    let r = minimize(doubleWell, from: [0.5, offset], using: &opt, options: MinimizeOptions(maxSteps: 50))
    #expect(r.stopReason == .gradientTolerance)
    #expect(abs(r.loss + 0.25) <= 1e-12)
    #expect(abs(abs(r.x[1]) - 1) <= 1e-8)
    #expect(opt.negativeCurvatureSteps >= 1)
    #expect(r.finalPoint?.kind == .minimum)
  }

  /// H = diag(1, −1/4) at (1, 1/2) of x²/2 − y²/2 + y⁴/4: the modified direction is
  /// −(gₓ/1, g_y/|−1/4|) = (−1, 1.5), not Newton's (−1, −1.5) towards the saddle at y = 0.
  @Test("Newton's eigenvalue-modified direction reflects negative curvature: its first step moves y away from the saddle")
  func newtonReflectsNegativeCurvature() {
    let f = ClosureObjective<Double>(
      dimension: 2, hessian: { x, h in h[0] = 1; h[1] = 0; h[2] = 0; h[3] = 3 * x[1] * x[1] - 1 }
    ) { x, g in
      g[0] = x[0]
      g[1] = x[1] * x[1] * x[1] - x[1]
      return x[0] * x[0] / 2 - x[1] * x[1] / 2 + x[1] * x[1] * x[1] * x[1] / 4
    }
    var opt = Newton<Double>()
    let r = minimize(f, from: [1, 0.5], using: &opt, options: MinimizeOptions(maxSteps: 50))
    #expect(abs(r.loss + 0.25) <= 1e-12 && abs(r.x[1] - 1) <= 1e-8, "\(r.x)")
    #expect(opt.shiftedSteps >= 1)
  }

  @Test("Newton stops with hessianNotFinite when the Hessian has a NaN")
  func newtonNonFiniteHessian() {
    let bad = ClosureObjective<Double>(dimension: 1, hessian: { _, h in h[0] = .nan }) { x, g in
      g[0] = 2 * x[0]
      return x[0] * x[0]
    }
    let r = minimize(bad, from: [1], using: Newton<Double>())
    #expect(r.stopReason == .hessianNotFinite && r.x == [1])
  }

  @Test("a function that is NaN away from the start ends the run with lineSearchFailed, x unchanged",
        arguments: ["bfgs", "lbfgs", "cg", "newton"])
  func lineSearchFailure(name: String) throws {
    let cliff = ClosureObjective<Double>(dimension: 2) { x, g in
      g[0] = 1; g[1] = 1
      return x[0] == 3 && x[1] == 4 ? 1 : .nan
    }
    let opt = try #require(try OptimizerSpec(name: name).makeSecondOrder(Double.self))
    let r = minimize(cliff, from: [3, 4], using: opt)
    #expect(r.stopReason == .lineSearchFailed && r.x == [3, 4] && r.steps == 1)
  }

  @Test("BFGS, L-BFGS and CG minimize Rosenbrock from (−1.2, 1) to 1e-20", arguments: [
    "bfgs", "lbfgs", "cg", "cg-hz", "lbfgs-m1", "bfgs-scipy", "lbfgs-wolfe",
  ])
  func rosenbrock(name: String) {
    let opt: any Optimizer<Double> =
      switch name {
      case "bfgs": BFGS()
      case "bfgs-scipy":
        BFGS(lineSearch: .moreThuente(.init()), scalesInitialHessian: false, initialStepFromDecrease: true)
      case "lbfgs-wolfe": LBFGS(lineSearch: .strongWolfe(.init()))
      case "lbfgs": LBFGS()
      case "lbfgs-m1": LBFGS(memory: 1)
      case "cg": ConjugateGradient()
      default: ConjugateGradient(variant: .hagerZhang)
      }
    let r = minimize(rosenbrock2, from: [-1.2, 1], using: opt, options: MinimizeOptions(maxSteps: 2000, gradientTolerance: 1e-10))
    #expect(r.loss <= 1e-20, "\(name): \(r.loss) \(r.stopReason)")
    #expect(relativeError(r.x, [1, 1]) <= 1e-9)
  }

  @Test("L-BFGS with memory ≥ n agrees with BFGS on a quadratic: both finish in at most n + 1 steps")
  func quadraticTermination() {
    for opt in [LBFGS<Double>(memory: 5, lineSearch: .strongWolfe(.init(c2: 1e-3))) as any Optimizer<Double>,
                BFGS<Double>(lineSearch: .strongWolfe(.init(c2: 1e-3)))] {
      let r = minimize(ravine, from: [1.8, 0.5], using: opt, options: MinimizeOptions(maxSteps: 20, gradientTolerance: 1e-9))
      #expect(r.stopReason == .gradientTolerance && r.steps <= 3, "\(opt.name): \(r.steps)")
    }
  }

  @Test("the learning rate and schedule do not change a line-search method's run")
  func learningRateIgnored() {
    var a = LBFGS<Double>()
    a.learningRate = 0.001
    let r1 = minimize(rosenbrock2, from: [-1.2, 1], using: a, options: MinimizeOptions(maxSteps: 10))
    let r2 = minimize(rosenbrock2, from: [-1.2, 1], using: LBFGS<Double>(), options: MinimizeOptions(maxSteps: 10))
    #expect(r1.x == r2.x)
  }

  @Test("Float: L-BFGS minimizes the chained Rosenbrock (n = 20) to single precision")
  func floatChainedRosenbrock() {
    let f = ChainedRosenbrock<Float>(dimension: 20)
    let r = minimize(f, from: ChainedRosenbrock<Float>.standardStart(dimension: 20), using: LBFGS<Float>(),
                     options: MinimizeOptions(maxSteps: 500, gradientTolerance: 1e-4))
    #expect(r.loss <= 1e-6, "\(r.loss) \(r.stopReason)")
  }

  @Test("an optimizer run twice from the same start gives the same result (prepare resets the state)")
  func prepareResets() {
    var opt = BFGS<Double>()
    let r1 = minimize(rosenbrock2, from: [-1.2, 1], using: &opt, options: MinimizeOptions(maxSteps: 15))
    let r2 = minimize(rosenbrock2, from: [-1.2, 1], using: &opt, options: MinimizeOptions(maxSteps: 15))
    #expect(r1.x == r2.x && r1.evaluations == r2.evaluations)
  }
}

@Suite("OptimizerSpec for the second-order methods")
struct SecondOrderSpecTests {
  @Test("each name builds its method with the documented defaults")
  func names() throws {
    for name in OptimizerSpec.secondOrderNames {
      let opt = try #require(try OptimizerSpec(name: name).makeSecondOrder(Double.self))
      #expect(opt.name == name)
    }
    let cg = try #require(try OptimizerSpec(name: "CG").makeSecondOrder(Double.self))
    #expect(cg.settingsDescription == "cg(pr+,wolfe(c1=0.0001,c2=0.1))")
    let newton = try #require(try OptimizerSpec(name: "newton").makeSecondOrder(Double.self))
    #expect(newton.settingsDescription == "newton(armijo(c1=0.0001))")
    let lbfgs = try #require(
      try OptimizerSpec(name: "lbfgs").makeSecondOrder(Double.self, settings: SecondOrderSettings(memory: 3)))
    #expect(lbfgs.settingsDescription == "lbfgs(m=3,more-thuente(c1=0.001,c2=0.9,xtol=0.1))")
  }

  @Test("other names give nil")
  func otherNames() throws {
    #expect(try OptimizerSpec(name: "adam").makeSecondOrder(Double.self) == nil)
  }

  @Test("bad settings throw errors that name the parameter", arguments: [
    ("lbfgs", SecondOrderSettings(memory: 0), "memory"),
    ("bfgs", SecondOrderSettings(c1: 0.95), "c2"),
    ("bfgs", SecondOrderSettings(c1: 0), "c1"),
    ("cg", SecondOrderSettings(c2: 1), "c2"),
    ("bfgs", SecondOrderSettings(memory: 5), "memory"),
    ("newton", SecondOrderSettings(c2: 0.5), "c2"),
    ("lbfgs", SecondOrderSettings(maxLineSearchEvaluations: 0), "max-line-search"),
    ("bfgs", SecondOrderSettings(conjugateGradientVariant: .hagerZhang), "cg-variant"),
  ])
  func invalid(name: String, settings: SecondOrderSettings, parameter: String) {
    #expect {
      _ = try OptimizerSpec(name: name).makeSecondOrder(Double.self, settings: settings)
    } throws: { error in
      guard let e = error as? OptimizerSpecError else { return false }
      return e.description.contains(parameter)
    }
  }

  @Test("a learning rate is refused: these methods choose their steps")
  func learningRate() {
    #expect(throws: OptimizerSpecError.notApplicable(parameter: "lr", optimizer: "bfgs")) {
      _ = try OptimizerSpec(name: "bfgs", learningRate: 0.1).makeSecondOrder(Double.self)
    }
  }
}
