import DescentCore
import Foundation
import Testing

@testable import DescentOptimizers

/// `x² − y²`: a saddle at the origin whose stable manifold is the x-axis.
private let saddle = ClosureObjective<Double>(dimension: 2) { x, g in
  g[0] = 2 * x[0]
  g[1] = -2 * x[1]
  return x[0] * x[0] - x[1] * x[1]
}

/// `−x² − 3y²` with its exact Hessian.
private let cap = ClosureObjective<Double>(
  dimension: 2,
  hessian: { _, h in
    h[0] = -2; h[1] = 0; h[2] = 0; h[3] = -6
  }
) { x, g in
  g[0] = -2 * x[0]
  g[1] = -6 * x[1]
  return -x[0] * x[0] - 3 * x[1] * x[1]
}

/// `x⁴` with its exact Hessian: flat at its minimum (H = 0), so the second-order test cannot
/// decide. (A finite-difference Hessian there is `4h² ≈ 1.5e-10`, the difference's own
/// truncation error, and cannot show the flatness.)
private let quartic = ClosureObjective<Double>(
  dimension: 1, hessian: { x, h in h[0] = 12 * x[0] * x[0] }
) { x, g in
  g[0] = 4 * x[0] * x[0] * x[0]
  return x[0] * x[0] * x[0] * x[0]
}

@Suite("What a run stopped at")
struct FinalPointClassificationTests {
  @Test("GD started on the stable manifold of x²−y² converges to the saddle and says so")
  func gradientDescentOnStableManifoldReportsSaddle() throws {
    let result = minimize(saddle, from: [1, 0], using: GradientDescent(learningRate: 0.1))
    #expect(result.stopReason == .gradientTolerance)
    #expect(result.x[0].magnitude < 1e-8 && result.x[1] == 0)
    let final = try #require(result.finalPoint)
    #expect(final.kind == .saddle)
    #expect(final.kind != .minimum)
    // Finite-difference Hessian of a quadratic: exact up to rounding.
    #expect((final.minEigenvalue + 2).magnitude <= 1e-8 * 2)
    #expect((final.maxEigenvalue - 2).magnitude <= 1e-8 * 2)
    #expect(!final.hessianIsExact)
    let escape = try #require(final.escapeDirection)
    #expect(escape[0].magnitude <= 1e-12)
    #expect((escape[1].magnitude - 1).magnitude <= 1e-12)
  }

  @Test("GD on the ravine 0.5x²+10y² converges to a minimum with eigenvalues 1 and 20")
  func ravineMinimum() throws {
    let result = minimize(ravine, from: [1.8, 0.5], using: GradientDescent(learningRate: 0.05),
                          options: MinimizeOptions(maxSteps: 5000))
    let final = try #require(result.finalPoint)
    #expect(final.kind == .minimum)
    #expect(final.escapeDirection == nil)
    #expect((final.eigenvalues[0] - 1).magnitude <= 1e-8)
    #expect((final.eigenvalues[1] - 20).magnitude <= 1e-8 * 20)
  }

  @Test("A run started on a maximum stops at once and reports a maximum from the exact Hessian")
  func maximumWithExactHessian() throws {
    let result = minimize(cap, from: [0, 0], using: GradientDescent(learningRate: 0.1))
    #expect(result.steps == 0)
    let final = try #require(result.finalPoint)
    #expect(final.kind == .maximum)
    #expect(final.hessianIsExact)
    #expect(final.eigenvalues == [-6, -2])
    #expect(result.evaluations.hessian == 1)
  }

  @Test("x⁴ at its flat minimum is degenerate, not a minimum the second-order test proved")
  func flatIsDegenerate() throws {
    let result = minimize(quartic, from: [0], using: GradientDescent(learningRate: 0.1))
    #expect(try #require(result.finalPoint).kind == .degenerate)
  }

  @Test("No classification when the run did not converge or when switched off")
  func notClassified() {
    let budget = minimize(saddle, from: [1, 0], using: GradientDescent(learningRate: 0.1),
                          options: MinimizeOptions(maxSteps: 3))
    #expect(budget.stopReason == .maxSteps)
    #expect(budget.finalPoint == nil)
    var options = MinimizeOptions()
    options.classifyFinalPoint = false
    let off = minimize(saddle, from: [1, 0], using: GradientDescent(learningRate: 0.1), options: options)
    #expect(off.stopReason == .gradientTolerance)
    #expect(off.finalPoint == nil)
    #expect(off.evaluations.hessian == 0)
  }

