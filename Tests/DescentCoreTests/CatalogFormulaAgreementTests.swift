import DescentCore
import Testing

/// Each catalog function is written twice: by hand (value, gradient, Hessian) and as a
/// formula string the formula compiler differentiates symbolically. The two must agree.
@Suite("Catalog functions agree with their compiled formulas")
struct CatalogFormulaAgreementTests {
  @Test("value, gradient and Hessian at 10 seeded points", arguments: Catalog.all.map(\.name))
  func agreement(name: String) throws {
    let function = try Catalog.function(named: name)
    let dimensions = function.dimension.isVariable ? [2, 5] : [function.dimension.defaultValue]
    for n in dimensions {
      let handWritten = function.objective(dimension: n, as: Double.self)
      let compiled = try FormulaObjective<Double>(function.formula(dimension: n), variables: variables(function, n))
      #expect(compiled.dimension == n)
      var rng = SplitMix64(state: 0x5EED ^ UInt64(n))
      let window = function.window(dimension: n)
      for _ in 0..<10 {
        let x = window.map { r in r.lowerBound + Double(rng.next() >> 11) * 0x1p-53 * (r.upperBound - r.lowerBound) }
        let f1 = handWritten.value(at: x)
        let f2 = compiled.value(at: x)
        #expect(agree(f1, f2, scale: 1), "\(name) n=\(n) f at \(x): \(f1) vs \(f2)")
        let g1 = handWritten.gradient(at: x)
        let g2 = compiled.gradient(at: x)
        let gScale = max(1, g1.map(abs).max() ?? 0)
        for i in 0..<n { #expect(agree(g1[i], g2[i], scale: gScale), "\(name) n=\(n) ∂\(i) at \(x): \(g1[i]) vs \(g2[i])") }
        let h1 = handWritten.hessian(at: x)
        let h2 = compiled.hessian(at: x)
        let hScale = max(1, h1.map(abs).max() ?? 0)
        for i in 0..<(n * n) { #expect(agree(h1[i], h2[i], scale: hScale), "\(name) n=\(n) H[\(i)] at \(x)") }
      }
    }
  }

  /// The catalog's variable order: x1…xn for N-D functions, else the formula's own.
  private func variables(_ f: TestFunction, _ n: Int) -> [String]? {
    f.dimension.isVariable ? (1...n).map { "x\($0)" } : nil
  }

  /// Relative 1e-10 against the larger magnitude, or absolute 1e-10 of `scale`.
  private func agree(_ a: Double, _ b: Double, scale: Double) -> Bool {
    if a == b { return true }
    return abs(a - b) <= 1e-10 * max(abs(a), abs(b), scale)
  }
}
