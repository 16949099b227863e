import DescentCore
import Testing

/// Hand-written gradients and Hessians against finite differences.
@Suite("Catalog derivatives")
struct CatalogDerivativeTests {
  /// `checkGradient` at 20 seeded random points in the window (relative 1e-6, absolute
  /// for components below 1; see `GradientCheck.Entry.relativeError`).
  @Test(arguments: Catalog.all.map(\.name))
  func gradientMatchesCentralDifferences(name: String) throws {
    let f = try Catalog.function(named: name)
    for n in testedDimensions(f) {
      let objective = f.objective(dimension: n, as: Double.self)
      for x in randomPoints(in: f.window(dimension: n), count: 20, seed: seed(for: name) &+ UInt64(n)) {
        let check = objective.checkGradient(at: x, tolerance: 1e-6)
        #expect(check.passed, "\(name) n=\(n) at \(x): max relative error \(check.maxRelativeError)")
      }
    }
  }

  /// The exact Hessian against central differences of the exact gradient, entry by entry
  /// within 1e-6 · max(1, max|H|), and exactly symmetric to 1e-12 · max(1, max|H|).
  @Test(arguments: Catalog.all.map(\.name))
  func hessianMatchesDifferencesOfTheGradientAndIsSymmetric(name: String) throws {
    let f = try Catalog.function(named: name)
    for n in testedDimensions(f) {
      let objective = f.objective(dimension: n, as: Double.self)
      for x in randomPoints(in: f.window(dimension: n), count: 20, seed: seed(for: name) &+ 100 &+ UInt64(n)) {
        let exact = objective.hessian(at: x)
        var numeric = [Double](repeating: 0, count: n * n)
        x.withUnsafeBufferPointer { xp in
          numeric.withUnsafeMutableBufferPointer { FiniteDifference.hessian(of: objective, at: xp, into: $0) }
        }
        let scale = Swift.max(1, exact.map(\.magnitude).max() ?? 0)
        let worst = zip(exact, numeric).map { ($0 - $1).magnitude }.max() ?? 0
        #expect(worst <= 1e-6 * scale, "\(name) n=\(n) at \(x): Hessian off by \(worst) (scale \(scale))")
        for i in 0..<n {
          for j in 0..<n {
            #expect((exact[i * n + j] - exact[j * n + i]).magnitude <= 1e-12 * scale, "\(name): H not symmetric")
          }
        }
        // The default HVP multiplies by the exact Hessian.
        let v = (0..<n).map { Double($0 + 1) }
        let hv = objective.hessianVectorProduct(at: x, direction: v)
        for i in 0..<n {
          let expected = (0..<n).reduce(0.0) { $0 + exact[i * n + $1] * v[$1] }
          #expect(close(hv[i], expected, relative: 1e-12, floor: scale))
        }
      }
    }
  }

  @Test func ackleyOriginHasZeroGradientAndTheSmoothTermsHessian() {
    for n in [1, 2, 5] {
      let ackley = TestFunction.ackley.objective(dimension: n, as: Double.self)
      let origin = [Double](repeating: 0, count: n)
      var gradient = [Double]()
      #expect(ackley.value(at: origin, gradient: &gradient) == 0)
      #expect(gradient.allSatisfy { $0 == 0 })
      let h = ackley.hessian(at: origin)
      let expected = Double.exp(1) * 4 * Double.pi * Double.pi / Double(n)
      for i in 0..<n {
        for j in 0..<n { #expect(close(h[i * n + j], i == j ? expected : 0, relative: 1e-14)) }
      }
      // Off the origin the value keeps full relative accuracy (no cancellation).
      let tiny = [Double](repeating: 1e-12, count: n)
      let f = ackley.value(at: tiny)
      // f ≈ a·b·r + e·(2/n)·Σ π²xᵢ² = 4e-12 to first order
      #expect(close(f, 4e-12, relative: 1e-6))
    }
  }

  @Test func gradientBufferIsOverwrittenNotAccumulated() {
    // Rosenbrock accumulates into g[i]; a stale caller buffer must not leak into the result.
    let f = Catalog.Rosenbrock<Double>(dimension: 4)
    let x: [Double] = [1, 1, 1, 1]
    var g = [Double](repeating: 9, count: 4)
    let value = x.withUnsafeBufferPointer { xp in g.withUnsafeMutableBufferPointer { f.value(at: xp, gradient: $0) } }
    #expect(value == 0)
    #expect(g == [0, 0, 0, 0])
  }
}
