import DescentCore
import Testing

@Suite("Cholesky")
struct CholeskyTests {
  // A = L Lᵀ with L = [[2, 0, 0], [1, 3, 0], [−1, 2, 4]], multiplied out by hand.
  let a: [Double] = [4, 2, -2, 2, 10, 5, -2, 5, 21]
  let l: [Double] = [2, 0, 0, 1, 3, 0, -1, 2, 4]

  @Test("factors a matrix with an integer factor exactly")
  func exactFactor() throws {
    let factor = try #require(Cholesky.factor(a, dimension: 3))
    #expect(factor == l)
  }

  @Test("solves A x = b: b = A·(1, −2, 3) gives back (1, −2, 3)")
  func solve() {
    var b: [Double] = [4 - 4 - 6, 2 - 20 + 15, -2 - 10 + 63]
    l.withUnsafeBufferPointer { lp in b.withUnsafeMutableBufferPointer { Cholesky.solve(factor: lp, dimension: 3, rhs: $0) } }
    #expect(relativeError(b, [1, -2, 3]) <= 1e-15)
  }

  @Test("reports failure for indefinite, singular and non-finite matrices", arguments: [
    [1.0, 2, 2, 1], [1.0, 1, 1, 1], [1.0, 0, 0, .nan], [-1.0, 0, 0, 1],
  ])
  func failures(matrix: [Double]) {
    #expect(Cholesky.factor(matrix, dimension: 2) == nil)
  }
}
