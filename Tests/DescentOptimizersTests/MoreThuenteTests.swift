import DescentCore
import Foundation
import Testing

@testable import DescentOptimizers

/// `Fixtures/more_thuente.json`, written by `scripts/more_thuente_reference.py` (SciPy's
/// port of MINPACK-2 `dcsrch` on the six test functions of Moré & Thuente 1994).
struct MoreThuenteReference: Decodable {
  struct Case: Decodable, CustomTestStringConvertible, Sendable {
    var function: String
    var ftol: Double
    var gtol: Double
    var initialStep: Double
    var step: Double
    var value: Double
    var slope: Double
    var evaluations: Int
    var testDescription: String { "\(function) from α₀ = \(initialStep)" }
  }
  var cases: [Case]

  static let shared: MoreThuenteReference = {
    let url = Bundle.module.url(forResource: "more_thuente", withExtension: "json", subdirectory: "Fixtures")!
    return try! JSONDecoder().decode(MoreThuenteReference.self, from: Data(contentsOf: url))
  }()
}

/// The paper's functions φ(α) as one-dimensional objectives (x = α, searched from 0 along +1).
func moreThuenteFunction(_ name: String) -> ClosureObjective<Double> {
  func yanai(_ b1: Double, _ b2: Double) -> ClosureObjective<Double> {
    let gamma1 = (1 + b1 * b1).squareRoot() - b1
    let gamma2 = (1 + b2 * b2).squareRoot() - b2
    return ClosureObjective(dimension: 1) { x, g in
      let a = x[0]
      let u = ((1 - a) * (1 - a) + b2 * b2).squareRoot()
      let v = (a * a + b1 * b1).squareRoot()
      g[0] = -gamma1 * (1 - a) / u + gamma2 * a / v
      return gamma1 * u + gamma2 * v
    }
  }
  switch name {
  case "phi1":
    return ClosureObjective(dimension: 1) { x, g in
      let a = x[0], beta = 2.0
      g[0] = (a * a - beta) / ((a * a + beta) * (a * a + beta))
      return -a / (a * a + beta)
    }
  case "phi2":
    return ClosureObjective(dimension: 1) { x, g in
      let t = x[0] + 0.004
      g[0] = 5 * pow(t, 4) - 8 * pow(t, 3)
      return pow(t, 5) - 2 * pow(t, 4)
    }
  case "phi3":
    return ClosureObjective(dimension: 1) { x, g in
      let a = x[0], beta = 0.01, l = 39.0
      let (p0, d0): (Double, Double) =
        a <= 1 - beta ? (1 - a, -1) : a >= 1 + beta ? (a - 1, 1) : ((a - 1) * (a - 1) / (2 * beta) + beta / 2, (a - 1) / beta)
      let c = 2 * (1 - beta) / (l * Double.pi)
      let w = l * Double.pi / 2
      g[0] = d0 + c * w * cos(w * a)
      return p0 + c * sin(w * a)
    }
  case "yanai-0.001-0.001": return yanai(0.001, 0.001)
  case "yanai-0.01-0.001": return yanai(0.01, 0.001)
  default: return yanai(0.001, 0.01)
  }
}

@Suite("Moré–Thuente line search")
struct MoreThuenteTests {
  @Test("matches MINPACK-2 dcsrch (SciPy) on the paper's six functions from four initial steps: step and evaluations",
        arguments: MoreThuenteReference.shared.cases)
  func paperFunctions(c: MoreThuenteReference.Case) {
    let f = moreThuenteFunction(c.function)
    let search = MoreThuenteLineSearch<Double>(c1: c.ftol, c2: c.gtol, xtol: 1e-14, maxEvaluations: 100)
    let (r, xt, gt) = lineSearch(.moreThuente(search), f, x: [0], direction: [1], initialStep: c.initialStep)
    #expect(r.failure == nil)
    #expect(abs(r.step - c.step) <= 1e-12 * c.step, "step \(r.step) vs \(c.step)")
    #expect(abs(r.value - c.value) <= 1e-12 * abs(c.value))
    #expect(abs(r.slope - c.slope) <= 1e-9 * abs(c.slope) + 1e-15)
    #expect(r.evaluations == c.evaluations)
    #expect(xt == [r.step] && gt == [r.slope])
  }

  @Test("both strong Wolfe conditions hold at the step it returns on Rosenbrock along −∇f", arguments: [0.9, 0.1])
  func strongWolfe(c2: Double) {
    let x: [Double] = [-1.2, 1]
    let g = rosenbrock2.gradient(at: x)
    let d = g.map { -$0 }
    let (r, xt, gt) = lineSearch(
      .moreThuente(MoreThuenteLineSearch(c1: 1e-4, c2: c2)), rosenbrock2, x: x, direction: d,
      initialStep: 1 / (g[0] * g[0] + g[1] * g[1]).squareRoot())
    #expect(r.failure == nil && r.accepted)
    let f0 = rosenbrock2.value(at: x)
    let slope0 = zip(g, d).reduce(0) { $0 + $1.0 * $1.1 }
    #expect(relativeError(xt, zip(x, d).map { $0 + r.step * $1 }) <= 1e-15)
    #expect(relativeError(gt, rosenbrock2.gradient(at: xt)) <= 1e-15)
    #expect(r.value <= f0 + 1e-4 * r.step * slope0)
    let slope = zip(gt, d).reduce(0) { $0 + $1.0 * $1.1 }
    #expect(abs(slope) <= c2 * abs(slope0))
  }

  @Test("the budget returns the best point with sufficient decrease, and its gradient")
  func budget() {
    // φ3 needs 12 evaluations from α₀ = 1e-3; with 4 the search stops on the best step so far.
    let f = moreThuenteFunction("phi3")
    let (r, xt, gt) = lineSearch(
      .moreThuente(MoreThuenteLineSearch(c1: 0.1, c2: 0.1, maxEvaluations: 4)), f, x: [0], direction: [1],
      initialStep: 1e-3)
    #expect(r.failure == .maxEvaluations && r.evaluations == 4 && r.accepted)
    #expect(xt == [r.step] && gt == f.gradient(at: [r.step]) && r.value == f.value(at: [r.step]))
    #expect(r.value <= f.value(at: [0]) + 0.1 * r.step * f.gradient(at: [0])[0])
  }

  @Test("the spec's defaults are the methods' own: L-BFGS-B's constants for lbfgs, strong Wolfe for bfgs")
  func spec() throws {
    let lbfgs = try #require(try OptimizerSpec(name: "lbfgs").makeSecondOrder(Double.self))
    #expect(lbfgs.settingsDescription == LBFGS<Double>().settingsDescription)
    #expect(lbfgs.settingsDescription == "lbfgs(m=10,more-thuente(c1=0.001,c2=0.9,xtol=0.1))")
    let bfgs = try #require(try OptimizerSpec(name: "bfgs").makeSecondOrder(Double.self))
    #expect(bfgs.settingsDescription == BFGS<Double>().settingsDescription)
    #expect(bfgs.settingsDescription == "bfgs(wolfe(c1=0.0001,c2=0.9))")
    let cg = try #require(
      try OptimizerSpec(name: "cg").makeSecondOrder(Double.self, settings: SecondOrderSettings(lineSearch: .moreThuente)))
    #expect(cg.settingsDescription == "cg(pr+,more-thuente(c1=0.0001,c2=0.1,xtol=1e-14))")
    #expect(LineSearchKind(rawValue: "more-thuente") == .moreThuente)
  }
}
