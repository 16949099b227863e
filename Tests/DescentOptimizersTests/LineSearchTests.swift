import DescentCore
import Testing

@testable import DescentOptimizers

/// Runs a line search on arrays (tests only).
func lineSearch<O: Objective>(
  _ method: LineSearchMethod<Double>, _ f: O, x: [Double], direction d: [Double], initialStep: Double = 1
) -> (LineSearchResult<Double>, point: [Double], gradient: [Double]) where O.Scalar == Double {
  let n = x.count
  var g = [Double](repeating: 0, count: n)
  let f0 = f.value(at: x, gradient: &g)
  var xt = [Double](repeating: 0, count: n)
  var gt = [Double](repeating: 0, count: n)
  var scratch = [Double](repeating: 0, count: n)
  let r = x.withUnsafeBufferPointer { xp in
    g.withUnsafeBufferPointer { gp in
      d.withUnsafeBufferPointer { dp in
        xt.withUnsafeMutableBufferPointer { xtp in
          gt.withUnsafeMutableBufferPointer { gtp in
            scratch.withUnsafeMutableBufferPointer { sp in
              method.search(
                objective: f, from: xp, value: f0, gradient: gp, direction: dp, initialStep: initialStep,
                trialPoint: xtp, trialGradient: gtp, scratch: sp)
            }
          }
        }
      }
    }
  }
  return (r, xt, gt)
}

let rosenbrock2 = MGH.Rosenbrock().objective(Double.self)

@Suite("Line searches")
struct LineSearchTests {
  @Test("strong Wolfe on Rosenbrock along −∇f from (−1.2, 1): both conditions hold at the step it returns",
        arguments: [0.9, 0.1])
  func strongWolfeConditions(c2: Double) {
    let x: [Double] = [-1.2, 1]
    let g = rosenbrock2.gradient(at: x)
    let d = g.map { -$0 }
    let search = StrongWolfeLineSearch<Double>(c1: 1e-4, c2: c2)
    let (r, xt, gt) = lineSearch(.strongWolfe(search), rosenbrock2, x: x, direction: d)
    #expect(r.failure == nil && r.accepted)
    let f0 = rosenbrock2.value(at: x)
    let slope0 = zip(g, d).reduce(0) { $0 + $1.0 * $1.1 }
    let expectedPoint = zip(x, d).map { $0 + r.step * $1 }
    #expect(relativeError(xt, expectedPoint) <= 1e-15)
    #expect(abs(rosenbrock2.value(at: xt) - r.value) <= 1e-15 * abs(r.value))
    #expect(relativeError(gt, rosenbrock2.gradient(at: xt)) <= 1e-15)
    #expect(r.value <= f0 + 1e-4 * r.step * slope0)
    let slope = zip(gt, d).reduce(0) { $0 + $1.0 * $1.1 }
    #expect(abs(slope - r.slope) <= 1e-12 * abs(slope0))
    #expect(abs(slope) <= c2 * abs(slope0))
    #expect(r.evaluations <= 10)
  }

  @Test("strong Wolfe with small c2 finds the exact minimizer along a quadratic: α* = gᵀg / gᵀHg")
  func quadraticExactStep() {
    // f = ½x² + 10y², H = diag(1, 20), from (1.8, 0.5) along −∇f = (−1.8, −10).
    let x: [Double] = [1.8, 0.5]
    let d: [Double] = [-1.8, -10]
    let alphaStar = (1.8 * 1.8 + 100) / (1.8 * 1.8 + 20 * 100)
    let (r, _, _) = lineSearch(.strongWolfe(StrongWolfeLineSearch(c1: 1e-4, c2: 1e-3)), ravine, x: x, direction: d)
    #expect(r.failure == nil)
    #expect(abs(r.step - alphaStar) <= 1e-12 * alphaStar, "step \(r.step) vs \(alphaStar)")
  }

  @Test("strong Wolfe extrapolates when the first trial is far too short")
  func extrapolates() {
    let (r, _, _) = lineSearch(
      .strongWolfe(StrongWolfeLineSearch(c1: 1e-4, c2: 0.1)), ravine, x: [1.8, 0.5], direction: [-1.8, -10],
      initialStep: 1e-6)
    #expect(r.failure == nil && r.step > 1e-3)
  }

  @Test("an uphill direction is refused without evaluating")
  func notDescent() {
    for method in [LineSearchMethod<Double>.strongWolfe(.init()), .backtracking(.init()), .moreThuente(.init())] {
      let (r, _, _) = lineSearch(method, ravine, x: [1.8, 0.5], direction: [1.8, 10])
      #expect(r.failure == .notDescentDirection && r.step == 0 && r.evaluations == 0)
    }
  }

  @Test("backtracking on x² from 1 along −4: quadratic interpolation lands on 0 (α = 0.25) in 2 evaluations")
  func backtrackingInterpolates() {
    let (r, xt, _) = lineSearch(.backtracking(BacktrackingLineSearch()), square, x: [1], direction: [-4])
    #expect(r.failure == nil && r.step == 0.25 && r.evaluations == 2 && xt == [0])
    let (halving, _, _) = lineSearch(
      .backtracking(BacktrackingLineSearch(interpolate: false)), square, x: [1], direction: [-4])
    #expect(halving.step == 0.25 && halving.evaluations == 3)  // 1 → 0.5 (f = 1, rejected) → 0.25
  }

  @Test("non-finite values count as too far: both searches come back with a finite point")
  func nonFiniteTrials() {
    // f = x² for |x| < 2, +∞ beyond.
    let walled = ClosureObjective<Double>(dimension: 1) { x, g in
      g[0] = 2 * x[0]
      return abs(x[0]) < 2 ? x[0] * x[0] : .infinity
    }
    for method in [LineSearchMethod<Double>.strongWolfe(.init(c2: 0.5)), .backtracking(.init()), .moreThuente(.init(c2: 0.5))] {
      let (r, xt, _) = lineSearch(method, walled, x: [1.5], direction: [-100])
      #expect(r.accepted && r.value.isFinite && abs(xt[0]) < 2, "\(method.kind)")
    }
  }

  @Test("a function that only increases along d after rounding ends in roundingLimit or maxEvaluations")
  func noProgress() {
    // f(x) = x² + 1e-30·sign trick: the gradient claims descent along +x but f rises.
    let liar = ClosureObjective<Double>(dimension: 1) { x, g in
      g[0] = -1
      return x[0] * x[0] + 1
    }
    for method in [LineSearchMethod<Double>.strongWolfe(.init()), .backtracking(.init()), .moreThuente(.init())] {
      let (r, _, _) = lineSearch(method, liar, x: [0], direction: [1])
      #expect(!r.accepted)
      #expect(r.failure == .roundingLimit || r.failure == .maxEvaluations)
    }
  }
}
