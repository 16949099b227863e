import DescentCore
import Testing

/// Values and formula strings against the sympy transcription of the published formulas
/// (Tests/DescentCoreTests/Fixtures/catalog_reference.json, from
/// scripts/catalog_critical_points.py).
@Suite("Catalog values")
struct CatalogValueTests {
  @Test func everyFunctionHasReferenceData() {
    for f in Catalog.all {
      let dims = CatalogReference.instances(of: f.name).map(\.dimension)
      #expect(dims == testedDimensions(f), "\(f.name): fixture has dimensions \(dims)")
    }
  }

  @Test(arguments: Catalog.all.map(\.name))
  func formulaStringAndWindowMatchTheReference(name: String) throws {
    let f = try Catalog.function(named: name)
    for (n, reference) in CatalogReference.instances(of: name) {
      #expect(f.formula(dimension: n) == reference.formula)
      #expect(f.window(dimension: n).map { [$0.lowerBound, $0.upperBound] } == reference.window)
    }
  }

  /// Relative 1e-12; for values below 1 in magnitude absolute 1e-12 (terms of size ≈ 1
  /// cancel there, so only an absolute bound is meaningful).
  @Test(arguments: Catalog.all.map(\.name))
  func valuesMatchTheReference(name: String) throws {
    let f = try Catalog.function(named: name)
    for (n, reference) in CatalogReference.instances(of: name) {
      let objective = f.objective(dimension: n, as: Double.self)
      #expect(reference.samples.count >= 10)
      for sample in reference.samples {
        let value = objective.value(at: sample.x)
        #expect(close(value, sample.value, relative: 1e-12), "\(name) n=\(n) at \(sample.x): \(value) vs \(sample.value)")
        var gradient = [Double]()
        let again = objective.value(at: sample.x, gradient: &gradient)
        #expect(close(again, sample.value, relative: 1e-12), "value(at:gradient:) disagrees at \(sample.x)")
      }
    }
  }

  /// Float objectives: value within 1e-5 relative (absolute below 1) and gradient within
  /// 1e-4 of max(1, ‖∇f‖) of the Double objective at the same (Float-rounded) point.
  @Test(arguments: Catalog.all.map(\.name))
  func floatObjectivesAgreeWithDouble(name: String) throws {
    let f = try Catalog.function(named: name)
    for (n, reference) in CatalogReference.instances(of: name) {
      let single = f.objective(dimension: n, as: Float.self)
      let double = f.objective(dimension: n, as: Double.self)
      for sample in reference.samples {
        let xf = sample.x.map { Float($0) }
        let xd = xf.map { Double($0) }
        var gf = [Float](), gd = [Double]()
        let vf = single.value(at: xf, gradient: &gf)
        let vd = double.value(at: xd, gradient: &gd)
        #expect(close(Double(vf), vd, relative: 1e-5), "\(name) n=\(n) at \(xd): Float \(vf) vs Double \(vd)")
        let scale = Swift.max(1, VectorMath.norm(gd))
        let error = VectorMath.norm(zip(gf, gd).map { Double($0) - $1 })
        #expect(error <= 1e-4 * scale, "\(name) n=\(n): Float gradient off by \(error) at \(xd)")
      }
    }
  }

  @Test func publishedValuesAtKnownPoints() {
    // Spot checks straight from the papers, independent of the fixture.
    let rosenbrock = TestFunction.rosenbrock.objective()
    #expect(close(rosenbrock.value(at: [-1.2, 1]), 24.2, relative: 1e-15))  // MGH: f(x₀) = 24.2
    let wood = TestFunction.wood.objective()
    #expect(close(wood.value(at: [-3, -1, -3, -1]), 19192, relative: 1e-15))  // MGH: f(x₀) = 19192
    let powell = TestFunction.powellSingular.objective()
    #expect(close(powell.value(at: [3, -1, 0, 1]), 215, relative: 1e-15))  // MGH: f(x₀) = 215
    let freudenstein = TestFunction.freudensteinRoth.objective()
    #expect(close(freudenstein.value(at: [0.5, -2]), 400.5, relative: 1e-15))  // f₁ = 19.5, f₂ = −4.5
    let brown = TestFunction.brownBadlyScaled.objective()
    #expect(close(brown.value(at: [1, 1]), 999998000003.0, relative: 1e-15))  // (1 − 10⁶)² + (1 − 2·10⁻⁶)² + 1
  }
}
