import DescentCore
import Testing

@testable import DescentAnalysis

@Suite struct LanczosLargestTests {
  /// `Q diag(λ) Qᵀ` with a random orthogonal `Q` (Gram–Schmidt of Gaussian columns).
  static func matrix(eigenvalues: [Double], seed: UInt64) -> DenseSymmetricMatrix {
    let n = eigenvalues.count
    var g = GaussianGenerator(seed: seed)
    var q: [[Double]] = []
    while q.count < n {
      var v = (0..<n).map { _ in g.next() }
      for u in q {
        let c = dot(u, v)
        for i in 0..<n { v[i] -= c * u[i] }
      }
      let norm = VectorMath.norm(v)
      q.append(v.map { $0 / norm })
    }
    var a = [Double](repeating: 0, count: n * n)
    for k in 0..<n {
      for i in 0..<n {
        for j in 0..<n { a[i * n + j] += eigenvalues[k] * q[k][i] * q[k][j] }
      }
    }
    return DenseSymmetricMatrix(dimension: n, entries: a)
  }

  @Test func findsTheLargestEigenvaluesInOrder() {
    // A Hessian-like spectrum: a few outliers over a bulk near zero, some negative.
    var lambdas = (0..<120).map { Double($0 % 17) * 0.01 - 0.05 }
    lambdas[3] = 40
    lambdas[50] = 25
    lambdas[77] = 9
    lambdas[90] = -3
    let a = Self.matrix(eigenvalues: lambdas, seed: 1)
    let r = Lanczos.largestEigenvalues(of: a, count: 3, tolerance: 1e-10)
    #expect(r.converged)
    for (found, expected) in zip(r.values, [40.0, 25, 9]) {
      #expect(abs(found - expected) <= 1e-8 * 40, "\(found) vs \(expected)")
    }
    #expect(r.residualNorms.allSatisfy { $0 <= 1e-10 * 40 })
    #expect(r.iterations < 120)
    #expect(r.smallest >= -3 - 1e-9 && r.smallest < -2.9, "λmin Ritz value \(r.smallest)")
  }

  @Test func aSmallOperatorIsExhaustedExactly() {
    let a = Self.matrix(eigenvalues: [3, 1, -2], seed: 4)
    let r = Lanczos.largestEigenvalues(of: a, count: 3)
    #expect(r.converged && r.iterations <= 3)
    for (found, expected) in zip(r.values, [3.0, 1, -2]) { #expect(abs(found - expected) < 1e-12) }
  }
}

private func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
