import Foundation
import Testing

@testable import DescentCore

/// One case of `Fixtures/formula_reference.json` (written by `scripts/formula_reference.py`
/// with sympy).
private struct ReferenceCase: Decodable {
  var formula: String
  var variables: [String]
  var point: [Double]
  var value: Double
  var gradient: [Double]
  var hessian: [[Double]]
}

private struct ReferenceFile: Decodable {
  var source: String
  var cases: [ReferenceCase]
}

@Suite("Formula values and derivatives against sympy")
struct FormulaReferenceTests {
  private static func load() throws -> ReferenceFile {
    let url = try #require(
      Bundle.module.url(forResource: "formula_reference", withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(ReferenceFile.self, from: Data(contentsOf: url))
  }

  @Test("Value, gradient and Hessian match sympy to 1e-12 relative")
  func matchesSympy() throws {
    let file = try Self.load()
    #expect(file.cases.count >= 20)
    for c in file.cases {
      let f = try FormulaObjective<Double>(c.formula)
      #expect(f.variables == c.variables, "\(c.formula)")
      let n = f.dimension
      // Entries whose reference is zero must come out zero (or below 1e-12 of the case's
      // largest entry, for zeros that arise from cancellation).
      let scale = 1e-300
      #expect(relativeError(f.value(at: c.point), c.value, floor: scale) <= 1e-12, "\(c.formula): value")
      let gradient = f.gradient(at: c.point)
      let hessian = f.hessian(at: c.point)
      for i in 0..<n {
        #expect(
          relativeError(gradient[i], c.gradient[i], floor: scale) <= 1e-12,
          "\(c.formula): ∂/∂\(c.variables[i]) = \(gradient[i]), sympy \(c.gradient[i])")
        for j in 0..<n {
          #expect(
            relativeError(hessian[i * n + j], c.hessian[i][j], floor: scale) <= 1e-12,
            "\(c.formula): H[\(i)][\(j)] = \(hessian[i * n + j]), sympy \(c.hessian[i][j])")
        }
      }
    }
  }
}
