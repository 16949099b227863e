import DescentCore
import Testing

@testable import DescentOptimizers

/// The done-when check: from the MGH standard starts, L-BFGS and BFGS (and Newton,
/// with the exact Hessian every problem here has) driven by `minimize` reach a minimum
/// value the paper prints, to relative 1e-6 (absolute 1e-10 where f* = 0). f* is the
/// paper's value located and refined to 17 digits by `scripts/mgh_reference.py`.
///
/// Where a method lands in another minimum value the paper prints, that value is accepted and
/// the test says which: all three methods reach Freudenstein–Roth's 48.9842… (not 0), and the
/// quasi-Newton methods reach Biggs EXP6's 5.65565e−3 (not 0), which is not a minimum of the
/// 6-variable function but a saddle (see `biggsSaddle`); Newton leaves it for f = 0.
///
/// Left out: Meyer (BFGS needs > 10⁴ steps; L-BFGS reaches f* but slowly in debug builds)
/// and the trigonometric function at n = 10, where all methods end at 2.79506e−5, a local
/// minimum the paper does not print.
@Suite("MGH done-when: Newton, BFGS and L-BFGS reach the published minima")
struct MGHConvergenceTests {
  static let required = [
    "rosenbrock", "freudenstein-roth", "powell-badly-scaled", "brown-badly-scaled", "beale",
    "jennrich-sampson", "helical-valley", "bard", "gaussian", "box3d", "powell-singular", "wood",
    "kowalik-osborne", "biggs-exp6", "watson", "extended-rosenbrock", "penalty1", "variably-dimensioned",
    "brown-almost-linear", "broyden-tridiagonal",
  ]
  static let further = [
    "brown-dennis", "osborne1", "osborne2", "extended-powell-singular", "penalty2",
    "discrete-boundary-value", "discrete-integral-equation", "broyden-banded", "linear-full-rank", "chebyquad",
  ]
  static let all = required + further

  static let options = MinimizeOptions(maxSteps: 3000, gradientTolerance: 1e-10, recordTrajectory: false)

  /// The published minimum `value` reaches, if any.
  static func reached(_ value: Double, _ problem: String) -> MGHReference.Minimum? {
    MGHReference.problem(problem).minima.first { m in
      m.value == 0 ? abs(value) <= 1e-10 : abs(value - m.value) <= 1e-6 * abs(m.value)
    }
  }

  func run(_ name: String, _ optimizer: any Optimizer<Double>) throws -> MinimizationResult<Double> {
    let p = try #require(MGH.named(name))
    var opt = optimizer
    let result = minimize(p.anyObjective(Double.self), from: p.standardStart, using: &opt, options: Self.options)
    let minimum = Self.reached(result.loss, name)
    #expect(minimum != nil, "\(optimizer.name) on \(name): f = \(result.loss) after \(result.steps) steps (\(result.stopReason))")
    // A run ends on the gradient test, or where rounding stops the line search at the minimum.
    #expect(result.stopReason == .gradientTolerance || result.stopReason == .lineSearchFailed,
            "\(optimizer.name) on \(name): \(result.stopReason)")
    return result
  }

  @Test("L-BFGS (m = 10, Moré–Thuente) reaches f*", arguments: all)
  func lbfgs(name: String) throws {
    let r = try run(name, LBFGS<Double>())
    if name == "freudenstein-roth" { #expect(abs(r.loss - 48.98425367924) <= 1e-8) }  // the local minimum
    if name == "biggs-exp6" { #expect(abs(r.loss - 5.6556499254999e-3) <= 1e-12) }  // the saddle (see biggsSaddle)
  }

  @Test("BFGS (strong Wolfe) reaches f*", arguments: all)
  func bfgs(name: String) throws {
    _ = try run(name, BFGS<Double>())
  }

  @Test("Newton (exact Hessian, eigenvalue modification + negative curvature) reaches f*", arguments: all)
  func newton(name: String) throws {
    _ = try run(name, Newton<Double>())
  }

  /// Newton follows the symmetric subspace to the saddle of `biggsSaddle`, leaves it along
  /// the negative-curvature direction and ends at the global minimum f = 0, x* = (1, 10, 1,
  /// 5, 4, 3) (the two exponentials with rates 1 and 4 in either order).
  @Test("Newton leaves Biggs EXP6's saddle at 5.65565e−3 for the global minimum f = 0")
  func newtonBiggs() throws {
    let p = MGH.BiggsEXP6()
    var opt = Newton<Double>()
    let r = minimize(p.objective(Double.self), from: p.standardStart, using: &opt, options: Self.options)
    #expect(r.stopReason == .gradientTolerance && r.loss <= 1e-20, "f = \(r.loss), \(r.stopReason)")
    #expect(opt.negativeCurvatureSteps >= 1)
    let rates = [r.x[0], r.x[4]].sorted()
    #expect(abs(rates[0] - 1) <= 1e-6 && abs(rates[1] - 4) <= 1e-6 && abs(r.x[1] - 10) <= 1e-6, "\(r.x)")
    #expect(r.steps <= 100 && r.evaluations.objective <= 300, "\(r.steps) steps, \(r.evaluations)")
    #expect(r.finalPoint?.kind != .saddle)
  }

  @Test("Newton with a finite-difference Hessian reaches f* on the smooth small problems",
        arguments: ["rosenbrock", "beale", "helical-valley", "bard", "wood", "watson", "penalty1", "broyden-tridiagonal"])
  func newtonFiniteDifference(name: String) throws {
    let p = try #require(MGH.named(name))
    let exact = p.anyObjective(Double.self)
    // The same function with only value and gradient: the Hessian comes from differences.
    let gradientOnly = ClosureObjective<Double>(dimension: p.dimension) { x, g in exact.value(at: x, gradient: g) }
    #expect(!gradientOnly.hasExactHessian)
    var opt = Newton<Double>()
    let r = minimize(gradientOnly, from: p.standardStart, using: &opt, options: Self.options)
    #expect(Self.reached(r.loss, name) != nil, "\(name): \(r.loss)")
  }

  /// Biggs EXP6's standard start lies on x₁ = x₅, x₃ = x₆, a subspace that the symmetry of
  /// `f` under swapping its first and third exponentials preserves: on it, gradient steps
  /// stay on it, and the quasi-Newton methods end at its minimum, f = 5.65565e−3. That point
  /// is a saddle of the full function: the Hessian has λmin ≈ −9.8e−3 along e₁ − e₅ (pulling
  /// the two equal decay rates apart lowers f), so `minimize` must call it a saddle, never a
  /// minimum, and the escape direction is antisymmetric.
  @Test("Biggs EXP6's 5.65565e−3 from the standard start is a saddle of the 6-variable function")
  func biggsSaddle() throws {
    let p = MGH.BiggsEXP6()
    let r = minimize(p.objective(Double.self), from: p.standardStart, using: LBFGS<Double>(), options: Self.options)
    #expect(abs(r.loss - 5.6556499254999e-3) <= 1e-12)
    #expect(r.x[0] == r.x[4] && r.x[2] == r.x[5])
    let point = try #require(p.objective(Double.self).classifyPoint(at: r.x))
    #expect(point.kind == .saddle)
    #expect(abs(point.minEigenvalue + 9.803e-3) <= 1e-5, "\(point.minEigenvalue)")
    let v = try #require(point.escapeDirection)
    #expect(abs(abs(v[0]) - 0.5.squareRoot()) <= 1e-6 && abs(v[0] + v[4]) <= 1e-6, "\(v)")
  }
}
