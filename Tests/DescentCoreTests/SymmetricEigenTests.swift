import Foundation
import Testing

@testable import DescentCore

/// The golden decompositions written by `scripts/eigen_reference.py` (numpy/scipy LAPACK).
struct EigenFixture: Decodable {
  struct Dense: Decodable {
    var name: String
    var n: Int
    var matrix: [Double]
    var eigenvalues: [Double]
    var eigenvectors: [Double]
    var compareVectors: Bool
  }
  struct Tridiagonal: Decodable {
    var name: String
    var diagonal: [Double]
    var offDiagonal: [Double]
    var eigenvalues: [Double]
    var eigenvectors: [Double]
    var compareVectors: Bool
  }
  var dense: [Dense]
  var tridiagonal: [Tridiagonal]

  static let shared: EigenFixture = {
    let url = Bundle.module.url(forResource: "eigen_reference", withExtension: "json", subdirectory: "Fixtures")!
    return try! JSONDecoder().decode(EigenFixture.self, from: Data(contentsOf: url))
  }()
}

/// `max |λᵢ − μᵢ| / ‖A‖₂`: eigenvalue error relative to the matrix norm (the backward-stable bound).
private func eigenvalueError(_ a: [Double], _ b: [Double]) -> Double {
  let norm = b.map(\.magnitude).max()!
  if norm == 0 { return a.map(\.magnitude).max()! }
  return zip(a, b).map { ($0 - $1).magnitude }.max()! / norm
}

/// Distance between eigenvector columns up to sign, with the tolerance `64 ε ‖A‖ / gap`
/// (at least 1e-12) that perturbation theory allows.
private func checkVectors(
  _ name: String, n: Int, values: [Double], reference: [Double], computed: [Double]
) {
  let norm = Swift.max(values.map(\.magnitude).max()!, Double.leastNormalMagnitude)
  for k in 0..<n {
    var gap = Double.infinity
    for j in 0..<n where j != k { gap = Swift.min(gap, (values[j] - values[k]).magnitude) }
    let tolerance = Swift.max(1e-12, 64 * Double.ulpOfOne * norm / gap)
    let dot = (0..<n).reduce(0.0) { $0 + reference[$1 * n + k] * computed[$1 * n + k] }
    let sign: Double = dot < 0 ? -1 : 1
    let error = (0..<n).map { (reference[$0 * n + k] - sign * computed[$0 * n + k]).magnitude }.max()!
    #expect(error <= tolerance, "\(name): eigenvector \(k) differs by \(error) (tolerance \(tolerance))")
  }
}

@Suite("Symmetric eigensolver")
struct SymmetricEigenTests {
  @Test("Dense eigenvalues match numpy.linalg.eigh to 1e-12·‖A‖ and vectors up to sign",
        arguments: EigenFixture.shared.dense.map(\.name))
  func denseMatchesNumpy(name: String) {
    let c = EigenFixture.shared.dense.first { $0.name == name }!
    let eig = SymmetricEigen(symmetric: c.matrix, dimension: c.n)
    let error = eigenvalueError(eig.eigenvalues, c.eigenvalues)
    #expect(error <= 1e-12, "\(name): eigenvalue error \(error)·‖A‖")
    let ascending = zip(eig.eigenvalues, eig.eigenvalues.dropFirst()).allSatisfy { $0 <= $1 }
    #expect(ascending, "\(name): not ascending")
    if c.compareVectors {
      checkVectors(name, n: c.n, values: c.eigenvalues, reference: c.eigenvectors, computed: eig.eigenvectors)
    }
    // Every case, repeated eigenvalues included: A V = V Λ and VᵀV = I.
    let n = c.n
    let norm = Swift.max(eig.spectralNorm, Double.leastNormalMagnitude)
    var residual = 0.0
    var orthogonality = 0.0
    for k in 0..<n {
      for i in 0..<n {
        var av = 0.0
        for j in 0..<n { av += c.matrix[i * n + j] * eig.eigenvectors[j * n + k] }
        residual = Swift.max(residual, (av - eig.eigenvalues[k] * eig.eigenvectors[i * n + k]).magnitude / norm)
      }
      for l in 0..<n {
        var dot = 0.0
        for i in 0..<n { dot += eig.eigenvectors[i * n + k] * eig.eigenvectors[i * n + l] }
        orthogonality = Swift.max(orthogonality, (dot - (k == l ? 1 : 0)).magnitude)
      }
    }
    #expect(residual <= 16 * Double(n) * Double.ulpOfOne, "\(name): residual \(residual)")
    #expect(orthogonality <= 16 * Double(n) * Double.ulpOfOne, "\(name): orthogonality \(orthogonality)")
  }

  @Test("Tridiagonal eigenvalues, first components and vectors match scipy.linalg.eigh_tridiagonal",
        arguments: EigenFixture.shared.tridiagonal.map(\.name))
  func tridiagonalMatchesScipy(name: String) {
    let c = EigenFixture.shared.tridiagonal.first { $0.name == name }!
    let k = c.diagonal.count
    let first = SymmetricTridiagonalEigen(diagonal: c.diagonal, offDiagonal: c.offDiagonal)
    let full = SymmetricTridiagonalEigen(diagonal: c.diagonal, offDiagonal: c.offDiagonal, vectors: .all)
    #expect(eigenvalueError(first.eigenvalues, c.eigenvalues) <= 1e-12)
    #expect(eigenvalueError(full.eigenvalues, c.eigenvalues) <= 1e-12)
    #expect(first.eigenvectors.isEmpty)
    // First components alone agree with the first row of the full eigenvectors.
    for j in 0..<k {
      #expect((first.firstComponents[j] - full.eigenvectors[j]).magnitude <= 1e-13, "\(name) component \(j)")
    }
    if c.compareVectors {
      checkVectors(name, n: k, values: c.eigenvalues, reference: c.eigenvectors, computed: full.eigenvectors)
      let weights = first.firstComponents.map { $0 * $0 }
      let reference = (0..<k).map { c.eigenvectors[$0] * c.eigenvectors[$0] }
      for j in 0..<k { #expect((weights[j] - reference[j]).magnitude <= 1e-12, "\(name) weight \(j)") }
    }
    // Gauss weights sum to one.
    #expect((first.firstComponents.reduce(0) { $0 + $1 * $1 } - 1).magnitude <= 1e-13)
  }

  @Test("NaN or infinite entries give NaN results instead of trapping or hanging")
  func nonFiniteInput() {
    let eig = SymmetricEigen(symmetric: [1, .nan, .nan, 2], dimension: 2)
    #expect(!eig.isFinite)
    #expect(eig.eigenvalues.allSatisfy { $0.isNaN })
    let tri = SymmetricTridiagonalEigen(diagonal: [1, .infinity], offDiagonal: [1])
    #expect(tri.eigenvalues.allSatisfy { $0.isNaN })
  }

  @Test("A slightly unsymmetric matrix (finite-difference Hessian) is symmetrized first")
  func symmetrizes() {
    let eig = SymmetricEigen(symmetric: [2, 1 + 1e-10, 1 - 1e-10, 2], dimension: 2)
    #expect((eig.eigenvalues[0] - 1).magnitude <= 1e-15)
    #expect((eig.eigenvalues[1] - 3).magnitude <= 1e-15)
  }

  @Test("Float matrices are widened and solved in Double")
  func floatInput() {
    let eig = SymmetricEigen(symmetric: [Float(4), 0, 0, -1], dimension: 2)
    #expect(eig.eigenvalues == [-1, 4])
    #expect(eig.eigenvector(0).map(\.magnitude) == [0, 1])
  }
}