  @Test("Classified up to 100 parameters by finite differences and up to 300 with an exact Hessian")
  func dimensionLimit() {
    func bowl(_ n: Int, exact: Bool) -> ClosureObjective<Double> {
      let valueAndGradient: ClosureObjective<Double>.ValueAndGradient = { x, g in
        var s = 0.0
        for i in 0..<n { g[i] = 2 * x[i]; s += x[i] * x[i] }
        return s
      }
      if !exact { return ClosureObjective(dimension: n, valueAndGradient: valueAndGradient) }
      return ClosureObjective(
        dimension: n, hessian: { _, h in for i in 0..<n { for j in 0..<n { h[i * n + j] = i == j ? 2 : 0 } } },
        valueAndGradient: valueAndGradient)
    }
    func final(_ n: Int, exact: Bool) -> PointClassification? {
      minimize(bowl(n, exact: exact), from: [Double](repeating: 0, count: n), using: GradientDescent(learningRate: 0.1))
        .finalPoint
    }
    #expect(final(100, exact: false)?.kind == .minimum)
    #expect(final(101, exact: false) == nil)
    let classified = final(300, exact: true)
    #expect(classified?.kind == .minimum)
    #expect(classified?.eigenvalues.count == 300)
    #expect(final(301, exact: true) == nil)
  }

  @Test("The result's JSON carries finalPoint with kind, eigenvalues, minEigenvalue and escapeDirection")
  func json() throws {
    let result = minimize(saddle, from: [1, 0], using: GradientDescent(learningRate: 0.1))
    let data = try JSONEncoder().encode(result)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let final = try #require(object["finalPoint"] as? [String: Any])
    #expect(final["kind"] as? String == "saddle")
    #expect((final["eigenvalues"] as? [Double])?.count == 2)
    #expect(final["minEigenvalue"] is Double)
    #expect((final["escapeDirection"] as? [Double])?.count == 2)
    let decoded = try JSONDecoder().decode(MinimizationResult<Double>.self, from: data)
    #expect(decoded.finalPoint == result.finalPoint)
  }

  /// L-BFGS and BFGS end Biggs EXP6 at f = 5.65565e−3 with a failed line search (rounding
  /// near a stationary point): the relative gradient is ~10⁻⁹, so the point is classified,
  /// and it is the saddle of `MGHConvergenceTests.biggsSaddle`.
  @Test("A failed line search at a near-stationary point is classified: Biggs EXP6's saddle")
  func stallAtSaddle() {
    let p = MGH.BiggsEXP6()
    let options = MinimizeOptions(maxSteps: 3000, gradientTolerance: 1e-10, recordTrajectory: false)
    for optimizer in [LBFGS<Double>() as any Optimizer<Double>, BFGS<Double>()] {
      var opt = optimizer
      let r = minimize(p.objective(Double.self), from: p.standardStart, using: &opt, options: options)
      #expect(r.stopReason == .lineSearchFailed, "\(opt.name): \(r.stopReason)")
      #expect(Stationarity.isNearStationary(x: r.x, loss: r.loss, gradientNorm: r.gradientNorm))
      #expect(r.finalPoint?.kind == .saddle, "\(opt.name)")
      #expect(abs((r.finalPoint?.minEigenvalue ?? 0) + 9.803e-3) <= 1e-5)
      #expect(r.evaluations.hessian == 1)
    }
  }

  /// `|x| + y²`: L-BFGS ends on the kink x = 0, where every line search fails but the
  /// gradient is (±1, 0): no stationary point to classify.
  @Test("A failed line search away from a stationary point is not classified")
  func stallNotStationary() {
    let kink = ClosureObjective<Double>(dimension: 2) { x, g in
      g[0] = x[0] >= 0 ? 1 : -1
      g[1] = 2 * x[1]
      return abs(x[0]) + x[1] * x[1]
    }
    var opt = LBFGS<Double>()
    let r = minimize(kink, from: [1, 1], using: &opt, options: MinimizeOptions(maxSteps: 500))
    #expect(r.stopReason == .lineSearchFailed)
    #expect(r.gradientNorm >= 1)
    #expect(!Stationarity.isNearStationary(x: r.x, loss: r.loss, gradientNorm: r.gradientNorm))
    #expect(r.finalPoint == nil)
    #expect(r.evaluations.hessian == 0)
  }
}
